/* C ABI tests: version, status codes, last errors, memory, logging,
 * opening, import and export, records and directory search. */
/* mkdtemp() and rmdir() are POSIX, outside C99. */
#define _XOPEN_SOURCE 700

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "capi_test.h"

/* ------------------------------------------------------------------------ */
/* Version and status codes */

static void test_version(void) {
  char expected[32];
  CHECK(atip_version_number() == ATIP_VERSION_NUMBER);
  CHECK(strcmp(atip_version_string(), ATIP_VERSION_STRING) == 0);
  sprintf(expected, "%d.%d.%d", ATIP_VERSION_MAJOR, ATIP_VERSION_MINOR, ATIP_VERSION_PATCH);
  CHECK(strcmp(atip_version_string(), expected) == 0);
  CHECK(ATIP_VERSION_AT_LEAST(0, 0, 1));
  CHECK(ATIP_VERSION_AT_LEAST(ATIP_VERSION_MAJOR, ATIP_VERSION_MINOR, ATIP_VERSION_PATCH));
  CHECK(!ATIP_VERSION_AT_LEAST(ATIP_VERSION_MAJOR + 1, 0, 0));
}

static void test_status_names(void) {
  /* The numbers are part of the ABI: a renumbered code fails here. */
  static const struct {
    atip_status status;
    int number;
    const char *name;
  } table[] = {
      {ATIP_OK, 0, "ok"},
      {ATIP_E_INVALID_ARGUMENT, 1, "invalid_argument"},
      {ATIP_E_NOT_FOUND, 2, "not_found"},
      {ATIP_E_ALREADY_EXISTS, 3, "already_exists"},
      {ATIP_E_CONSTRAINT, 4, "constraint"},
      {ATIP_E_INVALID_STATE, 5, "invalid_state"},
      {ATIP_E_BUSY, 6, "busy"},
      {ATIP_E_IO, 7, "io"},
      {ATIP_E_SCHEMA_VERSION, 8, "schema_version"},
      {ATIP_E_LIMIT_EXCEEDED, 9, "limit_exceeded"},
      {ATIP_E_INTEGRITY, 10, "integrity"},
      {ATIP_E_NO_MEMORY, 11, "no_memory"},
      {ATIP_E_INTERNAL, 12, "internal"},
  };
  size_t i;
  for (i = 0; i < sizeof table / sizeof table[0]; ++i) {
    CHECK((int)table[i].status == table[i].number);
    CHECK(strcmp(atip_status_str(table[i].status), table[i].name) == 0);
  }
  CHECK(strcmp(atip_status_str((atip_status)13), "unknown") == 0);
  CHECK(strcmp(atip_status_str((atip_status)-1), "unknown") == 0);
  CHECK(strcmp(atip_status_str((atip_status)1000), "unknown") == 0);
}

/* ------------------------------------------------------------------------ */
/* Last errors per thread and per handle */

static void *fail_on_other_thread(void *unused) {
  (void)unused;
  atip_db_open(NULL, ":memory:", NULL);
  return atip_error_last_status() == ATIP_E_INVALID_ARGUMENT ? (void *)1 : NULL;
}

static void test_thread_error(void) {
  pthread_t thread;
  void *other_thread_failed = NULL;

  atip_error_clear();
  CHECK(atip_error_last_status() == ATIP_OK);
  CHECK(strcmp(atip_error_last_message(), "") == 0);

  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_db_open(NULL, ":memory:", NULL));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "atip_db_open: out: must not be NULL");

  /* A successful call leaves the last error alone. */
  CHECK(atip_version_number() > 0);
  CHECK(atip_error_last_status() == ATIP_E_INVALID_ARGUMENT);

  atip_error_clear();
  CHECK(atip_error_last_status() == ATIP_OK);
  CHECK(strcmp(atip_error_last_message(), "") == 0);

  /* A failure on another thread does not touch this thread's error. */
  CHECK(pthread_create(&thread, NULL, fail_on_other_thread, NULL) == 0);
  CHECK(pthread_join(thread, &other_thread_failed) == 0);
  CHECK(other_thread_failed != NULL);
  CHECK(atip_error_last_status() == ATIP_OK);
}

