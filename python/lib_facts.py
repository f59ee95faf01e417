"""Facts of Lib/ Python sources, read with CPython's own parser.

Run by wasm-gapscan (python/LibFacts.cpp) under a Python of the checkout's
own version (the build python it already makes for cross configure), so
that the checkout's syntax is the parser's. It reads file paths, one per
line, on stdin and writes one JSON object per file on stdout, in order:

  {"file": PATH, "facts": {...}}   or   {"file": PATH, "error": "why"}

The facts depend on the file's content only (no module name, no path), so
the tool caches them by content: a Lib/*.py change re-reads that file only.

facts = {
  "events": [EVENT, ...],      module-level events in source order
  "frames": [FRAME, ...],      condition frames, referenced by index
}
EVENT = {"k": KIND, "line": N, "ctx": [frame index, ...] (outermost first), ...}
  "bind"   name, how: def|class|assign|import|from|none|const|del|dynamic,
           and per how: module (import: the module imported; from: the
           module, with level for relative imports), attr (from), value
           (const: true/false/number/string; assign: a COND when the value
           is a condition, e.g. _can_fork_exec = sys.platform not in {...}),
           members (class: the class body's EVENTs, ctx relative to it),
           body (def: what a call does, BODY)
  "star"   module, level: `from X import *`
  "import" module, level: an import that binds nothing new we track
  "all"    op: set|add, names: [...], refs: [dotted name, ...] (X.__all__),
           dirof: X for [x for x in dir(X) if ...]
  "convert" name, source (dotted name or null), filter (FILTER): an
           Enum._convert_ call (Lib/signal.py, Lib/socket.py)
  "spread" obj (dotted), what: members|namespace|attributes: globals().update
           of a class's __members__, another module's namespace, or an
           object's attributes (getattr(X, name) for each name)
  "read"   obj (dotted): an attribute read at import time (a default value,
           decorator, base or assigned value): AttributeError if missing
  "dynamic" text: a globals() update the tool cannot follow
BODY = {"uses": [USE], "raises": [RAISE], "exits": [frame index]}: what a call
  of the function does that may fail on a configuration (python/Behaviour.cpp)
  USE   = {"name": dotted, "line": N, "ctx": [...], "call": bool}: a global
          name (or self.x in a method, whatever its first parameter is
          called) read or called, or "import:X"; "@mod|x.y" / "@mod:name|x"
          for a module or name the function imports itself (leading dots:
          relative); locals,
          parameters and nested functions' bodies are left out
  RAISE = {"exc": dotted or "", "line": N, "ctx": [...], "text": source}
  exits: the if/else/except frames whose block ends in return or raise;
  returns: those ending in return
  sets: {attr: dotted} for `self.attr = module.name` in a method
  Frames of the body are FRAMEs too (its if tests over locals are unknown).
FRAME = {"t": "if", "test": COND, "neg": bool, "line": N, "text": source}
      | {"t": "try", "id": N, "line": N, "raises": bool}  (the try body;
                                    raises: it raises unconditionally)
      | {"t": "except", "id": N, "caught": [names], "line": N,
         "raises": bool}                (a function's handler ending in `raise`)
      | {"t": "else", "id": N, "line": N}       (try's else clause)
      | {"t": "loop", "line": N, "text": source}
COND = {"op": "hasattr", "obj": dotted, "attr": name}
     | {"op": "exists", "name": name}      (name in globals(), or a local
                                            helper returning that: os._exists)
     | {"op": "isnone", "obj": dotted}
     | {"op": "truth", "obj": dotted}
     | {"op": "contains", "obj": dotted, "values": [str]}  ("posix" in _names)
     | {"op": "cmp", "obj": dotted, "cmp": eq|ne|in|notin|startswith, "values": [str]}
     | {"op": "const", "value": bool}
     | {"op": "and"|"or", "args": [COND]} | {"op": "not", "arg": COND}
     | {"op": "unknown", "text": source}
FILTER = COND over the converted name:
       {"op": "str", "method": isupper|startswith|endswith|in, "values": [...]}
       combined with and/or/not; {"op": "const"}; {"op": "unknown"}.
"""
import ast
import json
import sys

IMPORT_ERRORS = {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}


def dotted(node):
    """'os.path' for Name/Attribute chains, else None. A trailing .lower()
    is looked through: the values compared are lower case already
    (Lib/socket.py: sys.platform.lower().startswith("win"))."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
            node.func.attr == "lower" and not node.args:
        node = node.func.value
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def strings(node):
    """The string constants of a str constant, tuple, list or set, or None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        out = []
        for e in node.elts:
            if not (isinstance(e, ast.Constant) and isinstance(e.value, str)):
                return None
            out.append(e.value)
        return out
    return None


