// modules: _wd
// "Works differently" in C: errors a configuration compiles inside a
// preprocessor region the reference does not (the reference defines
// HAVE_DUP, HAVE_SOCKET and HAVE_THREADS; the target none of them).
#include "Python.h"

/* Python/fileutils.c _Py_dup: the #else goes straight to its error. */
static int wd_dup_helper(int fd) {
#ifdef HAVE_DUP
    return fd + 1;
#else
    errno = ENOTSUP;                   // expect: errno = ENOTSUP
    PyErr_SetFromErrno(PyExc_OSError); // expect: PyErr_SetFromErrno(PyExc_OSError)
    return -1;
#endif
}
static PyObject *wd_dup(PyObject *self, PyObject *fd) {
    return wd_dup_helper(1) < 0 ? NULL : PyLong_FromLong(1);
}

/* Python/bootstrap_hash.c py_getentropy: an error only when the call fails
   at run time is error handling, not a stub; it does not count. */
static int wd_entropy(int n) {
#ifndef HAVE_DUP
    int res = n - 1;
    if (res < 0) {
        PyErr_SetFromErrno(PyExc_OSError); // expect: nothing (run-time branch)
        return -1;
    }
#endif
    return 0;
}
static PyObject *wd_random(PyObject *self, PyObject *n) {
    return wd_entropy(2) < 0 ? NULL : PyLong_FromLong(2);
}

/* Modules/socketmodule.c: a stub standing in for a libc function. */
#ifndef HAVE_SOCKET
#define socket stub_socket
static int socket(int domain, int type, int protocol) {
    errno = ENOTSUP; // expect: errno = ENOTSUP
    return -1;
}
#else
int socket(int domain, int type, int protocol);
#endif
static int sock_init(PyObject *self, PyObject *args, PyObject *kwds) {
    return socket(2, 1, 0) < 0 ? -1 : 0;
}

/* Python/thread_pthread_stubs.h: pthread_create where there are no threads,
   reached from the function that starts one. */
#ifndef HAVE_THREADS
static int wd_pthread_create(void) { return EAGAIN; } // expect: return EAGAIN
#else
int wd_pthread_create(void);
#endif
static long wd_start_thread(void) { return wd_pthread_create(); }
static PyObject *wd_start_new_thread(PyObject *self, PyObject *args) {
    if (wd_start_thread() != 0) {
        PyErr_SetString(PyExc_RuntimeError, "can't start new thread");
        return NULL;
    }
    return PyLong_FromLong(0);
}

/* Python/thread.c: a thread layer CPython names "pthread-stubs" over libc's
   pthread_create (Emscripten without pthreads, whose libc stub returns
   EAGAIN outside CPython); the name's definition is the point. */
#include <pthread.h>
#ifdef HAVE_THREADS
#define PYTHREAD_NAME "pthread"
#else
#define PYTHREAD_NAME "pthread-stubs" // expect: pthread_create() in a stub layer
#endif
static void *wd_run(void *arg) { return arg; }
static long wd_start_libc_thread(void) {
    pthread_t th;
    return pthread_create(&th, NULL, wd_run, NULL);
}
static PyObject *wd_start_joinable_thread(PyObject *self, PyObject *args) {
    if (wd_start_libc_thread() != 0) {
        PyErr_SetString(PyExc_RuntimeError, "can't start new thread");
        return NULL;
    }
    return PyLong_FromLong(0);
}

/* Python/thread_pthread_stubs.h pthread_key_create: a search that returns
   what it finds, and an error only when it finds nothing, is no stub. */
#ifndef HAVE_THREADS
static int wd_keys[4];
static int wd_key_create(int *key) {
    for (int i = 0; i < 4; i++) {
        if (!wd_keys[i]) {
            wd_keys[i] = 1;
            *key = i;
            return 0;
        }
    }
    return EAGAIN; // expect: nothing (a return under a branch came first)
}
#else
int wd_key_create(int *key);
#endif
static PyObject *wd_tss_create(PyObject *self, PyObject *args) {
    int key;
    return wd_key_create(&key) != 0 ? NULL : PyLong_FromLong(key);
}

/* Works the same everywhere: no guarded error reached. */
static PyObject *wd_getpid(PyObject *self, PyObject *args) {
    return PyLong_FromLong(42);
}

static PyMethodDef wd_methods[] = {
    {"dup", wd_dup, METH_O, NULL},
    {"urandom", wd_random, METH_O, NULL},
    {"start_new_thread", wd_start_new_thread, METH_VARARGS, NULL},
    {"start_joinable_thread", wd_start_joinable_thread, METH_VARARGS, NULL},
    {"getpid", wd_getpid, METH_NOARGS, NULL},
    {"tss_create", wd_tss_create, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}};

static PyTypeObject SockType = {{1, NULL}, "_wd.socket", 0, NULL, NULL,
                                NULL, NULL, sock_init, NULL};

static int wd_exec(PyObject *m) {
    return PyModule_AddType(m, &SockType);
}
static PyModuleDef_Slot wd_slots[] = {{Py_mod_exec, wd_exec}, {0, NULL}};
static struct PyModuleDef wd_module = {
    PyModuleDef_HEAD_INIT, "_wd", NULL, 0, wd_methods, wd_slots};
PyMODINIT_FUNC PyInit__wd(void) { return PyModuleDef_Init(&wd_module); }
