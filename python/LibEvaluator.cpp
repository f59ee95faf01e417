//===- LibEvaluator.cpp ---------------------------------------------------===//
#include "python/LibEvaluator.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include <cctype>
#include <set>

namespace gapscan {

bool isPublicName(llvm::StringRef Name) {
  return !Name.empty() && !Name.starts_with("_");
}

bool isPublicModule(llvm::StringRef Name) {
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Name.split(Parts, '.');
  return llvm::all_of(Parts, [](llvm::StringRef P) { return isPublicName(P); });
}

namespace {

Tri triAnd(Tri A, Tri B) {
  if (A == Tri::No || B == Tri::No)
    return Tri::No;
  return A == Tri::Unknown || B == Tri::Unknown ? Tri::Unknown : Tri::Yes;
}
Tri triOr(Tri A, Tri B) {
  if (A == Tri::Yes || B == Tri::Yes)
    return Tri::Yes;
  return A == Tri::Unknown || B == Tri::Unknown ? Tri::Unknown : Tri::No;
}
Tri triNot(Tri A) {
  return A == Tri::Unknown ? Tri::Unknown : A == Tri::Yes ? Tri::No : Tri::Yes;
}
Tri triOf(bool B) { return B ? Tri::Yes : Tri::No; }

/// What a name is bound to, as far as the evaluator follows it.
struct Value {
  enum class Kind {
    Other,
    Module,
    Class,
    Instance, ///< Module, Name: the class (X = DefaultContext(...)).
    None,
    Const,
    Alias,
    BuiltinNames
  };
  Kind K = Kind::Other;
  std::string Module; ///< Module: its name; Class, Alias: the defining module.
  std::string Name;   ///< Class: its name; Alias: the dotted name aliased.
  std::string Str;    ///< Const: the value's spelling.
  Tri Truth = Tri::Unknown;
};

struct NameState {
  Tri Exists = Tri::No;
  ItemKind Kind = ItemKind::Object;
  unsigned Line = 0;
  Value V;
  PyEvidence Origin;
  std::string OriginModule, OriginName;
  std::vector<PyEvidence> Why;
  std::string Callable; ///< PyName::Callable.
};

struct Namespace {
  std::string Name, Path;
  bool IsC = false, NamesComplete = true;
  Tri Imports = Tri::Yes;
  std::vector<PyEvidence> Why;
  std::map<std::string, NameState> Names;
  std::map<std::string, std::map<std::string, NameState>> Members;
  /// Each class's bases that resolve to classes: (module, class).
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> Bases;
  bool HasAll = false, AllKnown = true;
  std::vector<std::pair<std::string, Tri>> All;
  std::vector<std::string> StarSources; ///< C modules star-imported.
  std::vector<std::string> Dynamic;
  enum class State { Fresh, InProgress, Done } St = State::Fresh;
};

/// A decided (or undecided) answer with the evidence that decided it.
struct Result {
  Tri T = Tri::Unknown;
  std::vector<PyEvidence> Why;
};

/// A name looked up along a dotted path.
struct Resolved {
  Tri Exists = Tri::Unknown;
  Value V;
  std::vector<PyEvidence> Why;
  std::string Callable; ///< Of the last name, when callable.
  bool Bound = true;    ///< False: the first name is bound nowhere.
};

bool isImportError(llvm::StringRef Name) {
  return Name == "ImportError" || Name == "ModuleNotFoundError" ||
         Name == "Exception" || Name == "BaseException";
}
bool isAttributeError(llvm::StringRef Name) {
  return Name == "AttributeError" || Name == "Exception" ||
         Name == "BaseException";
}

/// Python's str.isupper: a cased character, and none lowercase.
bool pyIsUpper(llvm::StringRef S) {
  bool Cased = false;
  for (char C : S) {
    if (std::islower(static_cast<unsigned char>(C)))
      return false;
    Cased |= std::isupper(static_cast<unsigned char>(C)) != 0;
  }
  return Cased;
}

std::string at(const std::string &Path, unsigned Line) {
  return Path + ":" + std::to_string(Line);
}

class Evaluator {
public:
  Evaluator(const PyLibrary &Library, const ItemsReport &CItems,
            llvm::StringRef Platform)
      : Library(Library), Platform(Platform.str()) {
    for (const ModuleItems &M : CItems.Modules)
      CModules[M.Name] = &M;
  }

  /// Imports Name (its packages first); the chain of what failed.
  Result importModule(const std::string &Name) {
    llvm::StringRef Parent = llvm::StringRef(Name).rsplit('.').first;
    if (Parent != Name) {
      Result P = importModule(Parent.str());
      if (P.T == Tri::No)
        return P;
    }
    Namespace &NS = module(Name);
    if (Parent != Name && NS.Imports != Tri::No)
      bindSubmodule(Parent.str(), Name);
    if (NS.Imports == Tri::Yes)
      return {Tri::Yes, {}};
    return {NS.Imports, NS.Why};
  }

  Namespace &module(const std::string &Name) {
    if (auto It = Modules.find(Name); It != Modules.end())
      return *It->second;
    auto C = CModules.find(Name);
    auto L = Library.Modules.find(Name);
    bool HasC = C != CModules.end();
    bool HasLib = L != Library.Modules.end() && L->second.Facts;
    // Modules the interpreter makes at start-up rather than finds: the
    // frozen import system under its bootstrap names (Python/frozen.c),
    // and __main__ (Python/pylifecycle.c), whose names are the program's.
    static const std::pair<const char *, const char *> StartupModules[] = {
        {"_frozen_importlib", "importlib._bootstrap"},
        {"_frozen_importlib_external", "importlib._bootstrap_external"},
        {"__main__", ""}};
    for (const auto &[Startup, Source] : StartupModules)
      if (!HasC && !HasLib && Name == Startup) {
        if (*Source) {
          Namespace &Target = module(Source);
          Modules[Name] = &Target;
          return Target;
        }
        Storage.push_back(std::make_unique<Namespace>());
        Namespace &Main = *Storage.back();
        Modules[Name] = &Main;
        Main.Name = Name;
        Main.IsC = true;
        Main.NamesComplete = false;
        Main.St = Namespace::State::Done;
        return Main;
      }
    // A module a package puts in sys.modules under another name: os.path
    // is posixpath (Lib/os.py: sys.modules['os.path'] = path).
    if (!HasC && !HasLib && llvm::StringRef(Name).contains('.')) {
      auto [Parent, Last] = llvm::StringRef(Name).rsplit('.');
      Namespace &P = module(Parent.str());
      auto It = P.Names.find(Last.str());
      Resolved Bound;
      if (It != P.Names.end()) {
        Bound.Exists = It->second.Exists;
        Bound.V = It->second.V;
        follow(Bound); // collections.abc = _collections_abc
      }
      if (Bound.Exists == Tri::Yes && Bound.V.K == Value::Kind::Module &&
          Bound.V.Module != Name) {
        Namespace &Target = module(Bound.V.Module);
        Modules[Name] = &Target;
        return Target;
      }
    }
    Storage.push_back(std::make_unique<Namespace>());
    Namespace &NS = *Storage.back();
    Modules[Name] = &NS;
    NS.Name = Name;
    if (HasC && (C->second->Linkage == Linkage::Builtin || !HasLib))
      fillC(NS, *C->second);
    else if (HasLib)
      evaluateLib(NS, L->second);
    else {
      NS.Imports = Tri::No;
      // Named as a C module: the build lacks it altogether (3.11's
      // setup.py modules are issue 17), which a distribution may not.
      NS.Why.push_back({"",
                        "no module named '" + Name +
                            "' in Lib/ or among the build's C modules",
                        Name, ""});
      NS.St = Namespace::State::Done;
    }
    return NS;
  }

  /// The public names of NS (and its classes' members) into V.
  void collectNames(const Namespace &NS, PyModuleVerdict &V);

  /// What calling each of Roots does here, and everything it calls that
  /// Lib/ defines (model/PyFacts.h PyCallable), sorted by Id.
  std::vector<PyCallable> callables(const std::vector<std::string> &Roots);

private:
  const PyLibrary &Library;
  std::string Platform;
  std::map<std::string, const ModuleItems *> CModules;
  std::map<std::string, Namespace *> Modules; ///< By every name it has.
  std::vector<std::unique_ptr<Namespace>> Storage;

  // -- C modules --------------------------------------------------------
  void fillC(Namespace &NS, const ModuleItems &M) {
    NS.IsC = true;
    NS.St = Namespace::State::Done;
    NS.Path = M.Sources.empty() ? "" : M.Sources.front();
    if (M.Status == ModuleStatus::NotBuilt || M.Linkage == Linkage::None) {
      NS.Imports = Tri::No;
      NS.Why.push_back(
          {"",
           "C module " + M.Name + " is not built here" +
               (M.State.empty() ? "" : " (configure: " + M.State + ")"),
           M.Name, ""});
      return;
    }
    NS.NamesComplete = M.Status == ModuleStatus::Analysed;
    for (const ApiItem &I : M.Items) {
      NameState S;
      S.Exists = Tri::Yes;
      S.Kind = I.Kind;
      S.Origin = {I.Definitions.empty() ? "" : I.Definitions.front().DefinedAt,
                  "defined in C", M.Name, I.Name};
      // Callable or not, the gap compares what a call reaches on each side
      // (an item with no Impl reaches nothing guarded).
      if (I.Kind == ItemKind::Function || I.Kind == ItemKind::Method ||
          I.Kind == ItemKind::ClassMethod || I.Kind == ItemKind::StaticMethod ||
          I.Kind == ItemKind::Class || I.Kind == ItemKind::Exception)
        S.Callable = "C:" + M.Name + ":" + I.Name;
      auto [Owner, Member] = llvm::StringRef(I.Name).split('.');
      if (!Member.empty()) {
        if (!Member.contains('.'))
          NS.Members[Owner.str()][Member.str()] = S;
        continue;
      }
      if (I.Kind == ItemKind::Class || I.Kind == ItemKind::Exception)
        S.V = {Value::Kind::Class, M.Name, I.Name, "", Tri::Yes};
      NS.Names[I.Name] = S;
    }
    // What the runtime sets on a C module outside the module's own code:
    // builtins.open is io.open (Python/pylifecycle.c,
    // init_set_builtins_open), imported as such by Lib/tokenize.py.
    static const std::pair<const char *, const char *> RuntimeAdditions[] = {
        {"builtins", "open"}};
    for (const auto &[Module, Name] : RuntimeAdditions)
      if (M.Name == Module && !NS.Names.count(Name)) {
        NameState &S = NS.Names[Name];
        S.Exists = Tri::Yes;
        S.Kind = ItemKind::Function;
        S.Origin = {"Python/pylifecycle.c", "set at start-up", M.Name, Name};
      }
  }

