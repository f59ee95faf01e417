# What: a top-level import of a missing C module means the public module does
# not import (Lib/gzip.py: import zlib); a lazy import inside a function
# does not count.
# c-missing: zlib
# c-missing: _lzma
# expect-import: no
def lazy():
    import _lzma

import zlib
