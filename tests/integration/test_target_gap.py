#!/usr/bin/env python3
"""Integration test: `wasm-gapscan scan` of real CPython sources (argument 3:
3.11, default, or 3.13), native reference vs one target (argument 2: wasi, default, configured by
CPython's own configure with Debian's clang-19/lld-19/wasi-libc; or
emscripten-node / emscripten-browser with Debian's emscripten), see
scripts/configure-target.sh.

Checks the report against the checkout's own statements:
  * every module configure.ac's PY_STDLIB_MOD_SET_NA lists for the target
    ([Emscripten|WASI] and the target's own case) that the reference builds
    is unavailable on it because configure marks it n/a;
  * every `ac_cv_func_X=no` of the target's Tools/wasm/config.site-wasm32-*
    that guards an item of the reference (a guard of that item reads HAVE_X)
    makes the item missing there, with HAVE_X among the macros of its reason;
and, for wasi, facts verified by reading the sources (named next to each);
for Emscripten, that `emcc --cflags` is asked once per build folder and
asked again when emscripten's environment changes.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from common import CACHE, ROOT, SCRIPTS, TOOL, check, failures, fetch, finish

TARGET = sys.argv[2] if len(sys.argv) > 2 else "wasi"
VERSION = sys.argv[3] if len(sys.argv) > 3 else "3.11"



def na_modules(configure_ac, target):
    """Modules configure.ac (3.11 to 3.13) marks n/a: the [Emscripten|WASI] list plus
    the target's own case ([WASI/*], [Emscripten/node*], [Emscripten/browser*])."""
    text = open(configure_ac).read()
    block = text[text.index("[Emscripten|WASI], ["):]
    first = block[block.index("PY_STDLIB_MOD_SET_NA("):]
    first = first[:first.index(")")]
    case = {"wasi": "[WASI/*], [", "emscripten-node": "[Emscripten/node*], [",
            "emscripten-browser": "[Emscripten/browser*], ["}[target]
    own = block[block.index(case) + len(case):]
    own = own[:own.index("]")] if own.lstrip().startswith("]") else own
    if "PY_STDLIB_MOD_SET_NA(" in own.split("],")[0]:
        own = own[own.index("PY_STDLIB_MOD_SET_NA("):]
        own = own[:own.index(")")]
    else:
        own = ""
    return set(re.findall(r"\[(\w+)\]", first + own))


