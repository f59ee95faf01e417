//===- VersionDiff.h - What changed on a target between two checkouts -*- C++
//-*-===//
//
// Plain data: gap/VersionDiff.cpp compares the gap reports of two checkouts
// (an older and a newer CPython) target by target; report/ writes it.
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_MODEL_VERSIONDIFF_H
#define WASM_GAPSCAN_MODEL_VERSIONDIFF_H

#include "model/Gap.h"
#include <string>
#include <vector>

namespace gapscan {

/// One change: the public module, the item ("" for the whole module), the
/// layer that decides it ("C" or "Python") and the evidence of the side
/// where it is lacking (new for unavailable/missing/different, old for
/// available/no longer different), as `scan` gives it.
struct VersionChangeEntry {
  std::string Module, Item, Layer;
  VersionChange Change = VersionChange::BecameMissing;
  std::string Why; ///< One line.
  std::string At;  ///< file:line of the guard or the root, when there is one.
};

/// One target's changes: the old and the new checkout may name it apart
/// (3.13's emscripten-node is 3.14's emscripten).
struct TargetVersionDiff {
  std::string OldTarget, NewTarget;
  std::vector<VersionChangeEntry> Changes; ///< By module, item, change.
};

struct VersionDiff {
  std::string OldSource, OldVersion, NewSource, NewVersion, Reference;
  std::vector<TargetVersionDiff> Targets;
  /// New targets with no counterpart in the old checkout, and the reverse.
  std::vector<AbsentTarget> Unpaired;
};

} // namespace gapscan

#endif
