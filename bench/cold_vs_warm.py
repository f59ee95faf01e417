#!/usr/bin/env python3
"""Benchmark: a cold run (every configuration made from scratch: the build
Python, then native, wasi, emscripten-node and emscripten-browser configured
with CPython's own configure, then every unit parsed) against a warm run of
the same command (configured folders and facts cache filled); prints the
ratio (absolute times vary between machines).

Usage: python3 bench/cold_vs_warm.py [VERSION] [-j N] [--tool EXE]   (default 3.13, -j 2)

The cold run uses a new cache folder that shares only the downloaded CPython
sources, so it also measures `configure`. It takes about 7 minutes
on a 2-core machine.
"""
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from recall import CACHE, ROOT, timed, version_and_jobs  # noqa: E402

TOOL = os.path.join(ROOT, "build", "wasm-gapscan")


def main():
    global TOOL
    opts, src = version_and_jobs()
    TOOL = opts.tool
    print(f"{TOOL}")
    fresh = tempfile.mkdtemp(prefix="gapscan-cold-")
    os.symlink(os.path.join(CACHE, "cpython"), os.path.join(fresh, "cpython"))
    env = dict(os.environ, WASM_GAPSCAN_CACHE=fresh)
    cmd = [TOOL, "scan", "--source", src, "-j", str(opts.j), "--format", "json",
           "-o", os.path.join(fresh, "gap.json")]
    quiet = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cold, cold_rss = timed(cmd, env=env, **quiet)
    warm, warm_rss = timed(cmd, env=env, **quiet)
    configured = sorted(d for d in os.listdir(os.path.join(fresh, "builds")))
    print(f"CPython {opts.version}, -j {opts.j}, `wasm-gapscan scan` over all targets")
    print(f"configured from scratch: {', '.join(configured)}")
    print(f"{'run':6} {'wall s':>8} {'peak RSS MiB':>12}")
    print(f"{'cold':6} {cold:8.1f} {cold_rss / 1024:12.0f}")
    print(f"{'warm':6} {warm:8.1f} {warm_rss / 1024:12.0f}")
    print(f"warm/cold: {warm / cold:.4f}")
    shutil.rmtree(fresh, ignore_errors=True)


if __name__ == "__main__":
    main()