def main():
    src = fetch(VERSION)
    out = tempfile.mkdtemp()
    gap_path = os.path.join(out, "gap.json")
    subprocess.run([TOOL, "scan", "--source", src, "--target", TARGET, "-j", "2",
                    "-o", gap_path, "--scripts-dir", os.path.join(ROOT, "scripts")],
                   check=True)
    native = subprocess.run([f"{ROOT}/scripts/configure-target.sh", "native", src],
                            check=True, text=True, stdout=subprocess.PIPE).stdout.strip()
    items_path = os.path.join(out, "native.json")
    subprocess.run([TOOL, "items", "--source", src, "--build", native, "-j", "2",
                    "-o", items_path], check=True)
    gap = json.load(open(gap_path))
    ref = json.load(open(items_path))
    wasi = gap["targets"][0]
    check(wasi["name"] == TARGET, f"one target, {TARGET}")
    modules = {m["module"]: m for m in wasi["modules"]}
    ref_modules = {m["name"]: m for m in ref["modules"]}

    na = na_modules(os.path.join(src, "configure.ac"), TARGET)
    check(len(na) >= 15, f"configure.ac lists {len(na)} modules n/a for {TARGET}")
    for name in sorted(na):
        if ref_modules.get(name, {}).get("status") != "analysed":
            continue  # not built by the reference either (e.g. setup.py-only _curses)
        m = modules.get(name)
        check(m is not None and m.get("unavailable") and "n/a" in m.get("why", ""),
              f"{name} unavailable on {TARGET}: configure marks it n/a")

    site_name = "wasi" if TARGET == "wasi" else "emscripten"
    site = open(os.path.join(src, f"Tools/wasm/config.site-wasm32-{site_name}")).read()
    funcs = re.findall(r"^ac_cv_func_(\w+)=no", site, re.M)
    check(len(funcs) >= 5, f"config.site sets {len(funcs)} functions to no")
    missing = {(m["module"], i["name"]): i for m in wasi["modules"] for i in m.get("missing", [])}
    checked = 0
    for func in funcs:
        macro = "HAVE_" + func.upper()
        for m in ref["modules"]:
            if m["status"] != "analysed" or modules.get(m["name"], {}).get("unavailable"):
                continue
            for item in m["items"]:
                guards = item["definitions"][0]["guards"]
                if not any(macro in g["macros"] and g["taken"] for g in guards):
                    continue
                checked += 1
                gi = missing.get((m["name"], item["name"]))
                check(gi is not None, f"{m['name']}.{item['name']} missing on {TARGET} ({macro})")
                if gi is not None:
                    names = [x["name"] for x in gi["why"].get("macros", [])]
                    check(macro in names,
                          f"{m['name']}.{item['name']}: reason names {macro} ({names})")
    check(checked >= 5, f"{checked} items guarded by config.site's HAVE_* checked")
    if VERSION == "3.13":
        datetime_on_both_sides(src, ref, modules)
    if TARGET.startswith("emscripten"):
        emcc_answer_remembered(src)
    if TARGET != "wasi":
        return finish_target()

    def why(module, name):
        gi = missing.get((module, name))
        return gi["why"] if gi else None

    # Modules/clinic/posixmodule.c.h: OS_FORK_METHODDEF under #if defined(HAVE_FORK);
    # configure finds no fork() in wasi-libc.
    w = why("posix", "fork")
    check(w is not None and w["guard"]["condition"] == "defined(HAVE_FORK)"
          and any(x["name"] == "HAVE_FORK" and x["reference"] == "1" and x["target"] is None
                  for x in w["macros"]), "os.fork missing: HAVE_FORK 1 -> undefined")
    # Modules/socketmodule.c: AF_UNIX under #if defined(AF_UNIX); config.site sets
    # ac_cv_header_sys_un_h=no so <sys/un.h> (which defines AF_UNIX) is not included.
    w = why("_socket", "AF_UNIX")
    check(w is not None and any(x["name"] == "AF_UNIX" and x["target"] is None for x in w["macros"]),
          "socket.AF_UNIX missing: AF_UNIX undefined on wasi")
    # Modules/clinic/signalmodule.c.h: alarm under #if defined(HAVE_ALARM).
    w = why("_signal", "alarm")
    check(w is not None and w["guard"]["file"] == "Modules/clinic/signalmodule.c.h",
          "signal.alarm missing, guard in the clinic header")
    # Modules/selectmodule.c: epoll under #ifdef HAVE_EPOLL.
    w = why("select", "epoll")
    check(w is not None and w["guard"]["condition"] == "HAVE_EPOLL", "select.epoll missing: HAVE_EPOLL")
    check(modules.get("posix", {}).get("public_name") == "os", "posix is reported as os")
    check(modules.get("_socket", {}).get("public_name") == "socket", "_socket is reported as socket")
    finish_target()