static void test_handle_error(void) {
  atip_db *db = open_test_network();
  atip_db *other = open_test_network();
  atip_status status = (atip_status)99;
  char *message = UNTOUCHED;
  char *record = UNTOUCHED;

  CHECK_STATUS(ATIP_OK, atip_db_error_status(&status, db));
  CHECK(status == ATIP_OK);
  CHECK_STATUS(ATIP_OK, atip_db_error_message(&message, db));
  CHECK(message != UNTOUCHED);
  if (message != UNTOUCHED) CHECK(strcmp(message, "") == 0);
  atip_free(message);

  CHECK_STATUS(ATIP_E_NOT_FOUND, atip_record_get(&record, db, ATIP_ENTITY_LAWYER, "lawyer-404", NULL));
  CHECK(record == UNTOUCHED);
  atip_error_clear();

  /* The handle keeps its error after the thread's error was cleared, and
   * another handle does not see it. */
  CHECK_STATUS(ATIP_OK, atip_db_error_status(&status, db));
  CHECK(status == ATIP_E_NOT_FOUND);
  message = UNTOUCHED;
  CHECK_STATUS(ATIP_OK, atip_db_error_message(&message, db));
  CHECK_CONTAINS(message, "atip_record_get");
  CHECK_CONTAINS(message, "lawyer-404");
  atip_free(message);
  CHECK_STATUS(ATIP_OK, atip_db_error_status(&status, other));
  CHECK(status == ATIP_OK);

  status = (atip_status)99;
  message = UNTOUCHED;
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_db_error_status(NULL, db));
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_db_error_status(&status, NULL));
  CHECK(status == (atip_status)99);
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_db_error_message(NULL, db));
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_db_error_message(&message, NULL));
  CHECK(message == UNTOUCHED);

  atip_db_close(other);
  atip_db_close(db);
}

static void test_free_and_close_accept_null(void) {
  atip_free(NULL);
  atip_db_close(NULL);
  CHECK(1);
}

/* ------------------------------------------------------------------------ */
/* Logging */

struct log_capture {
  int calls;
  int info_calls;
  int debug_calls;
  int nested_set_status;
  char last[512];
};

static void capture_log(atip_log_level level, const char *message, void *payload) {
  struct log_capture *capture = (struct log_capture *)payload;
  capture->calls += 1;
  if (level == ATIP_LOG_INFO) capture->info_calls += 1;
  if (level == ATIP_LOG_DEBUG) capture->debug_calls += 1;
  strncpy(capture->last, message, sizeof capture->last - 1);
  capture->last[sizeof capture->last - 1] = '\0';
  /* Replacing the callback from inside it is rejected, not a deadlock. */
  capture->nested_set_status = (int)atip_set_log_callback(NULL, NULL);
}

static void test_log_callback(void) {
  struct log_capture capture;
  atip_db *db = NULL;
  char *record = UNTOUCHED;
  int calls_before_reset;

  memset(&capture, 0, sizeof capture);
  CHECK_STATUS(ATIP_OK, atip_set_log_callback(capture_log, &capture));

  CHECK_STATUS(ATIP_OK, atip_db_open(&db, ":memory:", NULL));
  CHECK(capture.info_calls >= 1);
  CHECK_CONTAINS(capture.last, "atip_db_open");
  CHECK(capture.nested_set_status == ATIP_E_INVALID_STATE);

  CHECK_STATUS(ATIP_E_NOT_FOUND, atip_record_get(&record, db, ATIP_ENTITY_MATTER, "matter-404", NULL));
  CHECK(capture.debug_calls == 1);
  CHECK_CONTAINS(capture.last, "matter-404");

  /* With the callback turned off, nothing more is delivered. */
  CHECK_STATUS(ATIP_OK, atip_set_log_callback(NULL, NULL));
  calls_before_reset = capture.calls;
  CHECK_STATUS(ATIP_E_NOT_FOUND, atip_record_get(&record, db, ATIP_ENTITY_MATTER, "matter-404", NULL));
  atip_db_close(db);
  CHECK(capture.calls == calls_before_reset);
}

/* ------------------------------------------------------------------------ */
/* Opening */

