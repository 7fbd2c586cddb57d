/* C ABI tests: the hours, lifecycle, workshops and coverage reports, with
 * small-cell suppression, CSV output and read-only handles, plus the
 * bad-input cases of every report call. */
/* mkdtemp() and rmdir() are POSIX, outside C99. */
#define _XOPEN_SOURCE 700

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "capi_test.h"

/* Records added to the test network:
 *
 * engagement  lawyer (firm)         matter    forum  hours (2026)
 * eng-h1      lawyer-2 (firm-chao)  matter-h  TH     01-10 3.0, 02-05 4.5
 * eng-k1      lawyer-4 (no firm)    matter-k  KH     01-15 6.0
 *
 * matter-gap is a court case in Myanmar in Burmese: no lawyer of the
 * network is admitted there. event-ws is a workshop ten days ago in
 * Thailand; the tests record lawyer-1 and lawyer-3 as attendees. */
static const char *report_data_format =
    "{\"format\": \"atip-dataset\", \"version\": 1, \"matters\": ["
    "{\"id\": \"matter-h\", \"ngo\": \"ngo-mekong\", \"title\": \"Wage claim of a deckhand\", "
    "\"practice_area\": \"labour.wage_claims\", \"forum\": \"TH\", \"activities\": [\"advise_local_law\"], "
    "\"status\": \"in_progress\", \"created\": \"2026-01-02\"}, "
    "{\"id\": \"matter-k\", \"ngo\": \"ngo-mekong\", \"title\": \"Wage claim of a returned worker\", "
    "\"practice_area\": \"labour.wage_claims\", \"forum\": \"KH\", \"activities\": [\"advise_local_law\"], "
    "\"status\": \"in_progress\", \"created\": \"2026-01-02\"}, "
    "{\"id\": \"matter-gap\", \"ngo\": \"ngo-mekong\", \"title\": \"Compensation claim in Yangon\", "
    "\"practice_area\": \"labour.wage_claims\", \"forum\": \"MM\", \"languages\": [\"my\"], "
    "\"activities\": [\"appear_in_court\"], \"status\": \"circulated\", \"created\": \"2026-01-02\"}], "
    "\"engagements\": ["
    "{\"id\": \"eng-h1\", \"matter\": \"matter-h\", \"lawyer\": \"lawyer-2\", \"status\": \"active\", "
    "\"offered_on\": \"2026-01-02\", \"decided_on\": \"2026-01-03\", "
    "\"hours\": [{\"date\": \"2026-01-10\", \"hours\": 3.0}, {\"date\": \"2026-02-05\", \"hours\": 4.5}]}, "
    "{\"id\": \"eng-k1\", \"matter\": \"matter-k\", \"lawyer\": \"lawyer-4\", \"status\": \"active\", "
    "\"offered_on\": \"2026-01-02\", \"decided_on\": \"2026-01-03\", "
    "\"hours\": [{\"date\": \"2026-01-15\", \"hours\": 6.0}]}], "
    "\"events\": [{\"id\": \"event-ws\", \"title\": \"Forced labour casework, Bangkok\", \"date\": \"%s\", "
    "\"jurisdiction\": \"TH\", \"topics\": [\"labour.forced_labour\"]}]}";

/* The UTC dates of today and of the workshop, set in main(). */
static char today[16];
static char workshop_day[16];

/* The day's period label, "2026-03", set in main(). */
static char this_month[16];

static void import_report_data(atip_db *db) {
  char document[4096];
  char *report = NULL;
  sprintf(document, report_data_format, workshop_day);
  CHECK_STATUS(ATIP_OK, atip_db_import_json(&report, db, document));
  atip_free(report);
}

/* Posts matter-r and places it with lawyer-1 today, so the lifecycle has
 * one circulation and one placement this month, and lawyer-1's acceptance
 * follows the workshop. */