class Reader:
    def __init__(self, source):
        self.source = source
        self.lines = None              # the source's lines, as bytes
        self.frames = []
        self.next_try = 0
        self.exists_helpers = set()
        self.globals_aliases = set()   # _globals = globals()  (Lib/signal.py)
        self.string_lists = {}         # NAME = ("md5", "sha1", ...)
        self.global_writers = {}       # def f(): global X, Y  -> [X, Y]
        self.publishers = set()        # def f(*names): ... globals().update(...)
        self.in_class = False          # reading a class body: defs are methods

    def text(self, node):
        """The node's source, on one line. ast.get_source_segment splits the
        whole file on every call: with function bodies read, that made the
        reading of Lib/ quadratic (50 s instead of 3)."""
        if self.lines is None:
            self.lines = [l.encode("utf-8") for l in self.source.splitlines(True)]
        try:
            first, last = node.lineno - 1, node.end_lineno - 1
            if first == last:
                seg = self.lines[first][node.col_offset:node.end_col_offset]
            else:
                seg = self.lines[first][node.col_offset:] + \
                    b"".join(self.lines[first + 1:last]) + \
                    self.lines[last][:node.end_col_offset]
        except (AttributeError, IndexError, TypeError):
            return ""
        return " ".join(seg.decode("utf-8", "replace").split())[:200]

    def is_globals(self, node):
        """globals(), or a name bound to it (Lib/inspect.py mod_dict)."""
        if isinstance(node, ast.Call) and dotted(node.func) == "globals" and not node.args:
            return True
        return isinstance(node, ast.Name) and node.id in self.globals_aliases

    def frame(self, f):
        self.frames.append(f)
        return len(self.frames) - 1

    # -- conditions ------------------------------------------------------
    def cond(self, node):
        c = self._cond(node)
        if c is None:
            return {"op": "unknown", "text": self.text(node)}
        return c

    def _cond(self, node):
        if isinstance(node, ast.Constant):
            return {"op": "const", "value": bool(node.value)}
        if isinstance(node, ast.BoolOp):
            return {"op": "and" if isinstance(node.op, ast.And) else "or",
                    "args": [self.cond(v) for v in node.values]}
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return {"op": "not", "arg": self.cond(node.operand)}
        if isinstance(node, ast.Call):
            fn = dotted(node.func)
            args = node.args
            if fn == "hasattr" and len(args) == 2 and dotted(args[0]) and \
                    isinstance(args[1], ast.Constant) and isinstance(args[1].value, str):
                return {"op": "hasattr", "obj": dotted(args[0]), "attr": args[1].value}
            if fn in self.exists_helpers and len(args) == 1 and \
                    isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
                return {"op": "exists", "name": args[0].value}
            if isinstance(node.func, ast.Attribute) and node.func.attr == "startswith" \
                    and dotted(node.func.value) and len(args) == 1 and strings(args[0]):
                return {"op": "cmp", "obj": dotted(node.func.value), "cmp": "startswith",
                        "values": strings(args[0])}
            return None
        if isinstance(node, ast.Compare) and len(node.ops) == 1:
            left, op, right = node.left, node.ops[0], node.comparators[0]
            if isinstance(left, ast.Name) and left.id == "__name__":
                return {"op": "const", "value": False}  # if __name__ == "__main__"
            # "x" in dir(mod) / "x" in globals()
            if isinstance(op, (ast.In, ast.NotIn)) and isinstance(left, ast.Constant) \
                    and isinstance(left.value, str) and isinstance(right, ast.Call):
                fn = dotted(right.func)
                c = None
                if fn == "dir" and len(right.args) == 1 and dotted(right.args[0]):
                    c = {"op": "hasattr", "obj": dotted(right.args[0]), "attr": left.value}
                elif fn == "globals" and not right.args:
                    c = {"op": "exists", "name": left.value}
                if c is not None:
                    return c if isinstance(op, ast.In) else {"op": "not", "arg": c}
            # "x" in _globals  (Lib/signal.py: _globals = globals())
            if isinstance(op, (ast.In, ast.NotIn)) and isinstance(left, ast.Constant) \
                    and isinstance(left.value, str) and isinstance(right, ast.Name) \
                    and right.id in self.globals_aliases:
                c = {"op": "exists", "name": left.value}
                return c if isinstance(op, ast.In) else {"op": "not", "arg": c}
            # "posix" in _names (Lib/os.py: _names = sys.builtin_module_names)
            if isinstance(op, (ast.In, ast.NotIn)) and isinstance(left, ast.Constant) \
                    and isinstance(left.value, str) and dotted(right):
                c = {"op": "contains", "obj": dotted(right), "values": [left.value]}
                return c if isinstance(op, ast.In) else {"op": "not", "arg": c}
            if isinstance(op, (ast.Is, ast.IsNot)) and isinstance(right, ast.Constant) \
                    and right.value is None and dotted(left):
                c = {"op": "isnone", "obj": dotted(left)}
                return c if isinstance(op, ast.Is) else {"op": "not", "arg": c}
            # sys.platform[:3] == "win"  (Lib/webbrowser.py)
            if isinstance(left, ast.Subscript) and isinstance(left.slice, ast.Slice) and \
                    left.slice.lower is None and left.slice.step is None and \
                    isinstance(left.slice.upper, ast.Constant) and dotted(left.value) and \
                    strings(right) is not None and isinstance(op, (ast.Eq, ast.NotEq)):
                n = left.slice.upper.value
                c = {"op": "cmp", "obj": dotted(left.value), "cmp": "startswith",
                     "values": [v for v in strings(right) if len(v) == n]}
                return c if isinstance(op, ast.Eq) else {"op": "not", "arg": c}
            if dotted(left) and strings(right) is not None:
                kinds = {ast.Eq: "eq", ast.NotEq: "ne", ast.In: "in", ast.NotIn: "notin"}
                for cls, word in kinds.items():
                    if isinstance(op, cls):
                        return {"op": "cmp", "obj": dotted(left), "cmp": word,
                                "values": strings(right)}
            return None
        if dotted(node):
            return {"op": "truth", "obj": dotted(node)}
        return None

    def filter(self, node, param):
        """A `lambda name: ...` filter of Enum._convert_ as a FILTER."""
        if isinstance(node, ast.BoolOp):
            return {"op": "and" if isinstance(node.op, ast.And) else "or",
                    "args": [self.filter(v, param) for v in node.values]}
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return {"op": "not", "arg": self.filter(node.operand, param)}
        if isinstance(node, ast.Constant):
            return {"op": "const", "value": bool(node.value)}
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                isinstance(node.func.value, ast.Name) and node.func.value.id == param:
            m = node.func.attr
            if m == "isupper" and not node.args:
                return {"op": "str", "method": "isupper", "values": []}
            if m in ("startswith", "endswith") and len(node.args) == 1 and strings(node.args[0]):
                return {"op": "str", "method": m, "values": strings(node.args[0])}
        if isinstance(node, ast.Compare) and len(node.ops) == 1 and \
                isinstance(node.left, ast.Name) and node.left.id == param and \
                strings(node.comparators[0]) is not None:
            c = {"op": "str", "method": "in", "values": strings(node.comparators[0])}
            if isinstance(node.ops[0], ast.In):
                return c
            if isinstance(node.ops[0], ast.NotIn):
                return {"op": "not", "arg": c}
            if isinstance(node.ops[0], ast.Eq):
                return c
        return {"op": "unknown", "text": self.text(node)}

    # -- statements ------------------------------------------------------
    def body(self, stmts, ctx, out):
        for s in stmts:
            self.stmt(s, ctx, out)

    def bind(self, out, name, line, ctx, how, **extra):
        e = {"k": "bind", "name": name, "line": line, "ctx": list(ctx), "how": how}
        e.update(extra)
        out.append(e)

    def target_names(self, t):
        if isinstance(t, ast.Name):
            return [t.id]
        if isinstance(t, (ast.Tuple, ast.List)):
            return [n for e in t.elts for n in self.target_names(e)]
        if isinstance(t, ast.Starred):
            return self.target_names(t.value)
        return []

    def value_of(self, node):
        """(how, extra) for an assigned value."""
        if isinstance(node, ast.Constant):
            if node.value is None:
                return "none", {}
            if isinstance(node.value, (bool, int, float, str)):
                return "const", {"value": node.value}
        c = self._cond(node)
        if c is not None and c["op"] not in ("truth",) and not isinstance(node, ast.Constant):
            return "assign", {"value": c}
        if isinstance(node, ast.Name) or isinstance(node, ast.Attribute):
            d = dotted(node)
            if d:
                return "assign", {"alias": d}
        # X = SomeClass(...): an instance, whose attributes a later
        # globals().update may copy (Lib/multiprocessing/context.py).
        if isinstance(node, ast.Call) and dotted(node.func):
            return "assign", {"instance": dotted(node.func)}
        return "assign", {}

    def reads(self, nodes, line, ctx, out):
        """Module attributes read when the statement runs at import time
        (defaults, decorators, bases, assigned values): `def poll(self,
        flag=os.WNOHANG)` in Lib/multiprocessing/popen_fork.py fails the
        import where os.WNOHANG is missing. Lambdas and nested function
        bodies do not run then and are skipped."""
        seen = []

        def walk(n):
            if isinstance(n, (ast.Lambda, ast.FunctionDef, ast.AsyncFunctionDef,
                              ast.ClassDef)):
                return
            # What may not run: all but the first operand of and/or
            # (Lib/ntpath.py: hasattr(sys, "getwindowsversion") and
            # sys.getwindowsversion()...), the branches of x if c else y, the
            # elements of a comprehension.
            if isinstance(n, ast.BoolOp):
                return walk(n.values[0])
            if isinstance(n, ast.IfExp):
                return walk(n.test)
            if isinstance(n, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
                return walk(n.generators[0].iter)
            if isinstance(n, ast.Attribute):
                d = dotted(n)
                if d and "." in d and not isinstance(n.ctx, ast.Store):
                    if d not in seen:
                        seen.append(d)
                    return
            for c in ast.iter_child_nodes(n):
                walk(c)

        for n in nodes:
            if n is not None:
                walk(n)
        for d in seen:
            out.append({"k": "read", "obj": d, "line": line, "ctx": list(ctx)})

    def stmt(self, s, ctx, out):
        line = s.lineno
        if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self.reads(s.args.defaults + s.args.kw_defaults + s.decorator_list,
                       line, ctx, out)
        elif isinstance(s, ast.ClassDef):
            self.reads(s.bases + [k.value for k in s.keywords] + s.decorator_list,
                       line, ctx, out)
        elif isinstance(s, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Expr)):
            self.reads([s.value], line, ctx, out)
            v = s.value
            if isinstance(v, ast.Call) and isinstance(v.func, ast.Name) and \
                    v.func.id in self.publishers:
                for a in v.args:
                    if isinstance(a, ast.Constant) and isinstance(a.value, str):
                        self.bind(out, a.value, line, ctx, "assign")
        if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self.note_helper(s)
            declared = [n for g in ast.walk(s) if isinstance(g, ast.Global) for n in g.names]
            if declared:
                self.global_writers[s.name] = declared
            # def _makecodes(*names): ... globals().update({...}) publishes
            # its string arguments as globals (Lib/re/_constants.py).
            if s.args.vararg is not None and any(
                    isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute)
                    and c.func.attr == "update" and self.is_globals(c.func.value)
                    for c in ast.walk(s)):
                self.publishers.add(s.name)
            self.bind(out, s.name, line, ctx, "def",
                      body=BodyReader(self, s, self.in_class).facts(s))
        elif isinstance(s, ast.ClassDef):
            members = []
            saved = self.exists_helpers, self.in_class
            self.in_class = True
            self.body(s.body, [], members)
            self.exists_helpers, self.in_class = saved
            self.bind(out, s.name, line, ctx, "class", members=members,
                      bases=[dotted(b) or "" for b in s.bases])
            # @enum.global_enum exports the members into the module
            # (Lib/re/__init__.py RegexFlag, Lib/signal.py).
            if any((dotted(d) or "").split(".")[-1] == "global_enum"
                   for d in s.decorator_list):
                out.append({"k": "spread", "obj": s.name, "what": "members",
                            "line": line, "ctx": list(ctx)})
        elif isinstance(s, ast.Import):
            for a in s.names:
                if a.asname:
                    self.bind(out, a.asname, line, ctx, "import", module=a.name)
                else:
                    top = a.name.split(".")[0]
                    self.bind(out, top, line, ctx, "import", module=top,
                              **({"also": a.name} if a.name != top else {}))
        elif isinstance(s, ast.ImportFrom):
            mod = s.module or ""
            for a in s.names:
                if a.name == "*":
                    out.append({"k": "star", "module": mod, "level": s.level,
                                "line": line, "ctx": list(ctx)})
                else:
                    self.bind(out, a.asname or a.name, line, ctx, "from", module=mod,
                              level=s.level, attr=a.name)
        elif isinstance(s, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = s.targets if isinstance(s, ast.Assign) else [s.target]
            value = s.value
            if value is None:
                return
            if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
                self.all_edit(value, "add" if isinstance(s, ast.AugAssign) else "set",
                              line, ctx, out)
                return
            for t in targets:
                if isinstance(t, ast.Subscript) and self.is_globals(t.value):
                    lv = getattr(self, "loop_var", None)
                    if lv and isinstance(t.slice, ast.Name) and t.slice.id == lv[0]:
                        for n in lv[1]:
                            self.bind(out, n, line, ctx, "assign")
                        continue
                    if isinstance(t.slice, ast.Constant) and isinstance(t.slice.value, str):
                        self.bind(out, t.slice.value, line, ctx, "assign")
                        continue
                    out.append({"k": "dynamic", "line": line, "ctx": list(ctx),
                                "text": self.text(s)})
                    continue
                names = self.target_names(t)
                if isinstance(t, ast.Name) and isinstance(value, ast.Call) and \
                        dotted(value.func) == "globals" and not value.args:
                    self.globals_aliases.add(t.id)
                if isinstance(t, ast.Name) and strings(value) is not None and \
                        not isinstance(value, ast.Constant):
                    self.string_lists[t.id] = strings(value)
                if len(names) == 1 and isinstance(t, ast.Name) and \
                        not isinstance(s, ast.AugAssign):
                    how, extra = self.value_of(value)
                    self.bind(out, names[0], line, ctx, how, **extra)
                    self.maybe_convert(value, names[0], line, ctx, out)
                else:
                    for n in names:
                        self.bind(out, n, line, ctx, "assign")
        elif isinstance(s, ast.Expr) and isinstance(s.value, ast.Call):
            self.call_stmt(s.value, line, ctx, out)
        elif isinstance(s, ast.Delete):
            for t in s.targets:
                for n in self.target_names(t):
                    self.bind(out, n, line, ctx, "del")
        elif isinstance(s, ast.If):
            test = self.cond(s.test)
            text = self.text(s.test)
            yes = self.frame({"t": "if", "test": test, "neg": False, "line": line, "text": text})
            self.body(s.body, ctx + [yes], out)
            if s.orelse:
                no = self.frame({"t": "if", "test": test, "neg": True, "line": line, "text": text})
                self.body(s.orelse, ctx + [no], out)
        elif isinstance(s, (ast.Try, getattr(ast, "TryStar", ast.Try))):
            tid = self.next_try
            self.next_try += 1
            # try: raise TypeError / except TypeError as exc: (Lib/types.py)
            raises = any(isinstance(b, ast.Raise) for b in s.body)
            body = self.frame({"t": "try", "id": tid, "line": line, "raises": raises})
            self.body(s.body, ctx + [body], out)
            for h in s.handlers:
                caught = self.caught(h.type)
                f = self.frame({"t": "except", "id": tid, "caught": caught, "line": h.lineno})
                if h.name:
                    self.bind(out, h.name, h.lineno, ctx + [f], "assign")
                    self.bind(out, h.name, h.lineno, ctx + [f], "del")
                self.body(h.body, ctx + [f], out)
            if s.orelse:
                f = self.frame({"t": "else", "id": tid, "line": line})
                self.body(s.orelse, ctx + [f], out)
            self.body(s.finalbody, ctx, out)
        elif isinstance(s, (ast.For, ast.AsyncFor, ast.While)):
            f = self.frame({"t": "loop", "line": line,
                            "text": self.text(s.iter if hasattr(s, "iter") else s.test)})
            if hasattr(s, "target"):
                for n in self.target_names(s.target):
                    self.bind(out, n, line, ctx + [f], "assign")
                # for name in LIST: globals()[name] = ...  (Lib/hashlib.py)
                if isinstance(s.target, ast.Name) and isinstance(s.iter, ast.Name) and \
                        s.iter.id in self.string_lists:
                    self.loop_var = (s.target.id, self.string_lists[s.iter.id])
            self.body(s.body, ctx + [f], out)
            self.loop_var = None
            self.body(s.orelse, ctx, out)
        elif isinstance(s, (ast.With, ast.AsyncWith)):
            for item in s.items:
                if item.optional_vars is not None:
                    for n in self.target_names(item.optional_vars):
                        self.bind(out, n, line, ctx, "assign")
            self.body(s.body, ctx, out)
        elif hasattr(ast, "TypeAlias") and isinstance(s, ast.TypeAlias):
            self.bind(out, s.name.id, line, ctx, "assign")
        elif hasattr(ast, "Match") and isinstance(s, ast.Match):
            for case in s.cases:
                self.body(case.body, ctx, out)

    def spread(self, arg):
        """(dotted, "members"|"namespace") for globals().update(ARG):
        X.__members__ (Lib/re/__init__.py, Lib/http/client.py), or a dict
        comprehension over X.__dict__.items() / vars(X).items()
        (Lib/sre_parse.py)."""
        d = dotted(arg)
        if d and d.endswith(".__members__"):
            return d[: -len(".__members__")], "members"
        # ((name, getattr(X, name)) for name in ...)  (Lib/multiprocessing)
        if isinstance(arg, (ast.GeneratorExp, ast.ListComp)) and \
                isinstance(arg.elt, ast.Tuple) and len(arg.elt.elts) == 2:
            key, val = arg.elt.elts
            if isinstance(key, ast.Name) and isinstance(val, ast.Call) and \
                    dotted(val.func) == "getattr" and len(val.args) == 2 and \
                    dotted(val.args[0]) and isinstance(val.args[1], ast.Name) and \
                    val.args[1].id == key.id:
                return dotted(val.args[0]), "attributes"
        if isinstance(arg, ast.DictComp) and len(arg.generators) == 1:
            it = arg.generators[0].iter
            if isinstance(it, ast.Call) and isinstance(it.func, ast.Attribute) and \
                    it.func.attr == "items":
                src = it.func.value
                d = dotted(src)
                if d and d.endswith(".__dict__"):
                    return d[: -len(".__dict__")], "namespace"
                if isinstance(src, ast.Call) and dotted(src.func) == "vars" and \
                        len(src.args) == 1 and dotted(src.args[0]):
                    return dotted(src.args[0]), "namespace"
        return None

    def caught(self, node):
        if node is None:
            return ["BaseException"]
        if isinstance(node, ast.Tuple):
            return [dotted(e) or "?" for e in node.elts]
        return [dotted(node) or "?"]

    def note_helper(self, fn):
        """def _exists(name): return name in globals()  (Lib/os.py)"""
        args = fn.args.args
        if len(args) != 1 or len(fn.body) != 1 or not isinstance(fn.body[0], ast.Return):
            return
        r = fn.body[0].value
        if isinstance(r, ast.Compare) and len(r.ops) == 1 and isinstance(r.ops[0], ast.In) \
                and isinstance(r.left, ast.Name) and r.left.id == args[0].arg \
                and isinstance(r.comparators[0], ast.Call) \
                and dotted(r.comparators[0].func) == "globals":
            self.exists_helpers = self.exists_helpers | {fn.name}

    def all_edit(self, value, op, line, ctx, out):
        names, refs = [], []

        def walk(v):
            if isinstance(v, ast.BinOp) and isinstance(v.op, ast.Add):
                return walk(v.left) and walk(v.right)
            s = strings(v)
            if s is not None:
                names.extend(s)
                return True
            if isinstance(v, ast.List) or isinstance(v, ast.Tuple):
                return False
            # __all__ = (_tg_classes + _tg_screen_functions + ...)  (Lib/turtle.py)
            if isinstance(v, ast.Name) and v.id in self.string_lists:
                names.extend(self.string_lists[v.id])
                return True
            d = dotted(v)
            if d and d.endswith(".__all__"):
                refs.append(d[: -len(".__all__")])
                return True
            if isinstance(v, ast.Call) and dotted(v.func) in ("list", "tuple") and \
                    len(v.args) == 1:
                return walk(v.args[0])
            return False

        # __all__ = [x for x in dir(X) if not x.startswith('_')]
        # (Lib/multiprocessing/__init__.py)
        if isinstance(value, ast.ListComp) and len(value.generators) == 1:
            it = value.generators[0].iter
            if isinstance(it, ast.Call) and dotted(it.func) == "dir" and \
                    len(it.args) == 1 and dotted(it.args[0]):
                out.append({"k": "all", "op": op, "names": [], "refs": [],
                            "dirof": dotted(it.args[0]), "line": line, "ctx": list(ctx)})
                return
        if walk(value):
            out.append({"k": "all", "op": op, "names": names, "refs": refs,
                        "line": line, "ctx": list(ctx)})
        else:
            out.append({"k": "all", "op": "unknown", "names": [], "refs": [],
                        "line": line, "ctx": list(ctx), "text": self.text(value)})

    def call_stmt(self, call, line, ctx, out):
        func = call.func
        if isinstance(func, ast.Attribute) and dotted(func.value) == "__all__" and \
                func.attr in ("append", "extend") and len(call.args) == 1:
            arg = call.args[0]
            if func.attr == "append":
                arg = ast.Tuple(elts=[arg], ctx=ast.Load())
            self.all_edit(arg, "add", line, ctx, out)
            return
        if isinstance(func, ast.Attribute) and func.attr == "update" and \
                self.is_globals(func.value):
            spread = self.spread(call.args[0]) if len(call.args) == 1 else None
            if spread:
                out.append({"k": "spread", "obj": spread[0], "what": spread[1],
                            "line": line, "ctx": list(ctx)})
            else:
                out.append({"k": "dynamic", "line": line, "ctx": list(ctx),
                            "text": self.text(call)})
            return
        # f() where f declares `global X` (Lib/mimetypes.py _default_mime_types)
        if isinstance(func, ast.Name) and func.id in self.global_writers:
            for n in self.global_writers[func.id]:
                self.bind(out, n, line, ctx, "assign")
        self.maybe_convert(call, None, line, ctx, out)

    def maybe_convert(self, call, target, line, ctx, out):
        """X._convert_('Name', __name__, filter, source=mod) (Lib/signal.py)."""
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                and call.func.attr == "_convert_" and call.args):
            return
        first = call.args[0]
        if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
            return
        filt = {"op": "const", "value": True}
        fnode = call.args[2] if len(call.args) > 2 else None
        for kw in call.keywords:
            if kw.arg == "filter":
                fnode = kw.value
        if isinstance(fnode, ast.Lambda) and len(fnode.args.args) == 1:
            filt = self.filter(fnode.body, fnode.args.args[0].arg)
        elif fnode is not None:
            filt = {"op": "unknown", "text": self.text(fnode)}
        source = None
        for kw in call.keywords:
            if kw.arg == "source":
                source = dotted(kw.value)
        as_global = any(kw.arg == "as_global" and isinstance(kw.value, ast.Constant)
                        and kw.value.value for kw in call.keywords)
        name = first.value
        self.bind(out, target or name, line, ctx, "class", members=[])
        if target and target != name:
            self.bind(out, name, line, ctx, "class", members=[])
        out.append({"k": "convert", "name": target or name, "source": source,
                    "filter": filt, "global": as_global, "line": line, "ctx": list(ctx)})


