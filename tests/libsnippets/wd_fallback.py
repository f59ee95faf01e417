# What: works differently, "fallback" and a fallback that raises: a name
# bound by the alternative branch of a guard (Lib/socket.py:652
# `socketpair = _fallback_socketpair` where _socket has no socketpair), and
# a method bound only `if pwd:` so that the base class's raising version is
# what the target runs (Lib/pathlib/_local.py 3.13 Path.owner ->
# PathBase.owner: UnsupportedOperation).
# c-module: _socket builtin: socketpair/func socket/class
# target-lacks: _socket.socketpair
# c-module: pwd: getpwuid/func
# target-lacks: pwd
# platform: wasi
# expect-different wd_fallback:socketpair: fallback
# expect-different wd_fallback:Path.owner: raises
# expect-different wd_fallback:Path.name: none
import _socket

try:
    import pwd
except ImportError:
    pwd = None


def _fallback_socketpair():
    return (1, 2)


if hasattr(_socket, "socketpair"):
    def socketpair():
        return _socket.socketpair()
else:
    socketpair = _fallback_socketpair


class PathBase:
    def owner(self):
        raise NotImplementedError("owner() is unsupported on this system")


class Path(PathBase):
    if pwd:
        def owner(self):
            return pwd.getpwuid(0)

    def name(self):
        return "x"
