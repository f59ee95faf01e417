# What: a def under `if hasattr(mod, "x")` exists only where the C module has x
# (Lib/shutil.py:1363 disk_usage under hasattr(os, 'statvfs')).
# c-module: posix builtin: statvfs_absent_here fork
# expect disk_usage: no
# expect fork_user: yes
import posix

if hasattr(posix, 'statvfs'):
    def disk_usage(path):
        pass

if hasattr(posix, "fork"):
    def fork_user():
        pass
