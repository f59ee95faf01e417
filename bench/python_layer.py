#!/usr/bin/env python3
"""Recall and precision of the Python layer against real interpreters.

Usage: python3 bench/python_layer.py [--target wasi|pyodide|native] [VERSION]
       [--tool build/wasm-gapscan] [--json out.json] [--limit N]

  wasi (default, VERSION 3.13): the configuration `scripts/configure-target.sh
      wasi SRC` makes is copied (its pyconfig.h and Makefile byte for byte,
      but for the folder's own path) and built there with `make`; the
      interpreter runs under Node's WASI (bench/wasi_python.mjs: the
      checkout is the guest's "/", PYTHONPATH names /Lib and the build's
      lib.wasi-wasm32-X.Y, because from an out-of-tree build folder the
      guest's getpath does not find Lib/). Node's WASI hangs in time.sleep,
      which importing modules never calls.
  pyodide (VERSION 3.11): Pyodide 0.23.4 from npm (CPython 3.11.2 built with
      Emscripten), offline in Node (bench/pyodide_python.mjs), against the
      tool's emscripten-node configuration of Debian's 3.11.2. What the
      distribution chose is counted apart: modules it removed or unvendored
      (its ModuleNotFoundError says so), modules whose source it patched
      (the SHA-256 of the loaded source differs from the checkout's file),
      and modules it builds with C modules this configuration lacks (the C
      module the tool blames imports there: ctypes with Pyodide's libffi).
  native: the native build python against the native reference.

bench/lib_names.py dumps, in the interpreter, every public module the
report lists: whether it imports, its public names (its own submodules
left out on both sides: they depend on what was imported before) and its
classes' own attributes. Three layers are scored:
  modules   the public modules that do not import (truth: at run time;
            found: the report's "no"; "undecided" is not a claim);
  names     every public module-level name of the modules that import
            (undecided names count as present, and are counted);
  members   the own attributes of the classes both sides list.
"""
import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))
from recall import CACHE, configure, die, run  # noqa: E402

PYODIDE = "0.23.4"  # CPython 3.11.2


def report_of(tool, src, build, out):
    run([tool, "items", "--source", src, "--build", build, "-o", out, "-j", "2"],
        stderr=subprocess.DEVNULL)
    with open(out) as f:
        report = json.load(f)
    if "python" not in report:
        die(f"python_layer: {tool} wrote no Python layer; rebuild it (scripts/build.sh)")
    return report


def wasi_interpreter(build, version):
    """The WASI build of the configuration in `build`, made once in a copy."""
    folder = os.path.join(CACHE, "interp", os.path.basename(build))
    wasm = os.path.join(folder, "python.wasm")
    if not os.path.exists(wasm):
        if os.path.exists(folder):
            shutil.rmtree(folder)
        shutil.copytree(build, folder, symlinks=True)
        for name in ("Makefile", "Makefile.pre", "config.status"):
            path = os.path.join(folder, name)
            with open(path) as f:
                text = f.read()
            with open(path, "w") as f:
                f.write(text.replace(build, folder))
        print(f"building the WASI interpreter in {folder} (make -j2) ...", file=sys.stderr)
        with open(os.path.join(folder, "make.log"), "w") as log:
            if subprocess.run(["make", "-j2"], cwd=folder, stdout=log,
                              stderr=subprocess.STDOUT).returncode != 0 or \
                    not os.path.exists(wasm):
                die(f"python_layer: make failed in {folder}; see {folder}/make.log")
    with open(os.path.join(build, "pyconfig.h"), "rb") as a, \
            open(os.path.join(folder, "pyconfig.h"), "rb") as b:
        if a.read() != b.read():
            die(f"python_layer: {folder}/pyconfig.h differs from {build}'s; "
                f"delete {folder} and run again")
    with open(os.path.join(folder, "pybuilddir.txt")) as f:
        libdir = f.read().strip()
    return folder, libdir


# A guest run: a script and its arguments, all files of the work folder
# (the guest's /work), given by name.
LIB_NAMES = ("lib_names.py", "modules.json", "runtime.json")


def wasi_command(src, folder, libdir, work, files=LIB_NAMES):
    """(argv, subprocess options) running files[0] with the rest as its
    arguments in the WASI build under Node."""
    return (["node", "--no-warnings", os.path.join(ROOT, "bench", "wasi_python.mjs"),
             os.path.join(folder, "python.wasm"), src, folder, work, libdir]
            + [f"/work/{f}" for f in files], {})


def run_wasi(src, folder, libdir, work):
    cmd, kw = wasi_command(src, folder, libdir, work)
    subprocess.run(cmd, check=True, timeout=1800, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, **kw)


def pyodide_dir():
    folder = os.path.join(CACHE, f"pyodide-{PYODIDE}")
    package = os.path.join(folder, "node_modules", "pyodide")
    if not os.path.exists(os.path.join(package, "pyodide.asm.wasm")):
        os.makedirs(folder, exist_ok=True)
        if subprocess.run(["npm", "install", "--prefix", folder, f"pyodide@{PYODIDE}"],
                          stdout=subprocess.DEVNULL).returncode != 0:
            die(f"python_layer: `npm install pyodide@{PYODIDE}` failed; check npm's registry")
    return package