def self_names(t):
    if isinstance(t, ast.Name):
        return [t.id]
    if isinstance(t, (ast.Tuple, ast.List)):
        return [n for e in t.elts for n in self_names(e)]
    return []


def local_names(fn):
    """The names a function binds itself (parameters, assignments, imports,
    nested defs, loop and handler targets), minus those it declares global:
    what its body reads that is not among them is a module global."""
    a = fn.args
    names = {x.arg for x in a.posonlyargs + a.args + a.kwonlyargs}
    names |= {x.arg for x in (a.vararg, a.kwarg) if x is not None}
    declared = set()
    stack = list(fn.body)
    while stack:
        n = stack.pop()
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(n.name)
            if not isinstance(n, ast.ClassDef):
                stack.extend(n.decorator_list + n.args.defaults +
                             [d for d in n.args.kw_defaults if d is not None])
            continue
        if isinstance(n, ast.Lambda):
            continue
        if isinstance(n, ast.Global):
            declared.update(n.names)
        elif isinstance(n, ast.Name) and isinstance(n.ctx, (ast.Store, ast.Del)):
            names.add(n.id)
        elif isinstance(n, (ast.Import, ast.ImportFrom)):
            for al in n.names:
                names.add((al.asname or al.name).split(".")[0])
        elif isinstance(n, ast.ExceptHandler) and n.name:
            names.add(n.name)
        elif hasattr(ast, "MatchAs") and isinstance(n, (ast.MatchAs, ast.MatchStar)) and n.name:
            names.add(n.name)
        stack.extend(ast.iter_child_nodes(n))
    return names - declared


