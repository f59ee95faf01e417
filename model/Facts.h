//===- Facts.h - Plain facts recorded from one translation unit -*- C++ -*-===//
//
// The Clang pass never decides what is Python-visible: it records plain facts
// (tables, type objects, specs, module definitions, symbolic summaries of the
// functions that populate modules, and the preprocessor conditions around all
// of them). link/ItemLinker.cpp joins the facts of all translation units of a
// build into per-module API items. Keeping the two apart lets one extractor
// serve every pattern that shares a C construct, and lets the linker resolve
// references across translation units (e.g. Modules/_io/fileio.c defines
// PyFileIO_Type, Modules/_io/_iomodule.c adds it to the module).
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_MODEL_FACTS_H
#define WASM_GAPSCAN_MODEL_FACTS_H

#include "model/Enums.h"
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gapscan {

/// One preprocessor conditional branch (#if, #ifdef, #ifndef, #elif, #else,
/// #elifdef, #elifndef) as the preprocessor saw it in one translation unit.
struct ConditionalDirective {
  std::string Kind;      ///< "if", "ifdef", "ifndef", "elif", "else", ...
  std::string Condition; ///< The condition text, comments stripped.
  std::string File;      ///< Absolute path of the file holding the directive.
  unsigned Line = 0;
  bool Taken = false; ///< Whether this branch was the one compiled.
  /// For #elif/#else: the opening #if of the chain.
  std::string OpeningKind;
  std::string OpeningCondition;
  unsigned OpeningLine = 0;
  /// Every identifier of the condition (and of the opening condition for
  /// #elif/#else) with its macro value at the directive; nullopt = undefined.
  std::vector<std::pair<std::string, std::optional<std::string>>> Macros;
};

/// A place in the sources plus the conditions enclosing it (indices into the
/// translation unit's directive table, outermost first).
struct Site {
  std::string File; ///< Absolute path.
  unsigned Line = 0;
  std::vector<unsigned> Guards;
};

/// Where a name is written: its spelling (e.g. inside an Argument Clinic
/// #define in Modules/clinic/*.c.h) and where it is used (the table row or
/// call that expands the macro). Both carry guards: an entry exists only if
/// both are compiled.
struct NameSite {
  Site Spelling;
  std::optional<Site> Use; ///< Set when the use differs from the spelling.
};

/// A symbolic value: what an expression in a recorded function denotes,
/// with locals substituted and parameters kept symbolic so that the linker
/// can evaluate helper functions in the context of their callers.
struct SymVal {
  enum KindTy {
    Unknown,
    Param,     ///< Index = parameter number.
    StrLit,    ///< Text = the string, Sites = where it is written.
    IntLit,    ///< Index = value (small non-negative integers only).
    Global,    ///< Text = symbol key of a variable (address or value).
    Function,  ///< Text = symbol key of a function.
    Field,     ///< Text = "Record.field" of a member access of a struct
               ///< the unit declares itself (RecordContext::fieldKey).
    Call,      ///< Text = callee key, Name = callee spelling, Args.
    RowValues, ///< A field read from each row of a constant array (Args).
    Elements,  ///< `array[i]` of an initialised array: Text = the array's
               ///< key, each element (Args), with the place of each element
               ///< in Sites.
    TypeDict,  ///< `T->tp_dict` / `T.tp_dict`: the dict of the type Args[0].
  };
  KindTy Kind = Unknown;
  std::string Text;
  std::string Name;
  long Index = 0;
  std::vector<SymVal> Args;
  std::vector<NameSite> Sites; ///< For StrLit: where the string is written.

  static SymVal unknown() { return {}; }
  bool isUnknown() const { return Kind == Unknown; }
};

/// One row of a name table: PyMethodDef, PyMemberDef, PyGetSetDef or
/// PyStructSequence_Field.
struct TableRow {
  std::string Name;
  NameSite Where;
  /// Method, ClassMethod, StaticMethod, Member, GetSet or Field.
  ItemKind Kind = ItemKind::Method;
  /// The C function a call of the row runs (ml_meth, a getset's get), when
  /// written as a function name.
  std::string Impl;
};

/// A global array of name-table rows, keyed by symbol key.
struct NameTable {
  std::string Key;
  std::string Struct; ///< "PyMethodDef", "PyMemberDef", ...
  std::vector<TableRow> Rows;
};

/// A statically defined PyTypeObject (Objects/*.c, Modules/_io/*.c, ...).
struct StaticType {
  std::string Key;
  std::optional<std::string> TpName;
  Site Where;
  SymVal Methods, Members, GetSets;
  SymVal New, Init; ///< tp_new, tp_init: what calling the type runs.
};

/// A PyType_Spec with its slots resolved where they are written inline.
struct TypeSpec {
  std::string Key;
  std::optional<std::string> Name;
  Site Where;
  SymVal Slots; ///< Global key of the PyType_Slot array.
};

/// A PyType_Slot or PyModuleDef_Slot array: slot macro name -> value.
struct SlotTable {
  std::string Key;
  std::vector<std::pair<std::string, SymVal>> Slots; ///< e.g. Py_tp_methods
};

/// PyStructSequence_Desc: name and its PyStructSequence_Field table.
struct StructSequenceDesc {
  std::string Key;
  std::optional<std::string> Name;
  Site Where;
  SymVal Fields;
};

/// A PyModuleDef.
struct ModuleDef {
  std::string Key;
  std::optional<std::string> Name;
  Site Where;
  SymVal Methods, Slots;
};

/// A call recorded in a function summary.
struct CallEvent {
  std::string Callee; ///< Symbol key.
  std::string
      Name; ///< Callee spelling (CPython API names are matched on this).
  std::vector<SymVal> Args;
  Site Where;
};

/// What the linker needs to know of one function definition.
struct FunctionSummary {
  std::string Key;
  std::string Name;
  unsigned NumParams = 0;
  std::vector<CallEvent> Calls;
  std::vector<SymVal> Returns;
};

/// An error a function sets or returns inside a preprocessor region
/// (extract/patterns/FailurePointExtractor.cpp): `errno = ENOTSUP`,
/// `return EAGAIN`, `PyErr_SetString(PyExc_OSError, ...)`. Compared across
/// configurations by place, it is what "works differently" starts from.
struct FailurePoint {
  std::string Text; ///< "errno = ENOTSUP", "PyErr_SetFromErrno(PyExc_OSError)"
  Site Where;
};

/// What a function calls and which guarded errors it has: the call graph
/// the gap follows from a Python-visible function to a failure point.
struct FunctionBehaviour {
  std::string Key, Name;
  Site Where;
  std::vector<std::string> Callees; ///< Symbol keys, first call first.
  std::vector<FailurePoint> Failures;
};

/// `X = value` where X is a global variable or a struct field.
struct StorageAssignment {
  std::string Target; ///< Global key or "Record.field".
  SymVal Value;
};

/// One row of Modules/config.c's _PyImport_Inittab.
struct InittabEntry {
  std::string Name;
  std::optional<std::string> InitFunc; ///< nullopt for {"sys", NULL}.
};

/// Everything recorded from one translation unit.
struct TUFacts {
  std::string MainFile;
  /// Every file the translation unit read (absolute, sorted): what the
  /// facts cache checks before reusing them.
  std::vector<std::string> Inputs;
  bool ParseOK = true;
  std::vector<std::string> Errors; ///< First few error diagnostics.
  std::vector<ConditionalDirective> Directives;
  std::vector<NameTable> Tables;
  std::vector<StaticType> StaticTypes;
  std::vector<TypeSpec> Specs;
  std::vector<SlotTable> SlotTables;
  std::vector<StructSequenceDesc> StructSequences;
  std::vector<ModuleDef> ModuleDefs;
  std::vector<FunctionSummary> Functions;
  std::vector<FunctionBehaviour> Behaviours;
  std::vector<StorageAssignment> Assignments;
  std::vector<InittabEntry> Inittab;
  /// (static type key, struct sequence desc key) pairs from calls such as
  /// PyStructSequence_InitType2(&T, &desc): the type takes the desc's name.
  std::vector<std::pair<std::string, std::string>> TypeFromDesc;
};

} // namespace gapscan

#endif
