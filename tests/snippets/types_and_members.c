// modules: select
// args: -DHAVE_EPOLL=1
// Patterns 4 and 8 (Modules/selectmodule.c, Modules/mmapmodule.c): a static
// type and a heap type from a PyType_Spec stored in module state, with
// methods, members and getsets; an exception from PyErr_NewException; a
// method guarded inside the type's table.
#include "Python.h"
typedef struct { PyObject *error; PyObject *epoll_type; } _selectstate;
static _selectstate the_state;
static PyMethodDef poll_methods[] = {
    {"register", (PyCFunction)0, METH_O, NULL},
#ifdef HAVE_MADVISE
    {"madvise", (PyCFunction)0, METH_O, NULL},
#endif
    {"fromfd", (PyCFunction)0, METH_O | METH_CLASS, NULL},
    {NULL, NULL}
};
static PyMemberDef poll_members[] = {{"fd", 0, 0, 1, NULL}, {NULL}};
static PyTypeObject poll_Type = {
    {1, NULL}, "select.poll", 0, poll_methods, poll_members, NULL, NULL,
};
static PyGetSetDef epoll_getsets[] = {{"closed", NULL, NULL, NULL, NULL}, {NULL}};
static PyMethodDef epoll_methods[] = {{"close", (PyCFunction)0, METH_NOARGS, NULL}, {NULL}};
static PyType_Slot epoll_slots[] = {
    {Py_tp_methods, epoll_methods}, {Py_tp_getset, epoll_getsets}, {0, NULL},
};
static PyType_Spec epoll_spec = {"select.epoll", 0, 0, 0, epoll_slots};
static struct PyModuleDef selectmodule = {
    PyModuleDef_HEAD_INIT, "select", NULL, 0, NULL,
};
PyMODINIT_FUNC PyInit_select(void) {
    PyObject *m = PyModule_Create(&selectmodule);
    _selectstate *state = &the_state;
    state->error = PyErr_NewException("select.error", NULL, NULL);
    PyModule_AddObjectRef(m, "error", state->error);
    PyModule_AddType(m, &poll_Type);
#ifdef HAVE_EPOLL
    state->epoll_type = PyType_FromModuleAndSpec(m, &epoll_spec, NULL);
    PyModule_AddObject(m, "epoll", Py_NewRef(state->epoll_type));
#endif
    return m;
}
