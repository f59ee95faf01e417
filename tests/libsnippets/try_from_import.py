# What: `try: from _x import y / except ImportError:` - the names of the try
# body exist only where the import works, the handler's otherwise
# (Lib/hashlib.py pbkdf2_hmac from _hashlib).
# c-missing: _hashlib
# expect-import: yes
# expect pbkdf2_hmac: no
# expect fallback: yes
try:
    from _hashlib import pbkdf2_hmac
except ImportError:
    def fallback():
        pass
