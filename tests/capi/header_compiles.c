/* atip.h compiles on its own as strict C99 (-std=c99 -Wall -Wextra
 * -pedantic -Werror): it includes everything it needs. */
#include "atip/atip.h"

int atip_header_compiles_as_c(void);
int atip_header_compiles_as_c(void) {
  atip_open_options open_options = ATIP_OPEN_OPTIONS_INIT;
  atip_export_options export_options = ATIP_EXPORT_OPTIONS_INIT;
  atip_list_options list_options = ATIP_LIST_OPTIONS_INIT;
  atip_directory_query query = ATIP_DIRECTORY_QUERY_INIT;
  atip_rank_options rank_options = ATIP_RANK_OPTIONS_INIT;
  atip_assign_options assign_options = ATIP_ASSIGN_OPTIONS_INIT;
  return (int)(open_options.version + export_options.version + list_options.version + query.version +
               rank_options.version + assign_options.version);
}