static void test_open_rejects_bad_arguments(void) {
  atip_db *db = (atip_db *)UNTOUCHED;
  atip_open_options options = ATIP_OPEN_OPTIONS_INIT;
  static const unsigned char short_key[4] = {1, 2, 3, 4};

  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_db_open(NULL, ":memory:", NULL));
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_db_open(&db, NULL, NULL));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "path: must not be NULL");
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_db_open(&db, "/tmp/atip-\xff.db", NULL));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "UTF-8");

  options.version = 0;
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_db_open(&db, ":memory:", &options));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "options.version: 0 is not supported");
  options.version = ATIP_OPEN_OPTIONS_VERSION + 1;
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_db_open(&db, ":memory:", &options));

  options.version = ATIP_OPEN_OPTIONS_VERSION;
  options.busy_timeout_ms = -1;
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_db_open(&db, ":memory:", &options));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "options.busy_timeout_ms");
  options.busy_timeout_ms = 5000;

  options.audit_key_length = 16;
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_db_open(&db, ":memory:", &options));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "options.audit_key_length");
  options.audit_key = short_key;
  options.audit_key_length = 0;
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_db_open(&db, ":memory:", &options));
  options.audit_key_length = sizeof short_key;
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_db_open(&db, ":memory:", &options));
  options.audit_key = NULL;
  options.audit_key_length = 0;

  options.conflict_check_reminder_days = 0;
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_db_open(&db, ":memory:", &options));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "options.conflict_check_reminder_days");
  options.conflict_check_reminder_days = 91;
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_db_open(&db, ":memory:", &options));
  options.conflict_check_reminder_days = 5;

  options.create = 0;
  CHECK_STATUS(ATIP_E_IO, atip_db_open(&db, "/nonexistent-directory/atip.db", &options));
  CHECK(db == (atip_db *)UNTOUCHED);
}

static void test_open_file_and_options(void) {
  char path[] = "/tmp/atip-capi-XXXXXX";
  char file[64];
  static const unsigned char key[32] = {7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
                                        7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7};
  atip_open_options options = ATIP_OPEN_OPTIONS_INIT;
  atip_db *db = NULL;
  char *out = UNTOUCHED;
  size_t added = 999;

  CHECK(mkdtemp(path) != NULL);
  sprintf(file, "%s/network.db", path);

  options.audit_key = key;
  options.audit_key_length = sizeof key;
  options.load_reference_data = 0;
  CHECK_STATUS(ATIP_OK, atip_db_open(&db, file, &options));
  CHECK_STATUS(ATIP_OK, atip_record_list(&out, db, ATIP_ENTITY_JURISDICTION, NULL));
  CHECK(out != UNTOUCHED);
  if (out != UNTOUCHED) CHECK(strncmp(out, "[]", 2) == 0);
  atip_free(out);

  CHECK_STATUS(ATIP_OK, atip_db_load_reference_data(&added, db));
  CHECK(added > 10);
  CHECK_STATUS(ATIP_OK, atip_db_load_reference_data(&added, db));
  CHECK(added == 0);
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_db_load_reference_data(NULL, db));
  added = 999;
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_db_load_reference_data(&added, NULL));
  CHECK(added == 999);
  atip_db_close(db);

  /* Read-only: reading works, writing and the workflow do not. */
  options.read_only = 1;
  db = NULL;
  CHECK_STATUS(ATIP_OK, atip_db_open(&db, file, &options));
  out = UNTOUCHED;
  CHECK_STATUS(ATIP_OK, atip_record_get(&out, db, ATIP_ENTITY_JURISDICTION, "TH", NULL));
  CHECK_CONTAINS(out, "Thailand");
  atip_free(out);
  out = UNTOUCHED;
  CHECK(atip_record_add(&out, db, ATIP_ENTITY_ORGANIZATION, "{\"kind\": \"ngo\", \"names\": [\"A\"]}") != ATIP_OK);
  CHECK(out == UNTOUCHED);
  CHECK_STATUS(ATIP_E_INVALID_STATE, atip_audit_verify(&out, db, "{}"));
  CHECK(out == UNTOUCHED);
  atip_db_close(db);

  remove(file);
  rmdir(path);
}

/* ------------------------------------------------------------------------ */
/* Import and export */

