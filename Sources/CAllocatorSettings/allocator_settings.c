// jemalloc's settings for the quire executable, read by jemalloc when it starts (it looks
// for a global called `malloc_conf` in the program). glibc's malloc ignores it.
//
// thp:always asks for transparent huge pages for the heap (jemalloc madvises them; with
// the kernel's THP mode `madvise`, the default on Debian, nothing is used otherwise). A
// library is a few hundred thousand small allocations that stay for the life of the
// process: with 4 KiB pages, touching them costs a page fault each 4 KiB, about a tenth
// of loading the 1,000-issue corpus; with 2 MiB pages, a twentieth of that. See
// BENCHMARKS.md (ingest) for the measurement.
#include "allocator_settings.h"

const char *malloc_conf = "thp:always,metadata_thp:always";

const char *quire_allocator_settings(void) { return malloc_conf; }