static void place_matter_after_workshop(atip_db *db) {
  char check[129];
  char engagement[129];
  char request[256];
  char *out;

  out = RUN_OK(atip_workflow_post_matter, db,
               "{\"actor\": \"coordinator-1\", \"matter\": {\"id\": \"matter-r\", \"ngo\": \"ngo-mekong\", "
               "\"title\": \"Unpaid wages at a garment workshop\", \"practice_area\": \"labour.wage_claims\", "
               "\"forum\": \"TH\", \"languages\": [\"km\"], \"interpreter_accepted\": true, "
               "\"activities\": [\"advise_local_law\"]}}");
  atip_free(out);
  out = RUN_OK(atip_workflow_transition, db, "{\"matter\": \"matter-r\", \"to\": \"vetted\", \"actor\": \"c-1\"}");
  atip_free(out);
  out = RUN_OK(atip_workflow_transition, db, "{\"matter\": \"matter-r\", \"to\": \"circulated\", \"actor\": \"c-1\"}");
  atip_free(out);
  out = RUN_OK(atip_workflow_express_interest, db,
               "{\"matter\": \"matter-r\", \"lawyer\": \"lawyer-1\", \"actor\": \"lawyer-1\"}");
  atip_free(out);

  run_request_for_id("atip_workflow_request_conflict_check", atip_workflow_request_conflict_check, db,
             "{\"matter\": \"matter-r\", \"lawyer\": \"lawyer-1\", \"actor\": \"c-1\"}", check, sizeof check);
  sprintf(request, "{\"check\": \"%s\", \"result\": \"cleared\", \"actor\": \"partner-1\"}", check);
  out = RUN_OK(atip_workflow_record_conflict_check, db, request);
  atip_free(out);

  run_request_for_id("atip_workflow_offer", atip_workflow_offer, db,
             "{\"matter\": \"matter-r\", \"lawyer\": \"lawyer-1\", \"decided_by\": \"c-1\"}", engagement,
             sizeof engagement);
  sprintf(request, "{\"engagement\": \"%s\", \"actor\": \"lawyer-1\"}", engagement);
  out = RUN_OK(atip_workflow_accept, db, request);
  atip_free(out);
}

/* ------------------------------------------------------------------------ */
/* Hours */

