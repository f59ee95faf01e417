#!/usr/bin/env python3
"""Recall and precision of `wasm-gapscan items` against the interpreter built
from the very sources and configuration it analyses.

Usage: python3 bench/recall.py [VERSION | --source CHECKOUT] [-j 2]
       [--tool build/wasm-gapscan] [--json out.json] [--floor]

For VERSION (3.11, 3.13, ...; the sources come from scripts/fetch-cpython.sh)
the script
  1. takes the scan's native reference configuration
     (scripts/configure-target.sh native SRC: CPython's configure, no
     arguments) and the native build python the cross targets use
     (configure-target.sh buildpython SRC: the same configure, then `make`),
     and checks that both have the same pyconfig.h, so that the interpreter
     is the configuration the report describes;
  2. runs `wasm-gapscan items` on the reference (timed, peak RSS);
  3. runs bench/runtime_names.py under the build python: every C module it
     has (built in or an extension file), dir() of each, vars() of each class
     it exports, and whether each extracted dotted name resolves by getattr;
  4. compares, per C module and overall, two layers: module-level names
     (every non-dunder name of dir(module)) and class attributes (every
     non-dunder name in vars(T) of each class T the module exports, except
     builtins aliased into it, such as socket.error = OSError). Recall: what
     the interpreter has that was extracted; precision: what was extracted
     that the interpreter has. Every miss is filed under a cause.
With --floor it also times `clang-19 -fsyntax-only` over the same commands.
"""
import argparse
import importlib
import json
import os
import resource
import shlex
import subprocess
import sys
import tempfile
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


def version_and_jobs(*extra):
    """The shared command line of the bench scripts, [VERSION] [-j N]
    [--tool EXE] plus the script's own (flag, argparse keywords) pairs, and
    the sources of that version (fetched on first use)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("version", nargs="?", default="3.13")
    ap.add_argument("-j", type=int, default=2)
    ap.add_argument("--tool", default=os.path.join(ROOT, "build", "wasm-gapscan"),
                    help="the wasm-gapscan executable to measure (default build/wasm-gapscan)")
    for flag, helptext in extra:
        ap.add_argument(flag, **helptext)
    opts = ap.parse_args()
    if not os.access(opts.tool, os.X_OK):
        die(f"--tool {opts.tool} is not an executable; build it with scripts/build.sh")
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


def fresh_cache(prefix):
    """A new, empty cache folder sharing only the configured builds, the
    sources and the WASI sysroot of the user's cache: a cold facts cache,
    or one build's own."""
    folder = tempfile.mkdtemp(prefix=prefix)
    for shared in ("builds", "cpython", "wasi-sysroot"):
        if os.path.exists(os.path.join(CACHE, shared)):
            os.symlink(os.path.join(CACHE, shared), os.path.join(folder, shared))
    return folder


def die(message):
    """Bad input: one line naming the problem and the fix, exit status 2."""
    print(message, file=sys.stderr)
    sys.exit(2)


def is_dunder(name):
    return name.startswith("__") and name.endswith("__")


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


CAUSES = {
    "module-absent": "module not in the report (3.11: built by setup.py, issue 17)",
    "module-unanalysed": "module in the report but not analysed",
    "module-level": "module-level name not extracted",
    "class-lost": "attribute of a class that was not extracted",
    "attribute": "class attribute not extracted",
    "extra-module": "module in the report that the interpreter lacks",
    "extra-name": "extracted name absent at run time",
}


def module_layer(name):
    return "." not in name


