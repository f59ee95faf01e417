//===- LibEvaluator.h - Which Lib/ modules import, and with which names ---===//
//
// The second half of the Python layer: the Lib/ facts (python/LibFacts.h)
// evaluated for one configuration against that configuration's C-level
// items. A module imports unless a top-level import fails outside a
// try/except ImportError (transitively, through packages); a name exists
// where the conditions around its binding hold (hasattr on a module,
// `_exists`, `is None` after a guarded import, sys.platform/os.name tests,
// set membership in sys.builtin_module_names); star imports and
// `from X import y` follow their source; `Enum._convert_` takes the source
// module's names through its filter. What the evaluator cannot decide is
// Unknown, with the condition's text and line.
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_PYTHON_LIBEVALUATOR_H
#define WASM_GAPSCAN_PYTHON_LIBEVALUATOR_H

#include "model/Items.h"
#include "model/PyFacts.h"
#include "llvm/ADT/StringRef.h"

namespace gapscan {

/// Whether a Lib/ module name is public: no component starts with "_"
/// (os, sqlite3.dbapi2; not _pyio, not concurrent.futures._base).
bool isPublicModule(llvm::StringRef Name);

/// Whether a name is public API: no leading underscore.
bool isPublicName(llvm::StringRef Name);

/// Evaluates every public module of Library for the configuration whose C
/// modules are CItems and whose sys.platform is Platform.
PyLayer evaluateLibrary(const PyLibrary &Library, const ItemsReport &CItems,
                        llvm::StringRef Platform);

} // namespace gapscan

#endif
