"""What an interpreter exposes at run time, as JSON on stdout.

Runs under the interpreter being measured (a native build python, later a
WebAssembly build under Node or Pyodide), so it uses nothing newer than
CPython 3.11 and nothing outside the standard library.

For every C module the interpreter has (sys.builtin_module_names and every
extension module file on sys.path): its non-dunder names with a coarse kind,
and for each class it exports, the class's own non-dunder attributes
(vars(T)) and its __module__. A module that does not import is recorded
with the exception.

With --exists FILE (JSON: {module: [dotted name, ...]}) it also answers
which of those names resolve by getattr at run time ("exists"): the
precision check, asked of the interpreter itself because inherited and
instance attributes (sys.flags.debug) are not in vars() of any class.

Usage: PYTHON runtime_names.py [--exists FILE] [MODULE ...]
       (default: every C module)
"""
import importlib
import importlib.machinery
import json
import os
import sys


def is_dunder(name):
    return name.startswith("__") and name.endswith("__")


def c_modules():
    names = set(sys.builtin_module_names)
    for folder in sys.path:
        try:
            files = os.listdir(folder or ".")
        except OSError:
            continue
        for f in files:
            # The longest suffix: ".cpython-313-x86_64-linux-gnu.so", not ".so".
            suffixes = [s for s in importlib.machinery.EXTENSION_SUFFIXES if f.endswith(s)]
            if suffixes:
                names.add(f[: -max(len(s) for s in suffixes)])
    return sorted(names)


def kind_of(obj):
    if isinstance(obj, type):
        return "exception" if issubclass(obj, BaseException) else "class"
    if isinstance(obj, (int, float, str, bytes, bool, complex, tuple, frozenset)) or obj is None:
        return "constant"
    if callable(obj):
        return "function"
    return "object"


def describe(name):
    try:
        mod = importlib.import_module(name)
    except BaseException as e:  # noqa: BLE001 - any failure is a fact here
        return {"error": "%s: %s" % (type(e).__name__, e)}
    names = {}
    types = {}
    for n in dir(mod):
        if is_dunder(n):
            continue
        try:
            obj = getattr(mod, n)
        except BaseException as e:  # noqa: BLE001
            names[n] = "error"
            continue
        names[n] = kind_of(obj)
        if isinstance(obj, type):
            types[n] = {"module": getattr(obj, "__module__", None),
                        "qualname": getattr(obj, "__qualname__", n),
                        "attrs": sorted(a for a in vars(obj) if not is_dunder(a))}
    return {"names": names, "types": types}


def resolves(module, dotted):
    obj = module
    for part in dotted.split("."):
        try:
            obj = getattr(obj, part)
        except BaseException:  # noqa: BLE001 - absent, or raising on access
            return False
    return True


def existing(queries):
    found = {}
    for name, dotted_names in queries.items():
        try:
            mod = importlib.import_module(name)
        except BaseException:  # noqa: BLE001
            continue
        found[name] = sorted(d for d in dotted_names if resolves(mod, d))
    return found


def main():
    args = sys.argv[1:]
    queries = {}
    if args[:1] == ["--exists"]:
        with open(args[1]) as f:
            queries = json.load(f)
        args = args[2:]
    wanted = args or c_modules()
    out = {"version": "%d.%d.%d" % sys.version_info[:3],
           "platform": sys.platform,
           "builtin": sorted(sys.builtin_module_names),
           "modules": {}}
    for name in wanted:
        out["modules"][name] = describe(name)
    out["exists"] = existing(queries)
    json.dump(out, sys.stdout, indent=0, sort_keys=True)


if __name__ == "__main__":
    main()