  // -- names ------------------------------------------------------------
  /// Name in module Module, evaluating it if needed.
  NameState lookup(const std::string &Module, const std::string &Name) {
    Namespace &M = module(Module);
    NameState S;
    if (M.Imports == Tri::No) {
      S.Why.push_back({"", "module " + Module + " does not import"});
      llvm::append_range(S.Why, M.Why);
      return S;
    }
    auto It = M.Names.find(Name);
    if (It != M.Names.end())
      return It->second;
    // What the import system sets on every module (Lib/operator.py:
    // from _operator import __doc__).
    static const char *const ModuleDunders[] = {
        "__name__", "__doc__",  "__spec__", "__loader__",  "__package__",
        "__dict__", "__file__", "__path__", "__builtins__"};
    if (Name == "__all__") {
      S.Exists = triOf(M.HasAll);
      if (!M.HasAll)
        S.Why.push_back({M.Path, M.Name + " has no __all__"});
      return S;
    }
    if (llvm::is_contained(ModuleDunders, Name)) {
      S.Exists = Tri::Yes;
      return S;
    }
    if (M.St == Namespace::State::InProgress || !M.NamesComplete ||
        !M.Dynamic.empty()) {
      S.Exists = Tri::Unknown;
      S.Why.push_back({"", Module + "." + Name + " is not known yet (" +
                               (M.IsC ? "the C module was not analysed"
                                : M.Dynamic.empty() ? "import cycle"
                                                    : "its globals() updates") +
                               ")"});
      return S;
    }
    S.Why.push_back(absence(M, Name));
    return S;
  }

  PyEvidence absence(const Namespace &M, const std::string &Name) {
    if (M.IsC)
      return {"", M.Name + "." + Name + " is not defined in this configuration",
              M.Name, Name};
    PyEvidence E{M.Path, M.Name + " binds no '" + Name + "'", "", ""};
    if (!M.StarSources.empty()) {
      E.CModule = M.StarSources.front();
      E.CName = Name;
      E.Text += " (nor does its `from " + M.StarSources.front() + " import *`)";
    }
    return E;
  }

  std::optional<std::string> submodule(const std::string &Parent,
                                       const std::string &Name) {
    std::string Full = Parent + "." + Name;
    if (Library.Modules.count(Full) || CModules.count(Full))
      return Full;
    return std::nullopt;
  }

  void bindSubmodule(const std::string &Parent, const std::string &Full) {
    auto It = Modules.find(Parent);
    if (It == Modules.end() || It->second->St != Namespace::State::InProgress)
      return;
    NameState &S =
        It->second->Names[llvm::StringRef(Full).rsplit('.').second.str()];
    if (S.Exists != Tri::Yes) {
      S.Exists = Tri::Yes;
      S.Kind = ItemKind::Module;
      S.V = {Value::Kind::Module, Full, "", "", Tri::Yes};
    }
  }

  // -- one Lib/ module ----------------------------------------------------
  struct Run {
    Namespace &NS;
    const PyModuleSource &Source;
    const PyFileFacts &Facts;
    std::vector<Tri> TryFailed;
    std::vector<std::vector<PyEvidence>> TryWhy;
    std::vector<bool> TryCatchesImport, TryCatchesAttribute, TryRaises;
    std::map<std::string, NameState> *Scope = nullptr; ///< A class body.
    std::string ClassName;
    /// Each `if` test's value, by line, once evaluated.
    std::shared_ptr<std::map<unsigned, Result>> IfTests =
        std::make_shared<std::map<unsigned, Result>>();
  };

  void evaluateLib(Namespace &NS, const PyModuleSource &Source) {
    NS.Path = Source.Path;
    NS.St = Namespace::State::InProgress;
    const PyFileFacts &F = *Source.Facts;
    if (!F.Error.empty()) {
      NS.Imports = Tri::Unknown;
      NS.Why.push_back({Source.Path, "not parsed: " + F.Error});
      NS.St = Namespace::State::Done;
      return;
    }
    Run R{NS, Source, F, {}, {}, {}};
    for (const PyFrame &Fr : F.Frames)
      if (Fr.TryId >= 0) {
        size_t N = static_cast<size_t>(Fr.TryId) + 1;
        if (R.TryFailed.size() < N) {
          R.TryFailed.resize(N, Tri::No);
          R.TryWhy.resize(N);
          R.TryCatchesImport.resize(N, false);
        }
        if (Fr.FrameKind == PyFrame::Kind::Except &&
            llvm::any_of(Fr.Caught, isImportError))
          R.TryCatchesImport[Fr.TryId] = true;
        R.TryCatchesAttribute.resize(R.TryFailed.size(), false);
        if (Fr.FrameKind == PyFrame::Kind::Except &&
            llvm::any_of(Fr.Caught, isAttributeError))
          R.TryCatchesAttribute[Fr.TryId] = true;
        if (Fr.FrameKind == PyFrame::Kind::Try && Fr.Raises) {
          R.TryFailed[Fr.TryId] = Tri::Yes;
          R.TryRaises.resize(R.TryFailed.size(), false);
          R.TryRaises[Fr.TryId] = true;
        }
      }
    for (const PyEvent &E : F.Events) {
      event(R, E);
      if (NS.Imports == Tri::No)
        break;
    }
    lazyNames(NS);
    NS.St = Namespace::State::Done;
  }

  /// A module-level __getattr__ answers for the names of __all__ it does
  /// not bind (PEP 562; Lib/concurrent/futures/__init__.py, Lib/zoneinfo).
  void lazyNames(Namespace &NS) {
    // A name __all__ lists and nothing binds statically is made at run time
    // (Lib/turtle.py's functions, made by exec): a star import would fail
    // on it otherwise.
    if (NS.HasAll && NS.AllKnown)
      for (const auto &[Name, T] : NS.All)
        if (!NS.Names.count(Name) && T != Tri::No) {
          NameState &S = NS.Names[Name];
          S.Exists = T;
          S.Origin = {NS.Path, "listed in __all__, made at run time", "", ""};
        }
    auto Getattr = NS.Names.find("__getattr__");
    if (Getattr == NS.Names.end() || Getattr->second.Exists == Tri::No ||
        !NS.HasAll)
      return;
    for (const auto &[Name, T] : NS.All) {
      NameState &S = NS.Names[Name];
      if (S.Exists == Tri::Yes)
        continue;
      S.Exists = triOr(S.Exists, triAnd(T, Getattr->second.Exists));
      S.Kind = ItemKind::Object;
      S.Line = Getattr->second.Line;
      S.Origin = {at(NS.Path, Getattr->second.Line),
                  "module __getattr__ for a name of __all__", "", ""};
    }
  }

  std::string relative(const Run &R, const PyEvent &E) {
    if (E.Level == 0)
      return E.Module;
    llvm::StringRef Base = R.Source.Package
                               ? llvm::StringRef(R.NS.Name)
                               : llvm::StringRef(R.NS.Name).rsplit('.').first;
    if (!R.Source.Package && Base == R.NS.Name)
      Base = "";
    for (int I = 1; I < E.Level; ++I)
      Base = Base.rsplit('.').first;
    if (E.Module.empty())
      return Base.str();
    return Base.empty() ? E.Module : (Base + "." + E.Module).str();
  }

  /// The conjunction of an event's enclosing frames.
  Result context(Run &R, const std::vector<int> &Frames) {
    Result Out{Tri::Yes, {}};
    for (int Index : Frames) {
      if (Index < 0 || static_cast<size_t>(Index) >= R.Facts.Frames.size())
        continue;
      const PyFrame &F = R.Facts.Frames[Index];
      Result V{Tri::Yes, {}};
      std::string Where = at(R.Source.Path, F.Line);
      switch (F.FrameKind) {
      case PyFrame::Kind::If: {
        // Python tests an `if` once, before its body: the body's own
        // bindings must not change it (Lib/os.py:874 `not _exists("spawnv")`
        // guards the def of spawnv). Its else frame shares the test's line.
        auto Cached = R.IfTests->find(F.Line);
        if (Cached == R.IfTests->end())
          Cached =
              R.IfTests->emplace(F.Line, condition(R, F.Test, F.Line)).first;
        V = Cached->second;
        if (F.Negated)
          V.T = triNot(V.T);
        std::string Says = V.T == Tri::Unknown             ? " is undecided"
                           : (V.T == Tri::No) != F.Negated ? " is false here"
                                                           : " is true here";
        V.Why.insert(
            V.Why.begin(),
            {Where, (F.Negated ? "else of: if " : "if ") + F.Text + Says});
        break;
      }
      case PyFrame::Kind::Try:
        V.T = triNot(R.TryFailed[F.TryId]);
        if (V.T != Tri::Yes) {
          V.Why.push_back({Where, "after a failed import in this try block"});
          llvm::append_range(V.Why, R.TryWhy[F.TryId]);
        }
        break;
      case PyFrame::Kind::Except:
        if (static_cast<size_t>(F.TryId) < R.TryRaises.size() &&
            R.TryRaises[F.TryId])
          break; // try: raise TypeError / except TypeError (Lib/types.py)
        // Failed imports, and failed attribute reads where the handler
        // takes AttributeError (Lib/threading.py: get_native_id =
        // _thread.get_native_id / except AttributeError:
        // _HAVE_THREAD_NATIVE_ID = False), are what a try records.
        if (!llvm::any_of(F.Caught, isImportError) &&
            !llvm::any_of(F.Caught, isAttributeError)) {
          V = {Tri::No,
               {{Where, "handler of " + llvm::join(F.Caught, ", ") +
                            " (only failed imports and attribute reads are "
                            "followed)"}}};
          break;
        }
        V.T = R.TryFailed[F.TryId];
        if (V.T == Tri::No)
          V.Why.push_back(
              {Where, "except ImportError: the imports above succeed here"});
        else
          V.Why = R.TryWhy[F.TryId];
        break;
      case PyFrame::Kind::Else:
        V.T = triNot(R.TryFailed[F.TryId]);
        if (V.T != Tri::Yes) {
          V.Why.push_back({Where, "else of a try whose import fails here"});
          llvm::append_range(V.Why, R.TryWhy[F.TryId]);
        }
        break;
      case PyFrame::Kind::Loop:
        break;
      }
      if (V.T == Tri::No) // The first false frame decides.
        return V;
      if (V.T == Tri::Unknown && Out.T == Tri::Yes)
        Out = V;
    }
    return Out;
  }

