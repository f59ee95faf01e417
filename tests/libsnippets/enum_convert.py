# What: Enum._convert_ takes the source module's names through its filter
# (Lib/signal.py Signals): a constant the C module lacks is no member.
# c-module: _signal builtin: SIGINT SIGTERM SIG_DFL
# expect Signals: yes
# expect Signals.SIGINT: yes
# expect Signals.SIG_DFL: no
# expect Signals.SIGRTMIN: no
from enum import IntEnum as _IntEnum
from _signal import *

_IntEnum._convert_(
        'Signals', __name__,
        lambda name:
            name.isupper()
            and (name.startswith('SIG') and not name.startswith('SIG_'))
            or name.startswith('CTRL_'))
# --- file: enum.py
class IntEnum:
    pass
