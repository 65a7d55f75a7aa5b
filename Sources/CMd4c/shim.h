#ifndef QUIRE_CMD4C_SHIM_H
#define QUIRE_CMD4C_SHIM_H
#include <md4c.h>
#endif
