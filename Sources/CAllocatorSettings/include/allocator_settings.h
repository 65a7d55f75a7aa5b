#ifndef QUIRE_ALLOCATOR_SETTINGS_H
#define QUIRE_ALLOCATOR_SETTINGS_H

/// The settings jemalloc reads at start (`malloc_conf`), for tests and diagnostics.
const char *quire_allocator_settings(void);

#endif
