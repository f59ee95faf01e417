"""Calls a few hundred public stdlib APIs, each once and safely, and records
what each call did, as JSON.

Runs under the interpreter being measured (the native build python, the WASI
build under Node, Pyodide in Node; bench/python_calls.py drives it), so it
uses nothing newer than CPython 3.11 and nothing outside the standard library.

Usage: PYTHON api_calls.py OUT_FILE [--resume]
       (bench/lib_names.py next to it: its source_sha256)

OUT_FILE gets {probe_id: {"ok": bool, "exc": "OSError"|..., "errno": int|null,
"msg": first 120 characters, "stage": "import"|"lookup"|"call", "at":
innermost frame, "prerequisite": the API whose call the probe needed
first and which raised (see prerequisite()), "module_sha256": of the probed
module's source (a module the distribution patched differs from native), "import_error": the message
of an ImportError behind the exception}}. A probe id names the API it
exercises as the gap report names it, "module:name", where name is a
module-level name ("os:dup") or "Class.method" ("socket:socket.dup"). The
probe's module is imported (stage "import": a failure is that module's),
then its name resolved (stage "lookup": an AttributeError there means the
name is absent), then the call made (stage "call"). A probe succeeds when
its call returns, or raises what it raises natively too (a refused loopback
connection, a missing file).

Each probe is bounded: network only to 127.0.0.1 (timeouts of 2 s), no
sleeping (time.sleep hangs under Node's WASI), no signal sent to any process,
threads and child processes joined with timeouts, forked children exit at
once. Files go to a scratch folder under $API_CALLS_SCRATCH, else next to
OUT_FILE (a WASI guest may have no /tmp), and tempfile is pointed there.
Progress goes to stderr, one line per probe before it runs, and each start
and result is appended to OUT_FILE.log: a probe that kills or hangs the
interpreter is recorded as "Died" when the run is restarted with --resume,
which carries on after it.
"""
import contextlib
import importlib
import io
import json
import os
import sys
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib_names import source_sha256  # noqa: E402

PROBES = []


def probe(pid, fn=None):
    """Registers fn(module) as the probe `pid`; a decorator without fn."""
    def register(f):
        if any(p == pid for p, _ in PROBES):
            raise SystemExit(f"api_calls: probe {pid} defined twice")
        PROBES.append((pid, f))
        return f
    return register(fn) if fn is not None else register


# ---------------------------------------------------------------- helpers

SCRATCH = None          # this run's scratch folder
_counter = [0]
_cleanup = []           # (fn, args) run after each probe, last first


def later(fn, *args):
    """Runs fn(*args) after the current probe, whatever happens."""
    _cleanup.append((fn, args))


def spath(name="f"):
    """A fresh path in the scratch folder (nothing created)."""
    _counter[0] += 1
    return os.path.join(SCRATCH, f"{_counter[0]}-{name}")


def sfile(data=b"probe data\n", name="f.txt"):
    """A fresh scratch file holding data."""
    path = spath(name)
    with open(path, "wb") as f:
        f.write(data)
    return path


def sdir():
    """A fresh scratch folder holding one file, a.txt."""
    path = spath("d")
    os.mkdir(path)
    with open(os.path.join(path, "a.txt"), "w") as f:
        f.write("a\n")
    return path


def rfd(flags=os.O_RDWR):
    """A file descriptor of a fresh scratch file, closed after the probe."""
    fd = os.open(sfile(), flags)
    later(os.close, fd)
    return fd


def closing(obj):
    """obj, closed after the probe."""
    later(obj.close)
    return obj


def raises(exc, fn, *args, **kw):
    """Calls fn; the call works when it raises exc, as it does natively."""
    try:
        fn(*args, **kw)
    except exc:
        return
    raise AssertionError(f"{getattr(fn, '__name__', fn)} did not raise {exc.__name__}")


def refused(fn, *args, **kw):
    """Calls fn against a closed loopback port; works when the connection is
    refused (urllib wraps the refusal in URLError.reason)."""
    try:
        fn(*args, **kw)
    except OSError as e:
        if isinstance(getattr(e, "reason", e), ConnectionRefusedError):
            return
        raise
    raise AssertionError("the connection to 127.0.0.1:9 was accepted")


@contextlib.contextmanager
def prerequisite(pid):
    """Around a call of another API that the probe needs before it can call
    its own (starting a thread before joining it, a loop before awaiting in
    it): a failure raised inside is that API's, recorded as "prerequisite":
    pid (the scorer charges it to pid's own probe, not to this one)."""
    try:
        yield
    except BaseException as e:
        if getattr(e, "_api_calls_prerequisite", None) is None:
            e._api_calls_prerequisite = pid
        raise


def joined(thread, timeout=10):
    """Starts thread and joins it; fails if it is still running."""
    with prerequisite("threading:Thread.start"):
        thread.start()
    thread.join(timeout)
    assert not thread.is_alive(), "thread still running"


def fork_exit(os):
    """Forks a child that exits at once; the parent reaps it."""
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    return os.waitpid(pid, 0)


def true_path():
    import shutil
    return shutil.which("true") or "/bin/true"


def square(x):  # picklable, for process pools
    return x * x


def nothing():
    pass


def in_loop(asyncio, coro_fn):
    """Awaits coro_fn() (10 s at most) in a fresh loop of asyncio.run."""
    started = []

    async def bounded():
        started.append(True)
        return await asyncio.wait_for(coro_fn(), 10)
    try:
        return asyncio.run(bounded())
    except BaseException as e:
        if not started:  # the loop itself failed: asyncio.run's own probe
            with prerequisite("asyncio:run"):
                raise
        raise


def loopback_pair(socket):
    """A listening server on 127.0.0.1, a client connected to it and the
    accepted end, all closed after the probe."""
    with prerequisite("socket:create_server"):
        server = closing(socket.create_server(("127.0.0.1", 0)))
    server.settimeout(2)
    with prerequisite("socket:create_connection"):
        client = closing(socket.create_connection(server.getsockname(), timeout=2))
    with prerequisite("socket:socket.accept"):
        conn, _ = server.accept()
    closing(conn).settimeout(2)
    return server, client, conn


def unix_pair(socket):
    with prerequisite("socket:socketpair"):
        a, b = socket.socketpair()
    closing(a).settimeout(2)
    closing(b).settimeout(2)
    return a, b


def pipe_pair(os):
    r, w = os.pipe()
    later(os.close, r)
    later(os.close, w)
    return r, w


# ---------------------------------------------------------------- os

probe("os:getpid", lambda os: os.getpid())
probe("os:getppid", lambda os: os.getppid())
probe("os:getcwd", lambda os: os.getcwd())
probe("os:listdir", lambda os: os.listdir(sdir()))
probe("os:scandir", lambda os: [e.is_file() for e in os.scandir(sdir())])
probe("os:walk", lambda os: list(os.walk(sdir())))
probe("os:fwalk", lambda os: list(os.fwalk(sdir())))
probe("os:stat", lambda os: os.stat(sfile()).st_size)
probe("os:lstat", lambda os: os.lstat(sfile()))
probe("os:fstat", lambda os: os.fstat(rfd()))
probe("os:open", lambda os: os.close(os.open(spath(), os.O_CREAT | os.O_WRONLY)))
probe("os:close", lambda os: os.close(os.open(sfile(), os.O_RDONLY)))
probe("os:read", lambda os: os.read(rfd(), 4))
probe("os:write", lambda os: os.write(rfd(), b"x"))
probe("os:lseek", lambda os: os.lseek(rfd(), 2, os.SEEK_SET))
probe("os:pread", lambda os: os.pread(rfd(), 2, 1))
probe("os:pwrite", lambda os: os.pwrite(rfd(), b"y", 1))
probe("os:readv", lambda os: os.readv(rfd(), [bytearray(2), bytearray(2)]))
probe("os:writev", lambda os: os.writev(rfd(), [b"a", b"b"]))
probe("os:dup", lambda os: os.close(os.dup(rfd())))
probe("os:dup2", lambda os: os.dup2(rfd(), rfd()))
probe("os:pipe", lambda os: pipe_pair(os))
probe("os:pipe2", lambda os: [later(os.close, fd) for fd in os.pipe2(os.O_CLOEXEC)])
probe("os:fsync", lambda os: os.fsync(rfd()))
probe("os:fdatasync", lambda os: os.fdatasync(rfd()))
probe("os:ftruncate", lambda os: os.ftruncate(rfd(), 1))
probe("os:truncate", lambda os: os.truncate(sfile(), 1))
probe("os:posix_fallocate", lambda os: os.posix_fallocate(rfd(), 0, 16))
probe("os:posix_fadvise", lambda os: os.posix_fadvise(rfd(), 0, 0, os.POSIX_FADV_NORMAL))
probe("os:lockf", lambda os: os.lockf(rfd(), os.F_TLOCK, 0))
probe("os:sendfile", lambda os: os.sendfile(rfd(), rfd(os.O_RDONLY), 0, 4))
probe("os:copy_file_range", lambda os: os.copy_file_range(rfd(os.O_RDONLY), rfd(), 4))
probe("os:get_blocking", lambda os: os.get_blocking(rfd()))
probe("os:set_blocking", lambda os: os.set_blocking(rfd(), True))
probe("os:get_inheritable", lambda os: os.get_inheritable(rfd()))
probe("os:set_inheritable", lambda os: os.set_inheritable(rfd(), False))
probe("os:isatty", lambda os: os.isatty(rfd()))
probe("os:ttyname", lambda os: raises(OSError, os.ttyname, rfd()))
probe("os:get_terminal_size", lambda os: raises(OSError, os.get_terminal_size, rfd()))
probe("os:device_encoding", lambda os: os.device_encoding(rfd()))
probe("os:mkdir", lambda os: os.mkdir(spath()))
probe("os:makedirs", lambda os: os.makedirs(os.path.join(spath(), "a", "b")))
@probe("os:rmdir")
def _(os):
    d = spath()
    os.mkdir(d)
    os.rmdir(d)


