"""config/targets.tsv, the one table of targets, for bench/ and tests/
(the tool compiles the same file in; scripts/ read it through
scripts/targets.sh)."""
import os

TSV = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "config", "targets.tsv")
COLUMNS = ("name", "triple", "platform", "configure", "flavour", "option")


def rows():
    """Every row as a dict, the reference first; "-" columns are ""."""
    out = []
    with open(TSV) as f:
        for line in f:
            if line.startswith("#") or not line.split():
                continue
            out.append({k: ("" if v == "-" else v) for k, v in zip(COLUMNS, line.split())})
    return out


def names():
    """Every target's name, the reference first."""
    return [r["name"] for r in rows()]


def wasm_names():
    """The WebAssembly targets, in the table's order."""
    return names()[1:]