def pyodide_command(package, work, files=LIB_NAMES):
    """(argv, subprocess options) running files[0] in Pyodide under Node."""
    return (["node", "--no-warnings", os.path.join(ROOT, "bench", "pyodide_python.mjs"),
             package, work] + [f"/work/{f}" for f in files], {})


def run_pyodide(package, work):
    cmd, kw = pyodide_command(package, work)
    subprocess.run(cmd, check=True, timeout=1800, stdout=subprocess.DEVNULL, **kw)


def native_command(src, work, files=LIB_NAMES):
    """(argv, subprocess options) running files[0] under the native build
    python of src (built once), from its build folder."""
    python = configure("buildpython", src)[0]
    if python is None:
        die(f"python_layer: cannot build the native interpreter of {src}")
    env = dict(os.environ, BROWSER="true")  # antigravity opens a browser
    return ([python, "-I"] + [os.path.join(work, f) for f in files],
            {"cwd": os.path.dirname(python), "env": env})


def run_native(src, work):
    cmd, kw = native_command(src, work)
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)


def file_sha(src, path):
    try:
        with open(os.path.join(src, path), "rb") as f:
            return hashlib.sha256(f.read().decode("utf-8", "surrogateescape")
                                  .encode("utf-8", "surrogateescape")).hexdigest()
    except OSError:
        return None


def patched(name, mods, runtime, src):
    rt = runtime.get(name, {})
    m = mods.get(name)
    return bool(m and rt.get("sha256") and rt["sha256"] != file_sha(src, m["path"]))


def removed_by_distribution(error):
    """Whether an import error says the distribution left the module out
    (Pyodide's ModuleNotFoundError names it removed or unvendored)."""
    return "removed from the Python standard library" in error or "unvendored" in error


def distribution_choice(name, tool_module, rt, runtime, src, mods):
    """Why a difference is the distribution's choice, or None."""
    if removed_by_distribution(rt.get("error", "")):
        return "removed or unvendored by the distribution"
    sha = rt.get("sha256")
    if sha and tool_module.get("path") and sha != file_sha(src, tool_module["path"]):
        return "source patched by the distribution"
    for w in tool_module.get("why", []):
        c = w.get("c_module")
        if c and "error" not in runtime.get(c, {"error": "?"}):
            return f"the distribution builds C module {c}"
    # Its failing import chain runs through a module the distribution
    # patched (Pyodide's multiprocessing/connection.py).
    by_path = {m["path"]: n for n, m in mods.items()}
    for w in tool_module.get("why", []):
        other = by_path.get(w.get("at", "").split(":")[0])
        if other and other != name and patched(other, mods, runtime, src):
            return f"imports {other}, which the distribution patched"
    # It imports a module the distribution patched (antigravity imports
    # Pyodide's webbrowser, which needs its js module).
    for n in tool_module.get("names", []):
        if n["kind"] == "module" and n["name"] in mods and n["name"] != name and \
                patched(n["name"], mods, runtime, src):
            return f"imports {n['name']}, which the distribution patched"
    return None


def score(report, runtime, src, distribution):
    """Per-layer counts and the misses, with distribution choices apart."""
    mods = {m["name"]: m for m in report["python"]["modules"]}
    layers = {k: {"tp": 0, "fn": 0, "fp": 0} for k in ("modules", "names", "members")}
    misses = {"modules": [], "names": {}, "members": {}}
    apart = {}
    undecided = {"modules": 0, "names": 0}
    for name, m in sorted(mods.items()):
        rt = runtime.get(name)
        if rt is None:
            continue
        fails, says_no = "error" in rt, m["imports"] == "no"
        undecided["modules"] += m["imports"] == "undecided"
        why = distribution_choice(name, m, rt, runtime, src, mods) if distribution else None
        if why and (fails != says_no or rt.get("sha256")):
            apart.setdefault(why, []).append(name)
            if fails != says_no or "error" in rt:
                continue
        if fails or says_no:
            c = layers["modules"]
            c["tp"] += fails and says_no
            c["fn"] += fails and not says_no
            c["fp"] += says_no and not fails
            if fails != says_no:
                misses["modules"].append(f"{name}: " + (rt.get("error", "")[:90] if fails
                                                       else "imports at run time"))
            continue
        if why:  # patched source: its names are the distribution's
            continue

        def own_submodule(n):
            return f"{name}.{n}" in mods or n in rt.get("submodules", ())

        found = {n["name"]: n for n in m["names"] if n["exists"] != "no"}
        undecided["names"] += sum(1 for n in found.values()
                                  if "." not in n["name"] and n["exists"] == "undecided")
        got = {n for n in found if "." not in n and not own_submodule(n)}
        truth = {n for n in rt["names"] if not own_submodule(n)}
        got_members = {n for n in found if "." in n and n.split(".")[0] in rt["members"]}
        truth_members = {f"{c}.{a}" for c, attrs in rt["members"].items() for a in attrs}
        for layer, t, g in (("names", truth, got), ("members", truth_members, got_members)):
            c = layers[layer]
            c["tp"] += len(t & g)
            c["fn"] += len(t - g)
            c["fp"] += len(g - t)
            for n in t - g:
                misses[layer].setdefault(name, {"missed": [], "extra": []})["missed"].append(n)
            for n in g - t:
                misses[layer].setdefault(name, {"missed": [], "extra": []})["extra"].append(n)
    return layers, misses, apart, undecided


