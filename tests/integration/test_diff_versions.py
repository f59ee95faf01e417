#!/usr/bin/env python3
"""Integration test: `wasm-gapscan diff-versions` on real checkouts.

3.13.5 -> 3.14 on Emscripten (a 3.14 tree under
$WASM_GAPSCAN_TREES/cpython-3.14, default ~/.cache/wasm-gapscan/trees;
skipped with a message when absent: never committed, see README
"Versions"). Checked by hand in the sources and configured folders:
  * fcntl became available: 3.13's Tools/wasm/config.site-wasm32-emscripten
    presets ac_cv_header_sys_ioctl_h=no and configure.ac builds fcntl only
    with sys/ioctl.h (MODULE_FCNTL_STATE=missing); 3.14's
    Platforms/emscripten/config.site-wasm32-emscripten no longer does
    (MODULE_FCNTL_STATE=yes);
  * os.get_terminal_size became available (TERMSIZE_USE_IOCTL needs
    TIOCGWINSZ from <sys/ioctl.h>, Modules/posixmodule.c);
  * 3.14's fcntl lacks FICLONE, LOCK_MAND and F_EXLCK there (each under its
    #ifdef in Modules/fcntlmodule.c; Emscripten 3.1.6's musl headers define
    none of them, glibc's do);
  * 3.13's emscripten-node is paired with 3.14's emscripten.
3.11.2 -> 3.13.5 on WASI (Debian's trees, always run): the facts below
(WASI_FACTS), and nothing of tracemalloc: 3.11's pthread_key_create stub
returns EAGAIN only when its key search fails, which once made 3.11's
tracemalloc.start look "no-threads" and so "no longer different" in 3.13.
"""
import json
import os
import subprocess
import sys
import tempfile

from common import CACHE, SCRIPTS, TOOL, check, fetch, finish

TREES = os.environ.get("WASM_GAPSCAN_TREES", os.path.join(CACHE, "trees"))


def diff(old, new, target, out):
    p = subprocess.run([TOOL, "diff-versions", "--source", old, "--source", new,
                        "--target", target, "-j", "2", "--scripts-dir", SCRIPTS,
                        "--format", "json", "-o", out],
                       text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    check(p.returncode == 0, f"diff-versions {target} exits 0 ({p.stderr[-300:]})")
    return json.load(open(out)) if p.returncode == 0 else {"targets": []}


def changes(report):
    t = report["targets"][0] if report["targets"] else {"changes": []}
    return {(c["module"], c["item"]): c for c in t["changes"]}, t


def main():
    tmp = tempfile.mkdtemp()
    src311, src313 = fetch("3.11"), fetch("3.13")

    # 3.11 -> 3.13, WASI.
    report = diff(src311, src313, "wasi", os.path.join(tmp, "wasi.json"))
    by, t = changes(report)
    check(report.get("schema") == "wasm-gapscan-version-diff" and report.get("schema_version") == 1
          and t.get("old_target") == "wasi" and t.get("new_target") == "wasi",
          "3.11 -> 3.13: one wasi pair, schema version 1")
    for (module, item), change, why in WASI_FACTS:
        c = by.get((module, item), {})
        check(c.get("change") == change and why in c.get("why", "") + " " + c.get("at", ""),
              f"3.11 -> 3.13 wasi: {module}.{item} {change} ({why}): {c}")
    check(("tracemalloc", "start") not in by,
          f"tracemalloc.start: no change ({by.get(('tracemalloc', 'start'))})")

    # 3.13 -> 3.14, Emscripten.
    tree = os.path.join(TREES, "cpython-3.14")
    if not os.path.exists(os.path.join(tree, "configure")):
        print(f"skip 3.13 -> 3.14: no 3.14 tree at {tree} (set WASM_GAPSCAN_TREES)")
    else:
        report = diff(src313, tree, "emscripten", os.path.join(tmp, "em.json"))
        by, t = changes(report)
        check(t.get("old_target") == "emscripten-node" and t.get("new_target") == "emscripten",
              f"3.13's emscripten-node paired with 3.14's emscripten ({t.get('old_target')})")
        fcntl = by.get(("fcntl", ""), {})
        check(fcntl.get("change") == "became-available" and "FICLONE" in fcntl.get("why", ""),
              f"fcntl became available on Emscripten, still without FICLONE: {fcntl}")
        size = by.get(("os", "get_terminal_size"), {})
        check(size.get("change") == "became-available" and "TERMSIZE_USE_IOCTL" in size.get("why", ""),
              f"os.get_terminal_size became available: {size}")
        check(("fcntl", "FICLONE") not in by,
              "fcntl.FICLONE: not 'became missing' (the module was unavailable before)")
    finish("diff-versions")


# Each verified in both checkouts: 3.13's clinic guard of os.posix_fallocate
# adds `!defined(__wasi__)` (Modules/clinic/posixmodule.c.h:8952; 3.11's,
# at :6253, has no such term); 3.13's Tools/wasm/config.site-wasm32-wasi:48-51
# presets ac_cv_func_preadv/readv/pwritev/writev=no (wasmtime's WASI 0.2),
# so HAVE_READV and HAVE_WRITEV are undefined in 3.13's wasi pyconfig.h and
# defined in 3.11's.
WASI_FACTS = [(("os", "posix_fallocate"), "became-missing", "__wasi__"),
              (("os", "readv"), "became-missing", "HAVE_READV"),
              (("os", "writev"), "became-missing", "HAVE_WRITEV")]

if __name__ == "__main__":
    main()