  // -- conditions -----------------------------------------------------------
  Resolved resolve(Run &R, llvm::StringRef Dotted) {
    llvm::SmallVector<llvm::StringRef, 4> Parts;
    Dotted.split(Parts, '.');
    Resolved Out;
    const NameState *First = nullptr;
    if (R.Scope) {
      auto It = R.Scope->find(Parts[0].str());
      if (It != R.Scope->end())
        First = &It->second;
    }
    if (!First) {
      auto It = R.NS.Names.find(Parts[0].str());
      if (It != R.NS.Names.end())
        First = &It->second;
    }
    if (!First) {
      Out.Why.push_back(
          {"", "'" + Parts[0].str() + "' is not bound in " + R.NS.Name});
      Out.Bound = false;
      return Out;
    }
    Out.Exists = First->Exists;
    Out.V = First->V;
    Out.Why = First->Why;
    Out.Callable = First->Callable;
    if (Out.Exists == Tri::No)
      return Out;
    for (size_t I = 1; I < Parts.size(); ++I) {
      follow(Out);
      std::string P = Parts[I].str();
      if (Out.V.K == Value::Kind::Module) {
        Out.Callable.clear();
        if (Out.V.Module == "sys" && P == "platform") {
          Out.V = {Value::Kind::Const, "", "", Platform,
                   triOf(!Platform.empty())};
          continue;
        }
        // Every configuration here is little-endian: WebAssembly by its
        // specification, the reference on the x86-64/AArch64 machines it
        // is configured on (Lib/ctypes/_endian.py tests sys.byteorder).
        if (Out.V.Module == "sys" && P == "byteorder") {
          Out.V = {Value::Kind::Const, "", "", "little", Tri::Yes};
          continue;
        }
        if (Out.V.Module == "sys" && P == "builtin_module_names") {
          Out.V = {Value::Kind::BuiltinNames, "", "", "", Tri::Yes};
          continue;
        }
        NameState S = lookup(Out.V.Module, P);
        if (S.Exists == Tri::No) {
          if (auto Sub = submodule(Out.V.Module, P)) {
            Out.V = {Value::Kind::Module, *Sub, "", "", Tri::Yes};
            continue;
          }
          Out.Exists = Tri::No;
          Out.Why = S.Why;
          return Out;
        }
        Out.Exists = triAnd(Out.Exists, S.Exists);
        Out.V = S.V;
        Out.Why = S.Why;
        Out.Callable = S.Callable;
      } else if (Out.V.K == Value::Kind::Class) {
        NameState S = member(Out.V.Module, Out.V.Name, P);
        if (S.Exists == Tri::No || S.Exists == Tri::Unknown) {
          Out.Exists = S.Exists;
          Out.Why = S.Why;
          Out.V = {};
          return Out;
        }
        Out.Exists = triAnd(Out.Exists, S.Exists);
        Out.V = S.V;
        Out.Why = S.Why;
        Out.Callable = S.Callable;
      } else {
        Out.Exists = Tri::Unknown;
        Out.V = {};
        Out.Why = {{"", "cannot follow '" + Dotted.str() + "'"}};
        return Out;
      }
    }
    follow(Out);
    return Out;
  }

  /// Member P of a class, looked up through its bases. Missing for sure
  /// only where the search ends at C types, whose members are their
  /// tables' rows (extract/): Lib/socket.py's socket(_socket.socket) lacks
  /// sendmsg where _socket.socket does (Lib/asyncio/selector_events.py).
  NameState member(const std::string &Module, const std::string &Class,
                   const std::string &P, int Depth = 0) {
    NameState Unknown;
    Unknown.Exists = Tri::Unknown;
    Unknown.Why = {{"", Class + "." + P + " may be inherited or set later"}};
    if (Depth > 10)
      return Unknown;
    Namespace &M = module(Module);
    auto C = M.Members.find(Class);
    if (C != M.Members.end()) {
      auto It = C->second.find(P);
      if (It != C->second.end())
        return It->second;
    }
    if (M.IsC) {
      if (!M.NamesComplete)
        return Unknown;
      NameState No;
      No.Why = {{"",
                 M.Name + "." + Class + "." + P +
                     " is not defined in this configuration",
                 M.Name, Class + "." + P}};
      return No;
    }
    auto Bases = M.Bases.find(Class);
    if (Bases == M.Bases.end() || Bases->second.empty())
      return Unknown; // object, or bases not followed
    NameState Out;
    for (const auto &[BM, BC] : Bases->second) {
      if (BM.empty())
        return Unknown;
      NameState S = member(BM, BC, P, Depth + 1);
      if (S.Exists != Tri::No)
        return S;
      Out = S;
    }
    return Out;
  }

  /// Follows `_names = sys.builtin_module_names` style aliases.
  void follow(Resolved &Out, int Depth = 0) {
    if (Out.V.K != Value::Kind::Alias)
      return;
    // An alias chain that comes back to itself through another module's
    // aliases (resolve() follows each step's own aliases) stays undecided.
    if (Depth > 8 || FollowNesting > 16) {
      Out.Exists = triAnd(Out.Exists, Tri::Unknown);
      Out.V = {};
      return;
    }
    Namespace &M = module(Out.V.Module);
    auto L = Library.Modules.find(M.Name);
    if (L == Library.Modules.end() || !L->second.Facts)
      return;
    Run Inner{M, L->second, *L->second.Facts, {}, {}, {}};
    ++FollowNesting;
    Resolved Next = resolve(Inner, Out.V.Name);
    --FollowNesting;
    Out.Exists = triAnd(Out.Exists, Next.Exists);
    Out.V = Next.V;
    Out.Why = Next.Why;
    Out.Callable = Next.Callable;
    follow(Out, Depth + 1);
  }
  int FollowNesting = 0;

  Result condition(Run &R, const PyCondition &C, unsigned Line) {
    using Op = PyCondition::Op;
    std::string Where = at(R.Source.Path, Line);
    switch (C.Kind) {
    case Op::Unknown:
      return {Tri::Unknown, {{Where, "undecided: " + C.Text}}};
    case Op::Const:
      return {triOf(C.Value), {}};
    case Op::Not: {
      if (C.Args.empty())
        return {Tri::Unknown, {}};
      Result A = condition(R, C.Args[0], Line);
      A.T = triNot(A.T);
      return A;
    }
    case Op::And:
    case Op::Or:
      return junction(R, C, Line);
    case Op::HasAttr:
      return hasAttr(R, C);
    case Op::Exists:
      return exists(R, C);
    case Op::IsNone:
      return isNone(R, C, Where);
    case Op::Truth:
      return truth(R, C, Where);
    case Op::Compare:
      return compare(R, C, Where);
    case Op::Contains:
      return contains(R, C, Where);
    case Op::String:
      return {Tri::Unknown, {}};
    }
    return {Tri::Unknown, {}};
  }

  /// and/or, short-circuiting; the evidence of the operand that decided.
  Result junction(Run &R, const PyCondition &C, unsigned Line) {
    bool IsAnd = C.Kind == PyCondition::Op::And;
    Result Out{IsAnd ? Tri::Yes : Tri::No, {}};
    for (const PyCondition &A : C.Args) {
      Result V = condition(R, A, Line);
      Tri Next = IsAnd ? triAnd(Out.T, V.T) : triOr(Out.T, V.T);
      if (Next != Out.T || Out.Why.empty())
        Out.Why = V.Why;
      Out.T = Next;
      if (Out.T == (IsAnd ? Tri::No : Tri::Yes))
        return Out;
    }
    return Out;
  }

  /// hasattr(Object, "Attr") (Lib/shutil.py:1363).
  Result hasAttr(Run &R, const PyCondition &C) {
    Resolved Obj = resolve(R, C.Object);
    if (Obj.Exists != Tri::Yes)
      return {Tri::Unknown, Obj.Why};
    std::string Dotted = C.Object + "." + C.Attr;
    Resolved A = resolve(R, Dotted);
    if (A.Exists == Tri::Yes)
      return {Tri::Yes, {{"", Dotted + " exists here"}}};
    std::vector<PyEvidence> Why{
        {"", Dotted + (A.Exists == Tri::No ? " does not exist here"
                                           : " may not exist here")}};
    llvm::append_range(Why, A.Why);
    return {A.Exists, Why};
  }

  /// "Attr" in globals(), at this point of the module (Lib/os.py _exists).
  Result exists(Run &R, const PyCondition &C) {
    auto It = R.NS.Names.find(C.Attr);
    if (It != R.NS.Names.end() && It->second.Exists != Tri::No)
      return {It->second.Exists, {{"", C.Attr + " is bound in " + R.NS.Name}}};
    std::vector<PyEvidence> Why{absence(R.NS, C.Attr)};
    if (It != R.NS.Names.end())
      Why.insert(Why.end(), It->second.Why.begin(), It->second.Why.end());
    return {Tri::No, Why};
  }