probe("os:remove", lambda os: os.remove(sfile()))
probe("os:unlink", lambda os: os.unlink(sfile()))
probe("os:rename", lambda os: os.rename(sfile(), spath()))
probe("os:replace", lambda os: os.replace(sfile(), sfile()))
probe("os:link", lambda os: os.link(sfile(), spath()))
probe("os:symlink", lambda os: os.symlink(sfile(), spath()))


@probe("os:readlink")
def _(os):
    link = spath()
    os.symlink("target", link)
    got = os.readlink(link)
    assert got == "target", f"readlink gave {got!r}"


probe("os:access", lambda os: os.access(sfile(), os.R_OK))
probe("os:chmod", lambda os: os.chmod(sfile(), 0o600))
probe("os:fchmod", lambda os: os.fchmod(rfd(), 0o600))
probe("os:chown", lambda os: os.chown(sfile(), -1, -1))
probe("os:fchown", lambda os: os.fchown(rfd(), -1, -1))
probe("os:lchown", lambda os: os.lchown(sfile(), -1, -1))
probe("os:utime", lambda os: os.utime(sfile(), (1, 1)))


@probe("os:chdir")
def _(os):
    here = os.getcwd()
    os.chdir(sdir())
    os.chdir(here)


@probe("os:fchdir")
def _(os):
    here = os.getcwd()
    os.fchdir(rfd_dir(os))
    os.chdir(here)


def rfd_dir(os):
    fd = os.open(sdir(), os.O_RDONLY)
    later(os.close, fd)
    return fd


@probe("os:umask")
def _(os):
    os.umask(os.umask(0o022))


probe("os:getuid", lambda os: os.getuid())
probe("os:geteuid", lambda os: os.geteuid())
probe("os:getgid", lambda os: os.getgid())
probe("os:getegid", lambda os: os.getegid())
probe("os:getgroups", lambda os: os.getgroups())
probe("os:getresuid", lambda os: os.getresuid())
probe("os:getresgid", lambda os: os.getresgid())
probe("os:getpgrp", lambda os: os.getpgrp())
probe("os:getpgid", lambda os: os.getpgid(0))
probe("os:getsid", lambda os: os.getsid(0))
probe("os:getpriority", lambda os: os.getpriority(os.PRIO_PROCESS, 0))
probe("os:nice", lambda os: os.nice(0))
probe("os:sched_yield", lambda os: os.sched_yield())
probe("os:sched_getaffinity", lambda os: os.sched_getaffinity(0))
probe("os:uname", lambda os: os.uname())
probe("os:urandom", lambda os: os.urandom(8))
probe("os:getrandom", lambda os: os.getrandom(8))
probe("os:cpu_count", lambda os: os.cpu_count())
probe("os:getloadavg", lambda os: os.getloadavg())
probe("os:times", lambda os: os.times())
probe("os:statvfs", lambda os: os.statvfs(SCRATCH))
probe("os:fstatvfs", lambda os: os.fstatvfs(rfd()))
probe("os:strerror", lambda os: os.strerror(2))
probe("os:getenv", lambda os: os.getenv("API_CALLS_NOT_SET", "x"))


@probe("os:putenv")
def _(os):
    os.putenv("API_CALLS_PROBE", "1")
    os.unsetenv("API_CALLS_PROBE")


@probe("os:environ")
def _(os):
    os.environ["API_CALLS_PROBE"] = "1"
    del os.environ["API_CALLS_PROBE"]


probe("os:get_exec_path", lambda os: os.get_exec_path())
probe("os:mkfifo", lambda os: os.mkfifo(spath()))
probe("os:mknod", lambda os: os.mknod(spath(), 0o600 | __import__("stat").S_IFIFO))
probe("os:makedev", lambda os: os.major(os.makedev(1, 2)))
probe("os:memfd_create", lambda os: os.close(os.memfd_create("probe")))
probe("os:eventfd", lambda os: os.close(os.eventfd(0)))
probe("os:openpty", lambda os: [later(os.close, fd) for fd in os.openpty()])
probe("os:listxattr", lambda os: os.listxattr(sfile()))
probe("os:register_at_fork", lambda os: os.register_at_fork(after_in_child=nothing))
probe("os:waitstatus_to_exitcode", lambda os: os.waitstatus_to_exitcode(0))
probe("os:fork", fork_exit)


@probe("os:forkpty")
def _(os):
    pid, fd = os.forkpty()
    if pid == 0:
        os._exit(0)
    later(os.close, fd)
    os.waitpid(pid, 0)


probe("os:waitpid", fork_exit)
probe("os:wait", lambda os: raises(ChildProcessError, os.wait))
probe("os:wait3", lambda os: raises(ChildProcessError, os.wait3, 0))
probe("os:waitid", lambda os: raises(ChildProcessError, os.waitid, os.P_ALL, 0, os.WEXITED))
probe("os:execv", lambda os: raises(FileNotFoundError, os.execv, "/nonexistent/x", ["x"]))
probe("os:execve", lambda os: raises(FileNotFoundError, os.execve, "/nonexistent/x", ["x"], {}))
probe("os:execl", lambda os: raises(FileNotFoundError, os.execl, "/nonexistent/x", "x"))
probe("os:execle", lambda os: raises(FileNotFoundError, os.execle, "/nonexistent/x", "x", {}))
probe("os:execlp", lambda os: raises(FileNotFoundError, os.execlp, "nonexistent-x", "x"))
probe("os:execvp", lambda os: raises(FileNotFoundError, os.execvp, "nonexistent-x", ["x"]))
probe("os:execvpe", lambda os: raises(FileNotFoundError, os.execvpe, "nonexistent-x", ["x"], {}))
probe("os:spawnv", lambda os: os.spawnv(os.P_WAIT, true_path(), ["true"]))
probe("os:spawnl", lambda os: os.spawnl(os.P_WAIT, true_path(), "true"))
probe("os:spawnlp", lambda os: os.spawnlp(os.P_WAIT, "true", "true"))
probe("os:spawnvp", lambda os: os.spawnvp(os.P_WAIT, "true", ["true"]))
probe("os:spawnve", lambda os: os.spawnve(os.P_WAIT, true_path(), ["true"], {}))
probe("os:posix_spawn", lambda os: os.waitpid(os.posix_spawn(true_path(), ["true"], {}), 0))
probe("os:posix_spawnp", lambda os: os.waitpid(os.posix_spawnp("true", ["true"], {}), 0))
probe("os:system", lambda os: os.system("true"))
probe("os:popen", lambda os: closing(os.popen("echo probe")).read())

# ---------------------------------------------------------------- subprocess

probe("subprocess:run", lambda m: m.run(["true"], timeout=10, check=True))
probe("subprocess:call", lambda m: m.call(["true"], timeout=10))
probe("subprocess:check_call", lambda m: m.check_call(["true"], timeout=10))
probe("subprocess:check_output", lambda m: m.check_output(["echo", "probe"], timeout=10))
probe("subprocess:getoutput", lambda m: m.getoutput("echo probe"))
probe("subprocess:getstatusoutput", lambda m: m.getstatusoutput("true"))
@probe("subprocess:Popen")
def _(m):
    with m.Popen(["true"]) as p:
        assert p.wait(10) == 0
probe("subprocess:Popen.communicate",
      lambda m: m.Popen(["cat"], stdin=m.PIPE, stdout=m.PIPE).communicate(b"x", timeout=10))

# ---------------------------------------------------------------- threading

probe("threading:Thread.start", lambda m: joined(m.Thread(target=nothing)))
probe("threading:Thread.join", lambda m: joined(m.Thread(target=nothing)))


@probe("threading:Timer")
def _(m):
    t = m.Timer(3600, nothing)
    with prerequisite("threading:Thread.start"):  # Timer.start is Thread's
        t.start()
    t.cancel()
    t.join(10)


probe("threading:Lock", lambda m: m.Lock().acquire(timeout=1))
probe("threading:RLock", lambda m: m.RLock().acquire(timeout=1))


@probe("threading:Event.set")
def _(m):
    e = m.Event()
    e.set()
    assert e.wait(1)


