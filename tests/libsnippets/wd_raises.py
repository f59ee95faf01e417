# What: works differently, "raises" and "reaches-failing": a method raising
# under a platform flag true on the target (Lib/subprocess.py:827
# `if not _can_fork_exec: raise OSError(...)`), and a function calling it;
# an argument check raising everywhere (ValueError) is not a difference.
# c-module: sys builtin: platform
# platform: wasi
# expect-different wd_raises:Popen: raises
# expect-different wd_raises:run: reaches-failing
# expect-different wd_raises:check: none
# expect-different wd_raises:getpid: none
import sys

_can_fork_exec = sys.platform not in {"emscripten", "wasi"}


class Popen:
    def __init__(self, args):
        if not _can_fork_exec:
            raise OSError(58, f"{sys.platform} does not support processes.")
        self.args = args


def run(args):
    with Popen(args) as p:
        return p


def check(value):
    if value < 0:
        raise ValueError("negative")
    raise TypeError("always, on every platform")


def getpid():
    return 1
