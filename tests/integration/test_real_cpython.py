#!/usr/bin/env python3
"""Integration test: `wasm-gapscan items` on real CPython 3.11.2 sources
(Debian bookworm's python3.11 source package) configured natively by
CPython's own configure.

Each assertion is a fact verified by reading the sources named next to it
(paths relative to the Python-3.11.2 tree) and this machine's configuration
(x86_64 Linux glibc, where the HAVE_* macros below are defined by configure).
Also checks that the JSON is byte-identical with -j 1 and -j 2.
"""
import json
import os
import subprocess
import sys
import tempfile

from common import CACHE, ROOT, SCRIPTS, TOOL, check, failures, fetch, finish

VERSION = sys.argv[2] if len(sys.argv) > 2 else "3.11"



def item(report, module, name):
    for m in report["modules"]:
        if m["name"] == module:
            for i in m["items"]:
                if i["name"] == name:
                    return i
    return None


def guard_texts(it):
    return [(g["directive"], g.get("condition", ""), g["file"]) for g in it["definitions"][0]["guards"]]


def prepare(version):
    src = fetch(version)
    build = subprocess.run([f"{ROOT}/scripts/configure-native.sh", src,
                            os.path.join(CACHE, "builds", os.path.basename(src) + "-native")],
                           check=True, text=True, stdout=subprocess.PIPE).stdout.strip()
    return src, build


def main_313():
    """CPython 3.13.5 (Debian trixie's python3.13 sources): every module is
    built by makesetup rules (no setup.py); facts verified in those sources."""
    src, build = prepare("3.13")
    path = os.path.join(tempfile.mkdtemp(), "items.json")
    subprocess.run([TOOL, "items", "--source", src, "--build", build, "-j", "2", "-o", path],
                   check=True)
    r = json.load(open(path))
    mods = {m["name"]: m for m in r["modules"]}
    failed = [n for n, m in mods.items() if m["status"] in ("failed", "no-definition")]
    check(failed == [], f"no module failed ({failed})")
    for name in ("posix", "_signal", "_io", "sys", "builtins"):
        check(mods.get(name, {}).get("linkage") == "builtin", f"3.13 {name} is builtin")
    for name in ("_socket", "select", "math", "_datetime"):
        check(mods.get(name, {}).get("linkage") == "shared", f"3.13 {name} is shared")
    # Modules/clinic/posixmodule.c.h (3.13): OS_FORK_METHODDEF under
    # `#if defined(HAVE_FORK)`.
    fork = item(r, "posix", "fork")
    check(fork is not None and any("HAVE_FORK" in c for _, c, _ in guard_texts(fork)),
          "3.13 os.fork guarded by HAVE_FORK")
    # Modules/selectmodule.c (3.13): epoll is a heap type from a spec under HAVE_EPOLL.
    ep = item(r, "select", "epoll.poll")
    check(ep is not None and any(c == "HAVE_EPOLL" for _, c, _ in guard_texts(ep)),
          "3.13 select.epoll.poll guarded by HAVE_EPOLL")
    # Modules/timemodule.c: struct_time fields and what Objects/structseq.c adds.
    check(item(r, "time", "struct_time.tm_zone") is not None, "3.13 time.struct_time.tm_zone")
    check(item(r, "time", "struct_time.n_fields") is not None, "3.13 time.struct_time.n_fields")
    total = sum(len(m["items"]) for m in r["modules"])
    check(total > 5000, f"3.13: more than 5000 items in all ({total})")


