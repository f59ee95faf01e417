# What: works differently, "raises" and "reaches-failing": a method raising
# under a platform flag true on the target (Lib/subprocess.py:827
# `if not _can_fork_exec: raise OSError(...)`), and a function calling it;
# an argument check raising everywhere (ValueError) is not a difference; a
# parameter whose default is the class stands for it, and a local bound to
# what calling it returns is its instance (Lib/wsgiref/simple_server.py
# make_server(..., server_class=WSGIServer)).
# c-module: sys builtin: platform
# platform: wasi
# expect-different wd_raises:Popen: raises
# expect-different wd_raises:run: reaches-failing
# expect-different wd_raises:check: none
# expect-different wd_raises:make_server: reaches-failing
# expect-different wd_raises:make_tool: reaches-failing
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


class Tool:
    def start(self):
        return Popen(["tool"])


def make_server(args, server_class=Popen):
    server = server_class(args)
    return server


def make_tool(tool_class=Tool):
    tool = tool_class()
    return tool.start()


def check(value):
    if value < 0:
        raise ValueError("negative")
    raise TypeError("always, on every platform")


def getpid():
    return 1