static void test_import_and_export(void) {
  atip_db *db = NULL;
  atip_db *copy = NULL;
  char *network = read_file(ATIP_CAPI_TEST_NETWORK);
  char *report = UNTOUCHED;
  char *exported = UNTOUCHED;
  char *exported_again = UNTOUCHED;
  char *confidential = UNTOUCHED;
  atip_export_options options = ATIP_EXPORT_OPTIONS_INIT;
  atip_open_options open_options = ATIP_OPEN_OPTIONS_INIT;

  CHECK_STATUS(ATIP_OK, atip_db_open(&db, ":memory:", NULL));
  check_request_call_rejects_bad_input("atip_db_import_json", atip_db_import_json, db);

  CHECK_STATUS(ATIP_OK, atip_db_import_json(&report, db, network));
  CHECK_CONTAINS(report, "\"lawyers\": 5");
  CHECK_CONTAINS(report, "\"total\"");
  atip_free(report);

  /* A second import of the same ids fails as a whole. */
  report = UNTOUCHED;
  CHECK_STATUS(ATIP_E_ALREADY_EXISTS, atip_db_import_json(&report, db, network));
  CHECK(report == UNTOUCHED);

  /* A field error names the JSON path and the value, and nothing is written. */
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT,
               atip_db_import_json(&report, db,
                                   "{\"organizations\": [{\"id\": \"ngo-new\", \"kind\": \"ngo\", \"names\": [\"New\"]}],"
                                   " \"lawyers\": [{\"names\": [\"X\"], \"languages\": [{\"tag\": \"xx-?\", "
                                   "\"proficiency\": \"native\"}]}]}"));
  CHECK_CONTAINS(atip_error_last_message(), "lawyers[0].languages[0].tag");
  CHECK_CONTAINS(atip_error_last_message(), "xx-?");
  CHECK_STATUS(ATIP_E_NOT_FOUND, atip_record_get(&report, db, ATIP_ENTITY_ORGANIZATION, "ngo-new", NULL));
  CHECK_STATUS(ATIP_E_SCHEMA_VERSION, atip_db_import_json(&report, db, "{\"format\": \"atip-dataset\", \"version\": 99}"));
  CHECK(report == UNTOUCHED);

  /* Export leaves the confidential fields out unless asked. */
  CHECK_STATUS(ATIP_OK, atip_db_export_json(&exported, db, NULL));
  CHECK_CONTAINS(exported, "\"atip-dataset\"");
  CHECK(strstr(exported, "MMRC-2026-014") == NULL);
  options.include_confidential = 1;
  CHECK_STATUS(ATIP_OK, atip_db_export_json(&confidential, db, &options));
  CHECK_CONTAINS(confidential, "MMRC-2026-014");

  /* Export, import into an empty database, export again: the same bytes. */
  open_options.load_reference_data = 0;
  CHECK_STATUS(ATIP_OK, atip_db_open(&copy, ":memory:", &open_options));
  report = UNTOUCHED;
  CHECK_STATUS(ATIP_OK, atip_db_import_json(&report, copy, confidential));
  atip_free(report);
  CHECK_STATUS(ATIP_OK, atip_db_export_json(&exported_again, copy, &options));
  CHECK(strcmp(confidential, exported_again) == 0);

  /* Bad arguments. */
  report = UNTOUCHED;
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_db_export_json(NULL, db, NULL));
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_db_export_json(&report, NULL, NULL));
  options.version = 0;
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_db_export_json(&report, db, &options));
  CHECK(report == UNTOUCHED);

  atip_free(exported);
  atip_free(exported_again);
  atip_free(confidential);
  atip_db_close(copy);
  atip_db_close(db);
  free(network);
}

/* ------------------------------------------------------------------------ */
/* Records */

/* One valid record per kind, with its id (code for jurisdictions and
 * practice areas), and a changed version for update. */
