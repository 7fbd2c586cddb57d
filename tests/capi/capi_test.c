/* Shared checks and set-up of the C ABI tests (declared in capi_test.h). */
#include "capi_test.h"

int capi_test_failures = 0;
char capi_test_untouched_byte;

/* Reads a whole file into memory released with free(); exits on failure
 * because every test needs its data. */
char *read_file(const char *path) {
  FILE *file = fopen(path, "rb");
  char *text;
  long size;
  if (file == NULL) {
    fprintf(stderr, "cannot open %s\n", path);
    exit(2);
  }
  fseek(file, 0, SEEK_END);
  size = ftell(file);
  fseek(file, 0, SEEK_SET);
  text = (char *)malloc((size_t)size + 1);
  if (text == NULL || fread(text, 1, (size_t)size, file) != (size_t)size) {
    fprintf(stderr, "cannot read %s\n", path);
    exit(2);
  }
  text[size] = '\0';
  fclose(file);
  return text;
}

/* Opens a private in-memory database with the reference data and imports
 * the test network. */
atip_db *open_test_network(void) {
  atip_db *db = NULL;
  char *network = read_file(ATIP_CAPI_TEST_NETWORK);
  char *report = NULL;
  if (atip_db_open(&db, ":memory:", NULL) != ATIP_OK ||
      atip_db_import_json(&report, db, network) != ATIP_OK) {
    fprintf(stderr, "cannot set up the test network: %s\n", atip_error_last_message());
    exit(2);
  }
  atip_free(report);
  free(network);
  return db;
}

/* Checks that `call` rejects a NULL out, db or request, invalid UTF-8 and
 * malformed JSON with ATIP_E_INVALID_ARGUMENT and a message that starts
 * with `name`, and leaves `*out` alone each time. */
void check_request_call_rejects_bad_input(const char *name, request_call call, atip_db *db) {
  char *out = UNTOUCHED;

  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, call(NULL, db, "{}"));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "out: must not be NULL");
  CHECK(strncmp(atip_error_last_message(), name, strlen(name)) == 0);

  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, call(&out, NULL, "{}"));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "db: must not be NULL");
  CHECK(out == UNTOUCHED);

  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, call(&out, db, NULL));
  CHECK_CONTAINS(atip_error_last_message(), "must not be NULL");
  CHECK(out == UNTOUCHED);

  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, call(&out, db, INVALID_UTF8_JSON));
  CHECK_CONTAINS(atip_error_last_message(), "UTF-8");
  CHECK(out == UNTOUCHED);

  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, call(&out, db, MALFORMED_JSON));
  CHECK_CONTAINS(atip_error_last_message(), "malformed JSON at byte");
  CHECK(out == UNTOUCHED);

  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, call(&out, db, "[1, 2]"));
  CHECK(out == UNTOUCHED);
}

/* Ends a test program: prints the count of failed checks. */
int finish_test(const char *program) {
  if (capi_test_failures == 0) {
    printf("%s: all checks passed\n", program);
    return 0;
  }
  fprintf(stderr, "%s: %d checks failed\n", program, capi_test_failures);
  return 1;
}

