//===- Additions.cpp - Calls that add items, and their definitions --------===//
#include "extract/CApiSemantics.h"
#include "link/Linker.h"
#include <algorithm>

namespace gapscan {
namespace linking {

void Linker::handleCall(const CallEvent &C, unsigned TU,
                        const std::vector<Value> &Args, Path &P) {
  CApiRole K = cApiRole(C.Name);
  if (Args.empty())
    return;
  const Value &Recv = Args[0];
  auto Arg = [&](size_t I) { return I < Args.size() ? Args[I] : Value(); };
  switch (K) {
  case CApiRole::AddConstant:
    if (Recv.Kind == Value::Module)
      addNamed(Recv.Key, Arg(1), ItemKind::Constant, Value(), P);
    return;
  case CApiRole::AddNameValue:
  case CApiRole::SetAttr:
    if (K == CApiRole::SetAttr && Recv.Kind == Value::Type &&
        Arg(1).Kind == Value::Strings) {
      addTypeExtras(Recv, Arg(1), Arg(2), P);
      return;
    }
    if (Recv.Kind == Value::Module) {
      Value Names = Arg(1);
      if (Names.Kind != Value::Strings)
        return; // A computed name; PyModule_AddType-like helpers are followed.
      addNamed(Recv.Key, Names, std::nullopt, Arg(2), P);
    }
    return;
  case CApiRole::SetDictItem:
    if (Recv.Kind == Value::ModuleDict && Arg(1).Kind == Value::Strings)
      addNamed(Recv.Key, Arg(1), std::nullopt, Arg(2), P);
    else if (Recv.Kind == Value::TypeDictOf && Arg(1).Kind == Value::Strings)
      addTypeExtras(Recv, Arg(1), Arg(2), P);
    return;
  case CApiRole::AddType: {
    Value T = Arg(1);
    if (Recv.Kind != Value::Module || T.Kind != Value::Type)
      return;
    std::string Name = typeName(T);
    if (Name.empty())
      return;
    PendingItem I{Name,
                  T.TypeKind == Value::Exception ? ItemKind::Exception
                                                 : ItemKind::Class,
                  definition(P, TU, nullptr), constructorsOf(T)};
    ItemsByDef[Recv.Key].push_back(std::move(I));
    ++Effects;
    addTypeMembers(Recv.Key, Name, T, P);
    return;
  }
  case CApiRole::AddFunctions:
    if (Recv.Kind == Value::Module && Arg(1).Kind == Value::Table)
      addTableRows(Recv.Key, "", Arg(1).Key, /*ModuleLevel=*/true, P);
    return;
  default: // Not an addition.
    return;
  }
}

void Linker::addNamed(const std::string &DefKey, const Value &Names,
                      std::optional<ItemKind> Kind, const Value &Object,
                      const Path &P) {
  if (Names.Kind != Value::Strings)
    return;
  ItemKind K = Kind ? *Kind
               : Object.Kind == Value::Constant || Object.Kind == Value::Strings
                   ? ItemKind::Constant
               : Object.Kind != Value::Type          ? ItemKind::Object
               : Object.TypeKind == Value::Exception ? ItemKind::Exception
                                                     : ItemKind::Class;
  for (const Value::Str &S : Names.Strs) {
    if (S.Lit->Text.empty())
      continue;
    // A name and an object read from the same row of one constant array.
    const Value *Obj = &Object;
    if (Object.Kind == Value::PerRow && Object.RowsOf == Names.RowsOf &&
        S.Row >= 0 && static_cast<size_t>(S.Row) < Object.Rows.size())
      Obj = &Object.Rows[S.Row];
    ItemKind RowKind = K;
    if (Obj != &Object && !Kind)
      RowKind = Obj->Kind == Value::Type       ? ItemKind::Class
                : Obj->Kind == Value::Constant ? ItemKind::Constant
                                               : ItemKind::Object;
    PendingItem I{
        S.Lit->Text, RowKind,
        definition(P, S.TU, S.Lit->Sites.empty() ? nullptr : &S.Lit->Sites[0]),
        Obj->Kind == Value::Type ? constructorsOf(*Obj)
                                 : std::vector<std::string>{}};
    ItemsByDef[DefKey].push_back(std::move(I));
    ++Effects;
    if (Obj->Kind == Value::Type)
      addTypeMembers(DefKey, S.Lit->Text, *Obj, P);
  }
}

void Linker::addTableRows(const std::string &DefKey, const std::string &Prefix,
                          const std::string &TableKey, bool ModuleLevel,
                          const Path &P) {
  auto It = Tables.find(TableKey);
  if (It == Tables.end())
    return;
  for (const TableRow &R : It->second.Record->Rows) {
    ++Effects;
    ItemKind Kind = ModuleLevel ? ItemKind::Function : R.Kind;
    ItemsByDef[DefKey].push_back(
        {Prefix + R.Name, Kind, definition(P, It->second.TU, &R.Where),
         R.Impl.empty() ? std::vector<std::string>{}
                        : std::vector<std::string>{R.Impl}});
  }
}

std::vector<std::string> Linker::constructorsOf(const Value &Type) const {
  std::vector<std::string> Out;
  auto Add = [&](const SymVal &V) {
    if (V.Kind == SymVal::Function && !V.Text.empty())
      Out.push_back(V.Text);
  };
  if (Type.TypeKind == Value::Static) {
    if (auto It = StaticTypes.find(Type.Key); It != StaticTypes.end()) {
      Add(It->second.Record->New);
      Add(It->second.Record->Init);
    }
  } else if (Type.TypeKind == Value::Spec) {
    auto It = Specs.find(Type.Key);
    if (It != Specs.end() && It->second.Record->Slots.Kind == SymVal::Global)
      if (auto Slots = SlotTables.find(It->second.Record->Slots.Text);
          Slots != SlotTables.end())
        for (const auto &[Slot, V] : Slots->second.Record->Slots)
          if (Slot == "Py_tp_new" || Slot == "Py_tp_init")
            Add(V);
  }
  return Out;
}

void Linker::addTypeMembers(const std::string &DefKey, const std::string &Attr,
                            const Value &Type, const Path &P) {
  Expansions.push_back({DefKey, Attr, Type, P});
  ++Effects;
}

void Linker::addTypeExtras(const Value &Type, const Value &Names,
                           const Value &Object, const Path &P) {
  for (const Value::Str &S : Names.Strs) {
    llvm::StringRef N = S.Lit->Text;
    if (N.empty() || isSpecialMethodName(N))
      continue;
    ItemKind Kind =
        Object.Kind == Value::Type ? ItemKind::Class : ItemKind::Attribute;
    ++Effects;
    TypeExtras[Type.Key].push_back(
        {S.Lit->Text, Kind,
         definition(P, S.TU,
                    S.Lit->Sites.empty() ? nullptr : &S.Lit->Sites[0])});
  }
}

void Linker::expandTypeMembers(const Expansion &X) {
  const std::string &DefKey = X.DefKey;
  const std::string &Attr = X.Attr;
  const Value &Type = X.Type;
  const Path &P = X.Where;
  // A type defined outside the module's own sources is an alias of another
  // module's or of a core type (socket.error is OSError from
  // Objects/exceptions.c): its attributes are reported where it is defined.
  if (isForeignType(DefKey, Type))
    return;
  std::string Prefix = Attr + ".";
  auto Rows = [&](const SymVal &Table) {
    if (Table.Kind == SymVal::Global)
      addTableRows(DefKey, Prefix, Table.Text, false, P);
  };
  switch (Type.TypeKind) {
  case Value::Static: {
    if (auto It = StaticTypes.find(Type.Key); It != StaticTypes.end()) {
      Rows(It->second.Record->Methods);
      Rows(It->second.Record->Members);
      Rows(It->second.Record->GetSets);
    }
    if (auto D = DescOfType.find(Type.Key); D != DescOfType.end())
      if (auto DI = Descs.find(D->second); DI != Descs.end())
        Rows(DI->second.Record->Fields);
    break;
  }
  case Value::Spec: {
    auto It = Specs.find(Type.Key);
    if (It == Specs.end() || It->second.Record->Slots.Kind != SymVal::Global)
      break;
    auto Slots = SlotTables.find(It->second.Record->Slots.Text);
    if (Slots == SlotTables.end())
      break;
    for (const auto &[Slot, V] : Slots->second.Record->Slots)
      Rows(V);
    break;
  }
  case Value::StructSeq: {
    auto It = Descs.find(Type.Key);
    if (It != Descs.end())
      Rows(It->second.Record->Fields);
    break;
  }
  case Value::Exception:
    break;
  }
  auto Extras = TypeExtras.find(Type.Key);
  if (Extras == TypeExtras.end())
    return;
  for (const PendingItem &I : Extras->second) {
    PendingItem Member = I;
    Member.Name = Prefix + I.Name;
    // The guards of the code exporting the type come first.
    ItemDefinition Outer = definition(P, 0, nullptr);
    for (ConditionalDirective &G : Member.Def.Guards)
      if (std::none_of(Outer.Guards.begin(), Outer.Guards.end(),
                       [&](const ConditionalDirective &O) {
                         return O.File == G.File && O.Line == G.Line;
                       }))
        Outer.Guards.push_back(std::move(G));
    Member.Def.Guards = std::move(Outer.Guards);
    ItemsByDef[DefKey].push_back(std::move(Member));
  }
}

void Linker::appendGuards(ItemDefinition &D, unsigned TU, const Site &S,
                          std::set<std::pair<std::string, unsigned>> &Seen) {
  for (unsigned G : S.Guards) {
    const ConditionalDirective &Dir = TUs[TU].Directives[G];
    if (Seen.insert({Dir.File, Dir.Line}).second) {
      ConditionalDirective Copy = Dir;
      Copy.File = displayPath(Build, Dir.File);
      D.Guards.push_back(std::move(Copy));
    }
  }
}

ItemDefinition Linker::definition(const Path &P, unsigned TU,
                                  const NameSite *Name) {
  ItemDefinition D;
  std::set<std::pair<std::string, unsigned>> Seen;
  for (const TUSite &S : P)
    appendGuards(D, S.TU, *S.Where, Seen);
  auto Loc = [&](const Site &S) {
    return displayPath(Build, S.File) + ":" + std::to_string(S.Line);
  };
  if (Name) {
    if (Name->Use)
      appendGuards(D, TU, *Name->Use, Seen);
    appendGuards(D, TU, Name->Spelling, Seen);
    D.DefinedAt = Loc(Name->Spelling);
    if (Name->Use)
      D.UsedAt = Loc(*Name->Use);
  } else if (!P.empty()) {
    D.DefinedAt = Loc(*P.back().Where);
  }
  return D;
}

} // namespace linking
} // namespace gapscan