static const struct {
  atip_entity entity;
  const char *id;
  const char *record;
  const char *updated;
  const char *updated_text;
} records[] = {
    {ATIP_ENTITY_JURISDICTION, "TH-10",
     "{\"code\": \"TH-10\", \"name\": \"Bangkok\", \"parent\": \"TH\"}",
     "{\"code\": \"TH-10\", \"name\": \"Krung Thep Maha Nakhon\", \"parent\": \"TH\"}", "Krung Thep"},
    {ATIP_ENTITY_PRACTICE_AREA, "labour.fishing",
     "{\"code\": \"labour.fishing\", \"parent\": \"labour\", \"name\": \"Fishing crews\"}",
     "{\"code\": \"labour.fishing\", \"parent\": \"labour\", \"name\": \"Fishing vessel crews\"}", "vessel"},
    {ATIP_ENTITY_ORGANIZATION, "ngo-test", "{\"id\": \"ngo-test\", \"kind\": \"ngo\", \"names\": [\"Test NGO\"]}",
     "{\"id\": \"ngo-test\", \"kind\": \"ngo\", \"names\": [\"Renamed NGO\"]}", "Renamed"},
    {ATIP_ENTITY_LAWYER, "lawyer-test",
     "{\"id\": \"lawyer-test\", \"names\": [\"Malai Thongdee\"], \"admissions\": [{\"jurisdiction\": \"TH\"}]}",
     "{\"id\": \"lawyer-test\", \"names\": [\"Malai Thongdee\"], \"vetted\": true}", "\"vetted\": true"},
    {ATIP_ENTITY_MATTER, "matter-test",
     "{\"id\": \"matter-test\", \"ngo\": \"ngo-test\", \"title\": \"Advice on repatriation\", "
     "\"practice_area\": \"immigration.repatriation\", \"forum\": \"TH\", \"activities\": [\"advise_local_law\"]}",
     "{\"id\": \"matter-test\", \"ngo\": \"ngo-test\", \"title\": \"Advice on return\", "
     "\"practice_area\": \"immigration.repatriation\", \"forum\": \"TH\", \"activities\": [\"advise_local_law\"]}",
     "on return"},
    {ATIP_ENTITY_ENGAGEMENT, "engagement-test",
     "{\"id\": \"engagement-test\", \"matter\": \"matter-test\", \"lawyer\": \"lawyer-test\", "
     "\"offered_on\": \"2026-02-01\"}",
     "{\"id\": \"engagement-test\", \"matter\": \"matter-test\", \"lawyer\": \"lawyer-test\", "
     "\"offered_on\": \"2026-02-02\"}",
     "2026-02-02"},
    {ATIP_ENTITY_EVENT, "event-test",
     "{\"id\": \"event-test\", \"title\": \"Wage claims workshop\", \"date\": \"2026-03-01\", \"jurisdiction\": \"TH\"}",
     "{\"id\": \"event-test\", \"title\": \"Wage claims roundtable\", \"kind\": \"roundtable\", "
     "\"date\": \"2026-03-01\", \"jurisdiction\": \"TH\"}",
     "roundtable"},
    {ATIP_ENTITY_SERVICE, "service-test",
     "{\"id\": \"service-test\", \"names\": [\"Migrant legal clinic\"], \"jurisdiction\": \"TH\"}",
     "{\"id\": \"service-test\", \"names\": [\"Migrant legal clinic\"], \"jurisdiction\": \"TH\", \"cost\": \"free\"}",
     "free"},
};

static void test_record_round_trip(atip_db *db, size_t i) {
  char *id = UNTOUCHED;
  char *record = UNTOUCHED;
  char *list = UNTOUCHED;

  CHECK_STATUS(ATIP_OK, atip_record_add(&id, db, records[i].entity, records[i].record));
  CHECK(id != UNTOUCHED);
  if (id != UNTOUCHED) CHECK(strcmp(id, records[i].id) == 0);
  atip_free(id);
  id = UNTOUCHED;
  CHECK_STATUS(ATIP_E_ALREADY_EXISTS, atip_record_add(&id, db, records[i].entity, records[i].record));
  CHECK(id == UNTOUCHED);

  CHECK_STATUS(ATIP_OK, atip_record_get(&record, db, records[i].entity, records[i].id, NULL));
  CHECK_CONTAINS(record, records[i].id);
  atip_free(record);

  CHECK_STATUS(ATIP_OK, atip_record_update(db, records[i].entity, records[i].updated));
  record = UNTOUCHED;
  CHECK_STATUS(ATIP_OK, atip_record_get(&record, db, records[i].entity, records[i].id, NULL));
  CHECK_CONTAINS(record, records[i].updated_text);
  atip_free(record);

  CHECK_STATUS(ATIP_OK, atip_record_list(&list, db, records[i].entity, NULL));
  CHECK_CONTAINS(list, records[i].id);
  atip_free(list);
}

static void test_record_removal(atip_db *db, size_t i) {
  char *record = UNTOUCHED;
  CHECK_STATUS(ATIP_OK, atip_record_remove(db, records[i].entity, records[i].id));
  CHECK_STATUS(ATIP_E_NOT_FOUND, atip_record_get(&record, db, records[i].entity, records[i].id, NULL));
  CHECK(record == UNTOUCHED);
  CHECK_STATUS(ATIP_E_NOT_FOUND, atip_record_remove(db, records[i].entity, records[i].id));
}