def datetime_on_both_sides(src, ref, modules):
    """Modules/_datetimemodule.c (3.13) adds its six classes in a loop,
    PyModule_AddObjectRef(module, _PyType_Name(type), type) over capi_types[]
    (line 7148), where nothing is conditional: every configuration has
    datetime.date, datetime.timedelta.total_seconds (delta_methods, line
    2950) and datetime.timezone.utc (a tp_dict insert, line 7205), and the
    gap has no _datetime difference. (They were once all lost to a class
    named after _testcapi's struct sequence, "posix.waitid_result" on
    emscripten-browser.)"""
    build = subprocess.run([f"{SCRIPTS}/configure-target.sh", TARGET, src], check=True,
                           text=True, stdout=subprocess.PIPE).stdout.strip().splitlines()[-1]
    path = os.path.join(tempfile.mkdtemp(), "target.json")
    subprocess.run([TOOL, "items", "--source", src, "--build", build, "-j", "2", "-o", path],
                   check=True)
    target = json.load(open(path))
    wanted = {("date", "class"), ("datetime", "class"), ("time", "class"),
              ("timedelta", "class"), ("timezone", "class"), ("tzinfo", "class"),
              ("timedelta.total_seconds", "method"), ("timezone.utc", "attribute")}
    for side, report in (("native", ref), (TARGET, target)):
        dt = next((m for m in report["modules"] if m["name"] == "_datetime"), None)
        got = {(i["name"], i["kind"]) for i in dt["items"]} if dt else set()
        check(wanted <= got, f"{side}: _datetime has its classes, timedelta.total_seconds "
                             f"and timezone.utc (missing: {sorted(wanted - got)})")
        check(not any(i["name"].startswith(("_testcapi", "posix"))
                      for i in (dt["items"] if dt else [])),
              f"{side}: no _datetime item named after another module's type")
    check("_datetime" not in modules, f"the gap has no _datetime difference on {TARGET}")


def emcc_answer_remembered(src):
    """commands/CompileCommands.cpp asks `emcc --cflags` (a Python run) once per
    build folder and remembers the answer: a second analysis does not run
    emcc, one with another EM* environment does, and the items are the same.
    Checked on a copy of the configured folder restricted to two units, with
    an emcc on PATH that logs its calls."""
    build = subprocess.run([f"{SCRIPTS}/configure-target.sh", TARGET, src], check=True,
                           text=True, stdout=subprocess.PIPE).stdout.strip().splitlines()[-1]
    tmp = tempfile.mkdtemp()
    commands = os.path.join(tmp, "commands.json")
    subprocess.run([TOOL, "items", "--source", src, "--build", build, "-o", os.devnull,
                    "--emit-compile-commands", commands], check=True, stderr=subprocess.DEVNULL)
    copy = os.path.join(tmp, "build")
    shutil.copytree(build, copy, symlinks=True)
    remembered = os.path.join(copy, "wasm-gapscan-emcc-cflags")
    if os.path.exists(remembered):
        os.remove(remembered)
    units = [c for c in json.load(open(commands))
             if c["file"].endswith(("_bisectmodule.c", "_heapqmodule.c"))]
    json.dump(units, open(os.path.join(copy, "compile_commands.json"), "w"))
    bindir, log = os.path.join(tmp, "bin"), os.path.join(tmp, "emcc.log")
    os.mkdir(bindir)
    with open(os.path.join(bindir, "emcc"), "w") as f:
        f.write(f'#!/bin/sh\necho "$@" >> {log}\nexec {shutil.which("emcc")} "$@"\n')
    os.chmod(os.path.join(bindir, "emcc"), 0o755)
    env = dict(os.environ, PATH=bindir + os.pathsep + os.environ["PATH"])
    outs = []
    for i, extra in enumerate([{}, {}, {"EM_GAPSCAN_TEST": "changed"}]):
        outs.append(os.path.join(tmp, f"items{i}.json"))
        subprocess.run([TOOL, "items", "--source", src, "--build", copy, "--no-cache",
                        "-o", outs[-1]], check=True, env=dict(env, **extra),
                       stderr=subprocess.DEVNULL)
    calls = open(log).read().count("--cflags") if os.path.exists(log) else 0
    same = len({open(o, "rb").read() for o in outs}) == 1
    check(calls == 2 and same and os.path.exists(remembered),
          f"emcc --cflags asked once per folder, again for a new EM* environment "
          f"({calls} calls for 3 runs), same items")
    shutil.rmtree(tmp, ignore_errors=True)


def finish_target():
    finish(f"{TARGET} gap ({VERSION})")


if __name__ == "__main__":
    main()
