// modules: _follow
// The linker follows a helper given arguments of one shape once while it
// adds nothing (thousands of PyErr_SetString(exc, "message") calls reach
// PyObject_SetAttr through Objects/exceptions.c). Each group below loses an
// item if that memo ignores what decides whether a call adds: the depth it
// is followed at, a recursion stopped at a caller, or a dunder attribute
// name (Objects/typeobject.c's slot wrappers are not reported).
#include "Python.h"

/* Depth: exec -> level_1 -> ... -> level_8 -> add_at_9 is cut at the depth
   limit, so DEEP is not found; SHALLOW reaches add_at_9 from level_8 with
   arguments of the same shape, two calls deep. */
static int add_at_9(PyObject *m, const char *n) { return PyModule_AddIntConstant(m, n, 1); }
static int level_8(PyObject *m, const char *n) { return add_at_9(m, n); }
static int level_7(PyObject *m, const char *n) { return level_8(m, n); }
static int level_6(PyObject *m, const char *n) { return level_7(m, n); }
static int level_5(PyObject *m, const char *n) { return level_6(m, n); }
static int level_4(PyObject *m, const char *n) { return level_5(m, n); }
static int level_3(PyObject *m, const char *n) { return level_4(m, n); }
static int level_2(PyObject *m, const char *n) { return level_3(m, n); }
static int level_1(PyObject *m, const char *n) { return level_2(m, n); }

/* Recursion: under add_then_recurse, recurse_back stops at its caller and
   adds nothing; reached through `via` at the same depth but without
   add_then_recurse entered, it adds SECOND. */
static int recurse_back(PyObject *m, const char *n);
static int add_then_recurse(PyObject *m, const char *n) {
    recurse_back(m, n);
    return PyModule_AddIntConstant(m, n, 2);
}
static int recurse_back(PyObject *m, const char *n) { return add_then_recurse(m, n); }
static int via(PyObject *m, const char *n) { return recurse_back(m, n); }

/* Dunder: a dunder attribute of a type adds nothing; a plain one set by the
   same helper right after is an item. */
static PyTypeObject Thing_Type = {{1, NULL}, "_follow.Thing"};
static int set_type_attr(PyTypeObject *t, const char *n) {
    return PyObject_SetAttrString((PyObject *)t, n, NULL);
}

static int follow_exec(PyObject *m) {
    level_1(m, "DEEP");
    level_8(m, "SHALLOW");
    add_then_recurse(m, "FIRST");
    via(m, "SECOND");
    set_type_attr(&Thing_Type, "__dunder__");
    set_type_attr(&Thing_Type, "visible");
    PyModule_AddType(m, &Thing_Type);
    return 0;
}
static PyModuleDef_Slot follow_slots[] = {{Py_mod_exec, follow_exec}, {0, NULL}};
static struct PyModuleDef followmodule = {PyModuleDef_HEAD_INIT, "_follow", NULL, 0, NULL, follow_slots};
PyMODINIT_FUNC PyInit__follow(void) { return PyModuleDef_Init(&followmodule); }