static void test_hours(atip_db *db) {
  char *out = RUN_OK(atip_report_hours, db,
                     "{\"by\": \"lawyer\", \"min_cell_size\": 1, \"hourly_rates\": {\"TH\": 50}, \"currency\": \"EUR\"}");

  /* lawyer-2: 3.0 h in January and 4.5 h in February at 50; lawyer-4: 6.0 h
   * in January in Cambodia, which has no rate. */
  CHECK_CONTAINS(out, "\"report\": \"hours\"");
  CHECK_CONTAINS(out, "\"by\": \"lawyer\"");
  CHECK_CONTAINS(out, "\"currency\": \"EUR\"");
  CHECK(count_occurrences(out, "\"key\": ") == 3);
  CHECK(count_occurrences(out, "\"key\": \"lawyer-2\"") == 2);
  CHECK_CONTAINS(out, "\"period\": \"2026-02\"");
  CHECK_CONTAINS(out, "\"value\": 225.0");
  CHECK_CONTAINS(out, "\"value\": 150.0");
  CHECK_CONTAINS(out, "\"unpriced_hours\": 6.0");
  CHECK_CONTAINS(out, "\"hours\": 13.5");
  CHECK_CONTAINS(out, "\"value\": 375.0");
  CHECK_CONTAINS(out, "\"matters\": 1");
  atip_free(out);

  /* By jurisdiction per year, both forums priced. */
  out = RUN_OK(atip_report_hours, db,
               "{\"by\": \"jurisdiction\", \"period\": \"year\", \"min_cell_size\": 1, "
               "\"hourly_rates\": {\"TH\": 50, \"KH\": 40}}");
  CHECK(count_occurrences(out, "\"key\": ") == 2);
  CHECK_CONTAINS(out, "\"key\": \"KH\"");
  CHECK_CONTAINS(out, "\"period\": \"2026\"");
  CHECK_CONTAINS(out, "\"hours\": 7.5");
  CHECK_CONTAINS(out, "\"value\": 240.0");
  CHECK_CONTAINS(out, "\"value\": 615.0");
  CHECK_CONTAINS(out, "\"currency\": \"USD\"");
  atip_free(out);

  /* Rates in a currency with small units, such as VND, stay well within range. */
  out = RUN_OK(atip_report_hours, db,
               "{\"by\": \"lawyer\", \"min_cell_size\": 1, \"hourly_rates\": {\"TH\": 1000000000}, "
               "\"currency\": \"VND\"}");
  CHECK_CONTAINS(out, "\"value\": 7500000000.0");
  atip_free(out);

  /* The date range keeps February only; the default groups by firm. */
  out = RUN_OK(atip_report_hours, db, "{\"from\": \"2026-02-01\", \"to\": \"2026-02-28\", \"period\": \"quarter\"}");
  CHECK_CONTAINS(out, "\"by\": \"firm\"");
  CHECK_CONTAINS(out, "\"from\": \"2026-02-01\"");
  CHECK(count_occurrences(out, "\"key\": ") == 1);
  CHECK_CONTAINS(out, "\"key\": \"firm-chao\"");
  CHECK_CONTAINS(out, "\"period\": \"2026-Q1\"");
  CHECK_CONTAINS(out, "\"hours\": 4.5");
  /* One matter is under the default minimum cell of 11. */
  CHECK_CONTAINS(out, "\"matters\": null");
  CHECK_CONTAINS(out, "\"min_cell_size\": 11");
  atip_free(out);

  /* CSV: a header line, CRLF line ends, suppressed cells spelt out. */
  out = RUN_OK(atip_report_hours, db, "{\"by\": \"practice_area\", \"format\": \"csv\"}");
  CHECK_STARTS_WITH(out, "practice_area,name,period,hours,value,currency,unpriced_hours,matters\r\n");
  CHECK_CONTAINS(out, "\r\n,,total,13.50,0.00,USD,13.50,\r\n");
  CHECK_CONTAINS(out, "labour.wage_claims");
  CHECK_CONTAINS(out, "suppressed");
  CHECK_LACKS(out, "{");
  atip_free(out);
}

/* ------------------------------------------------------------------------ */
/* Lifecycle and workshops */

static void test_lifecycle(atip_db *db) {
  char expected[64];
  char *out = RUN_OK(atip_report_lifecycle, db, "{\"min_cell_size\": 1}");

  /* matter-r was circulated and placed today, the same day. Imported
   * matters have no recorded steps and do not count. */
  sprintf(expected, "\"period\": \"%s\"", this_month);
  CHECK_CONTAINS(out, "\"report\": \"lifecycle\"");
  CHECK(count_occurrences(out, expected) == 1);
  CHECK(count_occurrences(out, "\"circulated\": 1") == 2);
  CHECK(count_occurrences(out, "\"placed\": 1") == 2);
  CHECK(count_occurrences(out, "\"closed\": 0") == 2);
  CHECK_CONTAINS(out, "\"median_days_to_placement\": 0.0");
  CHECK_CONTAINS(out, "\"period\": \"total\"");
  atip_free(out);

  /* With the default minimum cell of 11 every count of one is withheld,
   * and so are the statistics over one matter. */
  out = RUN_OK(atip_report_lifecycle, db, "{\"period\": \"year\"}");
  CHECK(count_occurrences(out, "\"circulated\": null") == 2);
  CHECK(count_occurrences(out, "\"placed\": null") == 2);
  CHECK(count_occurrences(out, "\"median_days_to_placement\": null") == 2);
  atip_free(out);

  /* A range before any step has no rows; its total counts zero. */
  out = RUN_OK(atip_report_lifecycle, db, "{\"to\": \"2000-12-31\", \"min_cell_size\": 1}");
  CHECK_CONTAINS(out, "\"rows\": []");
  CHECK_CONTAINS(out, "\"circulated\": 0");
  atip_free(out);

  out = RUN_OK(atip_report_lifecycle, db, "{\"format\": \"csv\", \"min_cell_size\": 1}");
  CHECK_STARTS_WITH(out, "period,circulated,placed,closed,");
  CHECK_CONTAINS(out, this_month);
  CHECK_CONTAINS(out, "\r\ntotal,1,1,0,");
  atip_free(out);
}