class BodyReader:
    """What calling one function does that may fail on a configuration:
    the module globals it reads or calls (Lib/os.py execl calls execv), the
    exceptions it raises and under which tests (Lib/subprocess.py:827
    `if not _can_fork_exec: raise OSError(...)`), and the modules it imports
    (Lib/pathlib.py 3.11 owner: `import pwd` in a try whose except
    ImportError raises NotImplementedError). Frames go to the file's table."""

    def __init__(self, reader, fn, method):
        self.r = reader
        self.locals = local_names(fn)
        params = fn.args.posonlyargs + fn.args.args
        self.self_name = None
        is_static = any(dotted(d) == "staticmethod" for d in fn.decorator_list)
        if method and params and not is_static:
            self.self_name = params[0].arg
        self.uses, self.raises, self.seen = [], [], set()
        self.exits = []   # frames whose block ends in return/raise
        self.returns = []  # ... in return: an early exit of the normal path
        self.aliases = self.local_aliases(fn)

    def facts(self, fn):
        self.stmts(fn.body, [])
        out = {"uses": self.uses, "raises": self.raises, "exits": self.exits,
               "returns": self.returns}
        sets = self.instance_sets(fn)
        if sets:
            out["sets"] = sets
        return out

    def instance_sets(self, fn):
        """`self.x = module.function` in a method: what self.x() calls
        (Lib/http/client.py HTTPConnection.__init__: self._create_connection
        = socket.create_connection)."""
        out = {}
        if not self.self_name:
            return out
        for n in ast.walk(fn):
            if isinstance(n, ast.Assign) and len(n.targets) == 1:
                t = n.targets[0]
                if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and \
                        t.value.id == self.self_name:
                    d = dotted(n.value)
                    if d and "." in d and not self.is_local(d.split(".")[0]) and \
                            d.split(".")[0] != self.self_name:
                        out.setdefault(t.attr, d)
        return out

    def note_exit(self, frame, block):
        """A guard clause: `if not hasattr(os, "x"): return`, or `except
        ImportError: return path` (Lib/posixpath.py expanduser): where it
        is taken, nothing after it in the function runs."""
        if block and isinstance(block[-1], (ast.Return, ast.Raise)):
            self.exits.append(frame)
            if isinstance(block[-1], ast.Return):
                self.returns.append(frame)

    def is_local(self, name):
        return name in self.locals and name != self.self_name and \
            name not in self.aliases

    def local_aliases(self, fn):
        """Locals that stand for a module global: a module the function
        imports itself (Lib/os.py popen: `import subprocess`) as "@module",
        a name it imports from one as "@module:name" (leading dots for a
        relative import: Lib/multiprocessing/context.py `from .connection
        import Pipe`), and a local bound once to an instance of a global
        class (Lib/concurrent/futures/thread.py `t = threading.Thread(...)`;
        `t.start()`) as that class's dotted name."""
        out, assigned = {}, {}
        stack = list(fn.body)
        while stack:
            n = stack.pop()
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
                continue
            if isinstance(n, ast.Import):
                for a in n.names:
                    if a.asname:
                        out[a.asname] = "@" + a.name
                    else:
                        top = a.name.split(".")[0]
                        out[top] = "@" + top
            elif isinstance(n, ast.ImportFrom) and n.module is not None or \
                    isinstance(n, ast.ImportFrom) and n.level:
                mod = "." * n.level + (n.module or "")
                for a in n.names:
                    if a.name != "*":
                        out[a.asname or a.name] = "@" + mod + ":" + a.name
            elif isinstance(n, ast.Assign):
                for t in n.targets:
                    for name in self_names(t):
                        assigned[name] = assigned.get(name, 0) + 1
                # t = X(...), also self._thread = t = X(...)
                # (Lib/logging/handlers.py QueueListener.start)
                if isinstance(n.value, ast.Call) and dotted(n.value.func):
                    for t in n.targets:
                        if isinstance(t, ast.Name):
                            assigned.setdefault("=" + t.id, dotted(n.value.func))
            stack.extend(ast.iter_child_nodes(n))
        a = fn.args
        params = {x.arg for x in a.posonlyargs + a.args + a.kwonlyargs}
        # A parameter whose default is a global class or function stands for
        # it (Lib/wsgiref/simple_server.py make_server(...,
        # server_class=WSGIServer): `server_class(...)`).
        positional = a.posonlyargs + a.args
        pairs = list(zip(positional[len(positional) - len(a.defaults):], a.defaults)) + \
            [(k, d) for k, d in zip(a.kwonlyargs, a.kw_defaults) if d is not None]
        for param, default in pairs:
            d = dotted(default)
            if d and assigned.get(param.arg, 0) == 0 and \
                    (d.split(".")[0] not in params or d.split(".")[0] == param.arg) and \
                    d.split(".")[0] != param.arg:
                out[param.arg] = "=" + d  # the value itself, not an instance
        for key, func in list(assigned.items()):
            if not key.startswith("="):
                continue
            name = key[1:]
            first = func.split(".")[0]
            if assigned.get(name) == 1 and name not in out and name not in params and \
                    (first not in self.locals or first in out):
                out[name] = func
        return out

    def localize(self, c):
        """A test over the function's own locals is not decided by the
        configuration: unknown (only module globals are evaluated)."""
        op = c.get("op")
        if op in ("and", "or"):
            return dict(c, args=[self.localize(a) for a in c["args"]])
        if op == "not":
            return dict(c, arg=self.localize(c["arg"]))
        obj = c.get("obj") or c.get("name")
        if obj and obj.split(".")[0] in self.locals:
            return {"op": "unknown", "text": c.get("text", obj)}
        return c

    def use(self, name, line, ctx, call):
        first, _, rest = name.partition(".")
        if self.self_name and first == self.self_name:
            name = "self." + rest  # whatever the method calls its instance
        elif first in self.aliases:
            target = self.aliases[first]
            if target.startswith("="):          # a parameter's default: itself
                name = target[1:] + ("." + rest if rest else "")
            elif not target.startswith("@"):    # an instance: its class
                if not rest:
                    return
                t_first, _, t_rest = target.partition(".")
                if t_first in self.aliases:
                    base = self.aliases[t_first]
                    if base.startswith("="):    # server_class(...): its class
                        name = ".".join(x for x in (base[1:], t_rest, rest) if x)
                    elif base.startswith("@"):
                        target = base + ("|" + t_rest if t_rest else "")
                        name = target + ("." + rest if "|" in target else "|" + rest)
                    else:                       # a method's result: not followed
                        return
                else:
                    name = target + "." + rest
            else:
                name = target + ("|" + rest if rest else "")
        key = (name, line, tuple(ctx), call)
        if key in self.seen:
            return
        self.seen.add(key)
        self.uses.append({"name": name, "line": line, "ctx": list(ctx), "call": call})

    def expr(self, node, ctx):
        if node is None or isinstance(node, ast.Lambda):
            return
        line = getattr(node, "lineno", 0)
        # Only what surely runs: the first operand of and/or, the test of
        # x if c else y (`hasattr(os, "x") and os.x()` must not count).
        if isinstance(node, ast.BoolOp):
            return self.expr(node.values[0], ctx)
        if isinstance(node, ast.IfExp):
            return self.expr(node.test, ctx)
        if isinstance(node, ast.Call):
            d = dotted(node.func)
            if d and self.wanted(d):
                self.use(d, line, ctx, True)
            else:
                self.expr(node.func, ctx)
            for a in node.args:
                self.expr(a, ctx)
            for k in node.keywords:
                self.expr(k.value, ctx)
            return
        if isinstance(node, (ast.Attribute, ast.Name)) and \
                not isinstance(node.ctx, (ast.Store, ast.Del)):
            d = dotted(node)
            if d:
                if self.wanted(d):
                    self.use(d, line, ctx, False)
                return
        for c in ast.iter_child_nodes(node):
            if isinstance(c, ast.expr):
                self.expr(c, ctx)
            elif isinstance(c, ast.comprehension):
                self.expr(c.iter, ctx)

    def wanted(self, d):
        first = d.split(".")[0]
        if first == self.self_name:
            return "." in d
        return not self.is_local(first)

    def stmts(self, body, ctx):
        for s in body:
            self.stmt(s, ctx)
            # Nothing after an unconditional raise or return runs.
            if isinstance(s, (ast.Raise, ast.Return)):
                break

    def stmt(self, s, ctx):
        r = self.r
        line = s.lineno
        if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for d in s.decorator_list + s.args.defaults:
                self.expr(d, ctx)
            return
        if isinstance(s, ast.ClassDef):
            for d in s.decorator_list + s.bases:
                self.expr(d, ctx)
            return
        if isinstance(s, ast.If):
            self.expr(s.test, ctx)
            test = self.localize(r.cond(s.test))
            text = r.text(s.test)
            yes = r.frame({"t": "if", "test": test, "neg": False, "line": line, "text": text})
            self.note_exit(yes, s.body)
            self.stmts(s.body, ctx + [yes])
            if s.orelse:
                no = r.frame({"t": "if", "test": test, "neg": True, "line": line, "text": text})
                self.note_exit(no, s.orelse)
                self.stmts(s.orelse, ctx + [no])
            return
        if isinstance(s, (ast.Try, getattr(ast, "TryStar", ast.Try))):
            tid = r.next_try
            r.next_try += 1
            body = r.frame({"t": "try", "id": tid, "line": line, "raises": False})
            self.stmts(s.body, ctx + [body])
            for h in s.handlers:
                # A handler that ends in a bare `raise` passes the error on
                # (Lib/threading.py Thread.start): it protects nothing.
                reraises = bool(h.body) and isinstance(h.body[-1], ast.Raise) and \
                    h.body[-1].exc is None
                f = r.frame({"t": "except", "id": tid, "caught": r.caught(h.type),
                             "line": h.lineno, "raises": reraises})
                self.note_exit(f, h.body)
                self.stmts(h.body, ctx + [f])
            if s.orelse:
                f = r.frame({"t": "else", "id": tid, "line": line})
                self.stmts(s.orelse, ctx + [f])
            self.stmts(s.finalbody, ctx)
            return
        if isinstance(s, (ast.For, ast.AsyncFor, ast.While)):
            head = s.iter if hasattr(s, "iter") else s.test
            self.expr(head, ctx)
            f = r.frame({"t": "loop", "line": line, "text": r.text(head)})
            self.stmts(s.body, ctx + [f])
            self.stmts(s.orelse, ctx + [f])
            return
        if isinstance(s, (ast.With, ast.AsyncWith)):
            for item in s.items:
                self.expr(item.context_expr, ctx)
            self.stmts(s.body, ctx)
            return
        if isinstance(s, ast.Raise):
            if s.exc is None:
                return  # a re-raise: the error came from elsewhere
            exc = s.exc.func if isinstance(s.exc, ast.Call) else s.exc
            self.raises.append({"exc": dotted(exc) or "", "line": line,
                                "ctx": list(ctx), "text": r.text(s)})
            self.expr(s.exc, ctx)
            return
        if isinstance(s, ast.Import):
            for a in s.names:
                self.use("import:" + a.name, line, ctx, False)
            return
        if isinstance(s, ast.ImportFrom):
            if s.level == 0 and s.module:
                self.use("import:" + s.module, line, ctx, False)
            return
        if hasattr(ast, "Match") and isinstance(s, ast.Match):
            self.expr(s.subject, ctx)
            for case in s.cases:
                self.stmts(case.body, ctx)
            return
        for c in ast.iter_child_nodes(s):
            if isinstance(c, ast.expr):
                self.expr(c, ctx)
            elif isinstance(c, ast.stmt):
                self.stmt(c, ctx)


def read(path):
    with open(path, "rb") as f:
        source_bytes = f.read()
    tree = ast.parse(source_bytes, filename=path)
    source = source_bytes.decode("utf-8", "replace")
    r = Reader(source)
    # Helpers first, so conditions above a helper's def still see it.
    for s in tree.body:
        if isinstance(s, ast.FunctionDef):
            r.note_helper(s)
    events = []
    r.body(tree.body, [], events)
    return {"events": events, "frames": r.frames}


def main():
    for line in sys.stdin:
        path = line.rstrip("\n")
        if not path:
            continue
        try:
            out = {"file": path, "facts": read(path)}
        except (SyntaxError, ValueError, OSError, RecursionError) as e:
            out = {"file": path, "error": f"{type(e).__name__}: {e}"}
        sys.stdout.write(json.dumps(out, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
