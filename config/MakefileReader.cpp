//===- MakefileReader.cpp -------------------------------------------------===//
#include "config/MakefileReader.h"
#include "llvm/Support/MemoryBuffer.h"

namespace gapscan {

/// Index of the end of a $( ... ) or ${ ... } reference starting at I ('$').
static size_t referenceEnd(llvm::StringRef S, size_t I) {
  if (I + 1 >= S.size())
    return S.size();
  char Open = S[I + 1];
  if (Open != '(' && Open != '{')
    return I + 2;
  char Close = Open == '(' ? ')' : '}';
  int Depth = 0;
  for (size_t J = I + 1; J < S.size(); ++J) {
    if (S[J] == Open)
      ++Depth;
    else if (S[J] == Close && --Depth == 0)
      return J + 1;
  }
  return S.size();
}

llvm::Expected<Makefile> Makefile::read(llvm::StringRef Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  if (!Buf)
    return llvm::createStringError(Buf.getError(), "cannot read %s: %s",
                                   Path.str().c_str(),
                                   Buf.getError().message().c_str());
  return parse((*Buf)->getBuffer(), Path);
}

/// The first top-level ':' or '=' of a logical line outside $( ), and
/// which it is (Op 0 when there is none).
static size_t firstOperator(llvm::StringRef L, char &Op) {
  Op = 0;
  size_t Pos = 0;
  for (; Pos < L.size(); ++Pos) {
    if (L[Pos] == '$') {
      Pos = referenceEnd(L, Pos) - 1;
      continue;
    }
    if (L[Pos] == '=' || L[Pos] == ':') {
      Op = L[Pos];
      break;
    }
  }
  return Pos;
}

llvm::Error Makefile::assign(llvm::StringRef L, size_t Pos, char Op,
                             llvm::StringRef Name, unsigned LineNo) {
  std::string Kind = "=";
  size_t NameEnd = Pos;
  size_t ValueStart = Pos + 1;
  if (Op == ':') {
    Kind = ":=";
    ValueStart = Pos + 2;
    if (ValueStart < L.size() && L[ValueStart] == '=') // ::=
      ++ValueStart;
  } else if (Pos > 0 && (L[Pos - 1] == '+' || L[Pos - 1] == '?')) {
    Kind = std::string(1, L[Pos - 1]) + "=";
    NameEnd = Pos - 1;
  }
  std::string VarName = L.take_front(NameEnd).trim().str();
  std::string Value = L.drop_front(ValueStart).trim().str();
  if (VarName.empty())
    return llvm::createStringError(std::errc::invalid_argument,
                                   "%s:%u: assignment without a variable name",
                                   Name.str().c_str(), LineNo);
  if (Kind == "+=" && Vars.count(VarName))
    Vars[VarName] += " " + Value;
  else if (Kind == "?=") {
    if (!Vars.count(VarName))
      Vars[VarName] = Value;
  } else if (Kind == ":=")
    Vars[VarName] = expand(Value); // Simply expanded: expand now.
  else
    Vars[VarName] = Value;
  return llvm::Error::success();
}

/// A rule line: L is Line without its comment, Pos its first ':'.
/// "::" double-colon rules are treated like single ones.
static MakeRule parseRule(const std::string &Line, llvm::StringRef L,
                          size_t Pos, unsigned LineNo) {
  MakeRule R;
  R.Line = LineNo;
  R.Targets = L.take_front(Pos).trim().str();
  llvm::StringRef Rest = L.drop_front(Pos + 1);
  if (Rest.starts_with(":"))
    Rest = Rest.drop_front();
  // `targets: prereqs; recipe` (makesetup writes its rules on one line).
  // The recipe after ';' may contain '#' (e.g. -DX='"#"'): use the raw line.
  size_t Semi = llvm::StringRef::npos;
  for (size_t J = 0; J < Rest.size(); ++J) {
    if (Rest[J] == '$') {
      J = referenceEnd(Rest, J) - 1;
      continue;
    }
    if (Rest[J] == ';') {
      Semi = J;
      break;
    }
  }
  if (Semi != llvm::StringRef::npos) {
    R.Prerequisites = Rest.take_front(Semi).trim().str();
    size_t RecipeStart = (Rest.data() - L.data()) + Semi + 1;
    R.Recipe.push_back(
        llvm::StringRef(Line).drop_front(RecipeStart).trim().str());
  } else {
    R.Prerequisites = Rest.trim().str();
  }
  return R;
}

llvm::Expected<Makefile> Makefile::parse(llvm::StringRef Text,
                                         llvm::StringRef Name) {
  Makefile M;
  MakeRule *Current = nullptr;
  llvm::SmallVector<llvm::StringRef, 0> Physical;
  Text.split(Physical, '\n');
  for (size_t I = 0; I < Physical.size(); ++I) {
    unsigned LineNo = I + 1;
    std::string Line = Physical[I].rtrim("\r").str();
    // Join backslash continuations.
    while (!Line.empty() && Line.back() == '\\' && I + 1 < Physical.size()) {
      Line.pop_back();
      Line += " " + Physical[++I].rtrim("\r").ltrim().str();
    }
    if (!Line.empty() && Line[0] == '\t') {
      if (Current)
        Current->Recipe.push_back(llvm::StringRef(Line).drop_front().str());
      continue;
    }
    // Comments end a logical line outside recipes (no escaped # in CPython's).
    llvm::StringRef L(Line);
    size_t Hash = L.find('#');
    if (Hash != llvm::StringRef::npos)
      L = L.take_front(Hash);
    if (L.trim().empty())
      continue;
    char Op;
    size_t Pos = firstOperator(L, Op);
    if (!Op) {
      Current = nullptr; // include lines, conditionals: not in CPython's.
      continue;
    }
    if (Op == '=' || (Pos + 1 < L.size() && L[Pos + 1] == '=')) {
      if (llvm::Error E = M.assign(L, Pos, Op, Name, LineNo))
        return std::move(E);
      Current = nullptr;
      continue;
    }
    M.Rules.push_back(parseRule(Line, L, Pos, LineNo));
    Current = &M.Rules.back();
  }
  return M;
}

std::string Makefile::raw(llvm::StringRef Var) const {
  auto It = Vars.find(Var.str());
  return It == Vars.end() ? std::string() : It->second;
}

std::vector<std::string> Makefile::variables() const {
  std::vector<std::string> Names;
  for (const auto &[K, V] : Vars)
    Names.push_back(K);
  return Names;
}

std::string
Makefile::expand(llvm::StringRef Text,
                 const std::map<std::string, std::string> &Auto) const {
  return expand(Text, Auto, 0);
}

std::string Makefile::value(llvm::StringRef Var) const {
  bool Outermost = Active.insert(Var.str()).second;
  std::string V = expand(raw(Var));
  if (Outermost)
    Active.erase(Var.str());
  return V;
}

/// make's automatic variables ($@, $<, $(@D), ...): their values come from
/// the rule being run, so an expansion that reads one is not reused.
static bool isAutomatic(llvm::StringRef Name) {
  return !Name.empty() && Name.size() <= 2 &&
         llvm::StringRef("@<^+?*%|").contains(Name[0]) &&
         (Name.size() == 1 || Name[1] == 'D' || Name[1] == 'F');
}

/// $(VAR:from=to): every word of Value ending in From ends in To instead.
static std::string substituteSuffixes(const std::string &Value,
                                      const std::string &From,
                                      const std::string &To) {
  llvm::SmallVector<llvm::StringRef, 16> Words;
  llvm::StringRef(Value).split(Words, ' ', -1, false);
  std::string Joined;
  for (llvm::StringRef W : Words) {
    std::string Word = W.str();
    if (W.ends_with(From))
      Word = W.drop_back(From.size()).str() + To;
    Joined += (Joined.empty() ? "" : " ") + Word;
  }
  return Joined;
}

// A variable is expanded inside its own expansion only by a cycle
// (`B=$(B:=$(B))`), which make reports as an error; without this, each
// level doubles the work (found by scripts/fuzz.sh).
std::string Makefile::valueOf(const std::string &Name,
                              const std::map<std::string, std::string> &Auto,
                              unsigned Depth) const {
  if (isAutomatic(Name))
    ++ContextUses;
  else if (auto Known = Expanded.find(Name); Known != Expanded.end())
    return Known->second;
  if (!Active.insert(Name).second) {
    ++ContextUses;
    return {};
  }
  unsigned UsesBefore = ContextUses;
  std::string V = expand(raw(Name), Auto, Depth + 1);
  Active.erase(Name);
  if (ContextUses == UsesBefore)
    Expanded[Name] = V;
  return V;
}

std::string Makefile::expand(llvm::StringRef Text,
                             const std::map<std::string, std::string> &Auto,
                             unsigned Depth) const {
  if (Depth > 64) {
    ++ContextUses;
    return {}; // A self-referencing variable; make would report it too.
  }
  std::string Out;
  for (size_t I = 0; I < Text.size(); ++I) {
    if (Text[I] != '$') {
      Out += Text[I];
      continue;
    }
    if (I + 1 >= Text.size())
      break;
    char C = Text[I + 1];
    if (C == '$') {
      Out += '$';
      ++I;
      continue;
    }
    if (C != '(' && C != '{') {
      std::string Name(1, C);
      auto A = Auto.find(Name);
      ContextUses += A != Auto.end();
      Out += A != Auto.end() ? A->second : valueOf(Name, Auto, Depth);
      ++I;
      continue;
    }
    size_t End = referenceEnd(Text, I);
    llvm::StringRef Ref = Text.slice(I + 2, End - 1);
    I = End - 1;
    std::string Name = expand(Ref, Auto, Depth + 1);
    if (Name.find(' ') != std::string::npos) {
      ++ContextUses; // Reported once per expansion that meets it.
      Unsupported.push_back(Name.substr(0, Name.find(' ')));
      continue; // $(shell ...), $(filter ...): not used for compile flags.
    }
    // $(VAR:from=to) substitution reference.
    size_t Colon = Name.find(':');
    std::string From, To;
    bool Subst = false;
    if (Colon != std::string::npos &&
        Name.find('=', Colon) != std::string::npos) {
      size_t Eq = Name.find('=', Colon);
      From = Name.substr(Colon + 1, Eq - Colon - 1);
      To = Name.substr(Eq + 1);
      Name = Name.substr(0, Colon);
      Subst = true;
    }
    auto A = Auto.find(Name);
    ContextUses += A != Auto.end();
    std::string Value =
        A != Auto.end() ? A->second : valueOf(Name, Auto, Depth);
    if (Subst)
      Value = substituteSuffixes(Value, From, To);
    Out += Value;
  }
  return Out;
}

std::vector<std::string> splitShellWords(llvm::StringRef Command) {
  std::vector<std::string> Words;
  std::string Cur;
  bool InWord = false;
  for (size_t I = 0; I < Command.size(); ++I) {
    char C = Command[I];
    if (C == '\'') {
      InWord = true;
      size_t End = Command.find('\'', I + 1);
      if (End == llvm::StringRef::npos)
        End = Command.size();
      Cur += Command.slice(I + 1, End).str();
      I = End;
    } else if (C == '"') {
      InWord = true;
      for (++I; I < Command.size() && Command[I] != '"'; ++I) {
        if (Command[I] == '\\' && I + 1 < Command.size() &&
            llvm::StringRef("$`\"\\").contains(Command[I + 1]))
          ++I;
        Cur += Command[I];
      }
    } else if (C == '\\' && I + 1 < Command.size()) {
      InWord = true;
      Cur += Command[++I];
    } else if (C == ' ' || C == '\t' || C == '\n') {
      if (InWord)
        Words.push_back(std::move(Cur));
      Cur.clear();
      InWord = false;
    } else {
      InWord = true;
      Cur += C;
    }
  }
  if (InWord)
    Words.push_back(std::move(Cur));
  return Words;
}

} // namespace gapscan