static void test_workshops(atip_db *db) {
  char *out = RUN_OK(atip_report_workshops, db, "{\"min_cell_size\": 1}");

  /* Two attendees; lawyer-1 accepted matter-r ten days after the event. */
  CHECK_CONTAINS(out, "\"report\": \"workshops\"");
  CHECK_CONTAINS(out, "\"event\": \"event-ws\"");
  CHECK_CONTAINS(out, workshop_day);
  CHECK_CONTAINS(out, "\"attendees\": 2");
  CHECK_CONTAINS(out, "\"attendees_placed\": 1");
  CHECK_CONTAINS(out, "\"placements\": 1");
  CHECK_CONTAINS(out, "\"total_attendances\": 2");
  CHECK_CONTAINS(out, "\"placement_window_days\": 90");
  atip_free(out);

  /* A window shorter than the ten days leaves the placement out. */
  out = RUN_OK(atip_report_workshops, db, "{\"min_cell_size\": 1, \"placement_window_days\": 5}");
  CHECK_CONTAINS(out, "\"attendees_placed\": 0");
  CHECK_CONTAINS(out, "\"placements\": 0");
  atip_free(out);

  /* Attendees are lawyers, not survivors: never suppressed. */
  out = RUN_OK(atip_report_workshops, db, "{}");
  CHECK_CONTAINS(out, "\"attendees\": 2");
  CHECK_CONTAINS(out, "\"placements\": null");
  atip_free(out);

  out = RUN_OK(atip_report_workshops, db, "{\"from\": \"2000-01-01\", \"to\": \"2000-12-31\"}");
  CHECK_CONTAINS(out, "\"rows\": []");
  CHECK_CONTAINS(out, "\"total_attendances\": 0");
  atip_free(out);

  out = RUN_OK(atip_report_workshops, db, "{\"format\": \"csv\", \"min_cell_size\": 1}");
  CHECK_CONTAINS(out, "event-ws,\"Forced labour casework, Bangkok\",");
  atip_free(out);
}

/* ------------------------------------------------------------------------ */
/* Coverage */

static void test_coverage(atip_db *db) {
  char *out = RUN_OK(atip_report_coverage, db, "{\"min_cell_size\": 1}");

  /* matter-gap needs a lawyer admitted in Myanmar; the report names no matter. */
  CHECK_CONTAINS(out, "\"report\": \"coverage_gaps\"");
  CHECK_CONTAINS(out, "\"forum\": \"MM\"");
  CHECK_CONTAINS(out, "\"my\"");
  CHECK_CONTAINS(out, "\"binding\": \"admission\"");
  CHECK_CONTAINS(out, "\"matters_without_candidates\": 1");
  CHECK_LACKS(out, "matter-gap");
  atip_free(out);

  out = RUN_OK(atip_report_coverage, db, "{}");
  CHECK_CONTAINS(out, "\"matters_without_candidates\": null");
  CHECK_CONTAINS(out, "\"matters\": null");
  atip_free(out);

  /* A policy and a day pass through to the matcher. */
  out = RUN_OK(atip_report_coverage, db,
               "{\"min_cell_size\": 1, \"as_of\": \"2026-06-01\", \"policy\": {\"require_vetted\": false}}");
  CHECK_CONTAINS(out, "\"forum\": \"MM\"");
  atip_free(out);

  out = RUN_OK(atip_report_coverage, db, "{\"format\": \"csv\", \"min_cell_size\": 1}");
  CHECK_STARTS_WITH(out, "forum,practice_area,languages,matters,binding\r\n");
  CHECK_CONTAINS(out, "MM,labour.wage_claims,my,1,admission\r\n");
  atip_free(out);
}

