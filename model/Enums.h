//===- Enums.h - The closed vocabularies of the data model ----*- C++ -*-===//
//
// Kinds and statuses are enums everywhere; model/Spelling.h turns them into
// the words the reports use, and only the serializers call it.
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_MODEL_ENUMS_H
#define WASM_GAPSCAN_MODEL_ENUMS_H

namespace gapscan {

/// What a Python-visible name is. The enumerators are in the alphabetical
/// order of their spellings, so that items sorted by (name, kind) come out
/// in the order the reports have always listed them (a test checks it).
enum class ItemKind {
  Attribute,    ///< A value a module adds to a type's dict.
  Class,        ///< A type object.
  ClassMethod,  ///< METH_CLASS row of a PyMethodDef table.
  Constant,     ///< An int or string constant (PyModule_AddIntConstant, ...).
  Exception,    ///< A type made by PyErr_NewException or a static exception.
  Field,        ///< A PyStructSequence_Field.
  Function,     ///< A module-level PyMethodDef row.
  GetSet,       ///< A PyGetSetDef row.
  Member,       ///< A PyMemberDef row.
  Method,       ///< A PyMethodDef row of a type.
  Module,       ///< A whole module (docs verdicts only).
  Object,       ///< Any other object a module adds.
  StaticMethod, ///< METH_STATIC row of a PyMethodDef table.
};

/// What became of a module of the build.
enum class ModuleStatus {
  Analysed,     ///< Its definition was found and linked.
  NotBuilt,     ///< configure did not build it.
  Failed,       ///< A unit of it did not parse.
  NoDefinition, ///< Built, but no PyModuleDef or init function was found.
};

/// Three-valued answers of the Python layer: a Lib/ condition the evaluator
/// cannot decide is Unknown and reported as undecided with its text, never
/// guessed.
enum class Tri { No, Yes, Unknown };

/// How an item both sides have works differently on a target (gap/
/// Differences.cpp), from the root of its evidence chain.
enum class DifferenceKind {
  Raises,         ///< Its own code raises under a condition true there.
  ReachesMissing, ///< It reads or calls a name missing there.
  ReachesFailing, ///< It calls something that raises there.
  Fallback,       ///< Another implementation is bound there.
  NoThreads,      ///< It starts a thread, which fails there.
};

/// How an item (or module) changed on a target from the old checkout to
/// the new one.
enum class VersionChange {
  BecameUnavailable, ///< A module that imports on old does not on new.
  BecameMissing,     ///< An item old has there, new lacks.
  BecameAvailable,   ///< Lacking there on old, there on new.
  BecameDifferent,   ///< Works on old, works differently on new.
  NoLongerDifferent, ///< Worked differently on old, not on new.
};

/// How a built module is linked; None when it is not built.
enum class Linkage { None, Builtin, Shared };

} // namespace gapscan

#endif
