# What: globals().update(X.__members__) and @global_enum export a class's
# members (Lib/re/__init__.py, Lib/http/client.py); a module __getattr__
# answers for the names of __all__ it does not bind (PEP 562).
# expect ALPHA: yes
# expect BETA: yes
# expect lazy_name: yes
__all__ = ["lazy_name", "Flags"]

class Flags:
    ALPHA = 1
    BETA = 2

globals().update(Flags.__members__)

def __getattr__(name):
    raise AttributeError(name)
