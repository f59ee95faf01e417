# What: works differently, "no-threads": a method reaching the C function
# that starts a thread, whose path ends at a thread-layer stub on the target
# (Lib/threading.py Thread.start -> _thread.start_joinable_thread ->
# Python/thread_pthread_stubs.h pthread_create: return EAGAIN), through an
# alias taken before `del _thread` and a handler that re-raises.
# c-module: _thread builtin: start_joinable_thread/func get_ident/func
# target-fails: _thread.start_joinable_thread: Python/thread_pthread_stubs.h:88 return EAGAIN
# platform: wasi
# expect-different wd_threads:Thread.start: no-threads
# expect-different wd_threads:Thread.name: none
# expect-different wd_threads:get_ident: none
import _thread

_start_joinable_thread = _thread.start_joinable_thread
get_ident = _thread.get_ident
del _thread


class Thread:
    def start(self):
        try:
            _start_joinable_thread(self.run)
        except Exception:
            raise

    def run(self):
        pass

    def name(self):
        return "t"
