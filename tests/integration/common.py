"""What every integration test shares: where things are, checks, the verdict."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOOL = os.path.abspath(sys.argv[1] if len(sys.argv) > 1
                       else os.path.join(ROOT, "build", "wasm-gapscan"))
SCRIPTS = os.path.join(ROOT, "scripts")
CACHE = os.environ.get("WASM_GAPSCAN_CACHE", os.path.expanduser("~/.cache/wasm-gapscan"))
failures = []


def check(cond, what):
    """Records one assertion; the test fails at finish() if any failed."""
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def fetch(version):
    """The real CPython sources of a version (scripts/fetch-cpython.sh)."""
    out = subprocess.run([f"{SCRIPTS}/fetch-cpython.sh", version], check=True, text=True,
                         stdout=subprocess.PIPE).stdout
    return out.strip().splitlines()[-1]


def finish(label):
    if failures:
        print(f"{len(failures)} failed")
        sys.exit(1)
    print(f"all {label} checks passed")
