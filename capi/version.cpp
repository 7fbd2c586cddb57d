// Version calls of the C ABI.
#include "atip/atip.h"

extern "C" int atip_version_number(void) { return ATIP_VERSION_NUMBER; }
