#!/usr/bin/python3.11
"""Recall and precision of `wasm-gapscan items` against a real interpreter.

Ground truth: Debian's /usr/bin/python3.11 (CPython 3.11.2), built from the
same sources as bookworm's python3.11 source package. The script
  1. fetches those sources (scripts/fetch-cpython.sh 3.11),
  2. configures them natively with the CONFIG_ARGS Debian's interpreter was
     built with (sysconfig), minus --with-dtrace (needs systemtap's dtrace and
     changes no Python-visible name),
  3. records the build's compile commands with `bear -- make` once (3.11
     still compiles five modules with setup.py, whose flags only a real make
     run shows: _ctypes, _curses, _curses_panel, _dbm, readline),
  4. runs `wasm-gapscan items` on it (timed, peak RSS),
  5. runs `clang-19 -fsyntax-only` over the same files with the same flags
     (the parse floor) with the same parallelism,
  6. compares, per C module: every non-dunder name of dir(module) and every
     non-dunder attribute in vars(T) of each C type T the module exports must
     be extracted (recall), and every extracted name must exist at run time
     (precision).

Usage: /usr/bin/python3.11 bench/recall.py [--tool build/wasm-gapscan] [-j 2]
       [--details] [--json out.json]
"""
import argparse
import importlib
import json
import os
import resource
import shlex
import subprocess
import sys
import sysconfig
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CACHE = os.environ.get("WASM_GAPSCAN_CACHE",
                       os.path.expanduser("~/.cache/wasm-gapscan"))


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, **kw)


def timed(cmd, ok=(0,), **kw):
    """Runs cmd; returns (wall seconds, peak RSS KiB of that child). Exits
    when its status is not one of ok."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, **kw)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    if os.waitstatus_to_exitcode(status) not in ok:
        sys.exit(f"bench: {' '.join(cmd[:2])} failed with status {status}")
    return wall, usage.ru_maxrss


def version_and_jobs():
    """The shared command line of the bench scripts, [VERSION] [-j N], and
    the sources of that version (fetched on first use)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("version", nargs="?", default="3.13")
    ap.add_argument("-j", type=int, default=2)
    opts = ap.parse_args()
    src = run([f"{ROOT}/scripts/fetch-cpython.sh", opts.version],
              stdout=subprocess.PIPE).stdout.strip().splitlines()[-1]
    return opts, src


