/* Checks shared by the C ABI tests. Each test program counts failed checks
 * and exits with 1 when any failed, printing file, line, the call and the
 * last error message for each. */
#ifndef ATIP_CAPI_TEST_H
#define ATIP_CAPI_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atip/atip.h"

/* Failed checks so far; defined in capi_test.c. */
extern int capi_test_failures;

#define CHECK(condition)                                                          \
  do {                                                                            \
    if (!(condition)) {                                                           \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition); \
      ++capi_test_failures;                                                       \
    }                                                                             \
  } while (0)

/* Checks the status of `call`; on a mismatch prints the thread's last error. */
#define CHECK_STATUS(expected, call)                                                            \
  do {                                                                                          \
    atip_status check_status_actual_ = (call);                                                  \
    if (check_status_actual_ != (expected)) {                                                   \
      fprintf(stderr, "%s:%d: %s returned %s, expected %s; last error: %s\n", __FILE__, __LINE__, \
              #call, atip_status_str(check_status_actual_), atip_status_str(expected),          \
              atip_error_last_message());                                                       \
      ++capi_test_failures;                                                                     \
    }                                                                                           \
  } while (0)

/* Checks that `text` (not NULL) contains `part`. */
#define CHECK_CONTAINS(text, part)                                                                    \
  do {                                                                                                \
    const char *check_text_ = (text);                                                                 \
    if (check_text_ == NULL || strstr(check_text_, (part)) == NULL) {                                 \
      fprintf(stderr, "%s:%d: \"%s\" does not contain \"%s\"\n", __FILE__, __LINE__,                 \
              check_text_ == NULL ? "(NULL)" : check_text_, (part));                                  \
      ++capi_test_failures;                                                                           \
    }                                                                                                 \
  } while (0)

/* Checks that `text` is not NULL and does not contain `part`. */
#define CHECK_LACKS(text, part)                                                                        \
  do {                                                                                                \
    const char *check_text_ = (text);                                                                 \
    if (check_text_ == NULL || strstr(check_text_, (part)) != NULL) {                                 \
      fprintf(stderr, "%s:%d: \"%s\" contains \"%s\"\n", __FILE__, __LINE__,                          \
              check_text_ == NULL ? "(NULL)" : check_text_, (part));                                  \
      ++capi_test_failures;                                                                           \
    }                                                                                                 \
  } while (0)

/* Checks that `text` is not NULL and starts with `prefix`. */
#define CHECK_STARTS_WITH(text, prefix)                                                                \
  do {                                                                                                \
    const char *check_text_ = (text);                                                                 \
    if (check_text_ == NULL || strncmp(check_text_, (prefix), strlen(prefix)) != 0) {                 \
      fprintf(stderr, "%s:%d: \"%s\" does not start with \"%s\"\n", __FILE__, __LINE__,                \
              check_text_ == NULL ? "(NULL)" : check_text_, (prefix));                                \
      ++capi_test_failures;                                                                           \
    }                                                                                                 \
  } while (0)

/* Checks that `text` contains `first` and, after it, `second`. */
#define CHECK_BEFORE(text, first, second)                                                              \
  do {                                                                                                \
    const char *check_text_ = (text);                                                                 \
    const char *check_first_ = check_text_ == NULL ? NULL : strstr(check_text_, (first));            \
    if (check_first_ == NULL || strstr(check_first_, (second)) == NULL) {                             \
      fprintf(stderr, "%s:%d: \"%s\" lacks \"%s\" followed by \"%s\"\n", __FILE__, __LINE__,           \
              check_text_ == NULL ? "(NULL)" : check_text_, (first), (second));                       \
      ++capi_test_failures;                                                                           \
    }                                                                                                 \
  } while (0)

/* Checks that the last error of this thread has `status` and a message
 * containing `part`. */
#define CHECK_LAST_ERROR(status, part)                  \
  do {                                                  \
    CHECK(atip_error_last_status() == (status));        \
    CHECK_CONTAINS(atip_error_last_message(), (part));  \
  } while (0)

/* A value that no call writes: outputs are compared with it to prove that
 * a failed call left them alone. */
extern char capi_test_untouched_byte;
#define UNTOUCHED (&capi_test_untouched_byte)

/* Test documents with invalid UTF-8 (a lone continuation byte) and with
 * malformed JSON (an unterminated object). */
#define INVALID_UTF8_JSON "{\"actor\": \"coordinator-\x80\"}"
#define MALFORMED_JSON "{\"matter\": \"matter-1\", "

/* Reads a whole file into memory released with free(); exits on failure
 * because every test needs its data. */
char *read_file(const char *path);

/* Opens a private in-memory database with the reference data and imports
 * the test network; exits on failure. */
atip_db *open_test_network(void);

/* The signature every workflow call shares, and atip_db_import_json too. */
typedef atip_status (*request_call)(char **out, atip_db *db, const char *request_json);

/* Checks that `call` rejects a NULL out, db or request, invalid UTF-8,
 * malformed JSON and a JSON array with ATIP_E_INVALID_ARGUMENT and a message
 * that starts with `name`, and leaves `*out` alone each time. */
void check_request_call_rejects_bad_input(const char *name, request_call call, atip_db *db);

/* Runs a request call that must succeed and returns its output, to release
 * with atip_free(), or NULL after recording a failed check. */
char *run_request_ok(const char *name, request_call call, atip_db *db, const char *request);
#define RUN_OK(call, db, request) run_request_ok(#call, call, db, request)

/* Runs a request call that must succeed and copies the "id" of its result
 * into `id`, which has room for `size` bytes. */
void run_request_for_id(const char *name, request_call call, atip_db *db, const char *request, char *id,
                        size_t size);

/* A request that a call must reject with `status` and a message containing
 * `message`. */
struct request_case {
  request_call call;
  const char *request;
  atip_status status;
  const char *message;
};

/* Runs every case and checks its status, its message and that `*out` was
 * left alone. */
void check_request_cases(atip_db *db, const struct request_case *cases, size_t count);

/* Copies the string value of the first `"key": "..."` in `json` into
 * `value`; enough for ids, which the tests write without escapes. Returns 0
 * when the key is missing. */
int find_string_field(const char *json, const char *key, char *value, size_t size);

/* Counts the places where `part` occurs in `text` (0 for NULL text). */
size_t count_occurrences(const char *text, const char *part);

/* Writes the UTC date `days` days from today as "YYYY-MM-DD" into `out`,
 * which has room for 11 bytes. */
void utc_date(char *out, long days);

/* Ends a test program: prints the count of failed checks and returns the
 * exit status. */
int finish_test(const char *program);

#endif /* ATIP_CAPI_TEST_H */