  /// Object is None (after `except ImportError: Object = None`).
  Result isNone(Run &R, const PyCondition &C, const std::string &Where) {
    Resolved Obj = resolve(R, C.Object);
    if (Obj.Exists != Tri::Yes)
      return {Tri::Unknown, Obj.Why};
    switch (Obj.V.K) {
    case Value::Kind::None:
      return {Tri::Yes, Obj.Why};
    case Value::Kind::Module:
    case Value::Kind::Class:
    case Value::Kind::Const:
      return {
          Tri::No,
          {{"", C.Object + " is bound to a " +
                    (Obj.V.K == Value::Kind::Module ? "module" : "value")}}};
    default:
      return {Tri::Unknown, {{Where, "undecided: is " + C.Object + " None"}}};
    }
  }

  /// A bare name's truth: a constant, or a condition it was assigned.
  Result truth(Run &R, const PyCondition &C, const std::string &Where) {
    Resolved Obj = resolve(R, C.Object);
    if (Obj.Exists != Tri::Yes)
      return {Tri::Unknown, Obj.Why};
    if (Obj.V.Truth == Tri::Unknown)
      return {Tri::Unknown, {{Where, "undecided: the value of " + C.Object}}};
    return {Obj.V.Truth,
            {{"", C.Object + " is " +
                      (Obj.V.Truth == Tri::Yes ? "true" : "false") + " here"}}};
  }

  /// sys.platform / os.name (or another string constant) against Values.
  Result compare(Run &R, const PyCondition &C, const std::string &Where) {
    Resolved Obj = resolve(R, C.Object);
    if (Obj.Exists != Tri::Yes || Obj.V.K != Value::Kind::Const)
      return {Tri::Unknown, {{Where, "undecided: the value of " + C.Object}}};
    const std::string &S = Obj.V.Str;
    bool In = llvm::is_contained(C.Values, S);
    bool Prefix = llvm::any_of(C.Values, [&](const std::string &V) {
      return llvm::StringRef(S).starts_with(V);
    });
    bool V = C.Compare == "eq" || C.Compare == "in"      ? In
             : C.Compare == "ne" || C.Compare == "notin" ? !In
             : C.Compare == "startswith"                 ? Prefix
                                                         : false;
    return {triOf(V), {{"", C.Object + " is '" + S + "' here"}}};
  }

  /// "posix" in sys.builtin_module_names (Lib/os.py:52).
  Result contains(Run &R, const PyCondition &C, const std::string &Where) {
    Resolved Obj = resolve(R, C.Object);
    if (Obj.Exists != Tri::Yes || Obj.V.K != Value::Kind::BuiltinNames ||
        C.Values.empty())
      return {Tri::Unknown,
              {{Where, "undecided: '" + (C.Values.empty() ? "" : C.Values[0]) +
                           "' in " + C.Object}}};
    auto M = CModules.find(C.Values[0]);
    bool Builtin =
        M != CModules.end() && M->second->Linkage == Linkage::Builtin;
    return {triOf(Builtin),
            {{"",
              C.Values[0] + (Builtin ? " is" : " is not") +
                  " a built-in module here",
              C.Values[0], ""}}};
  }

  Tri filter(const PyCondition &C, llvm::StringRef Name) {
    using Op = PyCondition::Op;
    switch (C.Kind) {
    case Op::Const:
      return triOf(C.Value);
    case Op::Not:
      return C.Args.empty() ? Tri::Unknown : triNot(filter(C.Args[0], Name));
    case Op::And:
    case Op::Or: {
      Tri Out = C.Kind == Op::And ? Tri::Yes : Tri::No;
      for (const PyCondition &A : C.Args)
        Out = C.Kind == Op::And ? triAnd(Out, filter(A, Name))
                                : triOr(Out, filter(A, Name));
      return Out;
    }
    case Op::String:
      if (C.Compare == "isupper")
        return triOf(pyIsUpper(Name));
      if (C.Compare == "in")
        return triOf(llvm::is_contained(C.Values, Name));
      return triOf(llvm::any_of(C.Values, [&](const std::string &V) {
        return C.Compare == "startswith" ? Name.starts_with(V)
                                         : Name.ends_with(V);
      }));
    default:
      return Tri::Unknown;
    }
  }

  // -- events ---------------------------------------------------------------
  std::map<std::string, NameState> &scope(Run &R) {
    return R.Scope ? *R.Scope : R.NS.Names;
  }

  void bind(Run &R, const std::string &Name, Tri Cond, NameState New,
            const std::vector<PyEvidence> &Why) {
    NameState &S = scope(R)[Name];
    Tri E = triAnd(Cond, New.Exists);
    if (E == Tri::Yes) {
      S = std::move(New);
      S.Exists = Tri::Yes;
      S.Why.clear();
    } else if (E == Tri::Unknown) {
      if (S.Exists == Tri::Yes) {
        S.V = {};
        return;
      }
      New.Exists = Tri::Unknown;
      New.V = {};
      New.Why = Why.empty() ? New.Why : Why;
      S = std::move(New);
    } else if (S.Exists == Tri::No && S.Why.empty()) {
      New.Exists = Tri::No;
      New.Why = Why.empty() ? New.Why : Why;
      S = std::move(New);
    }
  }

  /// A failed (or maybe failed) import: the innermost try catching
  /// ImportError takes it, else the module fails.
  void importFailed(Run &R, const PyEvent &E, Tri Cond, const Result &Import,
                    const std::string &What, bool Attribute = false) {
    Tri Failed = triAnd(Cond, triNot(Import.T));
    std::vector<PyEvidence> Why{{at(R.Source.Path, E.Line), What}};
    llvm::append_range(Why, Import.Why);
    for (auto It = E.Context.rbegin(); It != E.Context.rend(); ++It) {
      const PyFrame &F = R.Facts.Frames[*It];
      if (F.FrameKind != PyFrame::Kind::Try)
        continue;
      if (Attribute ? R.TryCatchesAttribute[F.TryId]
                    : R.TryCatchesImport[F.TryId]) {
        if (R.TryFailed[F.TryId] != Tri::Yes) {
          R.TryFailed[F.TryId] = triOr(R.TryFailed[F.TryId], Failed);
          R.TryWhy[F.TryId] = Why;
        }
        return;
      }
    }
    // Uncaught (in a class body too): the module does not import.
    if (Failed == Tri::Yes ||
        (Failed == Tri::Unknown && R.NS.Imports == Tri::Yes)) {
      R.NS.Imports = triNot(Failed);
      R.NS.Why = Why;
    }
  }

  NameState made(Run &R, const PyEvent &E, ItemKind Kind, Value V,
                 const std::string &How) {
    NameState S;
    S.Exists = Tri::Yes;
    S.Kind = Kind;
    S.Line = E.Line;
    S.V = std::move(V);
    S.Origin = {at(R.Source.Path, E.Line), How, "", ""};
    return S;
  }

  void event(Run &R, const PyEvent &E) {
    Result Cond = context(R, E.Context);
    switch (E.EventKind) {
    case PyEvent::Kind::Bind:
      return bindEvent(R, E, Cond);
    case PyEvent::Kind::Star:
      if (Cond.T != Tri::No)
        starImport(R, E, Cond);
      return;
    case PyEvent::Kind::All:
      if (Cond.T != Tri::No)
        allEdit(R, E, Cond.T);
      return;
    case PyEvent::Kind::Convert:
      if (Cond.T != Tri::No)
        convert(R, E, Cond.T);
      return;
    case PyEvent::Kind::Spread:
      if (Cond.T != Tri::No)
        spread(R, E, Cond);
      return;
    case PyEvent::Kind::Read:
      if (Cond.T != Tri::No)
        read(R, E, Cond.T);
      return;
    case PyEvent::Kind::Dynamic:
      if (Cond.T != Tri::No)
        R.NS.Dynamic.push_back(at(R.Source.Path, E.Line) + " " + E.Text);
      return;
    }
  }

  void bindEvent(Run &R, const PyEvent &E, const Result &Cond) {
    using How = PyEvent::How;
    std::string Loc = at(R.Source.Path, E.Line);
    switch (E.Binding) {
    case How::Def: {
      NameState S =
          made(R, E, ItemKind::Function,
               {Value::Kind::Other, "", "", "", Tri::Yes}, "def " + E.Name);
      if (E.Body) {
        S.Callable = callableId(R, E);
        if (Defs.try_emplace(S.Callable,
                             DefSite{R.NS.Name, &R.Source, R.ClassName, &E})
                .second &&
            R.Scope)
          for (const auto &[A, Dotted] : E.Body->Sets)
            InstanceSets[{R.NS.Name, R.ClassName}].try_emplace(A, Dotted);
      }
      bind(R, E.Name, Cond.T, S, Cond.Why);
      return;
    }
    case How::Class:
      return classEvent(R, E, Cond);
    case How::Assign: {
      Value V;
      if (E.HasCondition) {
        V.Truth = condition(R, E.Condition, E.Line).T;
      } else if (!E.Alias.empty()) {
        V = {Value::Kind::Alias, R.NS.Name, E.Alias, "", Tri::Unknown};
      } else if (!E.Instance.empty()) {
        Resolved C = resolve(R, E.Instance);
        if (C.Exists == Tri::Yes && C.V.K == Value::Kind::Class)
          V = {Value::Kind::Instance, C.V.Module, C.V.Name, "", Tri::Yes};
      }
      NameState S = made(R, E, ItemKind::Object, V, E.Name + " = ...");
      // socketpair = _fallback_socketpair (Lib/socket.py): calling the
      // name runs what it aliases.
      if (!E.Alias.empty()) {
        Resolved A = resolve(R, E.Alias);
        if (A.Exists == Tri::Yes)
          S.Callable = A.Callable;
      }
      bind(R, E.Name, Cond.T, S, Cond.Why);
      return;
    }
    case How::Const:
      bind(R, E.Name, Cond.T,
           made(R, E, ItemKind::Constant,
                {Value::Kind::Const, "", "", E.ConstValue, triOf(E.ConstTruth)},
                E.Name + " = " + E.ConstValue),
           Cond.Why);
      return;
    case How::None:
      bind(R, E.Name, Cond.T,
           made(R, E, ItemKind::Constant,
                {Value::Kind::None, "", "", "", Tri::No}, E.Name + " = None"),
           Cond.Why);
      return;
    case How::Del: {
      auto It = scope(R).find(E.Name);
      if (It == scope(R).end() || Cond.T == Tri::No)
        return;
      if (Cond.T == Tri::Yes) {
        It->second.Exists = Tri::No;
        It->second.Why = {{Loc, "deleted: del " + E.Name}};
      } else if (It->second.Exists == Tri::Yes) {
        It->second.Exists = Tri::Unknown;
        It->second.Why = Cond.Why;
      }
      return;
    }
    case How::Import:
      return importEvent(R, E, Cond);
    case How::From:
      return fromImport(R, E, Cond);
    }
  }