/* ------------------------------------------------------------------------ */
/* Bad input */

static const struct {
  const char *name;
  request_call call;
} calls[] = {
    {"atip_report_hours", atip_report_hours},
    {"atip_report_lifecycle", atip_report_lifecycle},
    {"atip_report_workshops", atip_report_workshops},
    {"atip_report_coverage", atip_report_coverage},
};

static void test_bad_input_of_every_call(atip_db *db) {
  size_t i;
  char *out = UNTOUCHED;
  char deep_request[512];

  /* {"format": [[[...]]]} with 200 levels of arrays. */
  strcpy(deep_request, "{\"format\": ");
  memset(deep_request + strlen(deep_request), '[', 200);
  memset(deep_request + strlen("{\"format\": ") + 200, ']', 200);
  strcpy(deep_request + strlen("{\"format\": ") + 400, "}");
  for (i = 0; i < sizeof calls / sizeof calls[0]; ++i) {
    check_request_call_rejects_bad_input(calls[i].name, calls[i].call, db);
    CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, calls[i].call(&out, db, "{\"colour\": \"blue\"}"));
    CHECK_CONTAINS(atip_error_last_message(), calls[i].name);
    CHECK_CONTAINS(atip_error_last_message(), "unknown field \"colour\"");
    CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, calls[i].call(&out, db, "{\"format\": \"xml\"}"));
    CHECK_CONTAINS(atip_error_last_message(), "request.format: \"xml\"");
    CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, calls[i].call(&out, db, "{\"min_cell_size\": 0}"));
    CHECK_CONTAINS(atip_error_last_message(), "request.min_cell_size");
    /* The NULL request is named as the argument, like out and db. */
    CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, calls[i].call(&out, db, NULL));
    CHECK_CONTAINS(atip_error_last_message(), ": request_json: must not be NULL");
    /* A field given twice is an error, not "the last one wins". */
    CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, calls[i].call(&out, db, "{\"format\": \"json\", \"format\": \"csv\"}"));
    CHECK_CONTAINS(atip_error_last_message(), "request: duplicate field \"format\"");
    /* Nesting beyond the parser's depth limit is a limit, as documented. */
    CHECK_STATUS(ATIP_E_LIMIT_EXCEEDED, calls[i].call(&out, db, deep_request));
    CHECK_CONTAINS(atip_error_last_message(), "nested more than");
    CHECK(out == UNTOUCHED);
  }
}

