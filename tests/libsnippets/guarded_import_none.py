# What: `try: import X / except ImportError: X = None` then `if X is None`
# (Lib/pathlib/_local.py pwd = None); the module still imports.
# c-missing: pwd
# expect-import: yes
# expect pwd: yes
# expect owner_fallback: yes
# expect owner: no
try:
    import pwd
except ImportError:
    pwd = None

if pwd is None:
    def owner_fallback():
        pass
else:
    def owner():
        pass
