//===- CApiSemantics.cpp --------------------------------------------------===//
#include "extract/CApiSemantics.h"
#include "llvm/ADT/StringMap.h"

namespace gapscan {

static const CApiCall Table[] = {
    // Include/modsupport.h
    {"PyModule_AddIntConstant", false, CApiRole::AddConstant,
     "Include/modsupport.h"},
    {"PyModule_AddStringConstant", false, CApiRole::AddConstant,
     "Include/modsupport.h"},
    {"PyModule_AddObject", false, CApiRole::AddNameValue,
     "Include/modsupport.h"},
    {"PyModule_AddObjectRef", false, CApiRole::AddNameValue,
     "Include/modsupport.h"},
    {"PyModule_Add", false, CApiRole::AddNameValue, "Include/modsupport.h"},
    {"_PyModule_Add", false, CApiRole::AddNameValue,
     "Include/internal/pycore_modsupport.h"},
    {"PyModule_AddType", false, CApiRole::AddType, "Include/modsupport.h"},
    {"PyModule_AddFunctions", false, CApiRole::AddFunctions,
     "Include/modsupport.h"},
    // Include/dictobject.h, Include/abstract.h
    {"PyDict_SetItemString", false, CApiRole::SetDictItem,
     "Include/dictobject.h"},
    {"PyDict_SetItem", false, CApiRole::SetDictItem, "Include/dictobject.h"},
    {"PyObject_SetAttrString", false, CApiRole::SetAttr, "Include/abstract.h"},
    {"PyObject_SetAttr", false, CApiRole::SetAttr, "Include/abstract.h"},
    // Include/moduleobject.h
    {"PyModule_GetDict", false, CApiRole::ModuleDict, "Include/moduleobject.h"},
    // Include/pyerrors.h: PyErr_NewException, PyErr_NewExceptionWithDoc.
    {"PyErr_NewException", true, CApiRole::NewException, "Include/pyerrors.h"},
    // Objects/typeobject.c _PyType_Name; PyType_GetName returns it as a str.
    {"_PyType_Name", false, CApiRole::TypeShortName,
     "Include/cpython/object.h"},
    {"PyType_GetName", false, CApiRole::TypeShortName, "Include/object.h"},
    {"PyUnicode_FromString", false, CApiRole::StrOfLiteral,
     "Include/unicodeobject.h"},
    {"PyUnicode_InternFromString", false, CApiRole::StrOfLiteral,
     "Include/unicodeobject.h"},
    // Include/pyerrors.h: calls that raise (their first argument is the
    // exception class); extract/patterns/FailurePointExtractor.cpp records
    // them where a preprocessor region holds them.
    {"PyErr_SetString", false, CApiRole::SetsError, "Include/pyerrors.h"},
    {"PyErr_Format", false, CApiRole::SetsError, "Include/pyerrors.h"},
    {"PyErr_SetNone", false, CApiRole::SetsError, "Include/pyerrors.h"},
    {"PyErr_SetObject", false, CApiRole::SetsError, "Include/pyerrors.h"},
    {"PyErr_SetFromErrno", true, CApiRole::SetsError, "Include/pyerrors.h"},
    // Constructors of immutable scalars.
    {"PyLong_From", true, CApiRole::ScalarConstant, "Include/longobject.h"},
    {"PyUnicode_From", true, CApiRole::ScalarConstant,
     "Include/unicodeobject.h"},
    {"PyBytes_From", true, CApiRole::ScalarConstant, "Include/bytesobject.h"},
    {"PyFloat_From", true, CApiRole::ScalarConstant, "Include/floatobject.h"},
    {"PyBool_From", true, CApiRole::ScalarConstant, "Include/boolobject.h"},
};

llvm::ArrayRef<CApiCall> cApiCalls() { return Table; }

CApiRole cApiRole(llvm::StringRef Callee) {
  // Hashed: the linker asks for every call it evaluates.
  static const llvm::StringMap<CApiRole> Exact = [] {
    llvm::StringMap<CApiRole> M;
    for (const CApiCall &C : Table)
      if (!C.Prefix)
        M.try_emplace(C.Name, C.Role);
    return M;
  }();
  if (auto It = Exact.find(Callee); It != Exact.end())
    return It->second;
  for (const CApiCall &C : Table)
    if (C.Prefix && Callee.starts_with(C.Name))
      return C.Role;
  return CApiRole::None;
}

bool isAddition(CApiRole Role) {
  switch (Role) {
  case CApiRole::AddConstant:
  case CApiRole::AddNameValue:
  case CApiRole::AddType:
  case CApiRole::AddFunctions:
  case CApiRole::SetDictItem:
  case CApiRole::SetAttr:
    return true;
  default:
    return false;
  }
}

bool startsThread(llvm::StringRef Callee) { return Callee == "pthread_create"; }

} // namespace gapscan
