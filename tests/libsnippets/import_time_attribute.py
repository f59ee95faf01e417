# What: a module attribute read when the module runs (a default value) and
# missing there fails the import with AttributeError
# (Lib/multiprocessing/popen_fork.py flag=os.WNOHANG).
# c-module: posix builtin: waitpid
# expect-import: no
import posix

class Popen:
    def poll(self, flag=posix.WNOHANG):
        pass

