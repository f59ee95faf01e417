//===- VersionDiff.h - Two checkouts' gaps, target by target ----*- C++ -*-===//
#ifndef WASM_GAPSCAN_GAP_VERSIONDIFF_H
#define WASM_GAPSCAN_GAP_VERSIONDIFF_H

#include "model/VersionDiff.h"

namespace gapscan {

/// Pairs the targets of two comparisons (by name, else by docs platform:
/// 3.13's emscripten-node with 3.14's emscripten) and lists, per pair, what
/// became unavailable, missing or available, and what started or stopped
/// working differently, with the evidence of the side that lacks it. Items
/// one checkout's reference does not have at all (added to or removed from
/// CPython) are not changes of the target and are left out.
VersionDiff diffVersions(const Comparison &Old, const Comparison &New);

} // namespace gapscan

#endif