@probe("threading:Condition.notify_all")
def _(m):
    c = m.Condition()
    with c:
        c.notify_all()


probe("threading:Semaphore.acquire", lambda m: m.Semaphore(1).acquire(timeout=1))
probe("threading:Barrier.wait", lambda m: m.Barrier(1).wait(5))
probe("threading:local", lambda m: setattr(m.local(), "x", 1))
probe("threading:get_ident", lambda m: m.get_ident())
probe("threading:get_native_id", lambda m: m.get_native_id())
probe("threading:active_count", lambda m: m.active_count())
probe("threading:enumerate", lambda m: m.enumerate())
probe("threading:main_thread", lambda m: m.main_thread().name)
probe("threading:current_thread", lambda m: m.current_thread().ident)
probe("threading:stack_size", lambda m: m.stack_size())
probe("threading:settrace", lambda m: m.settrace(None))
@probe("_thread:start_new_thread")
def _(m):
    lock = m.allocate_lock()
    lock.acquire()
    m.start_new_thread(lock.release, ())
    assert lock.acquire(timeout=10)

# ---------------------------------------------------------------- concurrent.futures


@probe("concurrent.futures:ThreadPoolExecutor.submit")
def _(m):
    with m.ThreadPoolExecutor(1) as ex:
        assert ex.submit(square, 3).result(10) == 9


@probe("concurrent.futures:ThreadPoolExecutor.map")
def _(m):
    with m.ThreadPoolExecutor(2) as ex:
        assert list(ex.map(square, [1, 2], timeout=10)) == [1, 4]


@probe("concurrent.futures:ProcessPoolExecutor.submit")
def _(m):
    with m.ProcessPoolExecutor(1) as ex:
        assert ex.submit(square, 3).result(30) == 9


@probe("concurrent.futures:Future.set_result")
def _(m):
    f = m.Future()
    f.set_result(1)
    assert f.result(0) == 1


# ---------------------------------------------------------------- multiprocessing


@probe("multiprocessing:Process.start")
def _(m):
    p = m.Process(target=nothing)
    p.start()
    p.join(30)
    assert p.exitcode == 0, p.exitcode


@probe("multiprocessing:Pool")
def _(m):
    with m.Pool(1) as pool:
        assert pool.apply_async(square, (3,)).get(30) == 9


@probe("multiprocessing:Pipe")
def _(m):
    a, b = m.Pipe()
    closing(a).send(1)
    assert closing(b).recv() == 1


@probe("multiprocessing:Queue")
def _(m):
    q = m.Queue()
    q.put(1)
    assert q.get(timeout=10) == 1
    q.close()
    q.join_thread()


probe("multiprocessing:Lock", lambda m: m.Lock().acquire(timeout=1))
probe("multiprocessing:Value", lambda m: m.Value("i", 1).value)
probe("multiprocessing:cpu_count", lambda m: m.cpu_count())
probe("multiprocessing:current_process", lambda m: m.current_process().name)
probe("multiprocessing:get_context", lambda m: m.get_context().Process)


@probe("multiprocessing.shared_memory:SharedMemory")
def _(m):
    shm = m.SharedMemory(create=True, size=16)
    shm.close()
    shm.unlink()


@probe("multiprocessing.connection:Listener")
def _(m):
    m.Listener(("127.0.0.1", 0)).close()


probe("multiprocessing.connection:Client",
      lambda m: refused(m.Client, ("127.0.0.1", 9)))

# ---------------------------------------------------------------- queue


@probe("queue:Queue.get")
def _(m):
    q = m.Queue()
    q.put(1)
    assert q.get(timeout=1) == 1


probe("queue:Queue.get_nowait", lambda m: raises(m.Empty, m.Queue().get_nowait))


@probe("queue:SimpleQueue.get")
def _(m):
    q = m.SimpleQueue()
    q.put(1)
    assert q.get(timeout=1) == 1


@probe("queue:PriorityQueue.get")
def _(m):
    q = m.PriorityQueue()
    q.put(2)
    q.put(1)
    assert q.get_nowait() == 1


# ---------------------------------------------------------------- socket

probe("socket:socket", lambda m: closing(m.socket(m.AF_INET, m.SOCK_STREAM)))
probe("socket:socketpair", lambda m: unix_pair(m))
probe("socket:create_server", lambda m: closing(m.create_server(("127.0.0.1", 0))))
probe("socket:create_connection", lambda m: loopback_pair(m))
probe("socket:socket.accept", lambda m: loopback_pair(m))
probe("socket:socket.bind", lambda m: closing(m.socket()).bind(("127.0.0.1", 0)))


@probe("socket:socket.listen")
def _(m):
    s = closing(m.socket())
    s.bind(("127.0.0.1", 0))
    s.listen()


@probe("socket:socket.connect")
def _(m):
    server = closing(m.create_server(("127.0.0.1", 0)))
    c = closing(m.socket())
    c.settimeout(2)
    c.connect(server.getsockname())


probe("socket:socket.connect_ex",
      lambda m: closing(m.socket()).connect_ex(("127.0.0.1", 9)))


@probe("socket:socket.sendall")
def _(m):
    _, client, conn = loopback_pair(m)
    client.sendall(b"ping")
    assert conn.recv(4) == b"ping"


@probe("socket:socket.recv_into")
def _(m):
    a, b = unix_pair(m)
    a.sendall(b"x")
    assert b.recv_into(bytearray(4)) == 1


@probe("socket:socket.dup")
def _(m):
    closing(closing(m.socket()).dup())


probe("socket:socket.makefile", lambda m: closing(unix_pair(m)[0].makefile("rb")))
probe("socket:socket.setsockopt",
      lambda m: closing(m.socket()).setsockopt(m.SOL_SOCKET, m.SO_KEEPALIVE, 1))
probe("socket:socket.getsockopt",
      lambda m: closing(m.socket()).getsockopt(m.SOL_SOCKET, m.SO_TYPE))
probe("socket:socket.getsockname", lambda m: loopback_pair(m)[1].getsockname())
probe("socket:socket.getpeername", lambda m: loopback_pair(m)[1].getpeername())
probe("socket:socket.shutdown", lambda m: unix_pair(m)[0].shutdown(m.SHUT_RDWR))
probe("socket:socket.settimeout", lambda m: closing(m.socket()).settimeout(1))
probe("socket:socket.setblocking", lambda m: closing(m.socket()).setblocking(False))


@probe("socket:socket.sendto")
def _(m):
    a = closing(m.socket(m.AF_INET, m.SOCK_DGRAM))
    a.bind(("127.0.0.1", 0))
    a.settimeout(2)
    b = closing(m.socket(m.AF_INET, m.SOCK_DGRAM))
    b.sendto(b"x", a.getsockname())
    assert a.recvfrom(4)[0] == b"x"


@probe("socket:socket.sendmsg")
def _(m):
    a, b = unix_pair(m)
    a.sendmsg([b"x"])
    assert b.recvmsg(4)[0] == b"x"


@probe("socket:send_fds")
def _(m):
    a, b = unix_pair(m)
    m.send_fds(a, [b"x"], [rfd()])
    msg, fds, _, _ = m.recv_fds(b, 4, 1)
    for fd in fds:
        later(os.close, fd)


@probe("socket:socket.sendfile")
def _(m):
    _, client, conn = loopback_pair(m)
    with open(sfile(b"data"), "rb") as f:
        client.sendfile(f)
    assert conn.recv(4)


@probe("socket:AF_UNIX")
def _(m):
    s = closing(m.socket(m.AF_UNIX, m.SOCK_STREAM))
    s.bind(spath("sock"))


probe("socket:fromfd", lambda m: closing(m.fromfd(unix_pair(m)[0].fileno(), m.AF_UNIX,
                                                  m.SOCK_STREAM)))
probe("socket:getaddrinfo", lambda m: m.getaddrinfo("127.0.0.1", 80))
probe("socket:gethostname", lambda m: m.gethostname())
probe("socket:gethostbyname", lambda m: m.gethostbyname("127.0.0.1"))
probe("socket:gethostbyaddr", lambda m: m.gethostbyaddr("127.0.0.1"))
probe("socket:getnameinfo", lambda m: m.getnameinfo(("127.0.0.1", 80),
                                                    m.NI_NUMERICHOST | m.NI_NUMERICSERV))
probe("socket:getservbyname", lambda m: m.getservbyname("http", "tcp"))
probe("socket:getprotobyname", lambda m: m.getprotobyname("tcp"))
probe("socket:inet_aton", lambda m: m.inet_aton("127.0.0.1"))
probe("socket:inet_ntoa", lambda m: m.inet_ntoa(b"\x7f\x00\x00\x01"))
probe("socket:inet_pton", lambda m: m.inet_pton(m.AF_INET6, "::1"))
probe("socket:inet_ntop", lambda m: m.inet_ntop(m.AF_INET, b"\x7f\x00\x00\x01"))
probe("socket:htons", lambda m: m.htons(1))
probe("socket:if_nameindex", lambda m: m.if_nameindex())
probe("socket:close", lambda m: m.close(os.open(sfile(), os.O_RDONLY)))