def ratio(a, b):
    return a / b if b else 1.0


def print_result(label, layers, misses, apart, undecided, limit):
    print(f"{label}")
    for layer, c in layers.items():
        rec, prec = ratio(c["tp"], c["tp"] + c["fn"]), ratio(c["tp"], c["tp"] + c["fp"])
        print(f"  {layer:8} recall {rec:7.2%}  precision {prec:7.2%}  "
              f"({c['tp']} found, {c['fn']} missed, {c['fp']} not at run time)")
    print(f"  undecided (not counted as claims): {undecided['modules']} modules, "
          f"{undecided['names']} names")
    for why, names in sorted(apart.items()):
        print(f"  apart, {why}: {len(names)}: {', '.join(names[:8])}"
              + (" ..." if len(names) > 8 else ""))
    if misses["modules"]:
        print("  modules the report gets wrong:")
        for m in misses["modules"]:
            print(f"    {m}")
    for layer in ("names", "members"):
        per = misses[layer]
        if not per:
            continue
        print(f"  {layer}: misses and extras by module")
        for module in sorted(per, key=lambda k: -len(per[k]["missed"]) - len(per[k]["extra"]))[:limit]:
            d = per[module]
            parts = []
            if d["missed"]:
                parts.append(f"missed {len(d['missed'])}: " + ", ".join(sorted(d["missed"])[:6]))
            if d["extra"]:
                parts.append(f"extra {len(d['extra'])}: " + ", ".join(sorted(d["extra"])[:6]))
            print(f"    {module}: " + "; ".join(parts))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("version", nargs="?")
    ap.add_argument("--target", default="wasi", choices=("wasi", "pyodide", "native"))
    ap.add_argument("--tool", default=os.path.join(ROOT, "build", "wasm-gapscan"))
    ap.add_argument("--json")
    ap.add_argument("--limit", type=int, default=15)
    opts = ap.parse_args()
    if not os.access(opts.tool, os.X_OK):
        die(f"python_layer: --tool {opts.tool} is not an executable; build it with scripts/build.sh")
    version = opts.version or ("3.11" if opts.target == "pyodide" else "3.13")
    if opts.target == "pyodide" and version != "3.11":
        die(f"python_layer: Pyodide {PYODIDE} is CPython 3.11.2; run it with version 3.11")
    src = run([f"{ROOT}/scripts/fetch-cpython.sh", version],
              stdout=subprocess.PIPE).stdout.strip().splitlines()[-1]
    config = {"wasi": "wasi", "pyodide": "emscripten-node", "native": "native"}[opts.target]
    build, why = configure(config, src)
    if build is None:
        die(f"python_layer: cannot configure {config} for {src}: {why}")
    work = os.path.join(CACHE, f"bench-python-{opts.target}-{version}")
    os.makedirs(work, exist_ok=True)
    report = report_of(opts.tool, src, build, os.path.join(work, "report.json"))
    # Also the C modules the report blames, to tell a distribution that
    # builds them (Pyodide's _ctypes) from a report that is wrong.
    blamed = sorted({w["c_module"] for m in report["python"]["modules"]
                     for w in m.get("why", []) if w.get("c_module")})
    with open(os.path.join(work, "modules.json"), "w") as f:
        json.dump([m["name"] for m in report["python"]["modules"]] + blamed, f)
    shutil.copy(os.path.join(ROOT, "bench", "lib_names.py"), work)
    out = os.path.join(work, "runtime.json")
    if os.path.exists(out):
        os.remove(out)
    if opts.target == "wasi":
        folder, libdir = wasi_interpreter(build, version)
        run_wasi(src, folder, libdir, work)
        label = f"WASI build of {os.path.basename(src)} under Node ({folder})"
    elif opts.target == "pyodide":
        run_pyodide(pyodide_dir(), work)
        label = f"Pyodide {PYODIDE} in Node vs the emscripten-node configuration of {os.path.basename(src)}"
    else:
        run_native(src, work)
        label = f"native build python of {os.path.basename(src)}"
    with open(out) as f:
        dump = json.load(f)
    layers, misses, apart, undecided = score(report, dump["modules"], src,
                                             opts.target == "pyodide")
    print_result(f"{label}: CPython {dump['version']} on {dump['platform']}", layers,
                 misses, apart, undecided, opts.limit)
    if opts.json:
        with open(opts.json, "w") as f:
            json.dump({"layers": layers, "misses": misses, "apart": apart,
                       "undecided": undecided}, f, indent=1)


if __name__ == "__main__":
    main()
