/* The few declarations of CPython's headers (Include/object.h, methodobject.h,
 * descrobject.h, structmember.h, moduleobject.h, modsupport.h, structseq.h,
 * typeslots.h, import.h) that the extractor snippets use. Layouts follow
 * CPython 3.11; no system header is included. */
#ifndef SNIPPET_PYTHON_H
#define SNIPPET_PYTHON_H
#define NULL ((void *)0)
typedef long Py_ssize_t;
typedef struct _object { Py_ssize_t ob_refcnt; struct _typeobject *ob_type; } PyObject;
typedef PyObject *(*PyCFunction)(PyObject *, PyObject *);
struct PyMethodDef { const char *ml_name; PyCFunction ml_meth; int ml_flags; const char *ml_doc; };
typedef struct PyMethodDef PyMethodDef;
#define METH_VARARGS 0x0001
#define METH_NOARGS 0x0004
#define METH_O 0x0008
#define METH_CLASS 0x0010
#define METH_STATIC 0x0020
typedef struct PyMemberDef { const char *name; int type; Py_ssize_t offset; int flags; const char *doc; } PyMemberDef;
typedef PyObject *(*getter)(PyObject *, void *);
typedef int (*setter)(PyObject *, PyObject *, void *);
typedef struct PyGetSetDef { const char *name; getter get; setter set; const char *doc; void *closure; } PyGetSetDef;
typedef struct _typeobject {
  PyObject ob_base; const char *tp_name; Py_ssize_t tp_basicsize;
  struct PyMethodDef *tp_methods; struct PyMemberDef *tp_members;
  struct PyGetSetDef *tp_getset; struct _typeobject *tp_base;
  int (*tp_init)(PyObject *, PyObject *, PyObject *);
  PyObject *(*tp_new)(struct _typeobject *, PyObject *, PyObject *);
} PyTypeObject;
typedef struct { int slot; void *pfunc; } PyType_Slot;
typedef struct { const char *name; int basicsize; int itemsize; unsigned int flags; PyType_Slot *slots; } PyType_Spec;
#define Py_tp_methods 64
#define Py_tp_members 72
#define Py_tp_getset 73
#define Py_tp_init 60
#define Py_tp_new 65
typedef struct PyModuleDef_Base { PyObject ob_base; } PyModuleDef_Base;
#define PyModuleDef_HEAD_INIT {{1, NULL}}
struct PyModuleDef_Slot { int slot; void *value; };
typedef struct PyModuleDef_Slot PyModuleDef_Slot;
#define Py_mod_create 1
#define Py_mod_exec 2
typedef struct PyModuleDef {
  PyModuleDef_Base m_base; const char *m_name; const char *m_doc; Py_ssize_t m_size;
  PyMethodDef *m_methods; PyModuleDef_Slot *m_slots; void *m_traverse; void *m_clear; void *m_free;
} PyModuleDef;
typedef struct PyStructSequence_Field { const char *name; const char *doc; } PyStructSequence_Field;
typedef struct PyStructSequence_Desc { const char *name; const char *doc; PyStructSequence_Field *fields; int n_in_sequence; } PyStructSequence_Desc;
extern const char * const PyStructSequence_UnnamedField;
struct _inittab { const char *name; PyObject *(*initfunc)(void); };
#define PyMODINIT_FUNC PyObject *
PyObject *PyModule_Create2(PyModuleDef *, int);
#define PyModule_Create(def) PyModule_Create2(def, 1013)
PyObject *PyModuleDef_Init(PyModuleDef *);
PyObject *_PyModule_CreateInitialized(PyModuleDef *, int);
int PyModule_AddIntConstant(PyObject *, const char *, long);
int PyModule_AddStringConstant(PyObject *, const char *, const char *);
#define PyModule_AddIntMacro(m, c) PyModule_AddIntConstant(m, #c, c)
int PyModule_AddObject(PyObject *, const char *, PyObject *);
int PyModule_AddObjectRef(PyObject *, const char *, PyObject *);
int PyModule_AddType(PyObject *, PyTypeObject *);
int PyModule_AddFunctions(PyObject *, PyMethodDef *);
PyObject *PyModule_GetDict(PyObject *);
int PyDict_SetItemString(PyObject *, const char *, PyObject *);
int PyDict_SetItem(PyObject *, PyObject *, PyObject *);
int PyObject_SetAttrString(PyObject *, const char *, PyObject *);
PyObject *PyUnicode_FromString(const char *);
PyObject *PyType_FromModuleAndSpec(PyObject *, PyType_Spec *, PyObject *);
PyObject *PyType_FromSpec(PyType_Spec *);
PyTypeObject *PyStructSequence_NewType(PyStructSequence_Desc *);
int PyStructSequence_InitType2(PyTypeObject *, PyStructSequence_Desc *);
PyObject *PyErr_NewException(const char *, PyObject *, PyObject *);
PyObject *PyLong_FromLong(long);
/* Include/pyerrors.h, and the errno of <errno.h>. */
extern PyObject *PyExc_OSError, *PyExc_RuntimeError;
void PyErr_SetString(PyObject *, const char *);
PyObject *PyErr_SetFromErrno(PyObject *);
extern int errno;
#define ENOTSUP 138
#define EAGAIN 6
static inline PyObject *_Py_NewRef(PyObject *obj) { return obj; }
#define Py_NewRef(obj) _Py_NewRef((PyObject *)(obj))
#endif
