/* Opens an in-memory database through the installed C ABI and prints the
 * library version and the size of the reference jurisdiction listing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <atip/atip.h>

int main(void) {
  atip_db *db = NULL;
  char *listing = NULL;

  if (atip_version_number() != ATIP_VERSION_NUMBER) {
    fprintf(stderr, "header version %d does not match library version %d\n", ATIP_VERSION_NUMBER,
            atip_version_number());
    return 1;
  }
  if (atip_db_open(&db, ":memory:", NULL) != ATIP_OK) {
    fprintf(stderr, "atip_db_open failed: %s\n", atip_error_last_message());
    return 1;
  }
  if (atip_record_list(&listing, db, ATIP_ENTITY_JURISDICTION, NULL) != ATIP_OK) {
    fprintf(stderr, "atip_record_list failed: %s\n", atip_error_last_message());
    atip_db_close(db);
    return 1;
  }
  printf("atip %s: jurisdictions listed as %zu bytes of JSON\n", atip_version_string(), strlen(listing));
  atip_free(listing);
  atip_db_close(db);
  return 0;
}
