//===- DocsCheckRun.cpp ---------------------------------------------------===//
#include "driver/DocsCheckRun.h"
#include "docscheck/DocsCheck.h"
#include "llvm/Support/ThreadPool.h"
#include <optional>

namespace gapscan {

llvm::Expected<DocsCheckRun> runDocsCheck(const ComparisonRequest &Request,
                                          llvm::StringRef DocDir,
                                          llvm::raw_ostream &Log) {
  // Doc/ is read while the configurations are found (a pre-commit run's
  // first 0.1 s), and checked before any is analysed: a malformed Doc/
  // folder fails before a long scan, and its error comes first.
  std::optional<llvm::Expected<DocsIndex>> Docs;
  llvm::DefaultThreadPool Reading(llvm::hardware_concurrency(1));
  std::shared_future<void> Read =
      Reading.async([&] { Docs.emplace(readDocs(DocDir.str())); });
  bool Reported = false; // Whether DocsRead ran: it reports once.
  auto DocsRead = [&]() -> llvm::Error {
    Read.wait();
    Reported = true;
    if (!*Docs)
      return Docs->takeError();
    for (const DocWarning &W : (*Docs)->Warnings)
      Log << "wasm-gapscan: warning: Doc/" << W.At.File << ":" << W.At.Line
          << ": " << W.Message << "\n";
    return llvm::Error::success();
  };
  llvm::Expected<Comparison> Scan =
      compareConfigurations(Request, Log, DocsRead);
  if (!Scan) {
    // Configuring failed before DocsRead ran: Doc/'s error still first.
    if (!Reported)
      if (llvm::Error E = DocsRead()) {
        llvm::consumeError(Scan.takeError());
        return std::move(E);
      }
    return Scan.takeError();
  }
  DocsCheckRun Run;
  Run.Scan = std::move(*Scan);
  Run.Docs = std::move(**Docs);
  Run.Report = checkDocs(Run.Scan, Run.Docs);
  return std::move(Run);
}

} // namespace gapscan