static void test_records(void) {
  atip_db *db = open_test_network();
  size_t count = sizeof records / sizeof records[0];
  size_t i;

  /* Added in dependency order, removed in reverse. */
  for (i = 0; i < count; ++i) test_record_round_trip(db, i);

  /* A record that others refer to cannot go first. */
  CHECK_STATUS(ATIP_E_CONSTRAINT, atip_record_remove(db, ATIP_ENTITY_ORGANIZATION, "ngo-test"));
  for (i = count; i > 0; --i) test_record_removal(db, i - 1);

  atip_db_close(db);
}

static void test_record_options_and_confidentiality(void) {
  atip_db *db = open_test_network();
  char *out = UNTOUCHED;
  atip_export_options export_options = ATIP_EXPORT_OPTIONS_INIT;
  atip_list_options list_options = ATIP_LIST_OPTIONS_INIT;

  CHECK_STATUS(ATIP_OK, atip_record_get(&out, db, ATIP_ENTITY_MATTER, "matter-1", NULL));
  CHECK(strstr(out, "MMRC-2026-014") == NULL);
  atip_free(out);
  export_options.include_confidential = 1;
  CHECK_STATUS(ATIP_OK, atip_record_get(&out, db, ATIP_ENTITY_MATTER, "matter-1", &export_options));
  CHECK_CONTAINS(out, "MMRC-2026-014");
  atip_free(out);

  list_options.limit = 2;
  list_options.offset = 1;
  CHECK_STATUS(ATIP_OK, atip_record_list(&out, db, ATIP_ENTITY_LAWYER, &list_options));
  CHECK(strstr(out, "lawyer-1") == NULL);
  CHECK_CONTAINS(out, "lawyer-2");
  CHECK_CONTAINS(out, "lawyer-3");
  CHECK(strstr(out, "lawyer-4") == NULL);
  atip_free(out);

  list_options.limit = 0;
  list_options.offset = 0;
  list_options.include_confidential = 1;
  CHECK_STATUS(ATIP_OK, atip_record_list(&out, db, ATIP_ENTITY_MATTER, &list_options));
  CHECK_CONTAINS(out, "MMRC-2026-014");
  atip_free(out);

  atip_db_close(db);
}

static void test_records_reject_bad_arguments(void) {
  atip_db *db = open_test_network();
  char *out = UNTOUCHED;
  atip_list_options list_options = ATIP_LIST_OPTIONS_INIT;
  atip_export_options export_options = ATIP_EXPORT_OPTIONS_INIT;
  const char *organization = "{\"kind\": \"ngo\", \"names\": [\"Another NGO\"]}";

  /* add */
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_record_add(NULL, db, ATIP_ENTITY_ORGANIZATION, organization));
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_record_add(&out, NULL, ATIP_ENTITY_ORGANIZATION, organization));
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_record_add(&out, db, ATIP_ENTITY_ORGANIZATION, NULL));
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_record_add(&out, db, ATIP_ENTITY_ANY, organization));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "entity: 0 is not a kind of record");
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_record_add(&out, db, (atip_entity)42, organization));
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_record_add(&out, db, ATIP_ENTITY_ORGANIZATION, INVALID_UTF8_JSON));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "UTF-8");
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_record_add(&out, db, ATIP_ENTITY_ORGANIZATION, MALFORMED_JSON));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "malformed JSON at byte");
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT,
               atip_record_add(&out, db, ATIP_ENTITY_ORGANIZATION, "{\"kind\": \"ngo\", \"names\": [\"A\"], \"colour\": 1}"));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "unknown field \"colour\"");
  CHECK_STATUS(ATIP_E_CONSTRAINT, atip_record_add(&out, db, ATIP_ENTITY_LAWYER,
                                                  "{\"names\": [\"B\"], \"firm\": \"firm-404\"}"));
  CHECK_LAST_ERROR(ATIP_E_CONSTRAINT, "firm-404");
  CHECK(out == UNTOUCHED);

  /* get */
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_record_get(NULL, db, ATIP_ENTITY_LAWYER, "lawyer-1", NULL));
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_record_get(&out, NULL, ATIP_ENTITY_LAWYER, "lawyer-1", NULL));
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_record_get(&out, db, ATIP_ENTITY_LAWYER, NULL, NULL));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "id: must not be NULL");
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_record_get(&out, db, ATIP_ENTITY_LAWYER, "lawyer-\xc3", NULL));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "UTF-8");
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_record_get(&out, db, ATIP_ENTITY_LAWYER, "", NULL));
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_record_get(&out, db, ATIP_ENTITY_ANY, "lawyer-1", NULL));
  export_options.version = 0;
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_record_get(&out, db, ATIP_ENTITY_LAWYER, "lawyer-1", &export_options));
  CHECK(out == UNTOUCHED);

  /* update */
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_record_update(NULL, ATIP_ENTITY_ORGANIZATION, organization));
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_record_update(db, ATIP_ENTITY_ORGANIZATION, NULL));
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_record_update(db, ATIP_ENTITY_ANY, organization));
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_record_update(db, ATIP_ENTITY_ORGANIZATION, INVALID_UTF8_JSON));
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_record_update(db, ATIP_ENTITY_ORGANIZATION, MALFORMED_JSON));
  CHECK_STATUS(ATIP_E_NOT_FOUND, atip_record_update(db, ATIP_ENTITY_ORGANIZATION,
                                                    "{\"id\": \"org-404\", \"kind\": \"ngo\", \"names\": [\"C\"]}"));

  /* remove */
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_record_remove(NULL, ATIP_ENTITY_LAWYER, "lawyer-1"));
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_record_remove(db, ATIP_ENTITY_LAWYER, NULL));
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_record_remove(db, ATIP_ENTITY_LAWYER, "\xfe"));
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_record_remove(db, ATIP_ENTITY_ANY, "lawyer-1"));

  /* list */
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_record_list(NULL, db, ATIP_ENTITY_LAWYER, NULL));
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_record_list(&out, NULL, ATIP_ENTITY_LAWYER, NULL));
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_record_list(&out, db, ATIP_ENTITY_ANY, NULL));
  list_options.version = 7;
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_record_list(&out, db, ATIP_ENTITY_LAWYER, &list_options));
  CHECK(out == UNTOUCHED);

  atip_db_close(db);
}

