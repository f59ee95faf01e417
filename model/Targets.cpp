//===- Targets.cpp --------------------------------------------------------===//
#include "model/Targets.h"
#include "llvm/ADT/STLExtras.h"

namespace gapscan {

// TargetsTable.inc is written by CMake from config/targets.tsv: one
// {"name", "triple", "platform", "configure", "flavour", "option"} row per
// line.
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

/// Whether row T is a target of a checkout (see webAssemblyTargetNames).
static bool inCheckout(const TargetInfo &T,
                       llvm::function_ref<bool(llvm::StringRef)> HasOption) {
  if (!T.Flavour.empty())
    return HasOption(T.FlavourOption);
  for (const TargetInfo &Sibling : targetTable().drop_front())
    if (Sibling.Configure == T.Configure && !Sibling.Flavour.empty() &&
        HasOption(Sibling.FlavourOption))
      return false;
  return true;
}

std::vector<std::string>
webAssemblyTargetNames(llvm::function_ref<bool(llvm::StringRef)> HasOption) {
  std::vector<std::string> Names;
  for (const TargetInfo &T : targetTable().drop_front())
    if (inCheckout(T, HasOption))
      Names.push_back(T.Name.str());
  return Names;
}

std::string counterpartIn(llvm::StringRef Name,
                          llvm::ArrayRef<std::string> Names) {
  if (llvm::is_contained(Names, Name))
    return Name.str();
  const TargetInfo *T = findTarget(Name);
  if (!T || T->Platform.empty())
    return "";
  for (const std::string &Other : Names)
    if (const TargetInfo *O = findTarget(Other);
        O && O->Platform == T->Platform)
      return Other;
  return "";
}

std::string
targetNotInCheckout(llvm::StringRef Name,
                    llvm::function_ref<bool(llvm::StringRef)> HasOption) {
  const TargetInfo *T = findTarget(Name);
  if (!T || T == &referenceTarget() || inCheckout(*T, HasOption))
    return "";
  std::string Why = T->Flavour.empty()
                        ? "this checkout's configure has Emscripten flavours"
                        : "this checkout's configure has no " +
                              T->FlavourOption.str() + " (no " +
                              T->Configure.str() + " flavours)";
  std::string Have;
  for (const std::string &N : webAssemblyTargetNames(HasOption))
    Have += (Have.empty() ? "" : ", ") + N;
  return "target '" + Name.str() + "' is not one of this checkout's: " + Why +
         "; its targets are " + Have;
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
