#!/usr/bin/env python3
"""Integration test: the pre-commit hook, for real, with Debian's pre-commit.

A scratch git repository is made from the real CPython 3.13 sources (kept in
the cache, reset to its first commit on every run, so its configured folders
and cached facts are reused). Its .pre-commit-config.yaml uses this
repository's .pre-commit-hooks.yaml at the commit under test; the hook runs
the wasm-gapscan under test (put on PATH) with --target=wasi. Today's
findings are accepted once in .wasm-gapscan-baseline.json (check-docs
--update-baseline), as the README tells a CPython developer to.

Checks:
  * a commit wrapping os.getcwd's table row (Modules/posixmodule.c:16821,
    `OS_GETCWD_METHODDEF` in posix_methods; documented at
    Doc/library/os.rst:2199 without an availability note, verified with
    grep/sed) in `#ifndef __wasi__` is blocked; the message names
    os.getcwd, the guard `#ifndef __wasi__` at Modules/posixmodule.c:16821
    and the doc line Doc/library/os.rst:2199 to edit;
  * the same change plus `.. availability:: not WASI.` in that entry passes;
  * a commit touching only a file the hook does not care about passes
    without scanning;
and prints the hook's latency for the blocked commit (warm facts cache).
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

from common import CACHE, ROOT, SCRIPTS, TOOL, check, failures, fetch, finish




def run(args, cwd=None, check_rc=True, env=None):
    p = subprocess.run(args, cwd=cwd, text=True, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, env=env)
    if check_rc and p.returncode != 0:
        print(p.stdout)
        raise SystemExit(f"command failed ({p.returncode}): {args}")
    return p


def git(repo, *args, check_rc=True, env=None):
    return run(["git", "-c", "user.name=wasm-gapscan test", "-c", "user.email=test@localhost",
                "-c", "commit.gpgsign=false", *args], cwd=repo, check_rc=check_rc, env=env)


def main():
    if not shutil.which("pre-commit"):
        raise SystemExit("pre-commit not found; install Debian's pre-commit (scripts/setup.sh)")
    src = fetch("3.13")
    rev = run(["git", "rev-parse", "HEAD"], cwd=ROOT).stdout.strip()
    scratch = os.path.join(CACHE, "precommit-scratch", os.path.basename(src))
    if not os.path.isdir(os.path.join(scratch, ".git")):
        shutil.rmtree(scratch, ignore_errors=True)
        shutil.copytree(src, scratch, symlinks=True)
        git(scratch, "init", "-q")
        git(scratch, "add", "-A")
        git(scratch, "commit", "-q", "-m", "CPython sources", "--no-verify")
    base = git(scratch, "rev-list", "--max-parents=0", "HEAD").stdout.strip()
    git(scratch, "reset", "-q", "--hard", base)
    git(scratch, "clean", "-q", "-fdx")

    bindir = tempfile.mkdtemp()
    os.symlink(TOOL, os.path.join(bindir, "wasm-gapscan"))
    env = dict(os.environ, PATH=bindir + os.pathsep + os.environ["PATH"],
               PRE_COMMIT_HOME=os.path.join(CACHE, "pre-commit-home"))

    with open(os.path.join(scratch, ".pre-commit-config.yaml"), "w") as f:
        f.write(f"repos:\n- repo: {ROOT}\n  rev: {rev}\n  hooks:\n"
                f"  - id: wasm-gapscan\n    args: [--target=wasi, -j2]\n")
    baseline = os.path.join(scratch, ".wasm-gapscan-baseline.json")
    p = run([TOOL, "check-docs", "--source", scratch, "--target", "wasi", "-j", "2",
             "--baseline", baseline, "--update-baseline", "-o", os.devnull], env=env,
            check_rc=False)
    check(p.returncode == 0 and os.path.exists(baseline),
          f"baseline written ({p.stdout.strip().splitlines()[-1] if p.stdout.strip() else ''})")
    git(scratch, "add", ".pre-commit-config.yaml", ".wasm-gapscan-baseline.json")
    git(scratch, "commit", "-q", "-m", "hook and baseline", "--no-verify")
    run(["pre-commit", "install"], cwd=scratch, env=env)

    # 1. Wrap os.getcwd's table row in #ifndef __wasi__.
    posix = os.path.join(scratch, "Modules", "posixmodule.c")
    lines = open(posix).read().split("\n")
    check(lines[16820] == "    OS_GETCWD_METHODDEF", "Modules/posixmodule.c:16821 is os.getcwd's row")
    lines[16820:16821] = ["#ifndef __wasi__", "    OS_GETCWD_METHODDEF", "#endif"]
    open(posix, "w").write("\n".join(lines))
    git(scratch, "add", "Modules/posixmodule.c")
    start = time.monotonic()
    p = git(scratch, "commit", "-m", "os.getcwd is not on WASI", check_rc=False, env=env)
    latency = time.monotonic() - start
    out = p.stdout
    print(out)
    check(p.returncode != 0, "the commit is blocked")
    check("os.getcwd (function) is missing on wasi" in out, "the message names os.getcwd")
    check("#ifndef __wasi__ (Modules/posixmodule.c:16821)" in out,
          "the message names the guard and its file:line")
    check("Doc/library/os.rst:2199:" in out, "the message names the doc line to edit")
    print(f"precommit latency (one changed C file, warm cache): {latency:.1f} s")

    # 2. The same change with the doc entry saying so.
    rst = os.path.join(scratch, "Doc", "library", "os.rst")
    doc = open(rst).read().split("\n")
    check(doc[2198] == ".. function:: getcwd()", "Doc/library/os.rst:2199 is getcwd's entry")
    doc[2201:2201] = ["   .. availability:: not WASI.", ""]
    open(rst, "w").write("\n".join(doc))
    git(scratch, "add", "Modules/posixmodule.c", "Doc/library/os.rst")
    p = git(scratch, "commit", "-m", "os.getcwd is not on WASI, documented", check_rc=False, env=env)
    print(p.stdout)
    check(p.returncode == 0, "with 'not WASI' in os.getcwd's availability the commit passes")

    # 3. A file the hook ignores.
    with open(os.path.join(scratch, "README.rst"), "a") as f:
        f.write("\n")
    git(scratch, "add", "README.rst")
    p = git(scratch, "commit", "-m", "readme", check_rc=False, env=env)
    check(p.returncode == 0, "a README change passes without a scan")

    git(scratch, "reset", "-q", "--hard", base)
    finish("pre-commit")


if __name__ == "__main__":
    main()
