//===- MakefileReader.h - The parts of make CPython's Makefile needs
//-------===//
//
// CPython's configure writes a portable Makefile (Makefile.pre.in plus the
// rules Modules/makesetup appends for Modules/Setup.*). To know how each
// object is compiled we need variables (=, :=, ?=, +=, recursive expansion,
// $(VAR:a=b) substitution references), explicit rules with recipes, the
// .c.o suffix rule and automatic variables. No conditionals or functions
// appear in the parts we read; a function reference expands to nothing and
// is reported.
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_CONFIG_MAKEFILEREADER_H
#define WASM_GAPSCAN_CONFIG_MAKEFILEREADER_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <map>
#include <set>
#include <string>
#include <vector>

namespace gapscan {

/// One rule: targets, prerequisites and recipe lines, all unexpanded.
struct MakeRule {
  std::string Targets;
  std::string Prerequisites;
  std::vector<std::string> Recipe;
  unsigned Line = 0;
};

/// A parsed Makefile.
class Makefile {
public:
  /// Parses Makefile text; Name is used in error messages.
  static llvm::Expected<Makefile> parse(llvm::StringRef Text,
                                        llvm::StringRef Name);
  static llvm::Expected<Makefile> read(llvm::StringRef Path);

  bool has(llvm::StringRef Var) const { return Vars.count(Var.str()) != 0; }
  /// Raw (unexpanded) value of a variable, empty when undefined.
  std::string raw(llvm::StringRef Var) const;
  /// Fully expanded value; Auto supplies automatic variables ($@, $<).
  std::string expand(llvm::StringRef Text,
                     const std::map<std::string, std::string> &Auto = {}) const;
  std::string value(llvm::StringRef Var) const;
  const std::vector<MakeRule> &rules() const { return Rules; }
  /// Names of all variables, sorted.
  std::vector<std::string> variables() const;
  /// Function references met while expanding ($(shell ...), ...).
  mutable std::vector<std::string> Unsupported;

private:
  /// Applies an assignment line (=, :=, ::=, +=, ?=); Op and Pos as found
  /// by parse().
  llvm::Error assign(llvm::StringRef L, size_t Pos, char Op,
                     llvm::StringRef Name, unsigned LineNo);
  std::string expand(llvm::StringRef Text,
                     const std::map<std::string, std::string> &Auto,
                     unsigned Depth) const;
  /// A variable's expanded value (memoised when it depends on nothing but
  /// the Makefile).
  std::string valueOf(const std::string &Name,
                      const std::map<std::string, std::string> &Auto,
                      unsigned Depth) const;
  std::map<std::string, std::string> Vars;
  std::vector<MakeRule> Rules;
  /// Variables being expanded (a Makefile is read from one thread).
  mutable std::set<std::string> Active;
  /// Expansions of variables that depend on nothing but the Makefile: each
  /// unit's recipe expands PY_CORE_CFLAGS and its dozen nested variables
  /// again (commands/CompileCommands.cpp compileCommandFor).
  mutable llvm::StringMap<std::string> Expanded;
  /// Counters of what makes an expansion depend on its context: automatic
  /// variables ($@, $<), cut cycles and the depth limit, function calls.
  mutable unsigned ContextUses = 0;
};

/// Splits a shell command line into words (quotes and backslashes as sh does).
std::vector<std::string> splitShellWords(llvm::StringRef Command);

} // namespace gapscan

#endif
