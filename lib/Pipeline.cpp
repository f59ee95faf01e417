//===- Pipeline.cpp -------------------------------------------------------===//
#include "lib/Pipeline.h"

namespace gapscan {

DirectiveIndex indexDirectives(const BuildInfo &Build,
                               const std::vector<TUFacts> &TUs) {
  DirectiveIndex Index;
  for (const TUFacts &F : TUs)
    for (const ConditionalDirective &D : F.Directives) {
      std::pair<std::string, unsigned> Key{displayPath(Build, D.File), D.Line};
      auto It = Index.find(Key);
      if (It == Index.end()) {
        ConditionalDirective Copy = D;
        Copy.File = Key.first;
        Index.emplace(std::move(Key), std::move(Copy));
      } else if (D.Taken && !It->second.Taken) {
        It->second.Taken = true;
        It->second.Macros = D.Macros;
      }
    }
  return Index;
}

llvm::Expected<AnalysedBuild> analyseBuild(llvm::StringRef SourceDir,
                                           llvm::StringRef BuildDir,
                                           const ScanOptions &Options) {
  llvm::Expected<BuildInfo> Build = loadBuild(SourceDir, BuildDir);
  if (!Build)
    return Build.takeError();
  AnalysedBuild A;
  A.Build = std::move(*Build);
  std::vector<TUFacts> Facts = scanBuild(A.Build, Options);
  A.Items = linkItems(A.Build, Facts);
  A.Directives = indexDirectives(A.Build, Facts);
  return A;
}

} // namespace gapscan
