//===- LayerCache.h - Evaluated Python layers kept between runs -----------===//
//
// A warm run reads no Lib/ facts and evaluates nothing: each configuration's
// PyLayer is stored in a compact binary form, keyed by the content of every
// Lib/ file, the configuration's C-level items and platform, the parser and
// the tool's identity (the folder). A malformed or truncated entry is a miss.
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_PYTHON_LAYERCACHE_H
#define WASM_GAPSCAN_PYTHON_LAYERCACHE_H

#include "model/Items.h"
#include "model/PyFacts.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace gapscan {

/// The bytes of a layer, and the layer from them (nullopt: malformed).
std::string encodeLayer(const PyLayer &Layer);
std::optional<PyLayer> decodeLayer(llvm::StringRef Bytes);

/// A digest of what the Python layer reads of a configuration: its C
/// modules' names, statuses, linkage and item names and kinds.
std::string cItemsDigest(const ItemsReport &Items);

} // namespace gapscan

#endif
