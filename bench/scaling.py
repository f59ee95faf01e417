#!/usr/bin/env python3
"""Benchmark: how time grows with the number of translation units and of
targets, and what a one-file change costs through `precommit`; prints
ratios measured in one run (absolute times vary between machines).

Usage: python3 bench/scaling.py [VERSION] [-j N] [--tool EXE] [--only PART]
       (default 3.13, -j 2, build/wasm-gapscan, all three parts)

  * units: `items --no-cache` on the native configuration restricted (through
    a compile_commands.json in a copy of the configured folder) to 1/8, 1/4,
    1/2 and all of its units, in a fixed shuffled order;
  * targets: `scan` with 1, 2 and 3 targets besides the reference, warm
    facts cache and without it;
  * precommit: in a git copy of the sources (the one
    tests/integration/test_precommit.py keeps under the cache), the hook with
    nothing changed, then after one-file edits of Modules/_bisectmodule.c
    that keep its facts (a comment appended) and that change them (lines
    inserted at the top), against a warm full scan of the same targets.
"""
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from recall import CACHE, ROOT, configure, timed, version_and_jobs  # noqa: E402
import targets as target_table  # noqa: E402

TOOL = os.path.join(ROOT, "build", "wasm-gapscan")
EDITS = 5  # one-file edits of each kind in the precommit section
QUIET = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def units(src, j):
    native, why = configure("native", src)
    if native is None:
        sys.exit(f"scaling: native: {why}")
    tmp = tempfile.mkdtemp()
    cc = os.path.join(tmp, "cc.json")
    timed([TOOL, "items", "--source", src, "--build", native, "-j", str(j), "-o", os.devnull,
           "--emit-compile-commands", cc], **QUIET)
    commands = json.load(open(cc))
    random.Random(5).shuffle(commands)
    rows = []
    for frac in (8, 4, 2, 1):
        part = commands[: max(1, len(commands) // frac)]
        build = os.path.join(tmp, f"part{frac}")
        shutil.copytree(native, build, symlinks=True)
        with open(os.path.join(build, "compile_commands.json"), "w") as f:
            json.dump(part, f)
        wall, rss = timed([TOOL, "items", "--source", src, "--build", build, "-j", str(j),
                           "--no-cache", "-o", os.devnull], **QUIET)
        rows.append((len(part), wall, rss))
    shutil.rmtree(tmp, ignore_errors=True)
    full = rows[-1]
    print(f"\nunits (native, --no-cache, -j {j}):")
    print(f"{'units':>6} {'wall s':>7} {'s/unit':>7} {'x full':>7} {'peak RSS MiB':>12}")
    for n, w, r in rows:
        print(f"{n:6d} {w:7.1f} {w / n:7.3f} {w / full[1]:7.2f} {r / 1024:12.0f}")


def targets(src, j):
    wasm = target_table.wasm_names()
    sets = [wasm[:n] for n in range(1, len(wasm) + 1)]
    rows = []
    for ts in sets:
        cmd = [TOOL, "scan", "--source", src, "-j", str(j), "-o", os.devnull]
        for t in ts:
            cmd += ["--target", t]
        timed(cmd, **QUIET)  # fill the facts cache
        warm, rss = timed(cmd, **QUIET)
        cold, _ = timed(cmd + ["--no-cache"], **QUIET)
        rows.append((len(ts), warm, cold, rss))
    print(f"\ntargets (`scan`, reference native + N targets, -j {j}):")
    print(f"{'N':>3} {'warm s':>7} {'x N=1':>6} {'no-cache s':>10} {'x N=1':>6} {'peak RSS MiB':>12}")
    for n, w, c, r in rows:
        print(f"{n:3d} {w:7.1f} {w / rows[0][1]:6.2f} {c:10.1f} {c / rows[0][2]:6.2f} "
              f"{r / 1024:12.0f}")


def precommit(src, j):
    scratch = os.path.join(CACHE, "precommit-scratch", os.path.basename(src))
    if not os.path.isdir(scratch):
        shutil.copytree(src, scratch, symlinks=True)
    bisect = os.path.join(scratch, "Modules", "_bisectmodule.c")
    original = open(bisect, "rb").read()
    hook = [TOOL, "precommit", "--source", scratch, "--target", "wasi", "-j", str(j)]
    full = [TOOL, "scan", "--source", scratch, "--target", "wasi", "-j", str(j),
            "-o", os.devnull]
    try:
        timed(full, **QUIET)  # warm every cache for this checkout
        scan, _ = timed(full, **QUIET)
        nothing, _ = timed(hook + ["Modules/_bisectmodule.c"], ok=(0, 1), **QUIET)
        # Two kinds of one-file edit: one that leaves the file's facts as
        # they were (a comment appended: the link results are reused), and
        # one that changes them (lines inserted at the top move every line:
        # both configurations are linked again). Each run's edit differs
        # from the last, so no run finds the previous run's result.
        # Five of each: this machine's run-to-run spread (about 0.1 s on a
        # 0.9 s run) makes a median of three move by as much.
        kept, moved = [], []
        for i in range(EDITS):
            open(bisect, "wb").write(original + f"\n/* change {i} {time.time()} */\n".encode())
            kept.append(timed(hook + ["Modules/_bisectmodule.c"], ok=(0, 1), **QUIET)[0])
        for i in range(EDITS):
            open(bisect, "wb").write(b"/* moved */\n" * (i + 1) + original)
            moved.append(timed(hook + ["Modules/_bisectmodule.c"], ok=(0, 1), **QUIET)[0])
    finally:
        open(bisect, "wb").write(original)
    print(f"\nprecommit (reference native + wasi, -j {j}; medians of {EDITS} edits):")
    print(f"warm full scan                   {scan:6.2f} s")
    print(f"hook, nothing changed            {nothing:6.2f} s   x scan {nothing / scan:.2f}")
    for label, times in (("one file, facts unchanged", kept), ("one file, facts changed", moved)):
        t = sorted(times)[len(times) // 2]
        print(f"hook, {label:26} {t:6.2f} s   x scan {t / scan:.2f}   "
              f"(goal 1 s: {t:.2f}x of it; runs {min(times):.2f}-{max(times):.2f} s)")


def main():
    global TOOL
    opts, src = version_and_jobs(
        ("--only", dict(choices=("units", "targets", "precommit"),
                        help="run one of the three parts")))
    TOOL = opts.tool
    print(f"CPython {opts.version}, {TOOL}")
    for name, part in (("units", units), ("targets", targets), ("precommit", precommit)):
        if opts.only in (None, name):
            part(src, opts.j)


if __name__ == "__main__":
    main()