def compare(report, runtime):
    """Per-layer counts, per-module rows, and misses/extras by cause."""
    layers = {"module": {"tp": 0, "fn": 0, "fp": 0},
              "class": {"tp": 0, "fn": 0, "fp": 0}}
    misses = {}   # cause -> module -> [names]
    rows = []
    exists = runtime.get("exists", {})

    def miss(cause, module, name):
        misses.setdefault(cause, {}).setdefault(module, []).append(name)

    reported = {m["name"]: m for m in report["modules"]}
    names = sorted(set(reported) | set(runtime["modules"]))
    for name in names:
        rep = reported.get(name)
        rt = runtime["modules"].get(name)
        built = rep is not None and rep.get("linkage")
        analysed = built and rep["status"] in ("analysed", "failed")
        if rt is None or "error" in rt:
            if built:
                for item in rep["items"]:
                    layer = "module" if module_layer(item["name"]) else "class"
                    layers[layer]["fp"] += 1
                    miss("extra-module", name, item["name"])
                rows.append((name, None, None, "not in the interpreter"
                             + (": " + rt["error"] if rt else "")))
            continue
        truth_module = set(rt["names"])
        truth_class = set()
        for tname, t in rt["types"].items():
            if t["module"] == "builtins" and name != "builtins":
                continue
            truth_class.update(f"{tname}.{a}" for a in t["attrs"])
        if not analysed:
            why = "module-absent" if rep is None else "module-unanalysed"
            for n in sorted(truth_module):
                miss(why, name, n)
            for n in sorted(truth_class):
                miss(why, name, n)
            layers["module"]["fn"] += len(truth_module)
            layers["class"]["fn"] += len(truth_class)
            rows.append((name, 0.0, None, "not analysed"
                         + (f" ({rep['status']})" if rep else " (not in the report)")))
            continue
        found = {i["name"] for i in rep["items"]
                 if not any(p.startswith("__") and p.endswith("__")
                            for p in i["name"].split("."))}
        there = set(exists.get(name, []))
        found_module = {n for n in found if module_layer(n)}
        found_class = found - found_module
        counts = {}
        for layer, truth, got in (("module", truth_module, found_module),
                                  ("class", truth_class, found_class)):
            tp = len(truth & got)
            fn = truth - got
            # An extracted name the interpreter resolves counts as found even
            # when no vars() lists it (sys.flags.debug: an instance's field).
            fp = {n for n in got - truth if n not in there}
            layers[layer]["tp"] += len(got) - len(fp)
            layers[layer]["fn"] += len(fn)
            layers[layer]["fp"] += len(fp)
            for n in sorted(fn):
                cause = "module-level" if layer == "module" else (
                    "class-lost" if n.split(".")[0] not in found_module else "attribute")
                miss(cause, name, n)
            for n in sorted(fp):
                miss("extra-name", name, n)
            counts[layer] = (tp, len(truth), len(got), len(fp))
        tp = counts["module"][0] + counts["class"][0]
        truth_n = counts["module"][1] + counts["class"][1]
        got_n = counts["module"][2] + counts["class"][2]
        fp_n = counts["module"][3] + counts["class"][3]
        rows.append((name, tp / truth_n if truth_n else 1.0,
                     (got_n - fp_n) / got_n if got_n else 1.0,
                     f"{truth_n} at run time, {got_n} extracted"))
    return layers, rows, misses


def ratio(a, b):
    return a / b if b else 1.0


def summary(layers):
    """{layer: (recall, precision)} and the overall pair."""
    out = {}
    total = {"tp": 0, "fn": 0, "fp": 0}
    for layer, c in layers.items():
        out[layer] = (ratio(c["tp"], c["tp"] + c["fn"]), ratio(c["tp"], c["tp"] + c["fp"]))
        for k in total:
            total[k] += c[k]
    out["overall"] = (ratio(total["tp"], total["tp"] + total["fn"]),
                      ratio(total["tp"], total["tp"] + total["fp"]))
    return out


def same_configuration(reference, interpreter_dir):
    """Why the build python is not the reference configuration, or None."""
    def read(d):
        with open(os.path.join(d, "pyconfig.h"), "rb") as f:
            return f.read()
    if read(reference) != read(interpreter_dir):
        return (f"{interpreter_dir}/pyconfig.h differs from {reference}/pyconfig.h: "
                "the interpreter is not the configuration the report describes")
    return None