/* ------------------------------------------------------------------------ */
/* Directory search */

static void test_directory(void) {
  atip_db *db = open_test_network();
  char *out = UNTOUCHED;
  atip_directory_query query = ATIP_DIRECTORY_QUERY_INIT;

  query.text = "wongsawat";
  CHECK_STATUS(ATIP_OK, atip_directory_search(&out, db, &query));
  CHECK_CONTAINS(out, "lawyer-2");
  atip_free(out);

  query.text = "";
  query.entity = ATIP_ENTITY_ORGANIZATION;
  query.jurisdiction = "KH";
  CHECK_STATUS(ATIP_OK, atip_directory_search(&out, db, &query));
  CHECK_CONTAINS(out, "ngo-mekong");
  CHECK(strstr(out, "firm-chao") == NULL);
  atip_free(out);

  CHECK_STATUS(ATIP_OK, atip_directory_rebuild_index(db));
  query = (atip_directory_query)ATIP_DIRECTORY_QUERY_INIT;
  query.text = "Pimchanok";
  query.language = "km";
  CHECK_STATUS(ATIP_OK, atip_directory_search(&out, db, &query));
  CHECK_CONTAINS(out, "lawyer-1");
  atip_free(out);

  /* Bad arguments. */
  out = UNTOUCHED;
  query = (atip_directory_query)ATIP_DIRECTORY_QUERY_INIT;
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_directory_search(NULL, db, &query));
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_directory_search(&out, NULL, &query));
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_directory_search(&out, db, NULL));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "query: must not be NULL");
  query.text = "caf\xe9";
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_directory_search(&out, db, &query));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "query.text");
  query.text = NULL;
  query.entity = ATIP_ENTITY_MATTER;
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_directory_search(&out, db, &query));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "query.entity");
  query.entity = ATIP_ENTITY_ANY;
  query.limit = 0;
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_directory_search(&out, db, &query));
  query.limit = 20;
  query.version = 0;
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_directory_search(&out, db, &query));
  CHECK(out == UNTOUCHED);
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_directory_rebuild_index(NULL));

  atip_db_close(db);
}

int main(void) {
  test_version();
  test_status_names();
  test_thread_error();
  test_handle_error();
  test_free_and_close_accept_null();
  test_log_callback();
  test_open_rejects_bad_arguments();
  test_open_file_and_options();
  test_import_and_export();
  test_records();
  test_record_options_and_confidentiality();
  test_records_reject_bad_arguments();
  test_directory();
  return finish_test("test_capi_core");
}
