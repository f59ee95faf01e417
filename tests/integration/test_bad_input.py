#!/usr/bin/env python3
"""Integration test: the bad-input matrix. Each case expects one clear error
line (what is wrong, what to do) and exit status 2 — never a crash, a hang
(every run has a timeout) or a silent partial result — or, where the input is
only partly bad, a completed run that names what it could not use.

Real CPython 3.13 sources and their configured native folder are copied or
damaged in temporary folders; the shared cache is never modified.
"""
import glob
import json
import os
import shutil
import subprocess
import tempfile

from common import CACHE, SCRIPTS, TOOL, check, fetch, finish

TIMEOUT = 900


def run(args, env=None):
    try:
        p = subprocess.run([TOOL, *args], text=True, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, env=env, timeout=TIMEOUT,
                           errors="replace")
    except subprocess.TimeoutExpired:
        return None
    return p


def one_error(p, needle, what):
    if p is None:
        check(False, f"{what}: timed out")
        return
    errors = [l for l in p.stderr.splitlines() if "error:" in l]
    check(p.returncode == 2 and len(errors) == 1 and needle in errors[0]
          and "Stack dump" not in p.stderr,
          f"{what}: exit 2 and one error line with '{needle}' (rc={p.returncode}: {errors[:2]})")


def main():
    src = fetch("3.13")
    native = subprocess.run([f"{SCRIPTS}/configure-target.sh", "native", src], check=True,
                            text=True, stdout=subprocess.PIPE).stdout.strip().splitlines()[-1]
    src311 = fetch("3.11")
    native311 = subprocess.run([f"{SCRIPTS}/configure-target.sh", "native", src311], check=True,
                               text=True, stdout=subprocess.PIPE).stdout.strip().splitlines()[-1]
    tmp = tempfile.mkdtemp()

    # A folder that is not a CPython checkout.
    one_error(run(["scan", "--source", tmp, "--target", "wasi"]),
              "not a CPython source", "not a checkout")
    # A checkout with no configured build.
    empty = os.path.join(tmp, "empty-build")
    os.mkdir(empty)
    one_error(run(["items", "--source", src, "--build", empty]), "not a configured CPython build",
              "unconfigured build folder")
    # A build folder of another CPython version than the sources.
    one_error(run(["items", "--source", src, "--build", native311]), "was configured for sources",
              "build of another version")

    # Damaged copies of the configured folder.
    def damaged(name, file, transform):
        d = os.path.join(tmp, name)
        shutil.copytree(native, d, symlinks=True)
        path = os.path.join(d, file)
        data = open(path, "rb").read()
        open(path, "wb").write(transform(data))
        return d

    d = damaged("truncated-makefile", "Makefile", lambda b: b[: len(b) // 50])
    one_error(run(["items", "--source", src, "--build", d]), "Makefile",
              "truncated Makefile")
    d = damaged("garbled-makefile", "Makefile", lambda b: bytes(x ^ 0x5A for x in b[:4000]) + b[4000:])
    one_error(run(["items", "--source", src, "--build", d]), "Makefile", "garbled Makefile")
    d = damaged("garbled-pyconfig", "pyconfig.h", lambda b: b"#define HAVE_FORK 1\n#if\n\xff\xfe" + b[2000:])
    one_error(run(["items", "--source", src, "--build", d, "-j", "2", "--no-cache"]),
              "pyconfig.h", "garbled pyconfig.h")
    d = damaged("garbled-setup", "Modules/Setup.stdlib", lambda b: b"\xff\xfe*shared*\n" + b[::3])
    p = run(["items", "--source", src, "--build", d, "-j", "2", "-o", os.path.join(tmp, "s.json")])
    check(p is not None and p.returncode in (0, 2) and "Stack dump" not in p.stderr,
          f"garbled Setup.stdlib: no crash (rc={p.returncode if p else None})")
    d = damaged("nonutf8-makefile", "Makefile", lambda b: b.replace(b"# Top-level", b"# \xff\xfe Top-level", 1))
    p = run(["items", "--source", src, "--build", d, "-j", "2", "-o", os.path.join(tmp, "u.json")])
    check(p is not None and p.returncode == 0, "non-UTF-8 bytes in a Makefile comment: the scan completes")

    # Sysconfig data: garbled, non-UTF-8.
    bad = os.path.join(tmp, "bad_sysconfigdata.py")
    open(bad, "wb").write(b"build_time_vars = {'CC': '\xff\xfe',")
    one_error(run(["items", "--source", src, "--sysconfig", bad]), "bad_sysconfigdata.py",
              "non-UTF-8 sysconfig data")

    # Truncated sysconfig data; a sysroot that does not exist (Debian's own
    # data for the 3.11 sources).
    debian = "/usr/lib/python3.11/_sysconfigdata__x86_64-linux-gnu.py"
    if os.path.exists(debian):
        trunc = os.path.join(tmp, "_sysconfigdata_truncated.py")
        open(trunc, "wb").write(open(debian, "rb").read()[:20000])
        one_error(run(["items", "--source", src311, "--sysconfig", trunc]),
                  "_sysconfigdata_truncated.py:", "truncated sysconfig data")
        one_error(run(["items", "--source", src311, "--sysconfig", debian,
                       "--sysroot", os.path.join(tmp, "no-sysroot")]),
                  "is not a folder", "missing sysroot")

    # Docs: a folder that is not Doc/ is an error; a page with malformed reST
    # and bytes that are not UTF-8 is read around, with a warning naming
    # file:line (like Sphinx, one bad page does not void the others).
    one_error(run(["check-docs", "--source", src, "--build", f"native={native}",
                   "--target", "wasi", "--scripts-dir", SCRIPTS, "--docs", tmp,
                   "-o", os.devnull]),
              "is not a CPython Doc/ folder", "docs folder that is not Doc/")
    docs = os.path.join(tmp, "Doc")
    shutil.copytree(os.path.join(src, "Doc"), docs, symlinks=True)
    with open(os.path.join(docs, "library", "os.rst"), "ab") as f:
        f.write(b"\n.. function:: broken(\xff\xfe\n   .. availability:: not WASI, not\n"
                b".. module::\n.. :: \x00\n")
    p = run(["check-docs", "--source", src, "--target", "wasi", "--scripts-dir", SCRIPTS,
             "--docs", docs, "-j", "2", "--format", "json",
             "-o", os.path.join(tmp, "docs.json")])
    warned = p is not None and any("library/os.rst:" in l and "UTF-8" in l
                                   for l in p.stderr.splitlines())
    report = json.load(open(os.path.join(tmp, "docs.json"))) if p and p.returncode in (0, 1) else {}
    check(p is not None and p.returncode in (0, 1) and warned and "Stack dump" not in p.stderr
          and len(report.get("verdicts", [])) > 100
          and any(w.get("file") == "Doc/library/os.rst" for w in report.get("doc_warnings", [])),
          f"malformed, non-UTF-8 os.rst: a warning with file:line, the check completes "
          f"(rc={p.returncode if p else None})")

    # A missing toolchain: PATH without clang-19, a cache with no wasi folder.
    nobin = os.path.join(tmp, "bin")
    os.mkdir(nobin)
    for f in glob.glob("/usr/bin/*"):
        if not os.path.basename(f).startswith("clang"):
            os.symlink(f, os.path.join(nobin, os.path.basename(f)))
    fresh = os.path.join(tmp, "fresh-cache")
    os.mkdir(fresh)
    os.symlink(os.path.join(CACHE, "cpython"), os.path.join(fresh, "cpython"))
    env = dict(os.environ, PATH=nobin, WASM_GAPSCAN_CACHE=fresh)
    one_error(run(["scan", "--source", src, "--target", "wasi", "--build", f"native={native}",
                   "--scripts-dir", SCRIPTS], env=env), "install Debian package clang-19",
              "missing clang-19")

    # A target that cannot be configured (no clang-19 for wasi) ends the run
    # with one line naming it and the way on; with --skip-missing-targets the
    # run goes on and every report says which target is absent and why.
    env = dict(os.environ, PATH=nobin)
    both = ["scan", "--source", src, "--target", "wasi", "--target", "emscripten-node",
            "--scripts-dir", SCRIPTS, "--no-python-layer", "-j", "2"]
    one_error(run(both, env=env), "--skip-missing-targets", "an unconfigurable target")
    out = os.path.join(tmp, "absent.json")
    p = run(both + ["--skip-missing-targets", "--format", "json", "-o", out], env=env)
    report = json.load(open(out)) if p is not None and p.returncode == 0 else {}
    absent = report.get("absent_targets", [])
    check([t["name"] for t in report.get("targets", [])] == ["emscripten-node"]
          and len(absent) == 1 and absent[0]["name"] == "wasi"
          and "clang-19" in absent[0]["why"] and "wasi: not analysed" in p.stderr,
          f"--skip-missing-targets: emscripten-node analysed, wasi named absent ({absent})")
    md = os.path.join(tmp, "absent.md")
    p = run(both + ["--skip-missing-targets", "--format", "markdown", "-o", md], env=env)
    text = open(md).read() if p is not None and p.returncode == 0 else ""
    check("Not analysed" in text and "| wasi |" in text,
          "--skip-missing-targets: the page names wasi not analysed")

    # A C module that does not parse: the rest completes and the report
    # names the module and why.
    tree = os.path.join(tmp, "src-copy")
    shutil.copytree(src, tree, symlinks=True)
    with open(os.path.join(tree, "Modules", "_bisectmodule.c"), "a") as f:
        f.write("\nthis is not C;\n")
    build = subprocess.run([f"{SCRIPTS}/configure-native.sh", tree, os.path.join(tmp, "copy-build")],
                           check=True, text=True, stdout=subprocess.PIPE).stdout.strip().splitlines()[-1]
    out = os.path.join(tmp, "broken.json")
    p = run(["items", "--source", tree, "--build", build, "-j", "2", "-o", out])
    report = json.load(open(out)) if p is not None and p.returncode == 0 else {"modules": []}
    mods = {m["name"]: m for m in report["modules"]}
    bis = mods.get("_bisect", {})
    check(bis.get("status") == "failed" and any("_bisectmodule.c" in e for e in bis.get("errors", [])),
          f"_bisect reported failed with its error ({bis.get('errors', [])[:1]})")
    check(sum(m["status"] == "analysed" for m in report["modules"]) > 100,
          "every other module is still analysed")

    # An unwritable output path.
    one_error(run(["items", "--source", src, "--build", native, "-o", "/proc/no/such/file.json"]),
              "/proc/no/such/file.json", "unwritable output")

    # A facts cache written by another tool version, or damaged: ignored.
    old = os.path.join(tmp, "old-cache")
    os.mkdir(old)
    for shared in ("builds", "cpython"):
        os.symlink(os.path.join(CACHE, shared), os.path.join(old, shared))
    env = dict(os.environ, WASM_GAPSCAN_CACHE=old)
    ref = os.path.join(tmp, "ref.json")
    run(["items", "--source", src, "--build", native, "-j", "2", "-o", ref], env=env)
    entries = glob.glob(os.path.join(old, "facts-v*", "tool-*", "*"))
    for i, e in enumerate(entries):
        if i % 2:
            open(e, "wb").write(b"\x00garbage from an older wasm-gapscan")
    os.makedirs(os.path.join(old, "facts-v0"), exist_ok=True)
    again = os.path.join(tmp, "again.json")
    p = run(["items", "--source", src, "--build", native, "-j", "2", "-o", again], env=env)
    check(p is not None and p.returncode == 0 and open(ref, "rb").read() == open(again, "rb").read(),
          f"damaged cache entries ({len(entries) // 2}) are re-made; identical report")

    # Two scans at once on one (empty) cache.
    shared = os.path.join(tmp, "shared-cache")
    os.mkdir(shared)
    for s in ("builds", "cpython"):
        os.symlink(os.path.join(CACHE, s), os.path.join(shared, s))
    env = dict(os.environ, WASM_GAPSCAN_CACHE=shared)
    outs = [os.path.join(tmp, f"parallel{i}.json") for i in range(2)]
    procs = [subprocess.Popen([TOOL, "items", "--source", src, "--build", native, "-o", o],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
             for o in outs]
    rcs = [pr.wait(timeout=TIMEOUT) for pr in procs]
    same = all(open(o, "rb").read() == open(ref, "rb").read() for o in outs)
    check(rcs == [0, 0] and same, f"two concurrent scans on one cache: both complete, same report ({rcs})")

    # One configuration made twice at once on an empty cache (wasm-gapscan
    # configures its targets side by side; two scans may meet): the scripts'
    # folder lock makes the second wait and reuse the first's folder.
    locked = os.path.join(tmp, "lock-cache")
    os.mkdir(locked)
    os.symlink(os.path.join(CACHE, "cpython"), os.path.join(locked, "cpython"))
    env = dict(os.environ, WASM_GAPSCAN_CACHE=locked)
    procs = [subprocess.Popen([f"{SCRIPTS}/configure-target.sh", "native", src], env=env, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for _ in range(2)]
    outs = [pr.communicate(timeout=TIMEOUT) for pr in procs]
    rcs = [pr.returncode for pr in procs]
    dirs = {o[0].strip().splitlines()[-1] if o[0].strip() else "" for o in outs}
    reused = sum("reusing" in o[1] for o in outs)
    check(rcs == [0, 0] and len(dirs) == 1 and reused == 1
          and os.path.isfile(os.path.join(dirs.pop(), "pyconfig.h")),
          f"one folder configured twice at once: configured once, reused once ({rcs}, {reused} reused)")
    finish("bad-input")


if __name__ == "__main__":
    main()