def measure(version, tool, jobs, commands=None, source=None):
    """Runs the whole check for one version (Debian's sources, fetched), or
    for the checkout `source` when given; returns a dict (also what the
    integration test asserts on)."""
    if source:
        src = os.path.abspath(source)
        if not os.path.isfile(os.path.join(src, "Include", "patchlevel.h")):
            die(f"recall: '{source}' is not a CPython checkout (no "
                     "Include/patchlevel.h); pass --source the top of a CPython tree")
    else:
        src = run([f"{ROOT}/scripts/fetch-cpython.sh", version],
                  stdout=subprocess.PIPE).stdout.strip().splitlines()[-1]
    version = version or os.path.basename(src)
    reference, why = configure("native", src)
    if reference is None:
        die(f"recall: cannot configure {src} natively: {why}")
    interpreter, why = configure("buildpython", src)
    if interpreter is None:
        die(f"recall: cannot build the native interpreter of {src}: {why}")
    mismatch = same_configuration(reference, os.path.dirname(interpreter))
    if mismatch:
        die("recall: " + mismatch)
    out = os.path.join(CACHE, f"bench-items-{version}.json")
    cmd = [tool, "items", "--source", src, "--build", reference, "-o", out, "-j", str(jobs)]
    if commands:
        cmd += ["--emit-compile-commands", commands]
    wall, rss = timed(cmd)
    with open(out) as f:
        report = json.load(f)
    queries = {m["name"]: [i["name"] for i in m["items"]] for m in report["modules"]}
    qfile = os.path.join(CACHE, f"bench-exists-{version}.json")
    with open(qfile, "w") as f:
        json.dump(queries, f)
    # -I: no user site, no environment; the build folder's python finds its
    # extension modules through pybuilddir.txt.
    dump = run([interpreter, "-I", os.path.join(ROOT, "bench", "runtime_names.py"),
                "--exists", qfile], stdout=subprocess.PIPE, cwd=os.path.dirname(interpreter)).stdout
    runtime = json.loads(dump)
    layers, rows, misses = compare(report, runtime)
    return {"version": version, "interpreter": interpreter,
            "interpreter_version": runtime["version"], "layers": layers,
            "summary": summary(layers), "rows": rows, "misses": misses,
            "scan_seconds": wall, "peak_rss_kib": rss,
            "items": sum(len(m["items"]) for m in report["modules"])}


def print_result(r, limit=30):
    print(f"{'module':26} {'recall':>8} {'precision':>9}  notes")
    for name, rec, prec, note in r["rows"]:
        rs = "-" if rec is None else f"{rec:8.2%}"
        ps = "-" if prec is None else f"{prec:9.2%}"
        print(f"{name:26} {rs:>8} {ps:>9}  {note}")
    print(f"\nCPython {r['interpreter_version']} ({r['interpreter']}), "
          f"{r['items']} items extracted")
    for layer in ("module", "class", "overall"):
        rec, prec = r["summary"][layer]
        c = r["layers"].get(layer)
        extra = (f" ({c['tp']} found, {c['fn']} missed, {c['fp']} not at run time)"
                 if c else "")
        label = {"module": "module-level names", "class": "class attributes",
                 "overall": "overall"}[layer]
        print(f"{label:20} recall {rec:7.2%}  precision {prec:7.2%}{extra}")
    print("\nmisses by cause:")
    for cause in CAUSES:
        per_module = r["misses"].get(cause)
        if not per_module:
            continue
        n = sum(len(v) for v in per_module.values())
        print(f"  {CAUSES[cause]}: {n}")
        for module in sorted(per_module, key=lambda m: -len(per_module[m]))[:limit]:
            names = per_module[module]
            shown = ", ".join(names[:12]) + (" ..." if len(names) > 12 else "")
            print(f"    {module} ({len(names)}): {shown}")
    print(f"\nitems: {r['scan_seconds']:.1f} s wall, peak RSS "
          f"{r['peak_rss_kib'] / 1024:.0f} MiB")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("version", nargs="?", default="3.13",
                    help="3.11 or 3.13: Debian's sources (scripts/fetch-cpython.sh)")
    ap.add_argument("--source", help="any CPython checkout instead (git tree or tarball)")
    ap.add_argument("--tool", default=os.path.join(ROOT, "build", "wasm-gapscan"))
    ap.add_argument("-j", type=int, default=2)
    ap.add_argument("--json")
    ap.add_argument("--floor", action="store_true",
                    help="also time clang-19 -fsyntax-only over the same commands")
    opts = ap.parse_args()
    label = os.path.basename(os.path.abspath(opts.source)) if opts.source else opts.version
    cmds = os.path.join(CACHE, f"bench-commands-{label}.json") if opts.floor else None
    r = measure(None if opts.source else opts.version, opts.tool, opts.j, cmds,
                source=opts.source)
    print_result(r)
    if opts.floor:
        floor, n = parse_floor(cmds, opts.j)
        print(f"parse floor (clang-19 -fsyntax-only, {n} files, -j {opts.j}): "
              f"{floor:.1f} s; items / floor = {r['scan_seconds'] / floor:.2f}x")
    if opts.json:
        with open(opts.json, "w") as f:
            json.dump(r, f, indent=1)


if __name__ == "__main__":
    main()
