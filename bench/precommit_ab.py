#!/usr/bin/env python3
"""Benchmark: two builds of the tool (say, before and after a refactor) on
the pre-commit hook, interleaved in one run; prints each one's median and
the ratio new/old.

Usage: python3 bench/precommit_ab.py OLD_EXE NEW_EXE [VERSION] [-n 8]

Each executable gets a cache folder of its own (sharing only the configured
builds and the sources): two builds with different cache versions would
otherwise delete each other's facts on every run. Each is warmed with a full
scan (reference native + wasi), then the runs alternate old, new, old, ...,
each after an edit of Modules/_bisectmodule.c that changes its facts (lines
inserted at the top move every line), so both configurations are linked
again, as in bench/scaling.py's "one file, facts changed".
"""
import argparse
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from recall import CACHE, ROOT, die, fresh_cache, run  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("version", nargs="?", default="3.13")
    ap.add_argument("-n", type=int, default=8)
    opts = ap.parse_args()
    tools = {"old": opts.old, "new": opts.new}
    for name, exe in tools.items():
        if not os.access(exe, os.X_OK):
            die(f"{name} executable {exe} is not executable; pass two wasm-gapscan builds")
    src = run([f"{ROOT}/scripts/fetch-cpython.sh", opts.version],
              stdout=subprocess.PIPE).stdout.strip().splitlines()[-1]
    scratch = os.path.join(CACHE, "precommit-scratch", os.path.basename(src))
    if not os.path.isdir(scratch):
        shutil.copytree(src, scratch, symlinks=True)
    bisect = os.path.join(scratch, "Modules", "_bisectmodule.c")
    original = open(bisect, "rb").read()
    envs, times, folders = {}, {name: [] for name in tools}, []
    quiet = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for name, exe in tools.items():
            folder = fresh_cache(f"gapscan-ab-{name}-")
            folders.append(folder)
            envs[name] = dict(os.environ, WASM_GAPSCAN_CACHE=folder)
            subprocess.run([exe, "scan", "--source", scratch, "--target", "wasi", "-j", "2",
                            "-o", os.devnull], env=envs[name], check=True, **quiet)
        for i in range(opts.n):
            for name, exe in tools.items():
                open(bisect, "wb").write(b"/* moved */\n" * (i + 1) + original)
                start = time.monotonic()
                p = subprocess.run([exe, "precommit", "--source", scratch, "--target", "wasi",
                                    "-j", "2", "Modules/_bisectmodule.c"], env=envs[name], **quiet)
                times[name].append(time.monotonic() - start)
                if p.returncode not in (0, 1):
                    die(f"{exe} precommit failed (rc={p.returncode})")
    finally:
        open(bisect, "wb").write(original)
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
    median = {name: sorted(t)[len(t) // 2] for name, t in times.items()}
    print(f"precommit, one file, facts changed (reference native + wasi, -j 2, "
          f"{opts.n} interleaved runs each)")
    for name, exe in tools.items():
        t = times[name]
        print(f"{name}: {exe}: median {median[name]:.2f} s (runs {min(t):.2f}-{max(t):.2f} s)")
    print(f"new/old {median['new'] / median['old']:.2f}")


if __name__ == "__main__":
    main()