@probe("socket:setdefaulttimeout")
def _(m):
    old = m.getdefaulttimeout()
    m.setdefaulttimeout(2)
    m.setdefaulttimeout(old)


# ---------------------------------------------------------------- socketserver and servers


def served(server):
    later(server.server_close)
    return server.server_address


probe("socketserver:TCPServer", lambda m: served(m.TCPServer(("127.0.0.1", 0),
                                                             m.BaseRequestHandler)))
probe("socketserver:UDPServer", lambda m: served(m.UDPServer(("127.0.0.1", 0),
                                                             m.BaseRequestHandler)))
probe("socketserver:ThreadingTCPServer",
      lambda m: served(m.ThreadingTCPServer(("127.0.0.1", 0), m.BaseRequestHandler)))
probe("socketserver:ForkingTCPServer",
      lambda m: served(m.ForkingTCPServer(("127.0.0.1", 0), m.BaseRequestHandler)))
probe("socketserver:UnixStreamServer",
      lambda m: served(m.UnixStreamServer(spath("sock"), m.BaseRequestHandler)))


@probe("socketserver:TCPServer.handle_request")
def _(m):
    import socket
    got = []

    class Handler(m.BaseRequestHandler):
        def handle(self):
            got.append(self.request.recv(4))

    server = m.TCPServer(("127.0.0.1", 0), Handler)
    served(server)
    server.timeout = 2
    client = closing(socket.create_connection(server.server_address, timeout=2))
    client.sendall(b"ping")
    server.handle_request()
    assert got == [b"ping"], got


probe("http.server:HTTPServer",
      lambda m: served(m.HTTPServer(("127.0.0.1", 0), m.BaseHTTPRequestHandler)))
probe("http.server:ThreadingHTTPServer",
      lambda m: served(m.ThreadingHTTPServer(("127.0.0.1", 0), m.BaseHTTPRequestHandler)))
probe("wsgiref.simple_server:make_server",
      lambda m: served(m.make_server("127.0.0.1", 0, lambda env, start: [])))
probe("xmlrpc.server:SimpleXMLRPCServer",
      lambda m: served(m.SimpleXMLRPCServer(("127.0.0.1", 0), logRequests=False)))

# ---------------------------------------------------------------- network clients (loopback)

probe("urllib.request:urlopen",
      lambda m: refused(m.urlopen, "http://127.0.0.1:9/", timeout=2))
probe("http.client:HTTPConnection.request",
      lambda m: refused(m.HTTPConnection("127.0.0.1", 9, timeout=2).request, "GET", "/"))
probe("ftplib:FTP.connect", lambda m: refused(m.FTP().connect, "127.0.0.1", 9, timeout=2))
probe("smtplib:SMTP", lambda m: refused(m.SMTP, "127.0.0.1", 9, timeout=2))
probe("poplib:POP3", lambda m: refused(m.POP3, "127.0.0.1", 9, timeout=2))
probe("imaplib:IMAP4", lambda m: refused(m.IMAP4, "127.0.0.1", 9, timeout=2))
probe("xmlrpc.client:ServerProxy",
      lambda m: refused(m.ServerProxy("http://127.0.0.1:9/").system.listMethods))


@probe("urllib.request:urlretrieve")
def _(m):
    import pathlib
    m.urlretrieve(pathlib.Path(sfile()).as_uri(), spath())


probe("urllib.request:getproxies", lambda m: m.getproxies())


@probe("urllib.request:url2pathname")
def _(m):
    assert m.url2pathname("/a%20b") == "/a b"


# ---------------------------------------------------------------- asyncio


async def _trivial():
    return 1


probe("asyncio:run", lambda m: m.run(_trivial()))


@probe("asyncio:new_event_loop")
def _(m):
    loop = m.new_event_loop()
    try:
        assert loop.run_until_complete(_trivial()) == 1
    finally:
        loop.close()


probe("asyncio:Runner", lambda m: closing(m.Runner()).run(_trivial()))
probe("asyncio:gather", lambda m: in_loop(m, lambda: m.gather(_trivial(), _trivial())))
probe("asyncio:sleep", lambda m: in_loop(m, lambda: m.sleep(0)))
probe("asyncio:to_thread", lambda m: in_loop(m, lambda: m.to_thread(square, 2)))


@probe("asyncio:Queue.get")
def _(m):
    async def go():
        q = m.Queue()
        await q.put(1)
        return await q.get()
    assert in_loop(m, go) == 1


@probe("asyncio:start_server")
def _(m):
    async def go():
        server = await m.start_server(lambda r, w: w.close(), "127.0.0.1", 0)
        server.close()
        await server.wait_closed()
    in_loop(m, go)