  /// A class: its binding, its bases, its body's members (one level).
  void classEvent(Run &R, const PyEvent &E, const Result &Cond) {
    NameState Made = made(R, E, ItemKind::Class,
                          {Value::Kind::Class, R.NS.Name, E.Name, "", Tri::Yes},
                          "class " + E.Name);
    if (!R.Scope) {
      Made.Callable = callableId(R, E);
      Classes.try_emplace(Made.Callable, ClassSite{R.NS.Name, E.Name,
                                                   at(R.Source.Path, E.Line)});
    }
    bind(R, E.Name, Cond.T, Made, Cond.Why);
    if (Cond.T == Tri::No || R.Scope)
      return; // Nested classes' members are not followed.
    auto &Bases = R.NS.Bases[E.Name];
    Bases.clear();
    for (const std::string &B : E.Bases) {
      if (B.empty())
        continue;
      Resolved C = resolve(R, B);
      if (C.Exists == Tri::Yes && C.V.K == Value::Kind::Class)
        Bases.emplace_back(C.V.Module, C.V.Name);
      else
        Bases.emplace_back("", B); // Not followed: members may come from it.
    }
    std::map<std::string, NameState> &Members = R.NS.Members[E.Name];
    Run Body{R.NS,
             R.Source,
             R.Facts,
             R.TryFailed,
             R.TryWhy,
             R.TryCatchesImport,
             R.TryCatchesAttribute,
             R.TryRaises,
             &Members,
             E.Name,
             R.IfTests};
    for (const PyEvent &M : E.Members) {
      Result C = context(Body, M.Context);
      if (Cond.T == Tri::Unknown && C.T == Tri::Yes)
        C = Cond;
      if (M.EventKind == PyEvent::Kind::Bind)
        bindEvent(Body, M, C);
      else if (M.EventKind == PyEvent::Kind::Read && C.T != Tri::No)
        read(Body, M, C.T);
    }
  }

  /// import a.b (binds a) or import a.b as c.
  void importEvent(Run &R, const PyEvent &E, const Result &Cond) {
    std::string Loc = at(R.Source.Path, E.Line);
    if (Cond.T == Tri::No) {
      bind(R, E.Name, Tri::No, made(R, E, ItemKind::Module, {}, "import"),
           Cond.Why);
      return;
    }
    std::string Target = E.Also.empty() ? E.Module : E.Also;
    Result Import = importModule(Target);
    if (Import.T != Tri::Yes)
      importFailed(R, E, Cond.T, Import, "import " + Target);
    std::vector<PyEvidence> Why = Cond.Why;
    if (Import.T != Tri::Yes) {
      Why.push_back({Loc, "import " + Target + " fails here"});
      llvm::append_range(Why, Import.Why);
    }
    NameState S = made(R, E, ItemKind::Module,
                       {Value::Kind::Module, E.Module, "", "", Tri::Yes},
                       "import " + E.Module);
    S.Exists = Import.T;
    S.OriginModule = E.Module;
    bind(R, E.Name, Cond.T, S, Why);
  }

  void fromImport(Run &R, const PyEvent &E, const Result &Cond) {
    std::string Module = relative(R, E);
    std::string Loc = at(R.Source.Path, E.Line);
    std::string What =
        "from " + std::string(E.Level, '.') + E.Module + " import " + E.Attr;
    if (Cond.T == Tri::No) {
      NameState S = made(R, E, ItemKind::Object, {}, What);
      S.OriginModule = Module;
      S.OriginName = E.Attr;
      bind(R, E.Name, Tri::No, S, Cond.Why);
      return;
    }
    Result Import = importModule(Module);
    NameState S;
    if (Import.T != Tri::No) {
      S = lookup(Module, E.Attr);
      if (S.Exists != Tri::Yes)
        if (auto Sub = submodule(Module, E.Attr)) {
          Result SubImport = importModule(*Sub);
          if (SubImport.T != Tri::No) {
            S = made(R, E, ItemKind::Module,
                     {Value::Kind::Module, *Sub, "", "", Tri::Yes}, What);
            S.Exists = SubImport.T;
          } else {
            S.Why = SubImport.Why;
          }
        }
      Import.T = triAnd(Import.T, S.Exists);
      if (S.Exists == Tri::No) {
        Import.Why = {
            {"", "cannot import name '" + E.Attr + "' from " + Module}};
        llvm::append_range(Import.Why, S.Why);
      }
    }
    if (Import.T != Tri::Yes)
      importFailed(R, E, Cond.T, Import, What);
    std::vector<PyEvidence> Why = Cond.Why;
    if (Import.T != Tri::Yes) {
      Why.push_back({Loc, What + " fails here"});
      llvm::append_range(Why, Import.Why);
    }
    NameState New = S;
    New.Exists = Import.T;
    New.Line = E.Line;
    New.Origin = {Loc, What, "", ""};
    if (module(Module).IsC) {
      New.Origin.CModule = Module;
      New.Origin.CName = E.Attr;
    }
    New.OriginModule = Module;
    New.OriginName = E.Attr;
    bind(R, E.Name, Cond.T, New, Why);
    if (E.Level > 0 || llvm::StringRef(Module).starts_with(R.NS.Name + "."))
      bindSubmodule(llvm::StringRef(Module).rsplit('.').first.str(), Module);
  }

  /// The names `from Module import *` brings: __all__, else public names.
  std::vector<std::pair<std::string, Tri>> exported(const std::string &Module) {
    Namespace &M = module(Module);
    std::vector<std::pair<std::string, Tri>> Out;
    if (M.HasAll && M.AllKnown) {
      for (const auto &[Name, T] : M.All)
        Out.push_back({Name, T});
      return Out;
    }
    for (const auto &[Name, S] : M.Names)
      if (isPublicName(Name) && S.Exists != Tri::No)
        Out.push_back({Name, Tri::Yes});
    return Out;
  }

  void starImport(Run &R, const PyEvent &E, const Result &Cond) {
    std::string Module = relative(R, E);
    std::string What =
        "from " + std::string(E.Level, '.') + E.Module + " import *";
    Result Import = importModule(Module);
    if (Import.T != Tri::Yes)
      importFailed(R, E, Cond.T, Import, What);
    if (Import.T == Tri::No)
      return;
    Namespace &M = module(Module);
    if (M.IsC && !llvm::is_contained(R.NS.StarSources, Module))
      R.NS.StarSources.push_back(Module);
    for (const auto &[Name, T] : exported(Module)) {
      NameState S = lookup(Module, Name);
      S.Exists = triAnd(triAnd(S.Exists, T), Import.T);
      S.Line = E.Line;
      S.Origin = {at(R.Source.Path, E.Line), What, M.IsC ? Module : "",
                  M.IsC ? Name : ""};
      S.OriginModule = Module;
      S.OriginName = Name;
      bind(R, Name, Cond.T, S, Cond.Why);
    }
    if (E.Level > 0)
      bindSubmodule(llvm::StringRef(Module).rsplit('.').first.str(), Module);
  }

  void allEdit(Run &R, const PyEvent &E, Tri Cond) {
    Namespace &NS = R.NS;
    if (E.AllOp == "unknown") {
      NS.AllKnown = false;
      NS.HasAll = true;
      return;
    }
    if (E.AllOp == "set")
      NS.All.clear();
    NS.HasAll = true;
    if (!E.DirOf.empty()) {
      Resolved X = resolve(R, E.DirOf);
      if (X.V.K != Value::Kind::Instance && X.V.K != Value::Kind::Class) {
        NS.AllKnown = false;
        return;
      }
      for (const auto &[Name, S] : attributesOf(X.V.Module, X.V.Name))
        NS.All.push_back({Name, triAnd(Cond, S.Exists)});
      return;
    }
    for (const std::string &N : E.Names)
      NS.All.push_back({N, Cond});
    for (const std::string &Ref : E.Refs) {
      Resolved M = resolve(R, Ref);
      if (M.V.K != Value::Kind::Module) {
        NS.AllKnown = false;
        continue;
      }
      for (const auto &[N, T] : exported(M.V.Module))
        NS.All.push_back({N, triAnd(T, Cond)});
    }
  }

  /// The public attributes of a class and its bases (what dir() of it or of
  /// an instance lists, but for what __init__ sets), nearest first.
  std::map<std::string, NameState> attributesOf(const std::string &Module,
                                                const std::string &Class,
                                                int Depth = 0) {
    std::map<std::string, NameState> Out;
    if (Depth > 10)
      return Out;
    Namespace &M = module(Module);
    auto Own = M.Members.find(Class);
    if (Own != M.Members.end())
      for (const auto &[Name, S] : Own->second)
        if (isPublicName(Name) && S.Exists != Tri::No)
          Out.emplace(Name, S);
    auto Bases = M.Bases.find(Class);
    if (Bases != M.Bases.end())
      for (const auto &[BM, BC] : Bases->second)
        for (auto &[Name, S] : BM.empty() ? std::map<std::string, NameState>()
                                          : attributesOf(BM, BC, Depth + 1))
          Out.emplace(Name, S);
    return Out;
  }