/* Fields of the wrong type, out of range, or of another kind of report. */
static void test_request_fields(atip_db *db) {
  static const struct request_case cases[] = {
      {atip_report_hours, "{\"by\": \"country\"}", ATIP_E_INVALID_ARGUMENT, "request.by"},
      {atip_report_hours, "{\"by\": 1}", ATIP_E_INVALID_ARGUMENT, "request.by"},
      {atip_report_hours, "{\"period\": \"week\"}", ATIP_E_INVALID_ARGUMENT, "request.period"},
      {atip_report_hours, "{\"period\": \"\"}", ATIP_E_INVALID_ARGUMENT, "request.period"},
      {atip_report_hours, "{\"from\": \"2026-13-01\"}", ATIP_E_INVALID_ARGUMENT, "request.from"},
      {atip_report_hours, "{\"from\": \"2026-03-01\", \"to\": \"2026-02-01\"}", ATIP_E_INVALID_ARGUMENT,
       "request.to: 2026-02-01 is before request.from"},
      {atip_report_hours, "{\"min_cell_size\": 1001}", ATIP_E_INVALID_ARGUMENT, "request.min_cell_size"},
      {atip_report_hours, "{\"min_cell_size\": \"11\"}", ATIP_E_INVALID_ARGUMENT, "request.min_cell_size"},
      {atip_report_hours, "{\"hourly_rates\": [50]}", ATIP_E_INVALID_ARGUMENT, "request.hourly_rates"},
      {atip_report_hours, "{\"hourly_rates\": {\"Thailand\": 50}}", ATIP_E_INVALID_ARGUMENT,
       "request.hourly_rates[\"Thailand\"]"},
      {atip_report_hours, "{\"hourly_rates\": {\"TH\": -1}}", ATIP_E_INVALID_ARGUMENT, "request.hourly_rates[\"TH\"]"},
      {atip_report_hours, "{\"hourly_rates\": {\"TH\": \"50\"}}", ATIP_E_INVALID_ARGUMENT,
       "request.hourly_rates[\"TH\"]"},
      /* A rate so large that the value of the hours overflows to infinity,
       * which JSON cannot carry. */
      {atip_report_hours, "{\"hourly_rates\": {\"TH\": 1e308}}", ATIP_E_INVALID_ARGUMENT,
       "request.hourly_rates[\"TH\"]: 1e+308 is not a rate"},
      {atip_report_hours, "{\"hourly_rates\": {\"KH\": 1000000001}}", ATIP_E_INVALID_ARGUMENT,
       "request.hourly_rates[\"KH\"]: 1000000001 is not a rate"},
      {atip_report_coverage, "{\"policy\": {\"min_score\": 0.1, \"min_score\": 0.9}}", ATIP_E_INVALID_ARGUMENT,
       "request.policy: duplicate field \"min_score\""},
      {atip_report_hours, "{\"currency\": \"usd\"}", ATIP_E_INVALID_ARGUMENT, "request.currency: \"usd\""},
      {atip_report_hours, "{\"currency\": \"\"}", ATIP_E_INVALID_ARGUMENT, "request.currency"},
      {atip_report_hours, "{\"currency\": 840}", ATIP_E_INVALID_ARGUMENT, "request.currency"},
      {atip_report_hours, "{\"placement_window_days\": 30}", ATIP_E_INVALID_ARGUMENT,
       "unknown field \"placement_window_days\""},
      {atip_report_hours, "{\"format\": null, \"by\": \"lawyer\", \"policy\": {}}", ATIP_E_INVALID_ARGUMENT,
       "unknown field \"policy\""},
      {atip_report_lifecycle, "{\"by\": \"lawyer\"}", ATIP_E_INVALID_ARGUMENT, "unknown field \"by\""},
      {atip_report_lifecycle, "{\"hourly_rates\": {}}", ATIP_E_INVALID_ARGUMENT, "unknown field \"hourly_rates\""},
      {atip_report_lifecycle, "{\"to\": \"2026-02-30\"}", ATIP_E_INVALID_ARGUMENT, "request.to"},
      {atip_report_lifecycle, "{\"period\": [\"month\"]}", ATIP_E_INVALID_ARGUMENT, "request.period"},
      {atip_report_workshops, "{\"period\": \"month\"}", ATIP_E_INVALID_ARGUMENT, "unknown field \"period\""},
      {atip_report_workshops, "{\"placement_window_days\": 3651}", ATIP_E_INVALID_ARGUMENT,
       "request.placement_window_days"},
      {atip_report_workshops, "{\"placement_window_days\": -1}", ATIP_E_INVALID_ARGUMENT,
       "request.placement_window_days"},
      {atip_report_workshops, "{\"placement_window_days\": 9.5}", ATIP_E_INVALID_ARGUMENT,
       "request.placement_window_days"},
      {atip_report_coverage, "{\"from\": \"2026-01-01\"}", ATIP_E_INVALID_ARGUMENT, "unknown field \"from\""},
      {atip_report_coverage, "{\"as_of\": \"soon\"}", ATIP_E_INVALID_ARGUMENT, "request.as_of"},
      {atip_report_coverage, "{\"policy\": {\"weights\": {\"language\": -1}}}", ATIP_E_INVALID_ARGUMENT,
       "policy.weights.language"},
      {atip_report_coverage, "{\"policy\": {\"colour\": 1}}", ATIP_E_INVALID_ARGUMENT, "colour"},
      {atip_report_coverage, "{\"policy\": 5}", ATIP_E_INVALID_ARGUMENT, "policy"},
  };
  check_request_cases(db, cases, sizeof cases / sizeof cases[0]);
}

