# What: a module-local helper returning `name in globals()` decides like
# hasattr on the module itself (Lib/os.py:874 _exists("fork")); names
# star-imported from a C module are its globals.
# c-module: posix builtin: execv
# expect spawnv: no
# expect P_WAIT: no
# expect execv: yes
from posix import *

def _exists(name):
    return name in globals()

if _exists("fork") and _exists("execv"):
    P_WAIT = 0
    def spawnv(mode, file, args):
        pass