@probe("asyncio:open_connection")
def _(m):
    async def go():
        server = await m.start_server(lambda r, w: w.close(), "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        _, w = await m.open_connection("127.0.0.1", port)
        w.close()
        server.close()
        await server.wait_closed()
    in_loop(m, go)


@probe("asyncio:create_subprocess_exec")
def _(m):
    async def go():
        p = await m.create_subprocess_exec("true")
        return await p.wait()
    assert in_loop(m, go) == 0


@probe("asyncio:AbstractEventLoop.add_signal_handler")
def _(m):
    import signal

    async def go():
        loop = m.get_running_loop()
        loop.add_signal_handler(signal.SIGUSR1, nothing)
        loop.remove_signal_handler(signal.SIGUSR1)
    in_loop(m, go)


@probe("asyncio:AbstractEventLoop.getaddrinfo")
def _(m):
    async def go():
        return await m.get_running_loop().getaddrinfo("127.0.0.1", 80)
    in_loop(m, go)


# ---------------------------------------------------------------- selectors and select


@probe("selectors:DefaultSelector")
def _(m):
    sel = closing(m.DefaultSelector())
    sel.select(0)


@probe("selectors:DefaultSelector.register")
def _(m):
    import socket
    a, _ = unix_pair(socket)
    sel = closing(m.DefaultSelector())
    sel.register(a, m.EVENT_WRITE)
    assert sel.select(0)


probe("selectors:SelectSelector", lambda m: closing(m.SelectSelector()).select(0))
probe("selectors:PollSelector", lambda m: closing(m.PollSelector()).select(0))
probe("selectors:EpollSelector", lambda m: closing(m.EpollSelector()).select(0))
probe("select:select", lambda m: m.select([rfd()], [], [], 0))


@probe("select:poll")
def _(m):
    p = m.poll()
    p.register(rfd(), m.POLLIN)
    assert p.poll(0)


probe("select:epoll", lambda m: closing(m.epoll()).poll(0))

# ---------------------------------------------------------------- pathlib


def spath_obj(m, data=None):
    return m.Path(sfile() if data is None else sfile(data))


probe("pathlib:Path.owner", lambda m: spath_obj(m).owner())
probe("pathlib:Path.group", lambda m: spath_obj(m).group())
probe("pathlib:Path.hardlink_to", lambda m: m.Path(spath()).hardlink_to(sfile()))
probe("pathlib:Path.symlink_to", lambda m: m.Path(spath()).symlink_to(sfile()))
probe("pathlib:Path.readlink", lambda m: _symlinked(m).readlink())
probe("pathlib:Path.touch", lambda m: m.Path(spath()).touch())
probe("pathlib:Path.read_text", lambda m: spath_obj(m).read_text())
probe("pathlib:Path.write_text", lambda m: m.Path(spath()).write_text("x"))
probe("pathlib:Path.read_bytes", lambda m: spath_obj(m).read_bytes())
probe("pathlib:Path.write_bytes", lambda m: m.Path(spath()).write_bytes(b"x"))
probe("pathlib:Path.open", lambda m: closing(spath_obj(m).open()).read())
probe("pathlib:Path.mkdir", lambda m: m.Path(spath(), "a").mkdir(parents=True))
probe("pathlib:Path.rmdir", lambda m: _made_dir(m).rmdir())
probe("pathlib:Path.unlink", lambda m: spath_obj(m).unlink())
probe("pathlib:Path.rename", lambda m: spath_obj(m).rename(spath()))
probe("pathlib:Path.replace", lambda m: spath_obj(m).replace(sfile()))
probe("pathlib:Path.stat", lambda m: spath_obj(m).stat())
probe("pathlib:Path.chmod", lambda m: spath_obj(m).chmod(0o600))
probe("pathlib:Path.exists", lambda m: spath_obj(m).exists())
probe("pathlib:Path.is_mount", lambda m: m.Path(SCRATCH).is_mount())
probe("pathlib:Path.samefile", lambda m: spath_obj(m).samefile(sfile()))
probe("pathlib:Path.iterdir", lambda m: list(m.Path(sdir()).iterdir()))
probe("pathlib:Path.glob", lambda m: list(m.Path(sdir()).glob("*.txt")))
probe("pathlib:Path.rglob", lambda m: list(m.Path(sdir()).rglob("*.txt")))
probe("pathlib:Path.resolve", lambda m: _symlinked(m).resolve())
probe("pathlib:Path.absolute", lambda m: m.Path("x").absolute())
probe("pathlib:Path.cwd", lambda m: m.Path.cwd())
probe("pathlib:Path.home", lambda m: m.Path.home())
probe("pathlib:Path.expanduser", lambda m: m.Path("~/x").expanduser())


def _symlinked(m):
    """A symbolic link to a scratch file, by a relative target (WASI refuses
    absolute ones, which symlink_to's own probe uses)."""
    link = m.Path(spath())
    link.symlink_to(os.path.basename(sfile()))
    return link


def _made_dir(m):
    d = m.Path(spath())
    d.mkdir()
    return d


# ---------------------------------------------------------------- shutil

probe("shutil:copy", lambda m: m.copy(sfile(), spath()))
probe("shutil:copy2", lambda m: m.copy2(sfile(), spath()))
probe("shutil:copyfile", lambda m: m.copyfile(sfile(), spath()))
probe("shutil:copymode", lambda m: m.copymode(sfile(), sfile()))
probe("shutil:copystat", lambda m: m.copystat(sfile(), sfile()))
probe("shutil:copytree", lambda m: m.copytree(sdir(), spath()))
probe("shutil:move", lambda m: m.move(sfile(), spath()))
probe("shutil:rmtree", lambda m: m.rmtree(sdir()))
probe("shutil:disk_usage", lambda m: m.disk_usage(SCRATCH))
@probe("shutil:chown")
def _(m):
    path = sfile()
    m.chown(path, user=os.stat(path).st_uid)
probe("shutil:which", lambda m: m.which("python3"))
probe("shutil:get_terminal_size", lambda m: m.get_terminal_size())
probe("shutil:make_archive", lambda m: m.make_archive(spath(), "tar", sdir()))


@probe("shutil:unpack_archive")
def _(m):
    archive = m.make_archive(spath(), "tar", sdir())
    m.unpack_archive(archive, spath())


# ---------------------------------------------------------------- tempfile

probe("tempfile:mkstemp", lambda m: os.close(m.mkstemp()[0]))
probe("tempfile:mkdtemp", lambda m: m.mkdtemp())
probe("tempfile:TemporaryDirectory", lambda m: m.TemporaryDirectory().cleanup())
probe("tempfile:NamedTemporaryFile", lambda m: closing(m.NamedTemporaryFile()).write(b"x"))
probe("tempfile:TemporaryFile", lambda m: closing(m.TemporaryFile()).write(b"x"))


@probe("tempfile:SpooledTemporaryFile")
def _(m):
    f = closing(m.SpooledTemporaryFile(max_size=4))
    f.write(b"more than four bytes")
    f.seek(0)
    assert f.read(4) == b"more"


probe("tempfile:gettempdir", lambda m: m.gettempdir())

# ---------------------------------------------------------------- archives and compression

DATA = b"compressible " * 64


@probe("zipfile:ZipFile.write")
def _(m):
    path = spath("a.zip")
    with m.ZipFile(path, "w", m.ZIP_DEFLATED) as z:
        z.write(sfile(DATA), "data")
    with m.ZipFile(path) as z:
        assert z.read("data") == DATA


@probe("zipfile:ZipFile.writestr")
def _(m):
    path = spath("a.zip")
    with m.ZipFile(path, "w") as z:
        z.writestr("data", DATA)
    with m.ZipFile(path) as z:
        assert z.read("data") == DATA


def tar_roundtrip(m, mode):
    path = spath("a.tar")
    with m.open(path, "w" + mode) as t:
        t.add(sfile(DATA), "data")
    with m.open(path) as t:
        assert t.extractfile("data").read() == DATA


probe("tarfile:open", lambda m: tar_roundtrip(m, ""))
probe("tarfile:TarFile.gzopen", lambda m: tar_roundtrip(m, ":gz"))
probe("tarfile:TarFile.bz2open", lambda m: tar_roundtrip(m, ":bz2"))
probe("tarfile:TarFile.xzopen", lambda m: tar_roundtrip(m, ":xz"))


@probe("tarfile:TarFile.extractall")
def _(m):
    path = spath("a.tar")
    with m.open(path, "w") as t:
        t.add(sdir(), "d")
    with m.open(path) as t:
        t.extractall(spath())


def compress_roundtrip(m):
    assert m.decompress(m.compress(DATA)) == DATA


probe("gzip:compress", compress_roundtrip)
probe("bz2:compress", compress_roundtrip)
probe("lzma:compress", compress_roundtrip)
probe("zlib:compress", compress_roundtrip)


def file_roundtrip(opener):
    path = spath()
    with opener(path, "wb") as f:
        f.write(DATA)
    with opener(path, "rb") as f:
        assert f.read() == DATA


probe("gzip:open", lambda m: file_roundtrip(m.open))
probe("bz2:BZ2File", lambda m: file_roundtrip(m.BZ2File))
probe("lzma:LZMAFile", lambda m: file_roundtrip(m.LZMAFile))
probe("zlib:crc32", lambda m: m.crc32(DATA))
probe("zlib:compressobj", lambda m: m.compressobj().compress(DATA))
probe("zipimport:zipimporter", lambda m: _zip_import(m))


def _zip_import(m):
    import importlib.util
    import zipfile
    path = spath("mods.zip")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("api_calls_zipped.py", "X = 1\n")
    spec = m.zipimporter(path).find_spec("api_calls_zipped")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.X == 1


@probe("zipapp:create_archive")
def _(m):
    d = sdir()
    with open(os.path.join(d, "__main__.py"), "w") as f:
        f.write("pass\n")
    m.create_archive(d, spath("app.pyz"))


# ---------------------------------------------------------------- hashing and randomness

probe("hashlib:sha256", lambda m: m.sha256(DATA).hexdigest())
probe("hashlib:md5", lambda m: m.md5(DATA).hexdigest())
probe("hashlib:sha1", lambda m: m.sha1(DATA).hexdigest())
probe("hashlib:sha3_256", lambda m: m.sha3_256(DATA).hexdigest())
probe("hashlib:blake2b", lambda m: m.blake2b(DATA).hexdigest())
probe("hashlib:new", lambda m: m.new("sha512", DATA).hexdigest())
probe("hashlib:pbkdf2_hmac", lambda m: m.pbkdf2_hmac("sha256", b"pw", b"salt", 10))
probe("hashlib:scrypt", lambda m: m.scrypt(b"pw", salt=b"salt", n=16, r=1, p=1))


@probe("hashlib:file_digest")
def _(m):
    with open(sfile(DATA), "rb") as f:
        m.file_digest(f, "sha256")


probe("hmac:new", lambda m: m.new(b"key", DATA, "sha256").hexdigest())
probe("hmac:digest", lambda m: m.digest(b"key", DATA, "sha256"))
probe("hmac:compare_digest", lambda m: m.compare_digest(b"a", b"a"))
probe("secrets:token_bytes", lambda m: m.token_bytes(8))
probe("secrets:token_hex", lambda m: m.token_hex(8))
probe("secrets:randbelow", lambda m: m.randbelow(10))
probe("secrets:choice", lambda m: m.choice("abc"))
probe("random:random", lambda m: m.random())
probe("random:seed", lambda m: m.seed())
probe("random:randint", lambda m: m.randint(1, 6))
probe("random:shuffle", lambda m: m.shuffle([1, 2, 3]))
probe("random:sample", lambda m: m.sample(range(10), 3))
probe("random:SystemRandom.random", lambda m: m.SystemRandom().random())
probe("random:getrandbits", lambda m: m.getrandbits(64))
probe("uuid:uuid1", lambda m: m.uuid1())
probe("uuid:uuid3", lambda m: m.uuid3(m.NAMESPACE_DNS, "example.org"))
probe("uuid:uuid4", lambda m: m.uuid4())
probe("uuid:uuid5", lambda m: m.uuid5(m.NAMESPACE_DNS, "example.org"))
probe("uuid:getnode", lambda m: m.getnode())

# ---------------------------------------------------------------- time, dates, locale

probe("time:time", lambda m: m.time())
probe("time:time_ns", lambda m: m.time_ns())
probe("time:monotonic", lambda m: m.monotonic())
probe("time:perf_counter", lambda m: m.perf_counter())
probe("time:process_time", lambda m: m.process_time())
probe("time:thread_time", lambda m: m.thread_time())
probe("time:localtime", lambda m: m.localtime())
probe("time:gmtime", lambda m: m.gmtime(0))
probe("time:mktime", lambda m: m.mktime(m.localtime()))
probe("time:strftime", lambda m: m.strftime("%Y-%m-%d %H:%M:%S %Z"))
probe("time:strptime", lambda m: m.strptime("2024-01-02", "%Y-%m-%d"))
probe("time:asctime", lambda m: m.asctime())
probe("time:ctime", lambda m: m.ctime(0))
probe("time:get_clock_info", lambda m: m.get_clock_info("monotonic"))
probe("time:clock_gettime", lambda m: m.clock_gettime(m.CLOCK_REALTIME))
probe("time:clock_getres", lambda m: m.clock_getres(m.CLOCK_MONOTONIC))
probe("time:tzset", lambda m: m.tzset())
probe("time:pthread_getcpuclockid",
      lambda m: m.pthread_getcpuclockid(__import__("threading").get_ident()))
probe("datetime:datetime.now", lambda m: m.datetime.now())
probe("datetime:date.today", lambda m: m.date.today())
probe("datetime:datetime.fromtimestamp", lambda m: m.datetime.fromtimestamp(0))
probe("datetime:datetime.astimezone", lambda m: m.datetime(2024, 1, 2, 3).astimezone())
probe("datetime:datetime.timestamp", lambda m: m.datetime(2024, 1, 2, 3).timestamp())
probe("datetime:datetime.strftime", lambda m: m.datetime(2024, 1, 2).strftime("%A %c"))
probe("datetime:datetime.strptime", lambda m: m.datetime.strptime("2024", "%Y"))
probe("zoneinfo:ZoneInfo", lambda m: m.ZoneInfo("Europe/Paris"))
probe("zoneinfo:available_timezones", lambda m: len(m.available_timezones()))
probe("calendar:TextCalendar.formatmonth", lambda m: m.TextCalendar().formatmonth(2024, 1))
probe("calendar:LocaleTextCalendar.formatmonth",
      lambda m: m.LocaleTextCalendar(locale="C").formatmonth(2024, 1))
@probe("locale:setlocale")
def _(m):
    old = m.setlocale(m.LC_CTYPE)
    m.setlocale(m.LC_CTYPE, "C")
    m.setlocale(m.LC_CTYPE, old)


probe("locale:getlocale", lambda m: m.getlocale())
probe("locale:localeconv", lambda m: m.localeconv())
probe("locale:getpreferredencoding", lambda m: m.getpreferredencoding(False))
probe("locale:getencoding", lambda m: m.getencoding())
probe("locale:nl_langinfo", lambda m: m.nl_langinfo(m.CODESET))
probe("locale:strxfrm", lambda m: m.strxfrm("abc"))
probe("locale:strcoll", lambda m: m.strcoll("a", "b"))
probe("locale:format_string", lambda m: m.format_string("%d", 1234, grouping=True))
probe("locale:bindtextdomain", lambda m: m.bindtextdomain("probe", SCRATCH))
probe("locale:gettext", lambda m: m.gettext("probe"))
probe("gettext:translation", lambda m: m.translation("probe", SCRATCH, fallback=True))
probe("gettext:gettext", lambda m: m.gettext("probe"))

# ---------------------------------------------------------------- users, terminals, resources

probe("getpass:getuser", lambda m: m.getuser())
probe("pwd:getpwuid", lambda m: m.getpwuid(os.getuid()))
probe("pwd:getpwnam", lambda m: m.getpwnam("root"))
probe("pwd:getpwall", lambda m: m.getpwall())
probe("grp:getgrgid", lambda m: m.getgrgid(0))
probe("grp:getgrall", lambda m: m.getgrall())
probe("resource:getrlimit", lambda m: m.getrlimit(m.RLIMIT_NOFILE))
probe("resource:setrlimit", lambda m: m.setrlimit(m.RLIMIT_NOFILE, m.getrlimit(m.RLIMIT_NOFILE)))
probe("resource:getrusage", lambda m: m.getrusage(m.RUSAGE_SELF))
probe("resource:getpagesize", lambda m: m.getpagesize())
probe("fcntl:fcntl", lambda m: m.fcntl(rfd(), m.F_GETFL))
probe("fcntl:flock", lambda m: m.flock(rfd(), m.LOCK_EX | m.LOCK_NB))
probe("fcntl:lockf", lambda m: m.lockf(rfd(), m.LOCK_EX | m.LOCK_NB))
FIONREAD = 0x541B  # Linux's and musl's (Emscripten's) value
probe("fcntl:ioctl", lambda m: m.ioctl(pipe_pair(os)[0], FIONREAD, b"\0" * 4))


def pty_slave(os):
    master, slave = os.openpty()
    later(os.close, master)
    later(os.close, slave)
    return slave


probe("termios:tcgetattr", lambda m: m.tcgetattr(pty_slave(os)))


@probe("termios:tcsetattr")
def _(m):
    fd = pty_slave(os)
    m.tcsetattr(fd, m.TCSANOW, m.tcgetattr(fd))


probe("termios:tcflush", lambda m: m.tcflush(pty_slave(os), m.TCIFLUSH))
probe("pty:openpty", lambda m: [later(os.close, fd) for fd in m.openpty()])


@probe("pty:fork")
def _(m):
    pid, fd = m.fork()
    if pid == 0:
        os._exit(0)
    later(os.close, fd)
    os.waitpid(pid, 0)


probe("tty:setraw", lambda m: m.setraw(pty_slave(os)))
probe("tty:setcbreak", lambda m: m.setcbreak(pty_slave(os)))
probe("mmap:mmap", lambda m: closing(m.mmap(-1, 4096)).write(b"x"))


@probe("mmap:mmap.flush")
def _(m):
    with open(sfile(DATA), "r+b") as f:
        mm = closing(m.mmap(f.fileno(), 0))
        mm[0:1] = b"C"
        mm.flush()


probe("mmap:mmap.madvise", lambda m: closing(m.mmap(-1, 4096)).madvise(m.MADV_NORMAL))

# ---------------------------------------------------------------- signals and faulthandler

probe("signal:getsignal", lambda m: m.getsignal(m.SIGINT))


@probe("signal:signal")
def _(m):
    m.signal(m.SIGUSR1, m.signal(m.SIGUSR1, lambda *a: None))


probe("signal:set_wakeup_fd", lambda m: m.set_wakeup_fd(-1))
probe("signal:pthread_sigmask", lambda m: m.pthread_sigmask(m.SIG_BLOCK, []))
probe("signal:sigpending", lambda m: m.sigpending())
probe("signal:valid_signals", lambda m: m.valid_signals())
probe("signal:strsignal", lambda m: m.strsignal(m.SIGINT))
probe("signal:siginterrupt", lambda m: m.siginterrupt(m.SIGUSR1, False))
probe("signal:alarm", lambda m: m.alarm(0))
probe("signal:setitimer", lambda m: m.setitimer(m.ITIMER_REAL, 0))
probe("signal:getitimer", lambda m: m.getitimer(m.ITIMER_REAL))
probe("signal:Signals", lambda m: m.Signals(2).name)


@probe("faulthandler:enable")
def _(m):
    f = closing(open(spath(), "w"))
    m.enable(f)
    m.disable()


probe("faulthandler:dump_traceback", lambda m: m.dump_traceback(closing(open(spath(), "w"))))


@probe("faulthandler:dump_traceback_later")
def _(m):
    m.dump_traceback_later(3600, file=closing(open(spath(), "w")))
    m.cancel_dump_traceback_later()


@probe("faulthandler:register")
def _(m):
    import signal
    m.register(signal.SIGUSR2, file=closing(open(spath(), "w")))
    m.unregister(signal.SIGUSR2)


probe("faulthandler:is_enabled", lambda m: m.is_enabled())

# ---------------------------------------------------------------- logging


@probe("logging.handlers:QueueListener.start")
def _(m):
    import queue
    listener = m.QueueListener(queue.Queue())
    listener.start()
    listener.stop()


@probe("logging.handlers:QueueHandler.emit")
def _(m):
    import logging
    import queue
    q = queue.Queue()
    m.QueueHandler(q).emit(logging.makeLogRecord({"msg": "x"}))
    assert q.get_nowait()


probe("logging.handlers:RotatingFileHandler",
      lambda m: closing(m.RotatingFileHandler(spath(), maxBytes=10)).doRollover())
probe("logging.handlers:TimedRotatingFileHandler",
      lambda m: closing(m.TimedRotatingFileHandler(spath())).doRollover())
probe("logging.handlers:WatchedFileHandler",
      lambda m: closing(m.WatchedFileHandler(spath())).reopenIfNeeded())
probe("logging.handlers:SysLogHandler",
      lambda m: closing(m.SysLogHandler(address=("127.0.0.1", 9))))
probe("logging.handlers:SocketHandler.makeSocket",
      lambda m: refused(m.SocketHandler("127.0.0.1", 9).makeSocket, timeout=2))
probe("logging.handlers:MemoryHandler", lambda m: closing(m.MemoryHandler(10)).flush())
probe("logging:FileHandler", lambda m: closing(m.FileHandler(spath())).emit(
    m.makeLogRecord({"msg": "x"})))
probe("logging:getLogger", lambda m: m.getLogger("api_calls").debug("x"))

# ---------------------------------------------------------------- platform, sys, sysconfig

probe("platform:uname", lambda m: m.uname())
probe("platform:platform", lambda m: m.platform())
probe("platform:system", lambda m: m.system())
probe("platform:machine", lambda m: m.machine())
probe("platform:node", lambda m: m.node())
probe("platform:processor", lambda m: m.processor())
probe("platform:architecture", lambda m: m.architecture())
probe("platform:python_version", lambda m: m.python_version())
probe("platform:libc_ver", lambda m: m.libc_ver())
probe("sysconfig:get_paths", lambda m: m.get_paths())
probe("sysconfig:get_config_var", lambda m: m.get_config_var("prefix"))
probe("sysconfig:get_config_vars", lambda m: m.get_config_vars())
probe("sysconfig:get_platform", lambda m: m.get_platform())
probe("sysconfig:get_scheme_names", lambda m: m.get_scheme_names())
probe("site:getusersitepackages", lambda m: m.getusersitepackages())
probe("sys:getrecursionlimit", lambda m: m.getrecursionlimit())
probe("sys:setrecursionlimit", lambda m: m.setrecursionlimit(m.getrecursionlimit()))
probe("sys:getsizeof", lambda m: m.getsizeof([]))
probe("sys:getrefcount", lambda m: m.getrefcount(m))
probe("sys:getfilesystemencoding", lambda m: m.getfilesystemencoding())
probe("sys:getswitchinterval", lambda m: m.setswitchinterval(m.getswitchinterval()))
probe("sys:getdlopenflags", lambda m: m.setdlopenflags(m.getdlopenflags()))
probe("sys:getallocatedblocks", lambda m: m.getallocatedblocks())
probe("sys:thread_info", lambda m: m.thread_info.name)
probe("sys:get_int_max_str_digits", lambda m: m.get_int_max_str_digits())
probe("sys:intern", lambda m: m.intern("probe"))
probe("sys:is_finalizing", lambda m: m.is_finalizing())
probe("sys:get_asyncgen_hooks", lambda m: m.get_asyncgen_hooks())
probe("sys:getprofile", lambda m: m.getprofile())
probe("sys:audit", lambda m: m.audit("api_calls.probe"))
probe("gc:collect", lambda m: m.collect())
probe("tracemalloc:start", lambda m: (m.start(), m.get_traced_memory(), m.stop()))
probe("errno:errorcode", lambda m: m.errorcode[m.ENOENT])
probe("importlib:import_module", lambda m: m.import_module("json.decoder"))
probe("importlib.resources:files", lambda m: (m.files("json") / "__init__.py").read_text())
probe("importlib.metadata:distributions", lambda m: list(m.distributions()))


@probe("runpy:run_path")
def _(m):
    path = sfile(b"X = 1\n", "mod.py")
    assert m.run_path(path)["X"] == 1


@probe("py_compile:compile")
def _(m):
    m.compile(sfile(b"X = 1\n", "mod.py"), cfile=spath("mod.pyc"), doraise=True)


@probe("compileall:compile_dir")
def _(m):
    assert m.compile_dir(sdir_with_py(), quiet=2)


def sdir_with_py():
    d = sdir()
    with open(os.path.join(d, "mod.py"), "w") as f:
        f.write("X = 1\n")
    return d


probe("inspect:getsource", lambda m: m.getsource(m.getsource))
probe("linecache:getline", lambda m: m.getline(sfile(b"a\nb\n"), 2))
probe("code:compile_command", lambda m: m.compile_command("x = 1"))
probe("timeit:timeit", lambda m: m.timeit("pass", number=100))
probe("cProfile:Profile.runcall", lambda m: m.Profile().runcall(square, 2))
probe("profile:Profile.runcall", lambda m: m.Profile().runcall(square, 2))
probe("trace:Trace.runfunc", lambda m: m.Trace(count=0, trace=0).runfunc(square, 2))
probe("sched:scheduler.run", lambda m: m.scheduler().run(blocking=False))
probe("pydoc:render_doc", lambda m: m.render_doc(square))

# ---------------------------------------------------------------- web, browsers, mail

probe("webbrowser:GenericBrowser.open",
      lambda m: m.GenericBrowser("true").open("http://127.0.0.1:9/"))


@probe("webbrowser:register")
def _(m):
    m.register("api-calls-probe", None, m.GenericBrowser("true"))
    m.get("api-calls-probe")


probe("mimetypes:guess_type", lambda m: m.guess_type("a.html"))
probe("mimetypes:init", lambda m: m.init())


def _message():
    import email.message
    msg = email.message.EmailMessage()
    msg["Subject"] = "probe"
    msg.set_content("body\n")
    return msg


@probe("mailbox:mbox.add")
def _(m):
    box = m.mbox(spath())
    box.add(_message())
    box.close()


@probe("mailbox:mbox.lock")
def _(m):
    box = m.mbox(spath())
    box.lock()
    box.unlock()
    box.close()


@probe("mailbox:Maildir.add")
def _(m):
    box = m.Maildir(spath())
    box.add(_message())
    assert len(box) == 1


probe("email.utils:formatdate", lambda m: m.formatdate(localtime=True))
probe("email.utils:make_msgid", lambda m: m.make_msgid())
probe("email.utils:localtime", lambda m: m.localtime())
probe("email.message:EmailMessage", lambda m: _message().as_bytes())

# ---------------------------------------------------------------- optional C libraries

probe("ctypes:sizeof", lambda m: m.sizeof(m.c_int))
probe("ctypes:create_string_buffer", lambda m: m.create_string_buffer(b"x").value)
probe("ctypes:CDLL", lambda m: m.CDLL(None))


@probe("ctypes:CFUNCTYPE")
def _(m):
    cb = m.CFUNCTYPE(m.c_int, m.c_int)(square)
    assert cb(3) == 9


probe("ctypes:pythonapi", lambda m: m.pythonapi.Py_IsInitialized())
probe("ctypes.util:find_library", lambda m: m.find_library("c"))


@probe("sqlite3:connect")
def _(m):
    con = closing(m.connect(":memory:"))
    assert con.execute("select 1").fetchone() == (1,)


@probe("sqlite3:Connection.backup")
def _(m):
    src = closing(m.connect(":memory:"))
    src.execute("create table t(x)")
    src.backup(closing(m.connect(spath("db.sqlite"))))


probe("curses:setupterm", lambda m: m.setupterm("xterm", rfd()))
probe("curses.ascii:isalpha", lambda m: m.isalpha("a"))
probe("readline:add_history", lambda m: m.add_history("probe"))
probe("readline:get_completer", lambda m: m.get_completer())


@probe("dbm:open")
def _(m):
    with m.open(spath("db"), "c") as db:
        db[b"k"] = b"v"
        assert db[b"k"] == b"v"


def dbm_roundtrip(m):
    with m.open(spath("db"), "c") as db:
        db[b"k"] = b"v"


probe("dbm.dumb:open", dbm_roundtrip)
probe("dbm.gnu:open", dbm_roundtrip)
probe("dbm.ndbm:open", dbm_roundtrip)
probe("shelve:open", lambda m: closing(m.open(spath("shelf"))).__setitem__("k", 1))
probe("ssl:create_default_context", lambda m: m.create_default_context())
probe("ssl:SSLContext", lambda m: m.SSLContext(m.PROTOCOL_TLS_CLIENT))
probe("ssl:RAND_bytes", lambda m: m.RAND_bytes(8))
probe("syslog:openlog", lambda m: (m.openlog("api_calls"), m.closelog()))
probe("decimal:Decimal", lambda m: m.Decimal("1.1") + m.Decimal("2.2"))
@probe("decimal:localcontext")
def _(m):
    with m.localcontext() as context:
        context.prec = 5
        assert str(m.Decimal(1) / 3) == "0.33333"
probe("unicodedata:normalize", lambda m: m.normalize("NFD", "\u00e9"))
probe("unicodedata:name", lambda m: m.name("a"))
probe("readline:parse_and_bind", lambda m: m.parse_and_bind("set bell-style none"))
probe("xml.parsers.expat:ParserCreate", lambda m: m.ParserCreate().Parse(b"<a/>", True))
probe("xml.etree.ElementTree:parse", lambda m: m.parse(sfile(b"<a><b/></a>")).getroot())
probe("xml.dom.minidom:parseString", lambda m: m.parseString("<a/>").documentElement)
probe("xml.sax:parseString", lambda m: m.parseString(b"<a/>", m.ContentHandler()))
probe("pyexpat:ParserCreate", lambda m: m.ParserCreate())

# ---------------------------------------------------------------- data formats and pure modules

probe("json:dumps", lambda m: m.loads(m.dumps({"a": [1, 2.5, None]})))


@probe("json:dump")
def _(m):
    path = spath()
    with open(path, "w") as f:
        m.dump([1], f)
    with open(path) as f:
        assert m.load(f) == [1]


@probe("csv:writer")
def _(m):
    path = spath()
    with open(path, "w", newline="") as f:
        m.writer(f).writerow(["a", 1])
    with open(path, newline="") as f:
        assert list(m.reader(f)) == [["a", "1"]]


probe("io:open", lambda m: closing(m.open(sfile(), encoding="utf-8")).read())
probe("io:open_code", lambda m: closing(m.open_code(sfile())).read())
probe("io:FileIO", lambda m: closing(m.FileIO(sfile())).read())
probe("io:BytesIO", lambda m: m.BytesIO(b"x").getvalue())
probe("io:StringIO", lambda m: m.StringIO("x").getvalue())
probe("io:TextIOWrapper", lambda m: m.TextIOWrapper(m.BytesIO(b"x")).read())
probe("struct:pack", lambda m: m.unpack("<iq", m.pack("<iq", 1, 2)))


@probe("array:array.tofile")
def _(m):
    path = spath()
    with open(path, "wb") as f:
        m.array("i", [1, 2]).tofile(f)
    a = m.array("i")
    with open(path, "rb") as f:
        a.fromfile(f, 2)


probe("codecs:encode", lambda m: m.decode(m.encode("\u00e9", "utf-16"), "utf-16"))
probe("codecs:lookup", lambda m: m.lookup("latin-1"))
probe("codecs:open", lambda m: closing(m.open(sfile(), encoding="utf-8")).read())
probe("encodings.idna:ToASCII", lambda m: m.ToASCII("b\u00fccher"))
probe("fractions:Fraction", lambda m: m.Fraction(1, 3) + m.Fraction(1, 6))
probe("statistics:mean", lambda m: m.mean([1, 2, 3]))
probe("statistics:NormalDist", lambda m: m.NormalDist(0, 1).cdf(0.5))
probe("math:sqrt", lambda m: m.sqrt(2))
probe("cmath:exp", lambda m: m.exp(1j))
probe("binascii:crc32", lambda m: m.crc32(DATA))
probe("base64:b64encode", lambda m: m.b64decode(m.b64encode(DATA)))
probe("pickle:dumps", lambda m: m.loads(m.dumps({"a": (1, 2)})))
probe("copy:deepcopy", lambda m: m.deepcopy({"a": [1]}))
probe("shlex:split", lambda m: m.split("a 'b c'"))
probe("glob:glob", lambda m: m.glob(os.path.join(sdir(), "*")))
probe("fnmatch:filter", lambda m: m.filter(["a.py", "b.c"], "*.py"))
probe("filecmp:cmp", lambda m: m.cmp(sfile(), sfile(), shallow=False))
probe("filecmp:dircmp", lambda m: m.dircmp(sdir(), sdir()).diff_files)
probe("fileinput:input", lambda m: list(m.input(sfile())))
probe("configparser:ConfigParser.read",
      lambda m: m.ConfigParser().read(sfile(b"[a]\nb = 1\n")))
probe("plistlib:dumps", lambda m: m.loads(m.dumps({"a": 1})))
probe("tomllib:loads", lambda m: m.loads("a = 1"))
probe("html.parser:HTMLParser.feed", lambda m: m.HTMLParser().feed("<p>x</p>"))
probe("http.cookies:SimpleCookie", lambda m: m.SimpleCookie("a=b").output())
probe("http.cookiejar:CookieJar", lambda m: len(m.CookieJar()))
probe("urllib.parse:urlparse", lambda m: m.urlparse("http://a/b?c"))
probe("ipaddress:ip_address", lambda m: m.ip_address("::1").is_loopback)
probe("netrc:netrc", lambda m: m.netrc(sfile(b"machine a login b password c\n")))
probe("wave:open", lambda m: _wave(m))


def _wave(m):
    path = spath("a.wav")
    with m.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(b"\0\0" * 8)
    with m.open(path, "rb") as w:
        assert w.getnframes() == 8


probe("argparse:ArgumentParser.parse_args",
      lambda m: m.ArgumentParser().parse_args([]))
probe("difflib:unified_diff", lambda m: list(m.unified_diff(["a"], ["b"])))
probe("textwrap:wrap", lambda m: m.wrap("a b c", 2))
probe("string:Template.substitute", lambda m: m.Template("$a").substitute(a=1))
probe("re:compile", lambda m: m.compile(r"(\w+)").match("abc").group(1))
probe("weakref:ref", lambda m: m.ref(_WeakTarget()))
probe("contextvars:ContextVar", lambda m: m.ContextVar("v", default=1).get())
probe("enum:Enum", lambda m: m.Enum("E", "A B").A)
probe("dataclasses:dataclass", lambda m: m.dataclass(type("C", (), {"__annotations__": {}})))
probe("unittest:TestCase.run", lambda m: m.FunctionTestCase(nothing).run())
probe("doctest:run_docstring_examples",
      lambda m: m.run_docstring_examples(">>> 1\n1\n", {}))


class _WeakTarget:
    pass


# ---------------------------------------------------------------- runner


def short_path(filename):
    """A frame's file, from its standard-library folder on (Lib/, python3X.zip)."""
    for marker in ("/Lib/", ".zip/", "/lib/python3"):
        i = filename.rfind(marker)
        if i >= 0:
            return filename[i + len(marker):].split("/", 1)[-1] \
                if marker == "/lib/python3" else filename[i + len(marker):]
    return os.path.basename(filename)


def exc_name(e):
    t = type(e)
    return t.__qualname__ if t.__module__ == "builtins" else f"{t.__module__}.{t.__qualname__}"


def import_error_behind(e):
    """The message of an ImportError the exception was raised from or while
    handling (tarfile's CompressionError hides `import lzma`), or None."""
    seen = e.__cause__ or e.__context__
    while seen is not None:
        if isinstance(seen, ImportError):
            return str(seen)[:120]
        seen = seen.__cause__ or seen.__context__
    return None


def resolve(module, dotted):
    obj = module
    for part in dotted.split("."):
        obj = getattr(obj, part)
    return obj


def run_probe(pid, fn):
    modname, name = pid.split(":", 1)
    stage, digest = "import", None
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            module = importlib.import_module(modname)
            digest = source_sha256(module, modname)
            stage = "lookup"
            resolve(module, name)
            stage = "call"
            fn(module)
        return {"ok": True, "exc": None, "errno": None, "msg": "", "stage": stage,
                "at": None, "module_sha256": digest}
    except BaseException as e:  # noqa: BLE001 - every failure is a fact here
        tb = e.__traceback__
        while tb.tb_next is not None:
            tb = tb.tb_next
        code = getattr(e, "errno", None)
        return {"ok": False, "exc": exc_name(e),
                "errno": code if isinstance(code, int) else None,
                "msg": str(e)[:120], "stage": stage,
                "at": f"{short_path(tb.tb_frame.f_code.co_filename)}:{tb.tb_lineno}",
                "module_sha256": digest, "import_error": import_error_behind(e),
                "prerequisite": getattr(e, "_api_calls_prerequisite", None)}
    finally:
        for f, args in reversed(_cleanup):
            try:
                f(*args)
            except BaseException:  # noqa: BLE001 - best effort
                pass
        del _cleanup[:]


DIED = {"ok": False, "exc": "Died", "errno": None, "stage": "call", "at": None,
        "msg": "the interpreter exited, crashed or hung in this probe", "module_sha256": None}


def resumed(log):
    """The results of the log of an earlier run; a probe started there
    without a result is one that killed or hung the interpreter."""
    results = {}
    with open(log) as f:
        for line in f:
            entry = json.loads(line)
            results[entry["id"]] = entry.get("result", DIED)
    return results


def main():
    global SCRATCH
    if len(sys.argv) < 2 or sys.argv[1].startswith("-"):
        raise SystemExit("usage: PYTHON api_calls.py OUT_FILE [--resume]")
    out = os.path.abspath(sys.argv[1])
    log = out + ".log"
    results = resumed(log) if "--resume" in sys.argv[2:] and os.path.exists(log) else {}
    if not results and os.path.exists(log):
        os.remove(log)
    base = os.environ.get("API_CALLS_SCRATCH") or os.path.dirname(out)
    SCRATCH = os.path.join(base, f"api_calls_scratch_{len(results)}")
    import glob
    import shutil
    import tempfile
    shutil.rmtree(SCRATCH, ignore_errors=True)
    os.makedirs(SCRATCH)
    tempfile.tempdir = SCRATCH
    warnings.simplefilter("ignore")
    here = os.getcwd()
    stderr = sys.__stderr__
    for i, (pid, fn) in enumerate(PROBES, 1):
        if pid in results:
            continue
        print(f"[{i}/{len(PROBES)}] {pid}", file=stderr, flush=True)
        with open(log, "a") as f:
            f.write(json.dumps({"id": pid}) + "\n")
        results[pid] = run_probe(pid, fn)
        with open(log, "a") as f:
            f.write(json.dumps({"id": pid, "result": results[pid]}) + "\n")
        if os.getcwd() != here:
            os.chdir(here)
    with open(out, "w") as f:
        json.dump({pid: results[pid] for pid, _ in PROBES}, f, indent=1)
    for folder in glob.glob(os.path.join(base, "api_calls_scratch_*")):
        shutil.rmtree(folder, ignore_errors=True)
    failed = sum(not r["ok"] for r in results.values())
    print(f"api_calls: {len(PROBES)} probes, {failed} failed; wrote {out}", file=stderr)


if __name__ == "__main__":
    main()