  /// A module attribute read at import time: missing, it raises
  /// AttributeError and the module does not import unless a try catches it.
  void read(Run &R, const PyEvent &E, Tri Cond) {
    auto [Prefix, Last] = llvm::StringRef(E.Source).rsplit('.');
    Resolved Base = resolve(R, Prefix);
    if (Base.Exists != Tri::Yes || Base.V.K != Value::Kind::Module)
      return;
    NameState S = lookup(Base.V.Module, Last.str());
    if (S.Exists != Tri::No)
      return;
    // Only an absence traced to the C level or to a binding whose condition
    // is false here is sure enough to fail a whole module: a Lib/ module
    // may add names in ways not followed (decorators, functions).
    bool Sure = module(Base.V.Module).IsC || S.Line != 0 ||
                llvm::any_of(S.Why, [](const PyEvidence &W) {
                  return !W.CModule.empty();
                });
    if (!Sure)
      return;
    Result Failed{Tri::No,
                  {{"", Base.V.Module + "." + Last.str() +
                            " is missing: AttributeError"}}};
    llvm::append_range(Failed.Why, S.Why);
    importFailed(R, E, Cond, Failed, E.Source + " read at import time", true);
  }

  /// globals().update(X.__members__) or of X's namespace.
  void spread(Run &R, const PyEvent &E, const Result &Cond) {
    Resolved X = resolve(R, E.Source);
    const std::map<std::string, NameState> *From = nullptr;
    std::map<std::string, NameState> Attributes;
    if (E.SpreadAttributes &&
        (X.V.K == Value::Kind::Instance || X.V.K == Value::Kind::Class)) {
      Attributes = attributesOf(X.V.Module, X.V.Name);
      From = &Attributes;
    } else if (E.SpreadMembers && X.V.K == Value::Kind::Class) {
      auto &Classes = module(X.V.Module).Members;
      auto It = Classes.find(X.V.Name);
      if (It != Classes.end())
        From = &It->second;
    } else if (!E.SpreadMembers && X.V.K == Value::Kind::Module) {
      From = &module(X.V.Module).Names;
    }
    if (!From) {
      R.NS.Dynamic.push_back(at(R.Source.Path, E.Line) + " globals().update(" +
                             E.Source + ")");
      return;
    }
    std::vector<std::pair<std::string, NameState>> Copy(From->begin(),
                                                        From->end());
    for (auto &[Name, S] : Copy) {
      if (llvm::StringRef(Name).starts_with("__"))
        continue;
      // An Enum's __members__ are its assigned members, not its methods
      // and properties (http.HTTPStatus.is_success).
      if (E.SpreadMembers &&
          (S.Kind == ItemKind::Function || S.Kind == ItemKind::Class))
        continue;
      NameState New = S;
      New.Line = E.Line;
      New.Origin = {at(R.Source.Path, E.Line),
                    "globals().update(" + E.Source + ")", S.Origin.CModule,
                    S.Origin.CName};
      bind(R, Name, triAnd(Cond.T, X.Exists), New, Cond.Why);
    }
  }

  void convert(Run &R, const PyEvent &E, Tri Cond) {
    const std::map<std::string, NameState> *Source = &R.NS.Names;
    std::string SourceName = R.NS.Name;
    if (!E.Source.empty()) {
      Resolved M = resolve(R, E.Source);
      if (M.V.K != Value::Kind::Module)
        return;
      SourceName = M.V.Module;
      Source = &module(SourceName).Names;
    }
    bool SourceIsC = module(SourceName).IsC;
    std::map<std::string, NameState> Converted;
    for (const auto &[Name, S] : *Source) {
      if (S.Exists == Tri::No)
        continue;
      Tri Keep = triAnd(filter(E.Filter, Name), triAnd(Cond, S.Exists));
      if (Keep == Tri::No)
        continue;
      NameState M = S;
      M.Exists = Keep;
      M.Kind = ItemKind::Constant;
      M.Line = E.Line;
      M.Origin = {at(R.Source.Path, E.Line),
                  E.Name + " converted from " + SourceName + "'s names",
                  SourceIsC ? SourceName : S.Origin.CModule,
                  SourceIsC ? Name : S.Origin.CName};
      M.OriginModule = SourceName;
      M.OriginName = Name;
      Converted[Name] = M;
    }
    // Enum._convert_ also puts the members in the module's namespace
    // (Lib/enum.py: sys.modules[cls.__module__].__dict__.update(...), or
    // global_enum when as_global): ssl.ALERT_DESCRIPTION_*.
    auto &Members = R.NS.Members[E.Name];
    for (auto &[Name, S] : Converted) {
      Members[Name] = S;
      NameState &G = R.NS.Names[Name];
      if (G.Exists != Tri::Yes)
        G = S;
    }
  }
  // -- works differently: what a call does ----------------------------------
  struct DefSite {
    std::string Module;
    const PyModuleSource *Source;
    std::string Class; ///< For methods.
    const PyEvent *Event;
  };
  struct ClassSite {
    std::string Module, Class, At;
  };
  std::map<std::string, DefSite> Defs;      ///< By callable Id.
  std::map<std::string, ClassSite> Classes; ///< By callable Id.
  /// Each file's try blocks' handlers: try id -> caught names.
  std::map<const PyFileFacts *, std::map<int, std::vector<std::string>>>
      Handlers;

  /// Member Name of a class as its bases give it (not the class itself).
  NameState inherited(const Namespace &Owner, const std::string &Class,
                      const std::string &Name) {
    NameState None;
    auto Bases = Owner.Bases.find(Class);
    if (Bases == Owner.Bases.end())
      return None;
    for (const auto &[BM, BC] : Bases->second) {
      if (BM.empty())
        continue;
      NameState S = member(BM, BC, Name);
      if (S.Exists == Tri::Yes) {
        const Namespace &Base = module(BM);
        S.Origin = {S.Line ? at(Base.Path, S.Line) : S.Origin.At,
                    "inherited from " + BM + "." + BC, "", ""};
        S.Line = 0;
        return S;
      }
    }
    return None;
  }

  /// Dotted name Path as module Module sees it.
  Resolved resolveIn(const std::string &Module, llvm::StringRef Path) {
    Namespace &M = module(Module);
    auto L = Library.Modules.find(M.Name);
    if (!M.IsC && L != Library.Modules.end() && L->second.Facts) {
      Run Inner{M, L->second, *L->second.Facts, {}, {}, {}};
      return resolve(Inner, Path);
    }
    auto [First, Rest] = Path.split('.');
    NameState S = lookup(M.Name, First.str());
    Resolved Out;
    Out.Exists = S.Exists;
    Out.Why = S.Why;
    Out.Callable = S.Callable;
    if (!Rest.empty() && S.Exists == Tri::Yes) {
      NameState Member = member(M.Name, First.str(), Rest.str());
      Out.Exists = Member.Exists;
      Out.Why = Member.Why;
      Out.Callable = Member.Callable;
    }
    return Out;
  }

  /// What `self.Attr = module.name` in a method of the class set Attr to.
  std::string instanceSet(const std::string &Module, const std::string &Class,
                          const std::string &Attr) {
    auto It = InstanceSets.find({Module, Class});
    if (It == InstanceSets.end())
      return "";
    auto Found = It->second.find(Attr);
    return Found == It->second.end() ? "" : Found->second;
  }
  std::map<std::pair<std::string, std::string>,
           std::map<std::string, std::string>>
      InstanceSets; ///< Filled as methods are bound.

  std::string callableId(const Run &R, const PyEvent &E) const {
    return R.NS.Name + ":" + (R.Scope ? R.ClassName + "." : "") + E.Name + "@" +
           std::to_string(E.Line);
  }

