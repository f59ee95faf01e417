//===- Spelling.h - The words the reports use for the model's enums -------===//
//
// One place for every enum's spelling (docs/items-schema.md,
// docs/gap-schema.md, docs/docs-check-schema.md); only serializers and
// reporters call these.
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_MODEL_SPELLING_H
#define WASM_GAPSCAN_MODEL_SPELLING_H

#include "model/DocVerdicts.h"
#include "model/Enums.h"
#include "llvm/ADT/StringRef.h"

namespace gapscan {

llvm::StringRef spelling(ItemKind Kind);
llvm::StringRef spelling(ModuleStatus Status);
/// "builtin", "shared", or "" when not built.
llvm::StringRef spelling(Linkage L);
/// "yes", "no", "undecided".
llvm::StringRef spelling(Tri T);
llvm::StringRef spelling(DifferenceKind Kind);
llvm::StringRef spelling(VersionChange Change);
/// "documented", "undocumented-removal", "stale-note", "not-in-docs".
llvm::StringRef spelling(DocVerdictKind Kind);

} // namespace gapscan

#endif
