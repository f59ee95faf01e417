//===- Targets.cpp --------------------------------------------------------===//
#include "model/Targets.h"
#include "llvm/ADT/STLExtras.h"

namespace gapscan {

// TargetsTable.inc is written by CMake from config/targets.tsv: one
// {"name", "triple", "platform", "configure", "flavour"} row per line.
// constexpr: constant-initialized, so that other static initializers (the
// command line's help and defaults) may read it.
static constexpr TargetInfo Table[] = {
#include "TargetsTable.inc"
};

llvm::ArrayRef<TargetInfo> targetTable() { return Table; }

const TargetInfo *findTarget(llvm::StringRef Name) {
  for (const TargetInfo &T : Table)
    if (T.Name == Name)
      return &T;
  return nullptr;
}

const TargetInfo &referenceTarget() { return Table[0]; }

std::vector<std::string> webAssemblyTargetNames() {
  std::vector<std::string> Names;
  for (const TargetInfo &T : targetTable().drop_front())
    Names.push_back(T.Name.str());
  return Names;
}

const TargetInfo *targetOfConfiguration(llvm::StringRef Name,
                                        llvm::StringRef Host) {
  if (const TargetInfo *T = findTarget(Name))
    return T->Platform.empty() ? nullptr : T;
  for (const TargetInfo &T : targetTable().drop_front())
    if (!Host.empty() && (Host == T.Triple || Host == T.machDep()))
      return &T;
  return nullptr;
}

const TargetInfo &firstTargetForMachDep(llvm::StringRef MachDep) {
  for (const TargetInfo &T : targetTable().drop_front())
    if (T.machDep() == MachDep)
      return T;
  return referenceTarget();
}

} // namespace gapscan
