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

/* Ends a test program: prints the count of failed checks and returns the
 * exit status. */
int finish_test(const char *program);

#endif /* ATIP_CAPI_TEST_H */
