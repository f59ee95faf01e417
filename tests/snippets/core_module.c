// modules: sys
// args: -DHAVE_CONFIG=1
// A core module with no PyInit function ({"sys", NULL} in Modules/config.c):
// found by its PyModuleDef's m_name; items inserted into its dict by a
// helper that receives the dict (Python/sysmodule.c _PySys_InitCore), and a
// method table entry whose name is a macro defined under a guard and used
// elsewhere.
#include "Python.h"
#ifdef HAVE_CONFIG
#define GETCONFIG_NAME "_getconfig"
#else
#define GETCONFIG_NAME "_nogetconfig"
#endif
static PyMethodDef sys_methods[] = {
    {GETCONFIG_NAME, (PyCFunction)0, METH_NOARGS, NULL},
    {NULL, NULL}
};
static struct PyModuleDef sysmodule = {PyModuleDef_HEAD_INIT, "sys", NULL, -1, sys_methods};
#define SET_SYS_FROM_STRING(key, value) PyDict_SetItemString(sysdict, key, PyUnicode_FromString(value))
static int _PySys_InitCore(PyObject *sysdict) {
    SET_SYS_FROM_STRING("float_repr_style", "short");
#ifdef __EMSCRIPTEN__
    SET_SYS_FROM_STRING("_emscripten_info", "x");
#endif
    return 0;
}
int _PySys_Create(PyObject **sysmod_p) {
    PyObject *sysmod = _PyModule_CreateInitialized(&sysmodule, 1013);
    PyObject *sysdict = PyModule_GetDict(sysmod);
    PyObject *other = PyUnicode_FromString("not a module dict");
    PyDict_SetItemString(other, "not_an_item", other);
    *sysmod_p = sysmod;
    return _PySys_InitCore(sysdict);
}
struct _inittab _PyImport_Inittab[] = {{"sys", NULL}, {0, 0}};
