# What: an attribute read behind `hasattr(...) and` does not fail the import
# (Lib/ntpath.py:726 hasattr(sys, "getwindowsversion") and
# sys.getwindowsversion()[3] >= 2).
# c-module: posix builtin: waitpid
# expect-import: yes
# expect supports: yes
import posix

supports = hasattr(posix, "getwindowsversion") and posix.getwindowsversion()[3] >= 2
