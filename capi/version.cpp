// Version calls of the C ABI. They report the version CMake built the
// library as, which a program compiled against another header can compare
// with its own ATIP_VERSION_NUMBER.
#include "atip/atip.h"
#include "atip/version.hpp"

extern "C" int atip_version_number(void) {
  return ATIP_CXX_VERSION_MAJOR * 10000 + ATIP_CXX_VERSION_MINOR * 100 + ATIP_CXX_VERSION_PATCH;
}

extern "C" const char* atip_version_string(void) { return ATIP_CXX_VERSION_STRING; }
