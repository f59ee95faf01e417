#!/usr/bin/env python3
"""Benchmark: the scan of every stdlib C module per target against the parse
floor, and the facts cache cold vs warm, measured in one run; prints ratios
(absolute times vary between machines).

Usage: python3 bench/scan_vs_floor.py [VERSION] [-j N] [--tool EXE]
       (default 3.13, -j 2, build/wasm-gapscan; --tool measures another build,
       e.g. the one before a refactor, in the same session)

Per target (native, wasi, emscripten-node, emscripten-browser; a target that
cannot be configured here is skipped):
  * scan: `wasm-gapscan items --no-cache` (every unit through the Clang pass,
    then linking), wall time and peak RSS;
  * floor: `clang-19 -fsyntax-only` over the same files with the same flags
    (the commands the scan wrote with --emit-compile-commands), N at a time;
  * cold / warm: `items` with an empty facts cache, then again.
"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from recall import ROOT, configure, fresh_cache, parse_floor, timed, version_and_jobs  # noqa: E402
import targets  # noqa: E402

TOOL = os.path.join(ROOT, "build", "wasm-gapscan")


def main():
    global TOOL
    opts, src = version_and_jobs()
    TOOL = opts.tool
    print(f"{TOOL}")
    facts = fresh_cache("gapscan-floor-")
    rows = []
    for target in targets.names():
        build, why = configure(target, src)
        if build is None:
            print(f"skipping {target}: {why}", file=sys.stderr)
            continue
        out = tempfile.mkdtemp()
        cc = os.path.join(out, "cc.json")
        base = [TOOL, "items", "--source", src, "--build", build, "-j", str(opts.j),
                "-o", os.path.join(out, "items.json")]
        quiet = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        scan, rss = timed(base + ["--no-cache", "--emit-compile-commands", cc], **quiet)
        floor, files = parse_floor(cc, opts.j)
        env = dict(os.environ, WASM_GAPSCAN_CACHE=facts)
        cold, _ = timed(base, env=env, **quiet)
        warm, _ = timed(base, env=env, **quiet)
        rows.append((target, files, scan, floor, cold, warm, rss))
    print(f"CPython {opts.version}, -j {opts.j}")
    print(f"{'target':20} {'files':>5} {'scan s':>7} {'floor s':>7} {'scan/floor':>10} "
          f"{'cold s':>7} {'warm s':>7} {'warm/cold':>9} {'peak RSS MiB':>12}")
    for t, n, s, f, c, w, r in rows:
        print(f"{t:20} {n:5d} {s:7.1f} {f:7.1f} {s / f:10.2f} {c:7.1f} {w:7.1f} {w / c:9.2f} "
              f"{r / 1024:12.0f}")
    S = sum(r[2] for r in rows)
    F = sum(r[3] for r in rows)
    C = sum(r[4] for r in rows)
    W = sum(r[5] for r in rows)
    print(f"{'all targets':20} {sum(r[1] for r in rows):5d} {S:7.1f} {F:7.1f} {S / F:10.2f} "
          f"{C:7.1f} {W:7.1f} {W / C:9.2f} {max(r[6] for r in rows) / 1024:12.0f}")


if __name__ == "__main__":
    main()
