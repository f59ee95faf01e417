// modules: posix
// args: -DHAVE_STRUCT_STAT_ST_BLKSIZE=1
// Pattern 7 (Modules/posixmodule.c stat_result_fields): struct sequence
// fields under #ifdef, a static struct sequence type initialised from its
// desc, and unnamed (NULL-named) fields that are not attributes.
#include "Python.h"
static PyStructSequence_Field stat_result_fields[] = {
    {"st_mode", "protection bits"},
    {NULL, "integer time"}, /* replaced by PyStructSequence_UnnamedField at run time */
#ifdef HAVE_STRUCT_STAT_ST_BLKSIZE
    {"st_blksize", "blocksize for filesystem I/O"},
#endif
#ifdef HAVE_STRUCT_STAT_ST_FLAGS
    {"st_flags", "user defined flags for file"},
#endif
    {0}
};
static PyStructSequence_Desc stat_result_desc = {"os.stat_result", NULL, stat_result_fields, 1};
static PyStructSequence_Field times_fields[] = {{"user", NULL}, {0}};
static PyStructSequence_Desc times_desc = {"posix.times_result", NULL, times_fields, 1};
static PyTypeObject TimesResultType;
typedef struct { PyObject *StatResultType; } _posixstate;
static _posixstate state_storage;
static struct PyModuleDef posixmodule = {PyModuleDef_HEAD_INIT, "posix", NULL, 0, NULL};
PyMODINIT_FUNC PyInit_posix(void) {
    PyObject *m = PyModule_Create(&posixmodule);
    _posixstate *st = &state_storage;
    st->StatResultType = (PyObject *)PyStructSequence_NewType(&stat_result_desc);
    PyModule_AddObject(m, "stat_result", Py_NewRef(st->StatResultType));
    PyStructSequence_InitType2(&TimesResultType, &times_desc);
    PyModule_AddType(m, &TimesResultType);
    return m;
}
