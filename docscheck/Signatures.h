//===- Signatures.h - Object names from Sphinx signatures -------*- C++ -*-===//
//
// Internal to the docs reader (docscheck/DocsReader.h): the signature lines
// of a python-domain directive and the names they give, the way Sphinx's
// python domain reads them (sphinx/domains/python.py: get_signatures,
// py_sig_re, PyObject.handle_signature and before_content).
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_DOCSCHECK_SIGNATURES_H
#define WASM_GAPSCAN_DOCSCHECK_SIGNATURES_H

#include "docscheck/RstSyntax.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <utility>
#include <vector>

namespace gapscan::docsreader {

/// A signature split as Sphinx's py_sig_re does: `([\w.]*\.)?(\w+)\s*
/// (\[...\])?(\(...\)(\s*->\s*...)?)?$`. Prefix keeps its trailing dot.
struct ParsedSignature {
  enum StatusKind {
    Ok,
    Wildcard,   ///< `.. data:: SO_*` (library/socket.rst): a constant family.
    Irregular,  ///< A name and a parameter list followed by stray text
                ///< (enum.rst's `__iter__(self):`) or never closed.
    Descriptive ///< No name: `set <= other` (stdtypes.rst), `max-age`.
  } Status = Ok;
  std::string Prefix, Name;
};

/// Splits one signature line (see ParsedSignature).
ParsedSignature parseSignature(StringRef Sig);

/// The signatures of a directive's arguments, each with its 1-based line.
/// Sphinx's get_signatures: a backslash at the end of a line continues the
/// signature (library/subprocess.rst's `.. class:: Popen(args, ... \`);
/// every other line is a signature of its own. A line leaving a bracket
/// open is continued too (dis.rst's `.. function:: distb(tb=None, ...,`
/// without a backslash), which Sphinx would show as two broken signatures.
std::vector<std::pair<std::string, unsigned>>
signatureLines(const DirectiveBlock &B);

/// The name Directive's signature Sig documents under Module, inside the
/// class ClassCtx (empty outside classes).
std::string resolveName(StringRef Directive, const ParsedSignature &Sig,
                        StringRef Module, StringRef ClassCtx);

/// The class context of the body of an object directive whose last
/// signature named LastName (empty when none did), inside ClassCtx.
std::string childClass(StringRef Directive, const std::string &LastName,
                       const std::string &ClassCtx);

} // namespace gapscan::docsreader

#endif