/* ------------------------------------------------------------------------ */
/* Read-only handles */

/* Reports read only, so they work on a read-only handle; the workflow and
 * audit calls need a writable one. */
static void test_read_only_handle(void) {
  char path[] = "/tmp/atip-capi-reports-XXXXXX";
  char file[64];
  atip_open_options options = ATIP_OPEN_OPTIONS_INIT;
  atip_db *db = NULL;
  char *network = read_file(ATIP_CAPI_TEST_NETWORK);
  char *out = NULL;

  CHECK(mkdtemp(path) != NULL);
  sprintf(file, "%s/reports.db", path);
  CHECK_STATUS(ATIP_OK, atip_db_open(&db, file, &options));
  CHECK_STATUS(ATIP_OK, atip_db_import_json(&out, db, network));
  atip_free(out);
  import_report_data(db);
  atip_db_close(db);
  free(network);

  options.read_only = 1;
  db = NULL;
  CHECK_STATUS(ATIP_OK, atip_db_open(&db, file, &options));
  out = RUN_OK(atip_report_hours, db, "{\"by\": \"lawyer\", \"min_cell_size\": 1}");
  CHECK_CONTAINS(out, "\"hours\": 13.5");
  atip_free(out);
  out = RUN_OK(atip_report_lifecycle, db, "{}");
  atip_free(out);
  out = RUN_OK(atip_report_workshops, db, "{}");
  CHECK_CONTAINS(out, "event-ws");
  atip_free(out);
  out = RUN_OK(atip_report_coverage, db, "{\"min_cell_size\": 1}");
  CHECK_CONTAINS(out, "\"forum\": \"MM\"");
  atip_free(out);

  out = UNTOUCHED;
  CHECK_STATUS(ATIP_E_INVALID_STATE, atip_workflow_interests(&out, db, "{\"matter\": \"matter-1\"}"));
  CHECK_STATUS(ATIP_E_INVALID_STATE, atip_workflow_due_reminders(&out, db, "{}"));
  CHECK_STATUS(ATIP_E_INVALID_STATE, atip_audit_entries(&out, db, "{}"));
  CHECK_STATUS(ATIP_E_INVALID_STATE, atip_audit_head(&out, db, "{}"));
  CHECK_CONTAINS(atip_error_last_message(), "read-only");
  CHECK(out == UNTOUCHED);
  atip_db_close(db);

  remove(file);
  rmdir(path);
}

int main(void) {
  atip_db *db = open_test_network();
  char *out;

  utc_date(today, 0);
  utc_date(workshop_day, -10);
  memcpy(this_month, today, 7);
  this_month[7] = '\0';

  import_report_data(db);
  out = RUN_OK(atip_workflow_record_attendance, db,
               "{\"event\": \"event-ws\", \"lawyers\": [\"lawyer-1\", \"lawyer-3\"], \"actor\": \"coordinator-1\"}");
  atip_free(out);
  place_matter_after_workshop(db);

  test_bad_input_of_every_call(db);
  test_request_fields(db);
  test_hours(db);
  test_lifecycle(db);
  test_workshops(db);
  test_coverage(db);
  test_read_only_handle();

  atip_db_close(db);
  return finish_test("test_capi_reports");
}
