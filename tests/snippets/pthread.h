/* libc's <pthread.h> as the snippets need it: a system header, so that its
   functions end the call graph as real libc's do. */
#pragma clang system_header
typedef unsigned long pthread_t;
int pthread_create(pthread_t *thread, const void *attr,
                   void *(*start)(void *), void *arg);
