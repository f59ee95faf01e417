#!/usr/bin/env python3
"""Integration test: check-docs and suggest-docs on real CPython 3.13 sources
and their own Doc/, native reference vs wasi and emscripten-node.

Facts asserted, each verified by hand in the sources and the .rst:
  * os.fork is documented on wasi: Doc/library/os.rst's entry says
    "POSIX, not WASI, not Android, not iOS." and HAVE_FORK is undefined in
    the wasi pyconfig.h;
  * errno.EADV is an undocumented removal on wasi: Modules/errnomodule.c adds
    it under `#ifdef EADV`, wasi-libc's errno.h has no EADV, and
    Doc/library/errno.rst:374 documents it without a note;
  * the ctypes module is an undocumented removal on wasi (configure finds no
    libffi for wasm32; ctypes.rst has no availability note or
    wasm-notavail include);
  * os.dup's "not WASI" (Doc/library/os.rst:980) is documented, not stale:
    OS_DUP_METHODDEF is defined unconditionally in
    Modules/clinic/posixmodule.c.h:7148, but on WASI os.dup works
    differently (Python/fileutils.c _Py_dup's #else: errno = ENOTSUP; the
    WASI build under Node raises OSError [Errno 58], bench/python_calls.py);
  * threading.Thread.start works differently on emscripten-node, with no
    note: its thread layer is "pthread-stubs" there (Python/thread.c:60);
and the workflow: exit status 1 with findings, SARIF 2.1.0 with one result
per finding, a baseline that accepts today's findings (exit 0), a
suggest-docs patch that `git apply` and `patch -p1` take, after which the
check reports no undocumented removal; a malformed page only warns.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

from common import CACHE, ROOT, SCRIPTS, TOOL, check, failures, fetch, finish

TARGETS = ["--target", "wasi", "--target", "emscripten-node"]



def tool(*args):
    p = subprocess.run([TOOL, *args, "-j", "2", "--scripts-dir", os.path.join(ROOT, "scripts")],
                       text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p


def verdict(report, target, module, item):
    for v in report["verdicts"]:
        if v["target"] == target and v["module"] == module and v["item"] == item:
            return v
    return None


def main():
    src = fetch("3.13")
    out = tempfile.mkdtemp()
    report_path = os.path.join(out, "check.json")
    p = tool("check-docs", "--source", src, *TARGETS, "--format", "json", "-o", report_path)
    check(p.returncode == 1, f"check-docs exits 1 with findings (rc={p.returncode}) {p.stderr[-300:]}")
    report = json.load(open(report_path))
    counts = {t["name"]: t for t in report["targets"]}
    for name, c in sorted(counts.items()):
        print(f"     {name}: {c['documented']} documented, {c['undocumented_removals']} "
              f"undocumented removals, {c['stale_notes']} stale notes, {c['not_in_docs']} not in docs")
    check(set(counts) == {"wasi", "emscripten-node"}, "both targets checked")

    v = verdict(report, "wasi", "posix", "fork")
    check(v is not None and v["verdict"] == "documented" and "not WASI" in v["why_documented"],
          "os.fork documented on wasi by 'not WASI'")
    v = verdict(report, "wasi", "errno", "EADV")
    check(v is not None and v["verdict"] == "undocumented-removal"
          and v["guard"]["condition"] == "EADV" and v["doc"]["file"] == "Doc/library/errno.rst"
          and v["doc"]["line"] == 374, "errno.EADV: undocumented removal at errno.rst:374, #ifdef EADV")
    v = verdict(report, "wasi", "_ctypes", "")
    check(v is not None and v["verdict"] == "undocumented-removal" and v["public_module"] == "ctypes",
          "module ctypes: undocumented removal on wasi")
    v = verdict(report, "wasi", "posix", "dup")
    check(v is None or v["verdict"] != "stale-note",
          f"os.dup: its 'not WASI' note is not stale: {v and v['verdict']}")
    v = next((x for x in report["verdicts"] if x["target"] == "wasi"
              and x["public_module"] == "os" and x["item"] == "dup"
              and x["verdict"] == "documented"), None)
    check(v is not None and "ENOTSUP" in v.get("works_differently", {}).get("summary", "")
          and v["note"]["line"] == 980,
          "os.dup: works differently on wasi, documented by 'not WASI' at os.rst:980")
    # Emscripten without pthreads (the Makefile of emscripten-node has no
    # -pthread): Python/thread.c:59-60 names the layer "pthread-stubs" under
    # `defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)`, and
    # Emscripten's libc stub pthread_create returns EAGAIN
    # (system/lib/pthread/library_pthread_stub.c); Pyodide 0.23.4 raises
    # "can't start new thread" (bench/python_calls.py --target pyodide).
    v = verdict(report, "emscripten-node", "threading", "Thread.start")
    check(v is not None and v["verdict"] == "works-differently-undocumented"
          and "pthread-stubs" in v["works_differently"]["summary"]
          and v["works_differently"]["why"][-1]["at"] == "Python/thread.c:60",
          f"threading.Thread.start: no threads on emscripten-node (thread.c:60): "
          f"{v and v.get('works_differently', {}).get('summary')}")
    findings = sum(1 for v in report["verdicts"] if v["finding"])

    sarif_path = os.path.join(out, "check.sarif")
    p = tool("check-docs", "--source", src, *TARGETS, "--format", "sarif", "-o", sarif_path)
    sarif = json.load(open(sarif_path))
    results = sarif["runs"][0]["results"]
    check(sarif["version"] == "2.1.0" and sarif["runs"][0]["tool"]["driver"]["name"] == "wasm-gapscan",
          "SARIF 2.1.0 from wasm-gapscan")
    check(len(results) == findings, f"one SARIF result per finding ({len(results)} / {findings})")
    loc = results[0]["locations"][0]["physicalLocation"]
    check(loc["artifactLocation"]["uri"].startswith("file://") and loc["region"]["startLine"] > 0,
          "SARIF results carry file and line")

    baseline = os.path.join(out, "baseline.json")
    p = tool("check-docs", "--source", src, *TARGETS, "--baseline", baseline, "--update-baseline",
             "-o", os.devnull)
    check(p.returncode == 0, "--update-baseline passes")
    p = tool("check-docs", "--source", src, *TARGETS, "--baseline", baseline, "-o", os.devnull)
    check(p.returncode == 0, "with the baseline, today's findings do not fail")

    patch_path = os.path.join(out, "docs.patch")
    p = tool("suggest-docs", "--source", src, *TARGETS, "-o", patch_path)
    check(p.returncode == 0, f"suggest-docs ran ({p.stderr.strip().splitlines()[-1]})")
    for applier in ("git", "patch"):
        copy = os.path.join(out, applier)
        shutil.copytree(os.path.join(src, "Doc"), os.path.join(copy, "Doc"))
        if applier == "git":
            subprocess.run(["git", "init", "-q"], cwd=copy, check=True)
            r = subprocess.run(["git", "apply", patch_path], cwd=copy)
        else:
            r = subprocess.run(["patch", "-p1", "-s", "-i", patch_path], cwd=copy)
        check(r.returncode == 0, f"the patch applies with {applier}")
    patched = os.path.join(out, "patch", "Doc")
    check(os.path.exists(os.path.join(patched, "library", "wasm-unavailable.rst")),
          "the patch adds the central page")
    # A malformed page only warns.
    with open(os.path.join(patched, "library", "zz-malformed.rst"), "wb") as f:
        f.write(b".. function:: broken(\n\t\xff\xfe\n.. availability:: Linux >=\n")
    after_path = os.path.join(out, "after.json")
    p = tool("check-docs", "--source", src, "--docs", patched, *TARGETS, "--format", "json",
             "-o", after_path)
    after = json.load(open(after_path))
    for t in after["targets"]:
        check(t["undocumented_removals"] == 0,
              f"{t['name']}: no undocumented removal after the patch ({t['undocumented_removals']})")
    check(any(w["file"] == "Doc/library/zz-malformed.rst" for w in after["doc_warnings"]),
          "the malformed page is a warning with its file")

    finish("docs")


if __name__ == "__main__":
    main()
