//===- Baseline.cpp -------------------------------------------------------===//
#include "report/Baseline.h"
#include "docscheck/DocsCheck.h"
#include "report/JsonUtil.h"
#include "llvm/Support/MemoryBuffer.h"

namespace gapscan {

llvm::Expected<std::set<std::string>> readBaseline(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return llvm::createStringError(
        Buffer.getError(),
        "cannot read baseline '%s': %s; create it with --update-baseline",
        Path.str().c_str(), Buffer.getError().message().c_str());
  std::set<std::string> Keys;
  try {
    Json J = Json::parse((*Buffer)->getBuffer().begin(),
                         (*Buffer)->getBuffer().end());
    if (!J.is_object() || !J.contains("accepted") || !J["accepted"].is_array())
      throw std::runtime_error("no \"accepted\" array");
    for (const Json &K : J["accepted"])
      Keys.insert(K.get<std::string>());
  } catch (const std::exception &E) {
    return llvm::createStringError(
        std::errc::invalid_argument,
        "baseline '%s' is malformed (%s); regenerate it with --update-baseline",
        Path.str().c_str(), E.what());
  }
  return Keys;
}

std::string baselineToJson(const DocsCheckReport &Report) {
  Json Accepted = Json::array();
  for (const std::string &Key : baselineKeys(Report))
    Accepted.push_back(Key);
  Json Root = {{"schema", "wasm-gapscan-docs-baseline"},
               {"schema_version", 1},
               {"accepted", std::move(Accepted)}};
  return dumpJson(Root);
}

} // namespace gapscan
