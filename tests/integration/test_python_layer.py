#!/usr/bin/env python3
"""Integration test: the Python layer of `wasm-gapscan scan` on real CPython
sources (argument 2: 3.13, default, or 3.11), native reference vs wasi.

Every fact asserted here was verified against the real interpreters: the WASI
build of the same sources made with `make` in a copy of the folder the tool
configures, run under Node's WASI, and the native build python, both dumped
by bench/lib_names.py (bench/python_layer.py runs both): on 3.13.5 the WASI
interpreter cannot import gzip (No module named 'zlib'), sqlite3 ('_sqlite3'),
pty and tty ('termios'); imports hashlib, tempfile, subprocess, shutil,
zipfile, urllib.request and asyncio; and lacks shutil.disk_usage,
hashlib.pbkdf2_hmac, socketserver.ForkingMixIn and UnixStreamServer,
selectors.EpollSelector, os.spawnv and os.P_WAIT, socket.send_fds,
asyncio.open_unix_connection, signal.Sigmasks and signal.Signals.SIGRTMIN,
all of which the native build has. 3.11.2's Lib/ has the same guards
(read in its sources: shutil.py `hasattr(os, 'statvfs')`, socketserver.py
`hasattr(os, "fork")`, gzip.py `import zlib`).
Works differently: see the block before the second scan.
Also: each evidence chain of shutil.disk_usage reaches the C level (the #if
of posix.statvfs reading HAVE_STATVFS), and a second scan reads no Lib/ file
again (facts cached by content).
"""
import json
import os
import subprocess
import sys
import tempfile

from common import CACHE, TOOL, check, fetch, finish

VERSION = sys.argv[2] if len(sys.argv) > 2 else "3.13"

src = fetch(VERSION)
out = os.path.join(tempfile.mkdtemp(prefix="gapscan-pylayer-"), "gap.json")
run = subprocess.run([TOOL, "scan", "--source", src, "--target", "wasi", "-j", "2",
                      "--format=json", "-o", out], text=True, stderr=subprocess.PIPE)
check(run.returncode == 0, f"scan of {src} succeeds ({run.stderr.strip()[-200:]})")
gap = json.load(open(out))
python = gap["targets"][0].get("python")
check(python is not None, "the gap has a Python layer for wasi")
verdicts = {v["module"]: v for v in python["verdicts"]}
modules = {m["module"]: m for m in python["modules"]}

for module, c_module in [("gzip", "zlib"), ("sqlite3", "_sqlite3"), ("pty", "termios"),
                         ("tty", "termios")]:
    v = verdicts.get(module, {})
    check(v.get("imports") == "no" and c_module in v.get("why", ""),
          f"{module} does not import on wasi, because of {c_module}: {v}")
for module in ["hashlib", "tempfile", "subprocess", "shutil", "zipfile", "urllib.request",
               "asyncio"]:
    check(verdicts.get(module, {}).get("imports") == "yes", f"{module} imports on wasi")


def missing(module, name):
    return any(n["name"] == name for n in modules.get(module, {}).get("missing", []))


for module, name in [("shutil", "disk_usage"), ("hashlib", "pbkdf2_hmac"),
                     ("socketserver", "ForkingMixIn"), ("socketserver", "UnixStreamServer"),
                     ("selectors", "EpollSelector"), ("os", "spawnv"), ("os", "P_WAIT"),
                     ("socket", "send_fds"), ("asyncio", "open_unix_connection"),
                     ("signal", "Sigmasks"), ("signal", "Signals.SIGRTMIN")]:
    if VERSION == "3.11" and name in ("Signals.SIGRTMIN", "send_fds", "pbkdf2_hmac"):
        # 3.11's Lib/hashlib.py:188 defines a pure-Python pbkdf2_hmac when
        # _hashlib's is missing (a fallback, not a removal); the others were
        # checked on 3.13's interpreter only.
        continue
    check(missing(module, name), f"{module}.{name} is a missing Python-level name on wasi")

disk = next((n for n in modules.get("shutil", {}).get("missing", [])
             if n["name"] == "disk_usage"), {})
texts = " ".join(w.get("at", "") + " " + w["text"] for w in disk.get("why", []))
check("Lib/shutil.py" in texts and "hasattr(os, 'statvfs')" in texts,
      f"shutil.disk_usage's chain starts at its Lib/ guard: {texts[:200]}")
c_item = disk.get("c_item", {})
macros = [m["name"] for m in c_item.get("item", {}).get("why", {}).get("macros", [])]
check(c_item.get("module") == "posix" and "HAVE_STATVFS" in macros,
      f"shutil.disk_usage's chain ends at posix.statvfs's #if and HAVE_STATVFS: {c_item}")

# Works differently (issue 16). Each call was made on 3.13.5's WASI build
# under Node (bench/python_calls.py; native: all succeed): os.dup raises
# OSError [Errno 58] from _Py_dup's #else, os.execl NameError on execv,
# subprocess.run OSError "wasi does not support processes", socket.socket()
# OSError [Errno 58] (stub_socket), threading.Thread.start RuntimeError
# "can't start new thread", pathlib.Path.owner UnsupportedOperation; os.getpid
# and shutil.copy work. 3.11.2's sources have the same code (read there:
# Python/fileutils.c:2400 errno = ENOTSUP, Lib/subprocess.py:817
# `if not _can_fork_exec`, socketmodule.c's stub_socket,
# thread_pthread_stubs.h pthread_create `return EAGAIN`, Lib/threading.py
# `_start_new_thread = _thread.start_new_thread`).
different = {(w["module"], w["name"]): w for w in gap["targets"][0]["works_differently"]}
expected = [("os", "dup", "raises", "Python/fileutils.c"),
            ("os", "execl", "reaches-missing", "execv"),
            ("subprocess", "run", "reaches-failing", "_can_fork_exec"),
            ("socket", "socket", "raises", "stub_socket"),
            ("threading", "Thread.start", "no-threads", "pthread_create")]
if VERSION == "3.13":
    # 3.11's Path.owner imports pwd inside the method (its except
    # ImportError raise is "raises" too, checked in its sources only).
    expected.append(("pathlib", "Path.owner", "raises", "Lib/pathlib/_abc.py"))
for module, name, how, evidence in expected:
    w = different.get((module, name), {})
    texts = " ".join(e.get("at", "") + " " + e["text"] for e in w.get("why", []))
    check(w.get("how") == how and evidence in texts,
          f"{module}.{name} works differently on wasi ({how}, via {evidence}): "
          f"{w.get('how')} {texts[:300]}")
for module, name in [("os", "getpid"), ("shutil", "copy"), ("json", "dumps")]:
    check((module, name) not in different, f"{module}.{name} works the same on wasi")
verdict = verdicts.get("subprocess", {})
check(verdict.get("works_differently", 0) > 0 and "run" in " ".join(
    verdict.get("most_used_different", [])) + " ".join(n for (m, n) in different if m == "subprocess"),
      f"subprocess imports with limits on wasi: {verdict}")

again = subprocess.run([TOOL, "scan", "--source", src, "--target", "wasi", "-j", "2",
                        "--format=json", "-o", out], text=True, stderr=subprocess.PIPE)
check("(0 files read," in again.stderr, "a second scan reads no Lib/ file again: "
      + next((l for l in again.stderr.splitlines() if l.startswith("Lib/")), "?"))
finish(f"Python layer {VERSION}")
