# What: a condition the evaluator cannot decide is undecided with its text,
# never guessed (Lib/os.py:445 {open, stat} <= supports_dir_fd).
# expect fwalk: undecided
supports_dir_fd = set()

def open(path):
    pass

def stat(path):
    pass

if {open, stat} <= supports_dir_fd:
    def fwalk():
        pass
