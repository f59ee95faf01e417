#!/usr/bin/env bash
# Usage: scripts/check-layering.sh
# The pipeline's stages, earliest first (README "Layout"). A stage may
# include only its own headers and those of earlier stages; only the stages
# that run Clang (commands, extract, collect) and report (for
# clang::SarifDocumentWriter) include Clang's headers. Prints every edge that
# breaks this and exits 1; run by scripts/run-tests.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
STAGES=(support model config commands extract collect link python gap docscheck report driver tool)
CLANG_STAGES=" commands extract collect report "
rank() { local i; for i in "${!STAGES[@]}"; do [ "${STAGES[$i]}" = "$1" ] && { echo "$i"; return; }; done; echo -1; }
bad=0 edges=0
for stage in "${STAGES[@]}"; do
  [ -d "$stage" ] || continue # python/: reserved for the Python layer
  r=$(rank "$stage")
  while IFS= read -r -d '' file; do
    while IFS= read -r inc; do
      edges=$((edges + 1))
      dep=${inc%%/*}
      if [ "$dep" = clang ]; then
        [[ $CLANG_STAGES == *" $stage "* ]] && continue
        echo "$file includes <$inc>: $stage is not a Clang stage"; bad=1; continue
      fi
      d=$(rank "$dep")
      [ "$d" -lt 0 ] && continue # llvm/, nlohmann/, system headers, tests
      if [ "$d" -gt "$r" ]; then
        echo "$file ($stage) includes $inc ($dep, a later stage)"; bad=1
      fi
    done < <(sed -n 's/^#include ["<]\([^">]*\)[">].*/\1/p' "$file")
  done < <(find "$stage" \( -name '*.h' -o -name '*.cpp' \) -print0 | sort -z)
done
[ $bad -eq 0 ] && echo "layering: $edges includes checked across ${#STAGES[@]} stages, none reaches a later stage"
exit $bad