def main():
    if VERSION == "3.13":
        main_313()
        finish("integration")
        return
    src, build = prepare("3.11")
    out = tempfile.mkdtemp()
    outputs = []
    for jobs in ("1", "2"):
        path = os.path.join(out, f"items-j{jobs}.json")
        subprocess.run([TOOL, "items", "--source", src, "--build", build, "-j", jobs,
                        "-o", path], check=True)
        outputs.append(open(path, "rb").read())
    check(outputs[0] == outputs[1], "JSON is byte-identical with -j 1 and -j 2")
    r = json.loads(outputs[0])
    check(r["schema_version"] == 1, "schema version 1")
    mods = {m["name"]: m for m in r["modules"]}
    # Modules/config.c (from Modules/Setup.bootstrap) builds these in.
    for name in ("posix", "_signal", "time", "_io", "sys", "builtins", "errno"):
        check(mods.get(name, {}).get("linkage") == "builtin", f"{name} is builtin")
        check(mods.get(name, {}).get("status") == "analysed", f"{name} analysed")
    # Modules/Setup.stdlib.in: shared modules built by setup.py on 3.11.
    for name in ("_socket", "select", "mmap", "termios", "_ssl"):
        check(mods.get(name, {}).get("linkage") == "shared", f"{name} is shared")
    # configure.ac marks _scproxy n/a off macOS.
    check(mods.get("_scproxy", {}).get("state") == "n/a", "_scproxy is n/a")
    check(mods["_scproxy"]["status"] == "not-built", "_scproxy not built")

    # Modules/clinic/signalmodule.c.h: SIGNAL_ALARM_METHODDEF under
    # `#if defined(HAVE_ALARM)`, used in Modules/signalmodule.c's table.
    alarm = item(r, "_signal", "alarm")
    check(alarm is not None and alarm["kind"] == "function", "signal.alarm is a function")
    check(("#if", "defined(HAVE_ALARM)", "Modules/clinic/signalmodule.c.h") in guard_texts(alarm),
          "signal.alarm guarded by defined(HAVE_ALARM) in the clinic header")
    check(alarm["definitions"][0]["defined_at"].startswith("Modules/clinic/signalmodule.c.h:"),
          "signal.alarm defined in the clinic header")
    g = [x for x in alarm["definitions"][0]["guards"] if x.get("condition") == "defined(HAVE_ALARM)"][0]
    check(g["taken"] and g["macros"].get("HAVE_ALARM") == "1", "HAVE_ALARM is 1 natively")

    # Modules/clinic/posixmodule.c.h: OS_FORK_METHODDEF under `#if defined(HAVE_FORK)`.
    fork = item(r, "posix", "fork")
    check(fork is not None and any("HAVE_FORK" in (c or "") for _, c, _ in guard_texts(fork)),
          "os.fork guarded by HAVE_FORK")
    # Modules/posixmodule.c all_ins(): PyModule_AddIntMacro(m, O_NONBLOCK) under #ifdef O_NONBLOCK.
    onb = item(r, "posix", "O_NONBLOCK")
    check(onb is not None and onb["kind"] == "constant", "os.O_NONBLOCK is a constant")
    check(("#ifdef", "O_NONBLOCK", "Modules/posixmodule.c") in guard_texts(onb),
          "os.O_NONBLOCK guarded by #ifdef O_NONBLOCK")
    # Modules/posixmodule.c stat_result_fields: st_blksize under HAVE_STRUCT_STAT_ST_BLKSIZE.
    blk = item(r, "posix", "stat_result.st_blksize")
    check(blk is not None and blk["kind"] == "field", "os.stat_result.st_blksize is a field")
    check(("#ifdef", "HAVE_STRUCT_STAT_ST_BLKSIZE", "Modules/posixmodule.c") in guard_texts(blk),
          "st_blksize guarded by HAVE_STRUCT_STAT_ST_BLKSIZE")
    # Modules/posixmodule.c: DirEntry is a heap type with methods from its spec.
    check(item(r, "posix", "DirEntry.is_dir") is not None, "os.DirEntry.is_dir")
    # Modules/socketmodule.c: PyModule_AddIntMacro(m, AF_UNIX) under #if defined(AF_UNIX);
    # socketpair under HAVE_SOCKETPAIR.
    afu = item(r, "_socket", "AF_UNIX")
    check(afu is not None and ("#if", "defined(AF_UNIX)", "Modules/socketmodule.c") in guard_texts(afu),
          "socket.AF_UNIX guarded by #if defined(AF_UNIX)")
    sp = item(r, "_socket", "socketpair")
    check(sp is not None and any("HAVE_SOCKETPAIR" in c for _, c, _ in guard_texts(sp)),
          "socket.socketpair guarded by HAVE_SOCKETPAIR")
    # Modules/selectmodule.c: epoll under #ifdef HAVE_EPOLL, with its methods.
    ep = item(r, "select", "epoll.poll")
    check(ep is not None and any(c == "HAVE_EPOLL" for _, c, _ in guard_texts(ep)),
          "select.epoll.poll guarded by HAVE_EPOLL")
    # Modules/errnomodule.c: add_errcode("ENODEV", ...) under #ifdef ENODEV.
    enodev = item(r, "errno", "ENODEV")
    check(enodev is not None and ("#ifdef", "ENODEV", "Modules/errnomodule.c") in guard_texts(enodev),
          "errno.ENODEV guarded by #ifdef ENODEV")
    # Python/sysmodule.c: sys.getrecursionlimit in sys_methods; sys.float_repr_style
    # via SET_SYS_FROM_STRING in _PySys_InitCore.
    check(item(r, "sys", "getrecursionlimit") is not None, "sys.getrecursionlimit")
    check(item(r, "sys", "float_repr_style") is not None, "sys.float_repr_style")
    # Python/bltinmodule.c SETBUILTIN("int", &PyLong_Type); Objects/longobject.c long_methods.
    check(item(r, "builtins", "int.bit_length") is not None, "builtins.int.bit_length")
    # Objects/exceptions.c static_exceptions[] loop: builtins.OSError with its members.
    check(item(r, "builtins", "OSError.errno") is not None, "builtins.OSError.errno")
    # Modules/_io/_iomodule.c static_types[] loop.
    check(item(r, "_io", "FileIO.readinto") is not None, "_io.FileIO.readinto")
    # Modules/termios.c: termios_constants[] walked by a loop; B9600 is
    # unguarded there, B57600 sits under #ifdef B57600.
    b = item(r, "termios", "B9600")
    check(b is not None and guard_texts(b) == [], "termios.B9600 unguarded")
    b = item(r, "termios", "B57600")
    check(b is not None and ("#ifdef", "B57600", "Modules/termios.c") in guard_texts(b),
          "termios.B57600 guarded by #ifdef B57600")
    total = sum(len(m["items"]) for m in r["modules"])
    check(total > 4000, f"more than 4000 items in all ({total})")
    # Objects/structseq.c adds n_fields to every struct sequence type.
    check(item(r, "posix", "stat_result.n_fields") is not None, "os.stat_result.n_fields")
    # Modules/_datetimemodule.c: PyDict_SetItemString(d, "min", x), d = tp_dict.
    check(item(r, "_datetime", "date.min") is not None, "datetime.date.min")
    finish("integration")


if __name__ == "__main__":
    main()
