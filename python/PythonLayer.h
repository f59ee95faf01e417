//===- PythonLayer.h - The Python layer of a run's configurations ---------===//
//
// Lib/ read once (python/LibFacts.h) and evaluated for each configuration
// (python/LibEvaluator.h), with both steps cached: a warm run hashes the
// Lib/ files and reads one stored layer per configuration.
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_PYTHON_PYTHONLAYER_H
#define WASM_GAPSCAN_PYTHON_PYTHONLAYER_H

#include "model/Items.h"
#include "python/LibFacts.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

namespace gapscan {

/// What one call did, for the progress line.
struct PythonLayerStats {
  size_t Modules = 0;      ///< Lib/ modules of the checkout.
  size_t FilesRead = 0;    ///< Read by lib_facts.py this time.
  size_t FilesCached = 0;  ///< Facts from the cache.
  size_t LayersCached = 0; ///< Configurations whose layer was stored.
  size_t LayersEvaluated = 0;
};

/// The checkout's Lib/ files and the key of their contents: what a run
/// can compute while the C layer is analysed.
struct LibSnapshot {
  std::vector<LibFile> Files;
  std::string Key;
};
llvm::Expected<LibSnapshot> snapshotLibrary(llvm::StringRef SourceDir);

/// Sets Python on every build: the checkout's Lib/ evaluated with that
/// build's C items and sys.platform. CacheDir empty: nothing cached.
llvm::Expected<PythonLayerStats>
addPythonLayers(const LibSnapshot &Lib, llvm::StringRef SourceDir,
                llvm::StringRef ScriptsDir, llvm::StringRef CacheDir,
                llvm::ArrayRef<AnalysedBuild *> Builds);

} // namespace gapscan

#endif
