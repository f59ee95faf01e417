// modules: _decimal
// Exceptions named by the rows of a table copied into module state
// (Modules/_decimal/_decimal.c, 3.12+): `state->signal_map =
// dec_cond_map_init(signal_map_template, ...)` (a memcpy of the template),
// then one cursor `cm` walks the signal table and, later, the condition
// table from its second row; each row's `ex` is empty in the template and
// filled by `cm->ex = PyErr_NewException(cm->fqname, ...)`. The guarded
// condition row needs EXTRA_FUNCTIONALITY, which is not defined here.
#include "Python.h"
void *PyMem_Malloc(unsigned long);
typedef struct { const char *name; const char *fqname; unsigned flag; PyObject *ex; } DecCondMap;
typedef struct { DecCondMap *signal_map; DecCondMap *cond_map; } decimal_state;
static decimal_state global_state;
static DecCondMap signal_map_template[] = {
    {"InvalidOperation", "decimal.InvalidOperation", 1, NULL},
    {"Inexact", "decimal.Inexact", 2, NULL},
    {NULL}};
static DecCondMap cond_map_template[] = {
    {"InvalidOperation", "decimal.InvalidOperation", 1, NULL},
    {"ConversionSyntax", "decimal.ConversionSyntax", 4, NULL},
#ifdef EXTRA_FUNCTIONALITY
    {"MallocError", "decimal.MallocError", 8, NULL},
#endif
    {NULL}};
static DecCondMap *dec_cond_map_init(DecCondMap *template, Py_ssize_t size) {
    DecCondMap *cm = PyMem_Malloc(size);
    return cm;
}
static int _decimal_exec(PyObject *m) {
    decimal_state *state = &global_state;
    DecCondMap *cm;
    state->signal_map = dec_cond_map_init(signal_map_template, sizeof(signal_map_template));
    for (int i = 1; i >= 0; i--) {
        cm = state->signal_map + i;
        cm->ex = PyErr_NewException(cm->fqname, NULL, NULL);
        PyModule_AddObjectRef(m, cm->name, cm->ex);
    }
    state->cond_map = dec_cond_map_init(cond_map_template, sizeof(cond_map_template));
    for (cm = state->cond_map + 1; cm->name != NULL; cm++) {
        cm->ex = PyErr_NewException(cm->fqname, NULL, NULL);
        PyModule_AddObjectRef(m, cm->name, cm->ex);
    }
    return 0;
}
static PyModuleDef_Slot _decimal_slots[] = {{Py_mod_exec, _decimal_exec}, {0, NULL}};
static struct PyModuleDef _decimal_module = {PyModuleDef_HEAD_INIT, "_decimal", NULL, 0, NULL, _decimal_slots};
PyMODINIT_FUNC PyInit__decimal(void) { return PyModuleDef_Init(&_decimal_module); }
