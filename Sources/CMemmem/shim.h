#ifndef QUIRE_CMEMMEM_SHIM_H
#define QUIRE_CMEMMEM_SHIM_H
#include <stddef.h>

/* glibc's memmem (a GNU extension the Glibc module leaves out without _GNU_SOURCE). */
extern void *memmem(const void *haystack, size_t haystacklen, const void *needle,
                    size_t needlelen);

static inline void *quire_memmem(const void *haystack, size_t haystacklen,
                                 const void *needle, size_t needlelen) {
    return memmem(haystack, haystacklen, needle, needlelen);
}
#endif
