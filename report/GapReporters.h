//===- GapReporters.h - One reporter per format for the gap report --------===//
#ifndef WASM_GAPSCAN_REPORT_GAPREPORTERS_H
#define WASM_GAPSCAN_REPORT_GAPREPORTERS_H

#include "model/Gap.h"

namespace gapscan {

constexpr int GapSchemaVersion = 2;

std::string gapToJson(const GapReport &R);
/// The "one comprehensive list in one place": a page per checkout, grouped
/// by target and module, each item with its reason.
std::string gapToMarkdown(const GapReport &R);
/// The same page in reStructuredText, for CPython's Doc/.
std::string gapToRst(const GapReport &R);

} // namespace gapscan

#endif
