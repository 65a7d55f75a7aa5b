#ifndef QUIRE_CLIBXML2_SHIM_H
#define QUIRE_CLIBXML2_SHIM_H
// Debian builds libxml2 with ICU, and its encoding header then includes ICU's headers,
// which clash with the ICU copy Foundation carries. quire never touches libxml2's
// encoding converters (it hands the parser UTF-8), so their ICU half is left out here;
// only pointers to those structures are ever seen.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#endif
