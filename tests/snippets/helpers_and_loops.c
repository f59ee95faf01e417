// modules: errno termios _io
// args: -DENODEV=19 -DB9600=13
// Pattern 5 through helpers and loops: a name passed as an argument to a
// helper that inserts into the module dict (Modules/errnomodule.c
// _add_errcode), a table of constants walked by a loop (Modules/termios.c),
// and an array of types added in a loop with a guarded element
// (Modules/_io/_iomodule.c static_types[]).
#include "Python.h"
static int _add_errcode(PyObject *module_dict, const char *name_str, int code) {
    PyObject *name = PyUnicode_FromString(name_str);
    PyObject *code_obj = PyLong_FromLong(code);
    return PyDict_SetItem(module_dict, name, code_obj);
}
static int errno_exec(PyObject *module) {
    PyObject *module_dict = PyModule_GetDict(module);
#define add_errcode(name, code, comment) \
    if (_add_errcode(module_dict, name, code) < 0) return -1;
#ifdef ENODEV
    add_errcode("ENODEV", ENODEV, "No such device");
#endif
#ifdef EWASI
    add_errcode("EWASI", EWASI, "Not on this target");
#endif
    return 0;
}
static PyModuleDef_Slot errno_slots[] = {{Py_mod_exec, errno_exec}, {0, NULL}};
static struct PyModuleDef errnomodule = {PyModuleDef_HEAD_INIT, "errno", NULL, 0, NULL, errno_slots};
PyMODINIT_FUNC PyInit_errno(void) { return PyModuleDef_Init(&errnomodule); }

static struct constant { const char *name; long value; } termios_constants[] = {
#ifdef B9600
    {"B9600", B9600},
#endif
#ifdef B_WASI_ONLY
    {"B_WASI_ONLY", 1},
#endif
    {NULL, 0}
};
static struct PyModuleDef termiosmodule = {PyModuleDef_HEAD_INIT, "termios", NULL, 0, NULL};
PyMODINIT_FUNC PyInit_termios(void) {
    PyObject *mod = PyModule_Create(&termiosmodule);
    struct constant *constant = termios_constants;
    while (constant->name != NULL) {
        PyModule_AddIntConstant(mod, constant->name, constant->value);
        ++constant;
    }
    return mod;
}

static PyTypeObject PyFileIO_Type = {{1, NULL}, "_io.FileIO"};
static PyTypeObject PyWindowsConsoleIO_Type = {{1, NULL}, "_io._WindowsConsoleIO"};
static PyTypeObject *static_types[] = {
    &PyFileIO_Type,
#ifdef MS_WINDOWS
    &PyWindowsConsoleIO_Type,
#endif
};
static struct PyModuleDef _PyIO_Module = {PyModuleDef_HEAD_INIT, "io", NULL, 0, NULL};
PyMODINIT_FUNC PyInit__io(void) {
    PyObject *m = PyModule_Create(&_PyIO_Module);
    for (unsigned i = 0; i < sizeof(static_types) / sizeof(static_types[0]); i++) {
        PyTypeObject *type = static_types[i];
        PyModule_AddType(m, type);
    }
    return m;
}
