"""What each public stdlib module exposes at run time, as JSON on stdout.

Runs under the interpreter being measured (a native build python, the WASI
build under Node, Pyodide in Node), so it uses nothing newer than CPython
3.11 and nothing outside the standard library.

For every module named in MODULES_FILE (a JSON list), in order: whether it
imports (else the exception), its non-underscore names (dir()) except its
own submodules (which depend on what else was imported before), for
each class it defines (T.__module__ is the module) the class's own
non-underscore attributes (vars(T), plus an Enum's members), and the
SHA-256 of the source it was loaded from (a distribution may patch it).

Usage: PYTHON lib_names.py MODULES_FILE [OUT_FILE]
"""
import contextlib
import hashlib
import importlib
import io
import json
import sys
import types


def public(name):
    return not name.startswith("_")


def source_sha256(mod, name):
    """The SHA-256 of the source module `name` was loaded from (what the
    distribution ships, to tell a patched module apart), or None."""
    try:
        source = mod.__spec__.loader.get_source(name)
        if source is not None:
            return hashlib.sha256(source.encode("utf-8", "surrogateescape")).hexdigest()
    except Exception:  # noqa: BLE001 - built-in and frozen modules have none
        pass
    return None


def describe(name):
    sink = io.StringIO()
    try:
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            mod = importlib.import_module(name)
    except BaseException as e:  # noqa: BLE001 - any failure is a fact here
        return {"error": f"{type(e).__name__}: {e}"[:300],
                "missing": getattr(e, "name", None) if isinstance(e, ImportError) else None}
    names, members, submodules = [], {}, []
    digest = source_sha256(mod, name)
    for n in dir(mod):
        if not public(n):
            continue
        try:
            obj = getattr(mod, n)
        except Exception:  # noqa: BLE001 - a lazy attribute that fails
            names.append(n)
            continue
        if isinstance(obj, types.ModuleType) and obj.__name__ == f"{name}.{n}":
            submodules.append(n)
            continue
        names.append(n)
        if isinstance(obj, type) and getattr(obj, "__module__", None) == name \
                and getattr(obj, "__qualname__", n) == n:
            attrs = set(k for k in vars(obj) if public(k))
            enum_members = getattr(obj, "__members__", None)
            if isinstance(enum_members, dict) or hasattr(enum_members, "keys"):
                attrs.update(k for k in enum_members.keys() if public(k))
            members[n] = sorted(attrs)
    # Names a module-level __getattr__ makes on demand (PEP 562) exist
    # although dir() may not list them (typing.Pattern in 3.13).
    for n in getattr(mod, "__all__", ()):
        if isinstance(n, str) and public(n) and n not in names and \
                n not in submodules and hasattr(mod, n):
            names.append(n)
    return {"names": sorted(names), "members": members, "sha256": digest,
            "submodules": submodules}


def main():
    with open(sys.argv[1]) as f:
        modules = json.load(f)
    out = {"version": sys.version.split()[0], "platform": sys.platform,
           "modules": {m: describe(m) for m in modules}}
    text = json.dumps(out)
    if len(sys.argv) > 2:
        with open(sys.argv[2], "w") as f:
            f.write(text)
    else:
        print(text)


if __name__ == "__main__":
    main()