  PyCallable evaluateBody(const std::string &Id, const DefSite &D);
  PyCallable evaluateClass(const std::string &Id, const ClassSite &C);
  /// The callable a class's member runs, found through its bases; a C
  /// class's constructor for __init__/__new__ ("C:_socket:socket").
  std::string memberCallable(const std::string &Module,
                             const std::string &Class, const std::string &Name,
                             int Depth = 0);
  Tri bodyContext(const PyFileFacts &F, Run &R, const std::vector<int> &Frames,
                  const std::map<int, Tri> &ImportFailed,
                  std::vector<PyEvidence> &Why,
                  std::vector<int> *Undecided = nullptr);
  bool protectedFrom(const PyFileFacts &F, const std::vector<int> &Frames,
                     bool (*Catches)(llvm::StringRef));
};

} // namespace

// -- works differently
// ---------------------------------------------------------

namespace {

/// Handlers that take what a missing name raises.
bool catchesMissing(llvm::StringRef Name) {
  return isAttributeError(Name) || Name == "NameError" || isImportError(Name);
}
/// Handlers that take what a failing call raises (OSError and its old
/// aliases, socket.error; NotImplementedError, RuntimeError: threads).
bool catchesFailure(llvm::StringRef Name) {
  llvm::StringRef Last =
      Name.rsplit('.').second.empty() ? Name : Name.rsplit('.').second;
  return Name == "Exception" || Name == "BaseException" || Last == "OSError" ||
         Last == "error" || Last == "IOError" || Last == "EnvironmentError" ||
         Last == "NotImplementedError" || Last == "RuntimeError" ||
         Last == "UnsupportedOperation" || Name == "?";
}
bool isDunder(llvm::StringRef Name) {
  llvm::StringRef Last =
      Name.rsplit('.').second.empty() ? Name : Name.rsplit('.').second;
  return Last.starts_with("__") && Last.ends_with("__");
}

} // namespace

bool Evaluator::protectedFrom(const PyFileFacts &F,
                              const std::vector<int> &Frames,
                              bool (*Catches)(llvm::StringRef)) {
  auto [It, New] = Handlers.try_emplace(&F);
  if (New)
    for (const PyFrame &Fr : F.Frames)
      if (Fr.FrameKind == PyFrame::Kind::Except && !Fr.Raises)
        llvm::append_range(It->second[Fr.TryId], Fr.Caught);
  for (int Index : Frames) {
    if (Index < 0 || static_cast<size_t>(Index) >= F.Frames.size())
      continue;
    const PyFrame &Fr = F.Frames[Index];
    if (Fr.FrameKind != PyFrame::Kind::Try)
      continue;
    auto H = It->second.find(Fr.TryId);
    if (H != It->second.end() && llvm::any_of(H->second, Catches))
      return true;
  }
  return false;
}

Tri Evaluator::bodyContext(const PyFileFacts &F, Run &R,
                           const std::vector<int> &Frames,
                           const std::map<int, Tri> &ImportFailed,
                           std::vector<PyEvidence> &Why,
                           std::vector<int> *Undecided) {
  Tri Out = Tri::Yes;
  for (int Index : Frames) {
    if (Index < 0 || static_cast<size_t>(Index) >= F.Frames.size())
      continue;
    const PyFrame &Fr = F.Frames[Index];
    std::string Where = at(R.Source.Path, Fr.Line);
    auto Failed = [&] {
      auto It = ImportFailed.find(Fr.TryId);
      return It == ImportFailed.end() ? Tri::No : It->second;
    };
    Tri T = Tri::Yes;
    switch (Fr.FrameKind) {
    case PyFrame::Kind::If: {
      auto Cached = R.IfTests->find(Fr.Line);
      if (Cached == R.IfTests->end())
        Cached =
            R.IfTests->emplace(Fr.Line, condition(R, Fr.Test, Fr.Line)).first;
      T = Fr.Negated ? triNot(Cached->second.T) : Cached->second.T;
      if (T == Tri::Yes)
        Why.push_back({Where, (Fr.Negated ? "else of: if " : "if ") + Fr.Text +
                                  " holds here"});
      break;
    }
    case PyFrame::Kind::Except:
      // Error paths do not count, but for the handler of an import that
      // fails here (Lib/pathlib.py 3.11 owner: except ImportError: raise
      // NotImplementedError).
      T = llvm::any_of(Fr.Caught, isImportError) ? Failed() : Tri::No;
      if (T == Tri::Yes)
        Why.push_back({Where, "except ImportError: the import fails here"});
      break;
    case PyFrame::Kind::Else:
      T = triNot(Failed());
      break;
    case PyFrame::Kind::Try:
    case PyFrame::Kind::Loop:
      break;
    }
    if (T == Tri::No)
      return Tri::No;
    if (T == Tri::Unknown && Undecided)
      Undecided->push_back(Index);
    Out = triAnd(Out, T);
  }
  return Out;
}

std::string Evaluator::memberCallable(const std::string &Module,
                                      const std::string &Class,
                                      const std::string &Name, int Depth) {
  if (Depth > 10)
    return "";
  Namespace &M = module(Module);
  if (M.IsC)
    return (Name == "__init__" || Name == "__new__")
               ? "C:" + Module + ":" + Class
               : "C:" + Module + ":" + Class + "." + Name;
  if (auto C = M.Members.find(Class); C != M.Members.end())
    if (auto It = C->second.find(Name);
        It != C->second.end() && It->second.Exists != Tri::No)
      return It->second.Callable;
  auto Bases = M.Bases.find(Class);
  if (Bases == M.Bases.end())
    return "";
  for (const auto &[BM, BC] : Bases->second)
    if (!BM.empty())
      if (std::string Found = memberCallable(BM, BC, Name, Depth + 1);
          !Found.empty())
        return Found;
  return "";
}

PyCallable Evaluator::evaluateClass(const std::string &Id, const ClassSite &C) {
  PyCallable Out;
  Out.Id = Id;
  Out.At = C.At;
  Out.IsClass = true;
  // Calling a class runs its __new__ and __init__, wherever its bases
  // define them (Lib/socket.py socket.__init__ calls _socket.socket's).
  for (const char *Special : {"__new__", "__init__"}) {
    std::string Target = memberCallable(C.Module, C.Class, Special);
    if (Target.empty())
      continue;
    PyStep S;
    S.StepKind = llvm::StringRef(Target).starts_with("C:")
                     ? PyStep::Kind::CallsC
                     : PyStep::Kind::Calls;
    S.Target = Target;
    S.Where = {C.At, "class " + C.Class + ": calling it runs " + Special};
    Out.Steps.push_back(std::move(S));
  }
  return Out;
}

PyCallable Evaluator::evaluateBody(const std::string &Id, const DefSite &D) {
  PyCallable Out;
  Out.Id = Id;
  Out.At = at(D.Source->Path, D.Event->Line);
  Namespace &NS = module(D.Module);
  const PyFileFacts &F = *D.Source->Facts;
  Run R{NS, *D.Source, F, {}, {}, {}};
  const PyBody &B = *D.Event->Body;
  // The body's try blocks whose imports fail here.
  std::map<int, Tri> ImportFailed;
  for (const PyUse &U : B.Uses) {
    llvm::StringRef Name = U.Name;
    if (!Name.consume_front("import:"))
      continue;
    Tri Imports = importModule(Name.str()).T;
    for (int Index : U.Context)
      if (Index >= 0 && static_cast<size_t>(Index) < F.Frames.size() &&
          F.Frames[Index].FrameKind == PyFrame::Kind::Try) {
        Tri &Failed = ImportFailed.try_emplace(F.Frames[Index].TryId, Tri::No)
                          .first->second;
        Failed = triOr(Failed, triNot(Imports));
      }
  }
  // Guard clauses taken here: what follows them does not run
  // (Lib/posixpath.py expanduser returns when `import pwd` fails, before
  // it calls os.getuid).
  // Undecided ones make what follows them uncertain (Lib/hashlib.py
  // __get_builtin_constructor raises only after `if constructor is not
  // None: return constructor` fell through).
  std::vector<std::pair<int, unsigned>> Taken, Maybe; // frame, line
  for (int Exit : B.Exits) {
    std::vector<PyEvidence> Ignored;
    if (Exit < 0 || static_cast<size_t>(Exit) >= F.Frames.size())
      continue;
    Tri T = bodyContext(F, R, {Exit}, ImportFailed, Ignored);
    // An undecided early `return` ends the normal path; an undecided
    // `raise` (argument checks: shutil.chown's ValueError) does not.
    if (T == Tri::Yes)
      Taken.emplace_back(Exit, F.Frames[Exit].Line);
    else if (T == Tri::Unknown && llvm::is_contained(B.Returns, Exit))
      Maybe.emplace_back(Exit, F.Frames[Exit].Line);
  }
  auto After = [](const std::vector<std::pair<int, unsigned>> &Exits,
                  unsigned Line, const std::vector<int> &Context) {
    return llvm::any_of(Exits, [&](const std::pair<int, unsigned> &T) {
      return Line > T.second && !llvm::is_contained(Context, T.first);
    });
  };
  auto Dead = [&](unsigned Line, const std::vector<int> &Context) {
    return After(Taken, Line, Context);
  };
  // A test of the environment (os.environ, os.getenv) decides per machine,
  // not per platform: what it guards is not followed (Lib/webbrowser.py
  // runs xdg-settings only `if os.environ.get("DISPLAY")`).
  // Likewise an undecided test of a value naming another operating system
  // (Lib/sysconfig.py get_platform: `osname[:6] == "darwin"` over
  // os.uname()): a branch for that system, not for the target.
  auto OnEnvironment = [&](const std::vector<int> &Context) {
    static const char *const OtherSystems[] = {
        "\"darwin\"", "'darwin'",    "\"win32\"", "'win32'",     "\"cygwin\"",
        "'cygwin'",   "\"aix\"",     "'aix'",     "\"sunos\"",   "'sunos'",
        "\"nt\"",     "'nt'",        "\"java\"",  "'java'",      "\"ios\"",
        "'ios'",      "\"android\"", "'android'", "\"vxworks\"", "'vxworks'"};
    return llvm::any_of(Context, [&](int Index) {
      if (Index < 0 || static_cast<size_t>(Index) >= F.Frames.size())
        return false;
      const PyFrame &Fr = F.Frames[Index];
      if (Fr.FrameKind != PyFrame::Kind::If)
        return false;
      llvm::StringRef Text = Fr.Text;
      if (Text.contains("environ") || Text.contains("getenv"))
        return true;
      if (Fr.Test.Kind != PyCondition::Op::Unknown &&
          !(Fr.Test.Kind == PyCondition::Op::Not && !Fr.Test.Args.empty() &&
            Fr.Test.Args[0].Kind == PyCondition::Op::Unknown))
        return false; // Decided tests speak for themselves.
      return !Fr.Negated && llvm::any_of(OtherSystems, [&](const char *S) {
        return Text.contains(S);
      });
    });
  };
  for (const PyRaise &Raise : B.Raises) {
    std::vector<PyEvidence> Why;
    if (Dead(Raise.Line, Raise.Context) ||
        After(Maybe, Raise.Line, Raise.Context) ||
        bodyContext(F, R, Raise.Context, ImportFailed, Why) != Tri::Yes)
      continue;
    PyStep S;
    S.StepKind = PyStep::Kind::Raises;
    S.Target = Raise.Exception;
    S.Where = {at(D.Source->Path, Raise.Line), Raise.Text, "", ""};
    S.Why = std::move(Why);
    Out.Steps.push_back(std::move(S));
  }
  // Missing names each arm of one undecided if/else reaches: either way the
  // call meets one (Lib/os.py _execvpe: exec_func = execve / execv).
  std::vector<std::pair<size_t, int>> OneUndecided; // step, its if frame
  for (const PyUse &U : B.Uses) {
    std::vector<PyEvidence> Why;
    std::vector<int> Undecided;
    Tri Runs =
        Dead(U.Line, U.Context)
            ? Tri::No
            : bodyContext(F, R, U.Context, ImportFailed, Why, &Undecided);
    if (Runs == Tri::No || OnEnvironment(U.Context))
      continue;
    bool Certain = Runs == Tri::Yes && !After(Maybe, U.Line, U.Context);
    std::string Where = at(D.Source->Path, U.Line);
    llvm::StringRef Name = U.Name;
    if (Name.consume_front("import:")) {
      Result Import = importModule(Name.str());
      if (Import.T == Tri::No &&
          !protectedFrom(F, U.Context,
                         [](llvm::StringRef N) { return isImportError(N); }))
        Out.Steps.push_back({PyStep::Kind::Missing,
                             Name.str(),
                             {Where, "import " + Name.str(), "", ""},
                             Import.Why,
                             Certain});
      continue;
    }
    std::string Callable;
    Tri Exists = Tri::Unknown;
    std::vector<PyEvidence> Absent;
    if (Name.consume_front("@")) {
      // A module (or a name of one) the function imports itself:
      // "[dots]module[:name][|rest]" (lib_facts.py BodyReader.use).
      auto [Spec, Rest] = Name.split('|');
      size_t Level = 0;
      while (Level < Spec.size() && Spec[Level] == '.')
        ++Level;
      auto [ModulePart, Attr] = Spec.drop_front(Level).split(':');
      PyEvent Rel;
      Rel.Level = static_cast<int>(Level);
      Rel.Module = ModulePart.str();
      std::string Module = Level ? relative(R, Rel) : ModulePart.str();
      Result Import = importModule(Module);
      if (Import.T != Tri::Yes)
        continue; // Its import statement's own use reports a failure.
      std::string Path = Attr.str();
      if (!Rest.empty())
        Path += (Path.empty() ? "" : ".") + Rest.str();
      if (Path.empty())
        continue;
      Resolved Res = resolveIn(Module, Path);
      if (!Res.Bound)
        continue;
      Exists = Res.Exists;
      Absent = Res.Why;
      Callable = Res.Callable;
    } else if (Name.consume_front("self.")) {
      if (D.Class.empty())
        continue;
      std::string Member = Name.split('.').first.str();
      NameState S = member(D.Module, D.Class, Member);
      Exists = S.Exists;
      Absent = S.Why;
      Callable = memberCallable(D.Module, D.Class, Member);
      if (Exists == Tri::Unknown && !Name.contains('.')) {
        // An attribute a method sets: self._create_connection =
        // socket.create_connection (Lib/http/client.py).
        std::string Set = instanceSet(D.Module, D.Class, Member);
        if (!Set.empty()) {
          Resolved Res = resolve(R, Set);
          if (Res.Bound && Res.Exists == Tri::Yes) {
            Exists = Tri::Yes;
            Callable = Res.Callable;
          }
        }
      }
      if (Name.contains('.'))
        Callable.clear(); // self.x.y: x's type is not followed
    } else {
      std::string First = Name.split('.').first.str();
      if (!NS.Names.count(First)) {
        // Builtins, then what the module's own lookup says of a global it
        // never binds (Lib/os.py execl calls execv, which posix's star
        // import brings only where posix has it).
        if (lookup("builtins", First).Exists != Tri::No)
          continue;
        NameState S = lookup(D.Module, First);
        if (S.Exists != Tri::No)
          continue;
        Exists = Tri::No;
        Absent = S.Why;
      } else if (const NameState &S = NS.Names.at(First);
                 !Name.contains('.') && S.Exists == Tri::Yes &&
                 !S.Callable.empty()) {
        // Bound, and what it calls was settled when it was bound: an alias
        // of a module's name must not be followed again now that the module
        // may be deleted (Lib/threading.py: _start_joinable_thread =
        // _thread.start_joinable_thread, then `del _thread`).
        Exists = Tri::Yes;
        Callable = S.Callable;
      } else {
        Resolved Res = resolve(R, Name);
        if (!Res.Bound)
          continue;
        Exists = Res.Exists;
        Absent = Res.Why;
        Callable = Res.Callable;
      }
    }
    if (Exists == Tri::No) {
      if (isDunder(Name) || protectedFrom(F, U.Context, catchesMissing))
        continue;
      PyStep S{PyStep::Kind::Missing,
               U.Name,
               {Where, (U.Call ? "calls " : "reads ") + U.Name, "", ""},
               Absent,
               Certain};
      llvm::append_range(S.Why, Why);
      if (Undecided.size() == 1 &&
          F.Frames[Undecided.front()].FrameKind == PyFrame::Kind::If)
        OneUndecided.emplace_back(Out.Steps.size(), Undecided.front());
      Out.Steps.push_back(std::move(S));
      continue;
    }
    if (Exists != Tri::Yes || !U.Call || Callable.empty() ||
        protectedFrom(F, U.Context, catchesFailure))
      continue;
    bool IsC = llvm::StringRef(Callable).starts_with("C:");
    Out.Steps.push_back({IsC ? PyStep::Kind::CallsC : PyStep::Kind::Calls,
                         Callable,
                         {Where, "calls " + U.Name, "", ""},
                         std::move(Why),
                         Certain});
  }
  for (const auto &[Step, Frame] : OneUndecided)
    for (const auto &[Other, OtherFrame] : OneUndecided)
      if (F.Frames[OtherFrame].Line == F.Frames[Frame].Line &&
          F.Frames[OtherFrame].Negated != F.Frames[Frame].Negated) {
        Out.Steps[Step].Certain = true;
        Out.Steps[Step].Why.push_back({at(D.Source->Path, F.Frames[Frame].Line),
                                       "either way: both arms of `if " +
                                           F.Frames[Frame].Text +
                                           "` reach a missing name",
                                       "", ""});
        break;
      }
  return Out;
}

std::vector<PyCallable>
Evaluator::callables(const std::vector<std::string> &Roots) {
  std::vector<PyCallable> Out;
  std::set<std::string> Seen;
  std::vector<std::string> Queue;
  for (const std::string &Id : Roots)
    if (Seen.insert(Id).second)
      Queue.push_back(Id);
  while (!Queue.empty()) {
    std::string Id = std::move(Queue.back());
    Queue.pop_back();
    PyCallable C;
    if (auto D = Defs.find(Id); D != Defs.end())
      C = evaluateBody(Id, D->second);
    else if (auto K = Classes.find(Id); K != Classes.end())
      C = evaluateClass(Id, K->second);
    else
      continue; // A C item: the gap follows it in the C graph.
    for (const PyStep &S : C.Steps)
      if (S.StepKind == PyStep::Kind::Calls && Seen.insert(S.Target).second)
        Queue.push_back(S.Target);
    Out.push_back(std::move(C));
  }
  llvm::sort(Out, [](const PyCallable &A, const PyCallable &B) {
    return A.Id < B.Id;
  });
  return Out;
}

void Evaluator::collectNames(const Namespace &NS, PyModuleVerdict &V) {
  auto Add = [&](const std::string &Name, const NameState &S,
                 const std::string &Path) {
    PyName N;
    N.Name = Name;
    N.Kind = S.Kind;
    N.Exists = S.Exists;
    N.DefinedAt = S.Line ? at(Path, S.Line) : S.Origin.At;
    N.Origin = S.Origin;
    N.OriginModule = S.OriginModule;
    N.OriginName = S.OriginName;
    N.Why = S.Why;
    N.Callable = S.Callable;
    V.Names.push_back(std::move(N));
  };
  for (const auto &[Name, S] : NS.Names) {
    if (!isPublicName(Name))
      continue;
    Add(Name, S, NS.Path);
    // A class's own members, also when it comes from another module (a C
    // type re-exported: os.stat_result, collections.OrderedDict).
    if (S.V.K != Value::Kind::Class)
      continue;
    const Namespace &Owner = S.V.Module == NS.Name ? NS : module(S.V.Module);
    auto M = Owner.Members.find(S.V.Name);
    if (M == Owner.Members.end())
      continue;
    for (const auto &[Member, MS] : M->second)
      if (isPublicName(Member)) {
        NameState Joined = MS;
        // Not bound by the class here, but inherited: a call runs the
        // base's version (Lib/pathlib/_local.py 3.13 binds Path.owner only
        // `if pwd:`; PathBase.owner raises UnsupportedOperation).
        if (MS.Exists == Tri::No)
          if (NameState Up = inherited(Owner, S.V.Name, Member);
              Up.Exists == Tri::Yes)
            Joined = Up;
        Joined.Exists = triAnd(S.Exists, Joined.Exists);
        if (S.Exists != Tri::Yes && Joined.Why.empty())
          Joined.Why = S.Why;
        Add(Name + "." + Member, Joined, Owner.Path);
      }
  }
}

PyLayer evaluateLibrary(const PyLibrary &Library, const ItemsReport &CItems,
                        llvm::StringRef Platform) {
  Evaluator E(Library, CItems, Platform);
  PyLayer Layer;
  Layer.Platform = Platform.str();
  std::vector<std::string> Roots;
  for (const auto &[Name, Source] : Library.Modules) {
    if (!isPublicModule(Name))
      continue;
    Result Import = E.importModule(Name);
    Namespace &NS = E.module(Name);
    PyModuleVerdict V;
    V.Name = Name;
    V.Path = Source.Path;
    V.Imports = Import.T;
    V.Why = Import.Why;
    if (Import.T != Tri::No)
      E.collectNames(NS, V);
    V.Dynamic = NS.Dynamic;
    for (const PyName &N : V.Names)
      if (N.Exists == Tri::Yes && !N.Callable.empty())
        Roots.push_back(N.Callable);
    Layer.Modules.push_back(std::move(V));
  }
  Layer.Callables = E.callables(Roots);
  return Layer;
}

} // namespace gapscan
