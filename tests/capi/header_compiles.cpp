// atip.h compiles on its own as C++ too, with C linkage for every function.
#include "atip/atip.h"

int atip_header_compiles_as_cxx();
int atip_header_compiles_as_cxx() {
  atip_rank_options options = ATIP_RANK_OPTIONS_INIT;
  return static_cast<int>(options.version);
}
