# What: works differently, "reaches-missing": a function present on the
# target calling a name its star import lacks there (Lib/os.py execl ->
# execv); both arms of an undecided if reaching a missing name (Lib/os.py
# _execvpe's exec_func = execve / execv); a missing name reached only under
# an argument test (Lib/netrc.py _security_check) or after a guard clause
# the target takes (Lib/posixpath.py expanduser) is not claimed.
# c-module: posix builtin: execv/func execve/func getpid/func getuid/func
# target-lacks: posix.execv
# target-lacks: posix.execve
# target-lacks: posix.getuid
# c-missing: pwd
# platform: wasi
# expect-different wd_missing:execl: reaches-missing
# expect-different wd_missing:execvp: reaches-missing
# expect-different wd_missing:security_check: none
# expect-different wd_missing:expanduser: none
# expect-different wd_missing:getpid: none
from posix import *


def execl(file, *args):
    execv(file, args)


def _execvpe(file, args, env=None):
    if env is not None:
        exec_func = execve
    else:
        exec_func = execv
    exec_func(file, args)


def execvp(file, args):
    _execvpe(file, args)


def security_check(default_netrc):
    if default_netrc:
        return getuid()


def expanduser(path):
    try:
        import pwd
    except ImportError:
        return path
    return pwd.getpwuid(getuid()).pw_dir
