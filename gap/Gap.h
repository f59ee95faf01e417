//===- Gap.h - What the reference has and a target does not, and why ------===//
#ifndef WASM_GAPSCAN_GAP_GAP_H
#define WASM_GAPSCAN_GAP_GAP_H

#include "model/Gap.h"

namespace gapscan {

/// Why an item of side A (its guards as A recorded them) is absent on B.
GapReason explainAbsence(const std::vector<ConditionalDirective> &Guards,
                         const DirectiveIndex &Other, bool OtherIsTarget);

GapReport computeGap(
    const std::string &ReferenceName, const AnalysedBuild &Reference,
    const std::vector<std::pair<std::string, const AnalysedBuild *>> &Targets);

} // namespace gapscan

#endif
