#!/usr/bin/env python3
"""Integration test: the reports are byte-identical across runs, across -j
values, and from a cold vs a warm facts cache (real CPython 3.13, native vs
wasi).

Runs, all with the same configured folders:
  1. cold: a fresh facts cache (a cache folder whose builds/ and cpython/
     point at the real ones, so configuration is shared but no facts are),
     -j 2;
  2. warm: the same cache again, -j 2 (every unit and the link result
     from the cache);
  3. relink: the link cache removed, -j 2 (facts decoded from the cache and
     linked again);
  4. -j 1, warm;
  5. --no-cache, -j 2 (no cache read or written).
Each run writes the gap JSON and the docs-check JSON; all must be equal.
"""
import filecmp
import glob
import os
import shutil
import subprocess
import sys
import tempfile

from common import CACHE, SCRIPTS, TOOL, check, fetch, finish


def main():
    src = fetch("3.13")
    # Make sure the configured folders exist before sharing them.
    for target in ("native", "wasi"):
        subprocess.run([f"{SCRIPTS}/configure-target.sh", target, src], check=True,
                       stdout=subprocess.DEVNULL)
    cold = tempfile.mkdtemp()
    for shared in ("builds", "cpython", "wasi-sysroot"):
        if os.path.exists(os.path.join(CACHE, shared)):
            os.symlink(os.path.join(CACHE, shared), os.path.join(cold, shared))
    out = tempfile.mkdtemp()
    runs = [("cold", cold, ["-j", "2"]), ("warm", cold, ["-j", "2"]),
            ("relink", cold, ["-j", "2"]), ("j1", cold, ["-j", "1"]),
            ("nocache", cold, ["-j", "2", "--no-cache"])]
    for name, cache, flags in runs:
        env = dict(os.environ, WASM_GAPSCAN_CACHE=cache)
        for command, fmt in (("scan", "json"), ("check-docs", "json")):
            if name == "relink":
                for links in glob.glob(os.path.join(cold, "link-v*")):
                    shutil.rmtree(links)
            path = os.path.join(out, f"{name}-{command}.json")
            p = subprocess.run([TOOL, command, "--source", src, "--target", "wasi",
                                "--scripts-dir", SCRIPTS, "--format", fmt, "-o", path, *flags],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            check(p.returncode in (0, 1) and os.path.getsize(path) > 1000,
                  f"{name} {command} ran (rc={p.returncode})")
    check(glob.glob(os.path.join(cold, "link-v*", "*.link")),
          "the runs filled the link cache")
    # One folder per tool build (collect/FactsCache.h): this tool's.
    facts = (glob.glob(os.path.join(cold, "facts-v*", "tool-*")) or [os.path.join(cold, "facts")])[0]
    check(os.path.isdir(facts) and len(os.listdir(facts)) > 300,
          f"the cold run filled the facts cache ({len(os.listdir(facts)) if os.path.isdir(facts) else 0} entries)")
    for command in ("scan", "check-docs"):
        base = os.path.join(out, f"cold-{command}.json")
        for name in ("warm", "relink", "j1", "nocache"):
            other = os.path.join(out, f"{name}-{command}.json")
            check(filecmp.cmp(base, other, shallow=False),
                  f"{command}: {name} is byte-identical to cold")
    finish("determinism")


if __name__ == "__main__":
    main()
