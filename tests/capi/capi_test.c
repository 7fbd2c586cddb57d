/* Shared checks and set-up of the C ABI tests (declared in capi_test.h). */
#include "capi_test.h"

#include <time.h>

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

char *run_request_ok(const char *name, request_call call, atip_db *db, const char *request) {
  char *out = NULL;
  atip_status status = call(&out, db, request);
  if (status != ATIP_OK) {
    fprintf(stderr, "%s(%s) returned %s: %s\n", name, request, atip_status_str(status), atip_error_last_message());
    ++capi_test_failures;
    return NULL;
  }
  return out;
}

int find_string_field(const char *json, const char *key, char *value, size_t size) {
  char pattern[64];
  const char *start;
  size_t length = 0;

  sprintf(pattern, "\"%s\": \"", key);
  start = json == NULL ? NULL : strstr(json, pattern);
  if (start == NULL) return 0;
  start += strlen(pattern);
  while (start[length] != '\0' && start[length] != '"' && length + 1 < size) {
    value[length] = start[length];
    ++length;
  }
  value[length] = '\0';
  return 1;
}

size_t count_occurrences(const char *text, const char *part) {
  size_t count = 0;
  const char *at = text;
  while (at != NULL && (at = strstr(at, part)) != NULL) {
    ++count;
    at += strlen(part);
  }
  return count;
}

void utc_date(char *out, long days) {
  /* The library dates workflow steps by the UTC calendar, so the tests do too. */
  time_t when = time(NULL) + (time_t)days * 24 * 60 * 60;
  strftime(out, 11, "%Y-%m-%d", gmtime(&when));
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


void run_request_for_id(const char *name, request_call call, atip_db *db, const char *request, char *id,
                        size_t size) {
  char *out = run_request_ok(name, call, db, request);
  id[0] = '\0';
  CHECK(find_string_field(out, "id", id, size));
  atip_free(out);
}

void check_request_cases(atip_db *db, const struct request_case *cases, size_t count) {
  size_t i;
  char *out = UNTOUCHED;
  for (i = 0; i < count; ++i) {
    atip_status status = cases[i].call(&out, db, cases[i].request);
    if (status != cases[i].status || strstr(atip_error_last_message(), cases[i].message) == NULL) {
      fprintf(stderr, "case %u (%s) returned %s \"%s\", expected %s with \"%s\"\n", (unsigned)i,
              cases[i].request, atip_status_str(status), atip_error_last_message(),
              atip_status_str(cases[i].status), cases[i].message);
      ++capi_test_failures;
    }
    CHECK(out == UNTOUCHED);
  }
}
