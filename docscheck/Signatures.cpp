//===- Signatures.cpp -----------------------------------------------------===//
#include "docscheck/Signatures.h"
#include "llvm/ADT/StringExtras.h"

namespace gapscan::docsreader {
namespace {

/// Directives documenting module-level objects: an explicit prefix equal to
/// the current module is redundant for them (`.. function:: os.fork()`),
/// while for methods and attributes it names a class (`.. method::
/// socket.sendmsg` documents socket.socket.sendmsg).
const StringRef ModuleLevelDirectives[] = {
    "function",          "data",      "class",
    "exception",         "decorator", "coroutinefunction",
    "awaitablefunction", "type"};

bool isWordChar(char C) {
  return llvm::isAlnum(C) || C == '_' || static_cast<unsigned char>(C) >= 0x80;
}

/// Bracket depth change of S: "f(a," opens one.
int bracketBalance(StringRef S) {
  int Depth = 0;
  for (char C : S)
    Depth += (C == '(' || C == '[') - (C == ')' || C == ']');
  return Depth;
}

} // namespace

ParsedSignature parseSignature(StringRef Sig) {
  ParsedSignature Out;
  size_t I = 0;
  while (I < Sig.size() &&
         (isWordChar(Sig[I]) || Sig[I] == '.' || Sig[I] == '*'))
    ++I;
  StringRef Path = Sig.take_front(I);
  StringRef Rest = Sig.drop_front(I).ltrim();
  if (Path.empty() || Path.ends_with(".") || Path.starts_with(".")) {
    Out.Status = ParsedSignature::Descriptive;
    return Out;
  }
  // Whether S is empty or a parameter list with an optional annotation.
  auto ValidTail = [](StringRef S) {
    if (S.empty())
      return true;
    if (!S.starts_with("("))
      return false;
    for (size_t P = S.find(')'); P != StringRef::npos; P = S.find(')', P + 1)) {
      StringRef After = S.drop_front(P + 1).ltrim();
      if (After.empty() || After.starts_with("->"))
        return true;
    }
    return false;
  };
  bool Valid = ValidTail(Rest);
  if (!Valid && Rest.starts_with("[")) {
    for (size_t P = Rest.find(']'); P != StringRef::npos && !Valid;
         P = Rest.find(']', P + 1))
      Valid = ValidTail(Rest.drop_front(P + 1).ltrim());
  }
  if (!Valid) {
    // Sphinx shows such a signature as is, without an index entry; only a
    // name followed by a parameter list was meant to be an object.
    if (!Rest.starts_with("(") && !Rest.starts_with("[")) {
      Out.Status = ParsedSignature::Descriptive;
      return Out;
    }
    Out.Status = ParsedSignature::Irregular;
  }
  if (Path.contains('*'))
    Out.Status = ParsedSignature::Wildcard;
  size_t Dot = Path.rfind('.');
  if (Dot != StringRef::npos) {
    Out.Prefix = Path.take_front(Dot + 1).str();
    Out.Name = Path.drop_front(Dot + 1).str();
  } else {
    Out.Name = Path.str();
  }
  return Out;
}

std::vector<std::pair<std::string, unsigned>>
signatureLines(const DirectiveBlock &B) {
  std::vector<std::pair<std::string, unsigned>> Sigs;
  bool Continue = false;
  int Depth = 0;
  for (size_t K = 0; K < B.Args.size(); ++K) {
    StringRef A = B.Args[K];
    bool Backslash = A.ends_with("\\");
    if (Backslash)
      A = A.drop_back().rtrim();
    if (Continue && !Sigs.empty()) {
      Sigs.back().first += (Sigs.back().first.empty() ? "" : " ") + A.str();
    } else {
      Sigs.push_back({A.str(), B.ArgLines[K]});
      Depth = 0;
    }
    Depth += bracketBalance(A);
    Continue = Backslash || Depth > 0;
  }
  return Sigs;
}

std::string resolveName(StringRef Directive, const ParsedSignature &Sig,
                        StringRef Module, StringRef ClassCtx) {
  StringRef Prefix = Sig.Prefix;
  // As PyObject.handle_signature: inside a class, a repeated class name is
  // kept once and anything else is nested under the class.
  if (!ClassCtx.empty()) {
    if (Prefix.empty())
      return (ClassCtx + "." + Sig.Name).str();
    if (Prefix.drop_back() == ClassCtx ||
        Prefix.starts_with(ClassCtx.str() + "."))
      return (Prefix + Sig.Name).str();
    return (ClassCtx + "." + Prefix + Sig.Name).str();
  }
  // Sphinx would register "os.os.fork" for `.. function:: os.fork()` under
  // `.. module:: os`; the author meant os.fork, so drop the module prefix.
  // Methods keep a prefix equal to the module: in library/socket.rst
  // `.. method:: socket.sendmsg` is a method of class socket.socket.
  if (!Module.empty() && Prefix.starts_with(Module.str() + ".")) {
    bool ModuleLevel = contains(ModuleLevelDirectives, Directive);
    if (ModuleLevel || Prefix.size() > Module.size() + 1)
      Prefix = Prefix.drop_front(Module.size() + 1);
  }
  return (Prefix + Sig.Name).str();
}

std::string childClass(StringRef Directive, const std::string &LastName,
                       const std::string &ClassCtx) {
  // PyObject.before_content: classes nest their members; other objects
  // with an explicit class prefix (`.. method:: socket.sendmsg`) make that
  // class the context of their own body.
  if (LastName.empty())
    return ClassCtx;
  if (Directive == "class" || Directive == "exception")
    return LastName;
  size_t Dot = StringRef(LastName).rfind('.');
  return Dot == StringRef::npos ? "" : LastName.substr(0, Dot);
}

} // namespace gapscan::docsreader
