// modules: _datetime _testcapi
// args: -DHAVE_TZINFO=1
// Types added under their own short name (Modules/_datetimemodule.c, 3.13):
// a loop over a global array of types calls
// `PyModule_AddObjectRef(module, _PyType_Name(type), type)`, where
// _PyType_Name (Objects/typeobject.c) reads `type->tp_name` through its
// parameter. Both arguments read the same element; the tzinfo element is
// guarded. A descriptor's field assigned elsewhere
// (Modules/_testcapimodule.c's `descr.name = "_testcapi.test_descr"`,
// which Objects/structseq.c copies into `type->tp_name`) names no type: it
// once named all of _datetime's.
#include "Python.h"
char *strrchr(const char *, int);
const char *_PyType_Name(PyTypeObject *type) {
    const char *s = strrchr(type->tp_name, '.');
    if (s == NULL)
        s = type->tp_name;
    else
        s++;
    return s;
}
static void initialize_structseq(PyTypeObject *type, PyStructSequence_Desc *desc) {
    type->tp_name = desc->name;
}
static PyObject *test_structseq_newtype(PyObject *self, PyObject *args) {
    PyStructSequence_Desc descr;
    descr.name = "_testcapi.test_descr";
    return (PyObject *)PyStructSequence_NewType(&descr);
}
static PyMethodDef test_methods[] = {
    {"test_structseq_newtype", test_structseq_newtype, METH_NOARGS, NULL},
    {NULL}};
static struct PyModuleDef _testcapimodule = {PyModuleDef_HEAD_INIT, "_testcapi", NULL, 0, test_methods};
PyMODINIT_FUNC PyInit__testcapi(void) { return PyModule_Create(&_testcapimodule); }

static PyMethodDef delta_methods[] = {
    {"total_seconds", NULL, METH_NOARGS, NULL},
    {NULL}};
static PyTypeObject PyDateTime_DateType = {{1, NULL}, "datetime.date"};
static PyTypeObject PyDateTime_DeltaType = {{1, NULL}, "datetime.timedelta", 0, delta_methods};
static PyTypeObject PyDateTime_TZInfoType = {{1, NULL}, "datetime.tzinfo"};
static PyTypeObject * const capi_types[] = {
    &PyDateTime_DateType,
    &PyDateTime_DeltaType,
#ifdef HAVE_TZINFO
    &PyDateTime_TZInfoType,
#endif
};
static int _datetime_exec(PyObject *module) {
    for (unsigned i = 0; i < sizeof(capi_types) / sizeof(capi_types[0]); i++) {
        PyTypeObject *type = capi_types[i];
        const char *name = _PyType_Name(type);
        if (PyModule_AddObjectRef(module, name, (PyObject *)type) < 0)
            return -1;
    }
    return 0;
}
static PyModuleDef_Slot _datetime_slots[] = {{Py_mod_exec, _datetime_exec}, {0, NULL}};
static struct PyModuleDef datetimemodule = {PyModuleDef_HEAD_INIT, "_datetime", NULL, 0, NULL, _datetime_slots};
PyMODINIT_FUNC PyInit__datetime(void) { return PyModuleDef_Init(&datetimemodule); }
