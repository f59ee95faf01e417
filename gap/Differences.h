//===- Differences.h - "Works differently": compare what calls reach -*- C++
//-*-===//
//
// Each configuration's analysis says what its callables do (python/ PyLayer
// Callables: raises under tests that hold, names missing, calls; link/
// CBehaviour: C functions and their guarded errors). An item works
// differently on a target when what a call of it reaches there (raises,
// missing names, C errors) includes a root the reference's call of the same
// item does not reach: an abstract method raising on both sides, or an
// error compiled on both, cancels out.
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_GAP_DIFFERENCES_H
#define WASM_GAPSCAN_GAP_DIFFERENCES_H

#include "model/Gap.h"

namespace gapscan {

/// How many Lib/ calls the search follows from an item.
constexpr unsigned MaxPythonCallDepth = 10;

/// Fills T.Different and the verdicts' Different/TopDifferent for the
/// items of public modules both Reference and Target have.
void addDifferences(TargetGap &T, const AnalysedBuild &Reference,
                    const AnalysedBuild &Target,
                    const std::map<std::string, std::string> &PublicNames);

} // namespace gapscan

#endif