def configure(target, src):
    """(configured folder, None), or (None, why) when the target cannot be
    configured here."""
    p = subprocess.run([f"{ROOT}/scripts/configure-target.sh", target, src], text=True,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        return None, (p.stderr.strip().splitlines() or ["configure failed"])[-1]
    return p.stdout.strip().splitlines()[-1], None


def is_dunder(name):
    return name.startswith("__") and name.endswith("__")


def prepare_build(jobs):
    src = run([f"{ROOT}/scripts/fetch-cpython.sh", "3.11"],
              stdout=subprocess.PIPE).stdout.strip()
    if sys.version_info[:3] != (3, 11, 2):
        sys.exit("recall: run this with Debian's /usr/bin/python3.11 (3.11.2)")
    args = [a for a in shlex.split(sysconfig.get_config_var("CONFIG_ARGS"))
            if a != "--with-dtrace"]
    build = os.path.join(CACHE, "builds", "3.11.2-debian-native")
    run([f"{ROOT}/scripts/configure-native.sh", src, build] + args,
        stdout=subprocess.DEVNULL)
    cdb = os.path.join(build, "compile_commands.json")
    if not os.path.exists(cdb):
        print("recall: recording compile commands with bear -- make "
              f"-j{jobs} (once; a few minutes)", file=sys.stderr)
        with open(os.path.join(build, "wasm-gapscan-make.log"), "w") as log:
            run(["bear", "--output", cdb + ".tmp", "--", "make", f"-j{jobs}"],
                cwd=build, stdout=log, stderr=subprocess.STDOUT)
        os.rename(cdb + ".tmp", cdb)
    return src, build


def parse_floor(commands_file, jobs):
    """Wall time of clang-19 -fsyntax-only over the tool's own commands."""
    with open(commands_file) as f:
        commands = json.load(f)
    start = time.monotonic()
    running = []
    for c in commands:
        argv = ["clang-19"] + c["arguments"][1:] + ["-fsyntax-only"]
        running.append(subprocess.Popen(argv, cwd=c["directory"],
                                        stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL))
        while len([p for p in running if p.poll() is None]) >= jobs:
            time.sleep(0.01)
    for p in running:
        p.wait()
    return time.monotonic() - start, len(commands)


def runtime_names(module_name):
    """(module names, {type attr: own attribute names}) or None."""
    try:
        mod = importlib.import_module(module_name)
    except Exception:
        return None
    names = {n for n in dir(mod) if not is_dunder(n)}
    types = {}
    for n in dir(mod):
        obj = getattr(mod, n, None)
        if isinstance(obj, type) and not is_dunder(n):
            types[n] = obj
    return mod, names, types


def compare(items_json, details):
    report = json.load(open(items_json))
    total_tp = total_fn = total_fp = 0
    rows = []
    misses = {}
    extras = {}
    for m in report["modules"]:
        if m["status"] not in ("analysed", "failed"):
            continue
        rt = runtime_names(m["name"])
        if rt is None:
            rows.append((m["name"], None, None, "not importable in Debian's python3.11"))
            continue
        mod, names, types = rt
        extracted = {}
        for item in m["items"]:
            extracted.setdefault(item["name"], item["kind"])
        top = {n for n in extracted if "." not in n and not is_dunder(n)}
        # Recall: module names + own attributes of the C types the module
        # exports whose tp_name names a module (a dotless tp_name is a
        # builtin aliased here, e.g. socket.error is OSError).
        truth = set(names)
        for tname, t in types.items():
            if t.__module__ == "builtins" and m["name"] != "builtins":
                continue
            if tname not in extracted:
                continue
            for a in vars(t):
                if not is_dunder(a):
                    truth.add(f"{tname}.{a}")
        found = {n for n in extracted if not any(is_dunder(p) for p in n.split("."))}
        # Precision: every extracted name exists at run time.
        fp = set()
        for n in found:
            parts = n.split(".")
            obj = mod
            ok = True
            for p in parts:
                if not hasattr(obj, p):
                    ok = False
                    break
                obj = getattr(obj, p)
            if not ok:
                fp.add(n)
        fn = truth - found
        tp = len(truth & found)
        # Extracted members of types the runtime check did not expand count
        # as true positives when they exist (checked above).
        tp_all = len(found - fp)
        total_tp += tp_all
        total_fn += len(fn)
        total_fp += len(fp)
        recall = tp / len(truth) if truth else 1.0
        precision = (len(found) - len(fp)) / len(found) if found else 1.0
        rows.append((m["name"], recall, precision, f"{len(truth)} runtime, {len(found)} extracted"))
        if fn:
            misses[m["name"]] = sorted(fn)
        if fp:
            extras[m["name"]] = sorted(fp)
    return rows, total_tp, total_fn, total_fp, misses, extras


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tool", default=os.path.join(ROOT, "build", "wasm-gapscan"))
    ap.add_argument("-j", type=int, default=2)
    ap.add_argument("--details", action="store_true")
    ap.add_argument("--json")
    ap.add_argument("--skip-floor", action="store_true")
    opts = ap.parse_args()
    src, build = prepare_build(opts.j)
    out = os.path.join(CACHE, "bench-items-3.11.json")
    cmds = os.path.join(CACHE, "bench-commands-3.11.json")
    wall, rss = timed([opts.tool, "items", "--source", src, "--build", build,
                       "-o", out, "-j", str(opts.j),
                       "--emit-compile-commands", cmds])
    rows, tp, fn, fp, misses, extras = compare(out, opts.details)
    print(f"{'module':24} {'recall':>8} {'precision':>9}  notes")
    for name, r, p, note in rows:
        if r is None:
            print(f"{name:24} {'-':>8} {'-':>9}  {note}")
        else:
            print(f"{name:24} {r:8.2%} {p:9.2%}  {note}")
    overall_recall = tp / (tp + fn) if tp + fn else 1.0
    overall_precision = tp / (tp + fp) if tp + fp else 1.0
    print(f"\noverall recall {overall_recall:.2%} ({tp} found, {fn} missed), "
          f"precision {overall_precision:.2%} ({fp} not at run time)")
    if opts.details or True:
        for name in sorted(misses):
            print(f"missed  {name}: {', '.join(misses[name][:40])}"
                  + (" ..." if len(misses[name]) > 40 else ""))
        for name in sorted(extras):
            print(f"extra   {name}: {', '.join(extras[name][:40])}")
    print(f"\nscan: {wall:.1f} s wall, peak RSS {rss / 1024:.0f} MiB, -j {opts.j}")
    if not opts.skip_floor:
        floor, n = parse_floor(cmds, opts.j)
        print(f"parse floor (clang-19 -fsyntax-only, {n} files, -j {opts.j}): "
              f"{floor:.1f} s; scan / floor = {wall / floor:.2f}x")
    if opts.json:
        json.dump({"recall": overall_recall, "precision": overall_precision,
                   "missed": misses, "extra": extras, "scan_seconds": wall,
                   "peak_rss_kib": rss}, open(opts.json, "w"), indent=1)


if __name__ == "__main__":
    main()
