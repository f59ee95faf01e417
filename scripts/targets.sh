# Sourced by scripts: config/targets.tsv, the one table of targets (the tool
# compiles the same file in; see model/Targets.h).
TARGETS_TSV="$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../config/targets.tsv"
[ -f "$TARGETS_TSV" ] || { echo "targets.sh: $TARGETS_TSV is missing; run the scripts from a wasm-gapscan checkout" >&2; exit 2; }

# The names of every row, the reference first.
target_names() { awk '!/^#/ && NF { print $1 }' "$TARGETS_TSV"; }

# Sets T_TRIPLE, T_PLATFORM, T_CONFIGURE, T_FLAVOUR and T_OPTION ("-" read
# as "") for target NAME; fails when the table has no such row.
target_row() { # NAME
  local row
  row=$(awk -v n="$1" '!/^#/ && $1 == n { print $2, $3, $4, $5, $6 }' "$TARGETS_TSV")
  [ -n "$row" ] || return 1
  read -r T_TRIPLE T_PLATFORM T_CONFIGURE T_FLAVOUR T_OPTION <<<"$row"
  for v in T_TRIPLE T_PLATFORM T_CONFIGURE T_FLAVOUR T_OPTION; do
    [ "${!v}" = "-" ] && printf -v "$v" ''
  done
  return 0
}
