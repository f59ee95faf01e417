# What: sys.platform / os.name tests decide per configuration (the snippet
# runs for the platform "wasi"); slicing and .lower() are looked through.
# platform: wasi
# c-module: sys builtin: platform
# expect on_wasi: yes
# expect not_emscripten: yes
# expect windows_only: no
# expect posix_only: yes
import sys
import os

if sys.platform == "wasi":
    on_wasi = True
if sys.platform not in {"emscripten", "ios"}:
    not_emscripten = True
if sys.platform[:3] == "win":
    windows_only = 1
if sys.platform.lower().startswith("win"):
    windows_only = 2
if os.name == "posix":
    posix_only = 1
# --- file: os.py
name = 'posix'
