#!/usr/bin/env python3
"""Integration test: a configuration given as a distribution's sysconfig data
(`--sysconfig`) is analysed exactly like the configured build it came from.

The data is made the way CPython makes it for a distribution: the configured
wasi build folder (scripts/configure-target.sh) is copied and its own
Makefile rule `make pybuilddir.txt` runs Lib/sysconfig's generator with the
build python, writing build/lib.*/_sysconfigdata__wasi_wasm32-wasi.py. A JSON
dump of the same build_time_vars (what `sysconfig.get_config_vars()` gives a
user) is written by the build python too.

Checks, on real sources (argument 2: 3.13, default, or 3.11):
  * `items --sysconfig FILE` gives the same modules and items, module for
    module, as `items --build DIR` on the folder the data came from, for the
    .py data and for the JSON dump;
  * `scan --sysconfig wasi=FILE` reports the same gap as `scan --target wasi`;
  * bad data gets one error line and exit status 2: data of another Python
    version than the sources, a sysroot that does not exist here, garbage.
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

from common import CACHE, ROOT, SCRIPTS, TOOL, check, failures, fetch, finish

VERSION = sys.argv[2] if len(sys.argv) > 2 else "3.13"



def run(*args):
    return subprocess.run([str(a) for a in args], check=True, text=True,
                          stdout=subprocess.PIPE).stdout.strip()


def modules_of(path):
    """Module name -> (status, items) of an items report, without paths of
    the build folder (they differ by design)."""
    report = json.load(open(path))
    return {m["name"]: (m["status"], json.dumps(m["items"], sort_keys=True))
            for m in report["modules"]}, report


def expect_error(args, needle, what):
    p = subprocess.run([TOOL] + args, text=True, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    lines = [l for l in p.stderr.splitlines() if l.strip()]
    check(p.returncode == 2 and len(lines) == 1 and needle in lines[0],
          f"{what}: one error line naming '{needle}' (rc={p.returncode}, {lines})")


def main():
    src = fetch(VERSION)
    wasi = run(f"{SCRIPTS}/configure-target.sh", "wasi", src)
    out = tempfile.mkdtemp()
    copy = os.path.join(out, "wasi-copy")
    shutil.copytree(wasi, copy, symlinks=True)
    # The folder's own rule; PYTHON_FOR_BUILD is the cached build python.
    subprocess.run(["make", "-s", "-C", copy, "pybuilddir.txt"], check=True)
    data = glob.glob(os.path.join(copy, "build", "lib.*", "_sysconfigdata_*.py"))
    check(len(data) == 1, f"make pybuilddir.txt wrote {data}")
    data = data[0]
    # JSON dump of the same variables, as a user would take it from a Python.
    json_path = os.path.join(out, "config-vars.json")
    ns = {}
    exec(open(data).read(), ns)
    json.dump(ns["build_time_vars"], open(json_path, "w"))

    reference_path = os.path.join(out, "build.json")
    run(TOOL, "items", "--source", src, "--build", wasi, "-j", "2", "-o", reference_path)
    want, want_report = modules_of(reference_path)
    for label, path in (("_sysconfigdata .py", data), ("JSON dump", json_path)):
        got_path = os.path.join(out, label.split()[0].strip("_") + ".json")
        run(TOOL, "items", "--source", src, "--sysconfig", path, "-j", "2",
            "--scripts-dir", SCRIPTS, "-o", got_path)
        got, got_report = modules_of(got_path)
        check(got.keys() == want.keys(), f"{label}: same {len(want)} modules")
        differing = sorted(n for n in want if got.get(n) != want[n])
        check(not differing, f"{label}: same status and items in every module ({differing[:5]})")
        check(got_report["build"]["translation_units"] == want_report["build"]["translation_units"],
              f"{label}: same number of translation units "
              f"({got_report['build']['translation_units']})")
        check(got_report["build"]["host"] == "wasm32-wasi", f"{label}: host wasm32-wasi")

    # The gap, through scan.
    gap_build = os.path.join(out, "gap-build.json")
    gap_sys = os.path.join(out, "gap-sysconfig.json")
    run(TOOL, "scan", "--source", src, "--target", "wasi", "-j", "2",
        "--scripts-dir", SCRIPTS, "-o", gap_build)
    run(TOOL, "scan", "--source", src, "--sysconfig", f"wasi={data}", "-j", "2",
        "--scripts-dir", SCRIPTS, "-o", gap_sys)
    a = json.load(open(gap_build))["targets"][0]
    b = json.load(open(gap_sys))["targets"][0]
    for key in ("unavailable_modules", "missing_items", "extra_items"):
        check(a["summary"][key] == b["summary"][key],
              f"scan: same {key} ({a['summary'][key]})")
    check(json.dumps(a["modules"], sort_keys=True) == json.dumps(b["modules"], sort_keys=True),
          "scan: same per-module report")

    # Bad data.
    other = "3.11" if VERSION != "3.11" else "3.13"
    other_data = os.path.join(out, "other.py")
    text = open(data).read().replace(f"'VERSION': '{VERSION}'", f"'VERSION': '{other}'")
    open(other_data, "w").write(text)
    expect_error(["items", "--source", src, "--sysconfig", other_data, "--scripts-dir", SCRIPTS],
                 f"is of Python {other}", "data of another version")
    no_sysroot = os.path.join(out, "nosysroot.py")
    ns["build_time_vars"]["CC"] = "clang-19 --target=wasm32-wasi --sysroot=/nonexistent/wasi-sysroot"
    json.dump(ns["build_time_vars"], open(no_sysroot, "w"))
    expect_error(["items", "--source", src, "--sysconfig", no_sysroot, "--scripts-dir", SCRIPTS],
                 "--sysroot", "sysroot missing here")
    # ... and --sysroot puts this machine's in its place.
    sysroot = run("sh", "-c", "echo ${WASM_GAPSCAN_CACHE:-$HOME/.cache/wasm-gapscan}/wasi-sysroot")
    relocated = os.path.join(out, "relocated.json")
    run(TOOL, "items", "--source", src, "--sysconfig", no_sysroot, "--sysroot", sysroot,
        "-j", "2", "--scripts-dir", SCRIPTS, "-o", relocated)
    got, _ = modules_of(relocated)
    check(got == want, "--sysroot given: same items as the build folder")
    garbage = os.path.join(out, "garbage.py")
    open(garbage, "w").write("build_time_vars = {'CC': 'cc', 'VERSION': \n")
    expect_error(["items", "--source", src, "--sysconfig", garbage],
                 "garbage.py:", "truncated data")

    pyodide_data(out)
    finish(f"sysconfig ({VERSION})")


def pyodide_data(out):
    """Pyodide 0.23.4's own sysconfig data (CPython 3.11.2; npm's package, as
    bench/python_layer.py installs it under the cache) names the host's
    compiler (CC=cc): it is compiled with emcc and the data's flags, so its
    units parse (they all failed on Include/pyport.h's LONG_BIT check when
    the host's cc compiled them for a wasm32 pyconfig.h)."""
    import zipfile
    stdlib = os.path.join(CACHE, "pyodide-0.23.4", "node_modules", "pyodide",
                          "python_stdlib.zip")
    if not os.path.exists(stdlib):
        print(f"skip Pyodide's sysconfig data: no {stdlib} (python3 bench/python_layer.py "
              "--target pyodide installs it from npm)")
        return
    name = "_sysconfigdata__emscripten_wasm32-emscripten.py"
    with zipfile.ZipFile(stdlib) as z:
        data = os.path.join(out, name)
        open(data, "wb").write(z.read(name))
    report = os.path.join(out, "pyodide.json")
    p = subprocess.run([TOOL, "scan", "--source", fetch("3.11"), "--sysconfig",
                        f"pyodide={data}", "--no-python-layer", "-j", "2",
                        "--scripts-dir", SCRIPTS, "-o", report],
                       text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    check(p.returncode == 0, f"scan --sysconfig pyodide=<Pyodide 0.23.4's data> exits 0 "
          f"({p.stderr[-300:]})")
    t = json.load(open(report))["targets"][0] if p.returncode == 0 else {}
    notes = open(os.path.join(t.get("build", out), "wasm-gapscan-sysconfig.notes")).read() \
        if t else ""
    check(t.get("host") == "wasm32-emscripten" and "compiled with emcc" in notes,
          f"Pyodide's CC=cc data is compiled with emcc for wasm32-emscripten ({t.get('host')})")
    unparsed = [m["module"] for m in t.get("modules", [])
                if "could not be analysed" in m.get("why", "")]
    check(t and "posix" not in unparsed and "_socket" not in unparsed and len(unparsed) < 10,
          f"Pyodide's units parse (not analysed: {unparsed})")


if __name__ == "__main__":
    main()
