// modules: posix
// args: -DO_NONBLOCK=04000 -DHAVE_FORK=1
// Pattern 5 (Modules/posixmodule.c all_ins, Modules/signalmodule.c
// ADD_INT_MACRO): integer constants through macros after expansion, nested
// #if/#elif/#else, and a multi-phase module whose exec function calls a
// helper that adds them.
#include "Python.h"
#define ADD_INT_MACRO(module, macro) \
    do { if (PyModule_AddIntConstant(module, #macro, macro) < 0) return -1; } while (0)
static int all_ins(PyObject *m) {
#ifdef O_NONBLOCK
    if (PyModule_AddIntMacro(m, O_NONBLOCK)) return -1;
#endif
#ifdef O_CLOEXEC
    if (PyModule_AddIntMacro(m, O_CLOEXEC)) return -1;
#endif
#if defined(HAVE_FORK) && !defined(__wasi__)
    ADD_INT_MACRO(m, HAVE_FORK);
#  if defined(__EMSCRIPTEN__)
    PyModule_AddIntConstant(m, "EMSCRIPTEN_ONLY", 1);
#  elif defined(O_NONBLOCK)
    PyModule_AddStringConstant(m, "ELIF_BRANCH", "yes");
#  else
    PyModule_AddIntConstant(m, "ELSE_BRANCH", 2);
#  endif
#endif
    return 0;
}
static int posix_exec(PyObject *m) { return all_ins(m); }
static PyModuleDef_Slot posix_slots[] = {{Py_mod_exec, posix_exec}, {0, NULL}};
static struct PyModuleDef posixmodule = {
    PyModuleDef_HEAD_INIT, "posix", NULL, 0, NULL, posix_slots,
};
PyMODINIT_FUNC PyInit_posix(void) { return PyModuleDef_Init(&posixmodule); }
