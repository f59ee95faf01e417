#!/usr/bin/env python3
"""Recall of the gap report against real calls: which stdlib APIs fail on a
WebAssembly interpreter, and does the report say so, with the right kind?

Usage: python3 bench/python_calls.py [--target wasi|pyodide] [--report REPORT.json]
       [--tool build/wasm-gapscan] [--json out.json] [--stall SECONDS]

bench/api_calls.py (a few hundred probes, each one call of a public API,
named "module:name" as the report names it) runs twice: under the native
build python of the target's CPython version (the ground: what works
there), and on the target, the same interpreters bench/python_layer.py runs:
  wasi (3.13): the WASI build of `configure-target.sh wasi` under Node
      (bench/wasi_python.mjs); the report is `wasm-gapscan scan --target wasi`.
  pyodide (3.11): Pyodide 0.23.4 from npm (CPython 3.11.2) in Node
      (bench/pyodide_python.mjs); the report is `scan --target
      emscripten-node` of Debian's 3.11.2.
--report scores that `scan --format json` output instead of running scan.
A probe that kills or hangs the interpreter (no progress for --stall
seconds) is recorded as "Died" and the run resumes after it.

A platform-caused failure is a probe that works natively and fails on the
target. Apart, not counted: what the distribution or host chose (a module
Pyodide removed or unvendored: the ModuleNotFoundError, or the ImportError
behind the exception, says so; a module whose source the distribution
patched: its digest differs from native's; no time-zone database on the
host; Pyodide's own event loop, which is already running), and a probe
whose failure was raised in another API it had to call first (its
"prerequisite": Thread.join's probe starts the thread, asyncio.sleep's runs
a loop) when that API's own probe fails too: that failure is scored there.
Each platform-caused failure is flagged right when the report says, by the
stage the probe failed at:
  import  the probe's module does not import: its verdict is "no" (or its C
          module is unavailable);
  lookup  the name is absent: it is missing (Python-level "missing", or the
          C gap's missing items of the C module behind that public module,
          or a class of it), or the module unavailable;
  call    the name exists and the call fails (the exception, any): the
          report lists it under "works_differently" (any kind).
A claim of the other kind (a name listed missing whose call fails; a name
listed as working differently that is absent) is counted as "flagged, other
kind". Recall = flagged right / platform-caused. False alarms: probes that
work on the target while the report lists them as working differently with
a failing kind (anything but "fallback"; a "fallback" claim is a different
implementation, so those whose call works are counted apart). Every miss
and false alarm is printed.
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))
from recall import CACHE, configure, die, ratio, run  # noqa: E402
from python_layer import (PYODIDE, native_command, pyodide_command, pyodide_dir,  # noqa: E402
                          removed_by_distribution, wasi_command, wasi_interpreter)

# --target: (CPython version, configure-target.sh name, the report's target name)
TARGETS = {"wasi": ("3.13", "wasi", "wasi"),
           "pyodide": ("3.11", "emscripten-node", "emscripten-node")}
GUEST = ("api_calls.py", "lib_names.py")
RESTARTS = 30


# ---------------------------------------------------------------- running the probes


def last_started(log):
    """The probe the log of api_calls.py started last without a result."""
    last = None
    if os.path.exists(log):
        with open(log) as f:
            for line in f:
                entry = json.loads(line)
                last = None if "result" in entry else entry["id"]
    return last


def watched(cmd, options, errlog, stall):
    """Runs cmd, its stderr appended to errlog; kills it (its process group)
    when errlog has not grown for `stall` seconds. The exit status, or None
    when it was killed."""
    with open(errlog, "a") as err:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=err, start_new_session=True, **options)
    size, since = -1, time.monotonic()
    while proc.poll() is None:
        time.sleep(0.2)
        now = os.path.getsize(errlog)
        if now != size:
            size, since = now, time.monotonic()
        elif time.monotonic() - since > stall:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return None
    return proc.returncode


def run_probes(label, command, work, side, stall):
    """Runs api_calls.py in work (command(files) gives the argv and the
    subprocess options) to the end, writing SIDE.json; its results."""
    for name in GUEST:
        shutil.copy(os.path.join(ROOT, "bench", name), work)
    out = os.path.join(work, f"{side}.json")
    errlog = os.path.join(work, f"{side}.stderr")
    for path in (out, out + ".log", errlog):
        if os.path.exists(path):
            os.remove(path)
    print(f"python_calls: running the probes on {label} (progress: {errlog})", file=sys.stderr)
    resume = []
    for _ in range(RESTARTS):
        cmd, options = command(["api_calls.py", f"{side}.json"] + resume)
        status = watched(cmd, options, errlog, stall)
        if status == 0 and os.path.exists(out):
            with open(out) as f:
                return json.load(f)
        probe = last_started(out + ".log")
        if probe is None:
            die(f"python_calls: api_calls.py failed on {label} outside any probe "
                f"(status {status}); see {errlog}")
        how = f"hung (no progress for {stall} s)" if status is None else f"exited ({status})"
        print(f"python_calls: {label} {how} in probe {probe}; resuming after it",
              file=sys.stderr)
        resume = ["--resume"]
    die(f"python_calls: {label} died {RESTARTS} times; see {errlog}")


# ---------------------------------------------------------------- the report's claims


def prefixes(name):
    """'Path.owner' -> ['Path.owner', 'Path']: a name and its classes."""
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(len(parts), 0, -1)]


class Claims:
    """What the report says about one target, indexed by public module."""

    def __init__(self, target):
        python = target.get("python", {})
        self.verdicts = {v["module"]: v["imports"] for v in python.get("verdicts", [])}
        self.missing, self.unavailable = {}, set()
        for m in python.get("modules", []):
            self.missing.setdefault(m["module"], set()).update(
                n["name"] for n in m.get("missing", []))
        for m in target.get("modules", []):  # C gaps
            if m.get("unavailable"):  # (not its public module: hashlib falls back)
                self.unavailable.add(m["module"])
            for key in {m["module"], m.get("public_name") or m["module"]}:
                self.missing.setdefault(key, set()).update(n["name"] for n in m.get("missing", []))
        self.different = {}
        for w in target.get("works_differently", []):
            self.different.setdefault((w["module"], w["name"]), []).append(w)

    def does_not_import(self, module):
        if self.verdicts.get(module) == "no":
            return "does not import"
        if module in self.unavailable:
            return "C module unavailable"
        return None

    def absent(self, module, name):
        """Why the report says module.name is not there, or None."""
        why = self.does_not_import(module)
        if why:
            return why
        for n in prefixes(name):
            if n in self.missing.get(module, ()):
                return f"{n} missing"
        return None

    def works_differently(self, module, name):
        """The report's works_differently entries for module.name (or its
        class), also where a submodule of the package defines it and the
        package hands it out (concurrent.futures.ThreadPoolExecutor is
        concurrent.futures.thread's, given by a module __getattr__)."""
        out = [w for n in prefixes(name) for w in self.different.get((module, n), [])]
        if not out:
            out = [w for (m, n), ws in self.different.items()
                   if m.startswith(module + ".") and n in prefixes(name) for w in ws]
        return out


def report_target(report, name):
    for t in report.get("targets", []):
        if t.get("name") == name:
            return t
    die(f"python_calls: the report has no target '{name}' "
        f"(it has {', '.join(t.get('name', '?') for t in report.get('targets', []))})")


# ---------------------------------------------------------------- scoring


def apart_reason(target, module, native, result):
    """Why a failure is the distribution's or the host's choice, or None."""
    exc, msg = result["exc"] or "", result["msg"]
    if (exc == "ModuleNotFoundError" and removed_by_distribution(msg)) or \
            removed_by_distribution(result.get("import_error") or ""):
        return "module removed or unvendored by the distribution"
    if native.get("module_sha256") and result.get("module_sha256") and \
            native["module_sha256"] != result["module_sha256"]:
        return f"{module}: source patched by the distribution"
    if exc.endswith("ZoneInfoNotFoundError"):
        return "no time-zone database on the host"
    # Node's WASI (uvwasi) sandbox refuses symlinks to absolute paths and
    # poll_oneoff on regular files with EPERM (63 in WASI's numbering):
    # the host runtime's choice, not CPython's sources (wasmtime allows both).
    if target == "wasi" and exc == "PermissionError" and result.get("errno") == 63:
        return "Node's WASI sandbox refuses it (EPERM)"
    # Emscripten's JavaScript runtime implements the syscalls: fork/wait
    # (ENOSYS 52), exec (ENOEXEC 45) and sockets emulated over WebSockets
    # (time-outs, EINVAL 28, ENOPROTOOPT 50) fail there, outside CPython's
    # sources; the report cannot see them (README: "works differently").
    if target == "pyodide" and (
            result.get("errno") in (52, 45, 28, 50, 26) or
            exc in ("TimeoutError", "BlockingIOError") or
            "timed out" in msg or "service/proto not found" in msg):
        return "Emscripten's runtime (syscall emulation, not in CPython's sources)"
    if target == "pyodide" and module == "asyncio" and \
            ("running event loop" in msg or exc == "NotImplementedError"):
        return "Pyodide's own event loop (already running; WebLoop)"
    return None


def flag(claims, module, name, stage):
    """(right kind claim, other kind claim) the report makes about a failure
    at `stage`; each a short text or None."""
    different = claims.works_differently(module, name)
    said_different = ", ".join(sorted({w["how"] for w in different})) or None
    if stage == "import":
        return claims.does_not_import(module), claims.absent(module, name) or said_different
    if stage == "lookup":
        return claims.absent(module, name), said_different
    return (f"works differently: {said_different}" if said_different else None,
            claims.absent(module, name))


def score(target, native, calls, claims):
    s = {"probes": len(calls), "fail_natively": [], "works": 0, "platform": [],
         "right": [], "other": [], "missed": [], "apart": {}, "false_alarms": [],
         "fallback_works": [], "absent_but_works": [], "apart_flagged": 0}
    for pid, result in calls.items():
        module, name = pid.split(":", 1)
        n = native.get(pid)
        if n is None or not n["ok"]:
            s["fail_natively"].append(pid)
            continue
        if result["ok"]:
            s["works"] += 1
            for w in claims.works_differently(module, name):
                entry = {"probe": pid, "kind": w["how"], "summary": w.get("summary", "")}
                kind = "fallback_works" if w["how"] == "fallback" else "false_alarms"
                s[kind].append(entry)
            absent = claims.absent(module, name)
            if absent:
                s["absent_but_works"].append({"probe": pid, "report": absent})
            continue
        row = {"probe": pid, "stage": result["stage"], "exc": result["exc"],
               "msg": result["msg"], "at": result["at"]}
        why = apart_reason(target, module, n, result)
        pre = result.get("prerequisite")
        if not why and pre and pre != pid and pre in calls and not calls[pre]["ok"]:
            # Thread.join's probe must start the thread, asyncio.sleep's must
            # run a loop: when that other API fails (and its own probe fails
            # too, and is scored), this probe could not test its own.
            why = "fails in another API it needs first, scored by that API's own probe"
            row["prerequisite"] = pre
        if why:
            s["apart"].setdefault(why, []).append(row)
            s["apart_flagged"] += any(flag(claims, module, name, result["stage"]))
            continue
        s["platform"].append(row)
        right, other = flag(claims, module, name, result["stage"])
        if right:
            s["right"].append(dict(row, report=right))
        elif other:
            s["other"].append(dict(row, report=other))
        else:
            s["missed"].append(row)
    return s


def print_result(label, s, unknown_modules):
    p = len(s["platform"])
    print(label)
    print(f"  {s['probes']} probes: {len(s['fail_natively'])} fail natively (not scored), "
          f"{s['works']} work on the target, {p} platform-caused failures, "
          f"{sum(len(v) for v in s['apart'].values())} apart")
    print(f"  recall {ratio(len(s['right']), p):7.2%}  ({len(s['right'])} flagged right, "
          f"{len(s['other'])} flagged but other kind, {len(s['missed'])} missed); "
          f"any flag {ratio(len(s['right']) + len(s['other']), p):.2%}")
    print(f"  false alarms: {len(s['false_alarms'])} (work on the target, listed as "
          f"working differently with a failing kind)")
    print(f"  fallback claims whose call works: {len(s['fallback_works'])}")
    print(f"  listed missing or unavailable, but the probe works: {len(s['absent_but_works'])}")
    by_stage = {}
    for row in s["platform"]:
        by_stage[row["stage"]] = by_stage.get(row["stage"], 0) + 1
    print("  platform-caused failures by stage: "
          + ", ".join(f"{k} {v}" for k, v in sorted(by_stage.items())))
    if s["apart"]:
        print(f"  apart (the distribution's or the host's choice, or another API's "
              f"failure; the report flags {s['apart_flagged']} of them anyway):")
        for why, rows in sorted(s["apart"].items()):
            names = [r["probe"] + (f" (in {r['prerequisite']})" if "prerequisite" in r else "")
                     for r in rows]
            print(f"    {why}: {len(rows)}: " + ", ".join(names[:12])
                  + (" ..." if len(names) > 12 else ""))
    if unknown_modules:
        print(f"  probe modules without a verdict in the report: {', '.join(unknown_modules)}")
    if s["fail_natively"]:
        print(f"  fail natively: {', '.join(s['fail_natively'])}")
    for title, rows in (("misses", s["missed"]), ("flagged but other kind", s["other"])):
        if rows:
            print(f"  {title}:")
            for r in rows:
                extra = f"  [report: {r['report']}]" if "report" in r else ""
                print(f"    {r['probe']:48} {r['stage']:6} {r['exc']}: {r['msg'][:70]}"
                      f" ({r['at']}){extra}")
    if s["false_alarms"]:
        print("  false alarms:")
        for r in s["false_alarms"]:
            print(f"    {r['probe']:48} {r['kind']}: {r['summary'][:80]}")
    if s["absent_but_works"]:
        print("  listed missing or unavailable, but works: "
              + ", ".join(f"{r['probe']} ({r['report']})" for r in s["absent_but_works"]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--target", default="wasi", choices=sorted(TARGETS))
    ap.add_argument("--report", help="a `wasm-gapscan scan --format json` output to score "
                    "(default: run scan on the target's sources)")
    ap.add_argument("--tool", default=os.path.join(ROOT, "build", "wasm-gapscan"))
    ap.add_argument("--json")
    ap.add_argument("--stall", type=float, default=60,
                    help="seconds without progress after which a probe counts as hung")
    opts = ap.parse_args()
    version, config, report_name = TARGETS[opts.target]
    if not opts.report and not os.access(opts.tool, os.X_OK):
        die(f"python_calls: --tool {opts.tool} is not an executable; build it with "
            "scripts/build.sh, or pass --report")
    src = run([f"{ROOT}/scripts/fetch-cpython.sh", version],
              stdout=subprocess.PIPE).stdout.strip().splitlines()[-1]
    work = os.path.join(CACHE, f"bench-calls-{opts.target}-{version}")
    os.makedirs(work, exist_ok=True)
    report_file = opts.report
    if not report_file:
        report_file = os.path.join(work, "report.json")
        run([opts.tool, "scan", "--source", src, "--target", config, "--format", "json",
             "-o", report_file], stderr=subprocess.DEVNULL)
    with open(report_file) as f:
        claims = Claims(report_target(json.load(f), report_name))

    native = run_probes(f"the native build python of {os.path.basename(src)}",
                        lambda files: native_command(src, work, files), work, "native",
                        opts.stall)
    if opts.target == "wasi":
        build, why = configure(config, src)
        if build is None:
            die(f"python_calls: cannot configure {config} for {src}: {why}")
        folder, libdir = wasi_interpreter(build, version)
        label = f"the WASI build of {os.path.basename(src)} under Node"
        calls = run_probes(label, lambda files: wasi_command(src, folder, libdir, work, files),
                           work, "target", opts.stall)
    else:
        package = pyodide_dir()
        label = f"Pyodide {PYODIDE} in Node"
        calls = run_probes(label, lambda files: pyodide_command(package, work, files),
                           work, "target", opts.stall)

    s = score(opts.target, native, calls, claims)
    unknown = sorted({pid.split(":")[0] for pid in calls} - set(claims.verdicts))
    print_result(f"{label} vs the report's {report_name} ({report_file})", s, unknown)
    if opts.json:
        with open(opts.json, "w") as f:
            json.dump(dict(s, target=opts.target, report=report_file,
                           unknown_modules=unknown), f, indent=1)


if __name__ == "__main__":
    main()
