//===- ItemLinker.cpp -----------------------------------------------------===//
//
// Evaluates the recorded function summaries to find what each module adds.
// Values are tracked symbolically: a module object is "the module created
// from PyModuleDef D" (PyModule_Create(&D), _PyModule_CreateInitialized(&D),
// the first argument of D's Py_mod_exec functions), its dict is
// PyModule_GetDict of it, types come from static PyTypeObjects, PyType_Spec
// (any call taking a spec), struct sequence descs and PyErr_NewException.
// Helpers are evaluated in the context of their callers, so a name passed
// through `_add_errcode(module_dict, error_dict, "ENODEV", ENODEV)`
// (Modules/errnomodule.c) still ends up as errno.ENODEV with the #ifdef of
// the call.
//
//===----------------------------------------------------------------------===//
#include "link/Behaviour.h"
#include "link/Linker.h"
#include "llvm/Support/BuryPointer.h"
#include "llvm/Support/Path.h"
#include <algorithm>
#include <tuple>

namespace gapscan {

std::string displayPath(const BuildInfo &Build, llvm::StringRef Path) {
  if (Path.consume_front(Build.SourceDir + "/"))
    return Path.str();
  if (Path.consume_front(Build.BuildDir + "/"))
    return "$BUILD/" + Path.str();
  return Path.str();
}

namespace linking {

/// The modules of the build and the init function of each (nullopt for
/// runtime-created ones such as {"sys", NULL}).
struct Linker::ModuleTable {
  std::map<std::string, ModuleItems> Modules;
  std::map<std::string, std::optional<std::string>> InitFunc;
};

Linker::ModuleTable Linker::findModules() {
  // Which modules the build has: the interpreter's inittab (Modules/config.c)
  // and the shared modules of the Makefile; with a compilation database,
  // also every other PyInit_<name> (3.11's setup.py-built modules).
  ModuleTable T;
  std::map<std::string, ModuleItems> &Modules = T.Modules;
  std::map<std::string, std::optional<std::string>> &InitFunc = T.InitFunc;
  for (const auto &[Name, MB] : Build.Modules) {
    ModuleItems &M = Modules[Name];
    M.Name = Name;
    M.State = MB.State;
    M.Linkage = MB.Linkage;
    for (const std::string &S : MB.Sources)
      M.Sources.push_back(displayPath(Build, S));
    if (MB.Linkage != Linkage::None)
      InitFunc[Name] = "PyInit_" + Name;
  }
  for (const TUFacts &F : TUs)
    for (const InittabEntry &E : F.Inittab) {
      ModuleItems &M = Modules[E.Name];
      M.Name = E.Name;
      if (M.State.empty())
        M.State = "core";
      M.Linkage = Linkage::Builtin;
      InitFunc[E.Name] = E.InitFunc;
    }
  if (Build.FromCompilationDatabase)
    for (llvm::StringRef Key : SortedEntryPoints) {
      const FunctionInfo &F = Functions.find(Key)->second;
      llvm::StringRef N(Key);
      // Only a file's own module (Modules/_cursesmodule.c -> _curses), not
      // the extra PyInit_* of test modules loaded by special loaders.
      llvm::StringRef Stem = llvm::sys::path::stem(TUs[F.TU].MainFile);
      Stem.consume_back("module");
      if (N.consume_front("PyInit_") && !Modules.count(N.str()) &&
          N.find(':') == llvm::StringRef::npos && N == Stem) {
        ModuleItems &M = Modules[N.str()];
        M.Name = N.str();
        M.State = "yes";
        M.Linkage = Linkage::Shared;
        M.Sources.push_back(displayPath(Build, TUs[F.TU].MainFile));
        InitFunc[N.str()] = Key.str();
      }
    }

  return T;
}

/// The module definition of each built module, and the sources it owns.
std::map<std::string, std::string> Linker::findModuleDefs(ModuleTable &T) {
  std::map<std::string, std::string> DefOfModule;
  for (auto &[Name, M] : T.Modules) {
    if (M.Linkage == Linkage::None)
      continue;
    std::optional<std::string> Init = T.InitFunc[Name];
    std::string DefKey;
    if (Init) {
      auto F = Functions.find(*Init);
      if (F != Functions.end())
        for (const SymVal &Ret : F->second.Record->Returns) {
          Value V = eval(Ret, F->second.TU, {}, 0);
          if (V.Kind == Value::Module) {
            DefKey = V.Key;
            break;
          }
        }
    } else {
      // {"sys", NULL}: created by the runtime (Python/sysmodule.c
      // _PySys_Create); find its PyModuleDef by m_name.
      std::vector<llvm::StringRef> SortedDefs;
      for (const auto &E : Defs)
        if (E.second.Record->Name == Name)
          SortedDefs.push_back(E.first());
      if (!SortedDefs.empty())
        DefKey = *std::min_element(SortedDefs.begin(), SortedDefs.end());
    }
    if (!DefKey.empty()) {
      DefOfModule[Name] = DefKey;
      auto MB = Build.Modules.find(Name);
      if (MB != Build.Modules.end())
        SourcesOfDef[DefKey].insert(MB->second.Sources.begin(),
                                    MB->second.Sources.end());
      else if (Init && Functions.count(*Init))
        SourcesOfDef[DefKey].insert(TUs[Functions.at(*Init).TU].MainFile);
    }
  }

  return DefOfModule;
}

/// Evaluates each Py_mod_exec function with the module as argument, then
/// every function that may add items with unknown arguments (single-phase
/// PyInit_* functions, _PySys_Create, pylifecycle's init of builtins...).
void Linker::evaluate(const std::map<std::string, std::string> &DefOfModule) {
  for (const auto &[Name, DefKey] : DefOfModule) {
    const ModuleDef &D = *Defs.at(DefKey).Record;
    Path P;
    if (D.Methods.Kind == SymVal::Global)
      addTableRows(DefKey, "", D.Methods.Text, true, P);
    if (D.Slots.Kind != SymVal::Global)
      continue;
    auto Slots = SlotTables.find(D.Slots.Text);
    if (Slots == SlotTables.end())
      continue;
    Value Mod;
    Mod.Kind = Value::Module;
    Mod.Key = DefKey;
    for (const auto &[Slot, V] : Slots->second.Record->Slots)
      if (Slot == "Py_mod_exec" && V.Kind == SymVal::Function)
        if (auto Exec = Functions.find(V.Text); Exec != Functions.end())
          evalFunction(Exec->second, {Mod}, P, 0);
  }
  for (llvm::StringRef Key : SortedEntryPoints)
    if (FunctionInfo &F = Functions.find(Key)->second; F.MayAdd) {
      Path P;
      evalFunction(F, {}, P, 0);
    }
  for (const Expansion &E : Expansions)
    expandTypeMembers(E);
}

ModuleItems
Linker::finishModule(ModuleItems M, const std::string *DefKey,
                     const std::map<std::string, const TUFacts *> &TUOfFile) {
  if (M.Linkage == Linkage::None) {
    M.Status = ModuleStatus::NotBuilt;
    return M;
  }
  for (const std::string &S : M.Sources) {
    auto It = TUOfFile.find(S);
    if (It != TUOfFile.end() && !It->second->ParseOK)
      for (const std::string &E : It->second->Errors)
        M.Errors.push_back(displayPath(Build, E));
  }
  if (!DefKey) {
    M.Status =
        M.Errors.empty() ? ModuleStatus::NoDefinition : ModuleStatus::Failed;
    if (M.Errors.empty())
      M.Errors.push_back("no PyModuleDef found for module '" + M.Name + "'");
    return M;
  }
  M.Status = M.Errors.empty() ? ModuleStatus::Analysed : ModuleStatus::Failed;
  // Merge definitions of the same name and kind; ItemKind's order is its
  // spelling's, so items come out sorted by name, then kind.
  std::map<std::pair<std::string, ItemKind>, ApiItem> Merged;
  for (PendingItem &I : ItemsByDef[*DefKey]) {
    ApiItem &A = Merged[{I.Name, I.Kind}];
    A.Name = I.Name;
    A.Kind = I.Kind;
    bool Dup = std::any_of(A.Definitions.begin(), A.Definitions.end(),
                           [&](const ItemDefinition &X) {
                             return X.DefinedAt == I.Def.DefinedAt &&
                                    X.UsedAt == I.Def.UsedAt;
                           });
    if (!Dup)
      A.Definitions.push_back(std::move(I.Def));
    for (const std::string &Key : I.Impl)
      if (auto It = BehaviourIndex.find(Key); It != BehaviourIndex.end())
        if (!llvm::is_contained(A.Impl, It->second))
          A.Impl.push_back(It->second);
  }
  for (auto &[K, A] : Merged) {
    std::sort(A.Definitions.begin(), A.Definitions.end(),
              [](const ItemDefinition &X, const ItemDefinition &Y) {
                return std::tie(X.DefinedAt, X.UsedAt) <
                       std::tie(Y.DefinedAt, Y.UsedAt);
              });
    M.Items.push_back(std::move(A));
  }
  return M;
}

ItemsReport Linker::run() {
  ItemsReport R;
  R.SourceDir = Build.SourceDir;
  R.BuildDir = Build.BuildDir;
  R.Version = Build.Version;
  R.Host = Build.Host;
  R.Compiler = Build.CompilerCommand;
  R.Notes = Build.Notes;
  R.TranslationUnits = TUs.size();
  ModuleTable T = findModules();
  std::map<std::string, std::string> DefOfModule = findModuleDefs(T);
  evaluate(DefOfModule);
  R.Behaviour = linkBehaviour(Build, TUs, BehaviourIndex);

  // Errors of the translation units, per module.
  std::map<std::string, ModuleItems> &Modules = T.Modules;
  std::map<std::string, const TUFacts *> TUOfFile;
  std::set<std::string> ModuleSources;
  for (const auto &[Name, M] : Modules)
    ModuleSources.insert(M.Sources.begin(), M.Sources.end());
  for (const TUFacts &F : TUs) {
    std::string Shown = displayPath(Build, F.MainFile);
    TUOfFile[Shown] = &F;
    if (F.ParseOK)
      continue;
    ++R.FailedTranslationUnits;
    // Errors outside any module's sources (e.g. a core file that includes a
    // header only `make` generates) can still hide items of core modules.
    if (!ModuleSources.count(Shown))
      R.Notes.push_back(Shown + ": " +
                        (F.Errors.empty()
                             ? std::string("errors")
                             : displayPath(Build, F.Errors.front())));
  }

  for (auto &[Name, M] : Modules) {
    auto D = DefOfModule.find(Name);
    R.Modules.push_back(finishModule(
        std::move(M), D == DefOfModule.end() ? nullptr : &D->second, TUOfFile));
  }
  return R;
}

} // namespace linking

ItemsReport linkItems(const BuildInfo &Build, const std::vector<TUFacts> &TUs,
                      bool DisableFree) {
  auto L = std::make_unique<linking::Linker>(Build, TUs);
  ItemsReport R = L->run();
  // Its maps hold a node per function, call and memo: freeing them took
  // 0.03 s of a pre-commit run's 0.9.
  if (DisableFree)
    llvm::BuryPointer(std::move(L));
  return R;
}
} // namespace gapscan
