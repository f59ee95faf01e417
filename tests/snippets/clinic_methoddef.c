// modules: signal
// args: -DHAVE_ALARM=1
// Pattern 1 (Modules/clinic/signalmodule.c.h): an Argument Clinic entry
// defined under a guard, its empty #ifndef fallback, used in the table.
#include "Python.h"
#if defined(HAVE_ALARM)
#define SIGNAL_ALARM_METHODDEF \
    {"alarm", (PyCFunction)0, METH_O, NULL},
#endif /* defined(HAVE_ALARM) */
#if defined(HAVE_PAUSE)
#define SIGNAL_PAUSE_METHODDEF \
    {"pause", (PyCFunction)0, METH_NOARGS, NULL},
#endif
#ifndef SIGNAL_ALARM_METHODDEF
    #define SIGNAL_ALARM_METHODDEF
#endif
#ifndef SIGNAL_PAUSE_METHODDEF
    #define SIGNAL_PAUSE_METHODDEF
#endif
static PyMethodDef signal_methods[] = {
    {"default_int_handler", (PyCFunction)0, METH_VARARGS, NULL},
    SIGNAL_ALARM_METHODDEF
    SIGNAL_PAUSE_METHODDEF
    {NULL, NULL}
};
static struct PyModuleDef signal_module = {
    PyModuleDef_HEAD_INIT, "_signal", NULL, 0, signal_methods,
};
PyMODINIT_FUNC PyInit_signal(void) { return PyModule_Create(&signal_module); }
