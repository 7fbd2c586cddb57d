/* C ABI tests: the workflow of a matter from posting to closing, the
 * engagement steps, interests, conflict checks and their reminders, expiry,
 * event attendance, disclosure to candidates and the audit log, plus the
 * bad-input cases of every workflow and audit call. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "capi_test.h"

static const char *new_matter_request =
    "{\"actor\": \"coordinator-1\", \"matter\": {\"id\": \"matter-w\", \"ngo\": \"ngo-mekong\", "
    "\"title\": \"Compensation for trafficked deckhands\", \"summary\": \"Two deckhands seek compensation.\", "
    "\"practice_area\": \"labour.wage_claims\", \"forum\": \"TH\", \"languages\": [\"km\"], "
    "\"interpreter_accepted\": true, \"activities\": [\"appear_in_court\"], \"team_size\": 2, "
    "\"parties\": [{\"names\": [\"Ocean Star Fishing\"], \"kind\": \"organization\", \"role\": \"employer\"}], "
    "\"facts\": \"Both men were recruited in Battambang.\", \"client_ref\": \"MMRC-2026-031\"}}";

static void move_matter(atip_db *db, const char *to) {
  char request[256];
  char *out;
  sprintf(request, "{\"matter\": \"matter-w\", \"to\": \"%s\", \"actor\": \"coordinator-1\"}", to);
  out = RUN_OK(atip_workflow_transition, db, request);
  CHECK_CONTAINS(out, to);
  atip_free(out);
}

/* Requests and clears the conflict check of `lawyer` on matter-w. */
static void clear_conflict_check(atip_db *db, const char *lawyer) {
  char request[256];
  char check[129];
  char *out;

  sprintf(request, "{\"matter\": \"matter-w\", \"lawyer\": \"%s\", \"actor\": \"coordinator-1\", \"reminder_days\": 3}",
          lawyer);
  run_request_for_id("atip_workflow_request_conflict_check", atip_workflow_request_conflict_check, db, request, check,
             sizeof check);

  sprintf(request, "{\"check\": \"%s\", \"result\": \"cleared\", \"actor\": \"partner-1\", \"note\": \"no match\"}",
          check);
  out = RUN_OK(atip_workflow_record_conflict_check, db, request);
  CHECK_CONTAINS(out, "\"status\": \"cleared\"");
  atip_free(out);

  /* A check takes one result only. */
  out = UNTOUCHED;
  CHECK_STATUS(ATIP_E_INVALID_STATE, atip_workflow_record_conflict_check(&out, db, request));
  CHECK(out == UNTOUCHED);
}

/* A second expression of interest in matter-w, withdrawn again; the
 * matter keeps its state. */
static void check_interest_withdrawal(atip_db *db) {
  char interest[129];
  char request[256];
  char *out;

  run_request_for_id("atip_workflow_express_interest", atip_workflow_express_interest, db,
             "{\"matter\": \"matter-w\", \"firm\": \"firm-chao\", \"actor\": \"partner-2\"}", interest,
             sizeof interest);
  sprintf(request, "{\"interest\": \"%s\", \"actor\": \"partner-2\"}", interest);
  out = RUN_OK(atip_workflow_withdraw_interest, db, request);
  CHECK_CONTAINS(out, "\"status\": \"withdrawn\"");
  CHECK_CONTAINS(out, "\"firm\": \"firm-chao\"");
  atip_free(out);

  /* An interest is withdrawn once. */
  out = UNTOUCHED;
  CHECK_STATUS(ATIP_E_INVALID_STATE, atip_workflow_withdraw_interest(&out, db, request));
  CHECK_CONTAINS(atip_error_last_message(), "withdrawn already");
  CHECK(out == UNTOUCHED);
  CHECK_STATUS(ATIP_E_NOT_FOUND,
               atip_workflow_withdraw_interest(&out, db, "{\"interest\": \"interest-404\", \"actor\": \"c\"}"));
  CHECK(out == UNTOUCHED);

  out = RUN_OK(atip_workflow_interests, db, "{\"matter\": \"matter-w\"}");
  CHECK(count_occurrences(out, "\"matter\": \"matter-w\"") == 2);
  CHECK(count_occurrences(out, "\"status\": \"active\"") == 1);
  CHECK(count_occurrences(out, "\"status\": \"withdrawn\"") == 1);
  CHECK_CONTAINS(out, "I speak Khmer");
  atip_free(out);

  out = RUN_OK(atip_workflow_history, db, "{\"matter\": \"matter-w\"}");
  CHECK(count_occurrences(out, "\"to\": \"interest_expressed\"") == 1);
  atip_free(out);
}

/* The offer, each later step and its reason, oldest first. */
static void check_engagement_history(atip_db *db, const char *engagement, const char *declined) {
  char request[256];
  char *out;

  sprintf(request, "{\"engagement\": \"%s\"}", engagement);
  out = RUN_OK(atip_workflow_engagement_history, db, request);
  CHECK(count_occurrences(out, "\"to\": ") == 4);
  CHECK(count_occurrences(out, "\"from\": null") == 1);
  CHECK_CONTAINS(out, "\"actor\": \"coordinator-1\"");
  CHECK_CONTAINS(out, "best match: Khmer at working level");
  CHECK_BEFORE(out, "\"to\": \"offered\"", "\"to\": \"accepted\"");
  CHECK_BEFORE(out, "\"to\": \"active\"", "\"to\": \"completed\"");
  atip_free(out);

  sprintf(request, "{\"engagement\": \"%s\"}", declined);
  out = RUN_OK(atip_workflow_engagement_history, db, request);
  CHECK(count_occurrences(out, "\"to\": ") == 2);
  CHECK_CONTAINS(out, "\"to\": \"declined\"");
  CHECK_CONTAINS(out, "no capacity this month");
  atip_free(out);
}

static void test_matter_lifecycle(atip_db *db) {
  char *out = RUN_OK(atip_workflow_post_matter, db, new_matter_request);
  char engagement[129];
  char declined[129];
  char request[512];
  char today[16];
  time_t now;

  CHECK_CONTAINS(out, "\"id\": \"matter-w\"");
  atip_free(out);
  move_matter(db, "vetted");
  move_matter(db, "circulated");

  out = RUN_OK(atip_workflow_express_interest, db,
               "{\"matter\": \"matter-w\", \"lawyer\": \"lawyer-1\", \"actor\": \"lawyer-1\", \"note\": \"I speak Khmer\"}");
  CHECK_CONTAINS(out, "\"lawyer\": \"lawyer-1\"");
  atip_free(out);
  check_interest_withdrawal(db);

  clear_conflict_check(db, "lawyer-1");
  clear_conflict_check(db, "lawyer-3");
  /* lawyer-1 is checked through the firm, lawyer-3 (no firm) alone. */
  out = RUN_OK(atip_workflow_conflict_checks, db, "{\"matter\": \"matter-w\"}");
  CHECK(count_occurrences(out, "\"status\": \"cleared\"") == 2);
  CHECK_CONTAINS(out, "\"firm\": \"firm-isan\"");
  CHECK_CONTAINS(out, "\"lawyer\": \"lawyer-3\"");
  atip_free(out);

  /* Before acceptance the view contains the summary only. */
  out = RUN_OK(atip_workflow_candidate_view, db, "{\"matter\": \"matter-w\", \"lawyer\": \"lawyer-1\"}");
  CHECK_CONTAINS(out, "\"stage\": \"summary\"");
  CHECK_CONTAINS(out, "engagement_accepted");
  CHECK(strstr(out, "Battambang") == NULL);
  CHECK(strstr(out, "MMRC-2026-031") == NULL);
  atip_free(out);

  /* lawyer-3 declines. */
  run_request_for_id("atip_workflow_offer", atip_workflow_offer, db,
             "{\"matter\": \"matter-w\", \"lawyer\": \"lawyer-3\", \"decided_by\": \"coordinator-1\"}", declined,
             sizeof declined);
  sprintf(request, "{\"engagement\": \"%s\", \"reason\": \"no capacity this month\", \"actor\": \"lawyer-3\"}",
          declined);
  out = RUN_OK(atip_workflow_decline, db, request);
  CHECK_CONTAINS(out, "\"status\": \"declined\"");
  atip_free(out);
  sprintf(request, "{\"engagement\": \"%s\", \"actor\": \"lawyer-3\"}", declined);
  out = UNTOUCHED;
  CHECK_STATUS(ATIP_E_INVALID_STATE, atip_workflow_accept(&out, db, request));
  CHECK_CONTAINS(atip_error_last_message(), "declined");
  CHECK(out == UNTOUCHED);

  /* lawyer-1 accepts, works and completes. */
  run_request_for_id("atip_workflow_offer", atip_workflow_offer, db,
             "{\"matter\": \"matter-w\", \"lawyer\": \"lawyer-1\", \"decided_by\": \"coordinator-1\", "
             "\"reason\": \"best match: Khmer at working level, wage claims\"}",
             engagement, sizeof engagement);
  sprintf(request, "{\"engagement\": \"%s\", \"actor\": \"lawyer-1\"}", engagement);
  out = RUN_OK(atip_workflow_accept, db, request);
  CHECK_CONTAINS(out, "\"status\": \"accepted\"");
  atip_free(out);

  out = RUN_OK(atip_workflow_candidate_view, db, "{\"matter\": \"matter-w\", \"lawyer\": \"lawyer-1\"}");
  CHECK_CONTAINS(out, "\"stage\": \"full\"");
  CHECK_CONTAINS(out, "Battambang");
  CHECK_CONTAINS(out, "MMRC-2026-031");
  atip_free(out);

  out = RUN_OK(atip_workflow_start, db, request);
  CHECK_CONTAINS(out, "\"status\": \"active\"");
  atip_free(out);

  /* Hours may not predate the offer, which the workflow dates today (UTC). */
  now = time(NULL);
  strftime(today, sizeof today, "%Y-%m-%d", gmtime(&now));
  sprintf(request,
          "{\"engagement\": \"%s\", \"actor\": \"lawyer-1\", \"entry\": {\"date\": \"%s\", \"hours\": 2.5, "
          "\"activity\": \"drafting\", \"note\": \"statement of claim\"}}",
          engagement, today);
  out = RUN_OK(atip_workflow_log_hours, db, request);
  CHECK_CONTAINS(out, "2.5");
  CHECK_CONTAINS(out, "statement of claim");
  atip_free(out);

  sprintf(request, "{\"engagement\": \"%s\", \"outcome\": \"compensation_awarded\", \"actor\": \"lawyer-1\"}",
          engagement);
  out = RUN_OK(atip_workflow_complete, db, request);
  CHECK_CONTAINS(out, "\"status\": \"completed\"");
  CHECK_CONTAINS(out, "compensation_awarded");
  atip_free(out);

  sprintf(request, "{\"engagement\": \"%s\", \"rating\": 5, \"actor\": \"ngo-mekong-staff\"}", engagement);
  out = RUN_OK(atip_workflow_record_feedback, db, request);
  CHECK_CONTAINS(out, "\"feedback\": 5");
  atip_free(out);
  check_engagement_history(db, engagement, declined);

  out = RUN_OK(atip_workflow_transition, db,
               "{\"matter\": \"matter-w\", \"to\": \"closed\", \"actor\": \"coordinator-1\", "
               "\"outcome\": \"compensation_awarded\", \"note\": \"paid in full\"}");
  CHECK_CONTAINS(out, "\"to\": \"closed\"");
  atip_free(out);

  out = RUN_OK(atip_workflow_history, db, "{\"matter\": \"matter-w\"}");
  CHECK_CONTAINS(out, "\"to\": \"draft\"");
  CHECK_CONTAINS(out, "\"to\": \"vetted\"");
  CHECK_CONTAINS(out, "\"to\": \"conflict_check\"");
  CHECK_CONTAINS(out, "\"to\": \"placed\"");
  CHECK_CONTAINS(out, "\"to\": \"in_progress\"");
  CHECK_CONTAINS(out, "\"to\": \"closed\"");
  atip_free(out);

  /* A closed matter moves nowhere. */
  out = UNTOUCHED;
  CHECK_STATUS(ATIP_E_INVALID_STATE,
               atip_workflow_transition(&out, db, "{\"matter\": \"matter-w\", \"to\": \"vetted\", \"actor\": \"c\"}"));
  CHECK(out == UNTOUCHED);
}

static void test_withdraw(atip_db *db) {
  char engagement[129];
  char request[256];
  char check[129];
  char *out;

  /* matter-1 of the network is circulated: an expression of interest moves
   * it on so conflict checks can start. lawyer-3 has no firm, so the check
   * is the lawyer's own. */
  out = RUN_OK(atip_workflow_express_interest, db,
               "{\"matter\": \"matter-1\", \"firm\": \"firm-chao\", \"actor\": \"partner-2\"}");
  CHECK_CONTAINS(out, "\"firm\": \"firm-chao\"");
  atip_free(out);
  run_request_for_id("atip_workflow_request_conflict_check", atip_workflow_request_conflict_check, db,
             "{\"matter\": \"matter-1\", \"lawyer\": \"lawyer-3\", \"actor\": \"coordinator-1\"}", check, sizeof check);
  sprintf(request, "{\"check\": \"%s\", \"result\": \"cleared\", \"actor\": \"lawyer-3\"}", check);
  out = RUN_OK(atip_workflow_record_conflict_check, db, request);
  atip_free(out);

  run_request_for_id("atip_workflow_offer", atip_workflow_offer, db,
             "{\"matter\": \"matter-1\", \"lawyer\": \"lawyer-3\", \"decided_by\": \"coordinator-1\"}", engagement,
             sizeof engagement);
  sprintf(request, "{\"engagement\": \"%s\", \"reason\": \"the NGO found counsel\", \"actor\": \"coordinator-1\"}",
          engagement);
  out = RUN_OK(atip_workflow_withdraw, db, request);
  CHECK_CONTAINS(out, "\"status\": \"withdrawn\"");
  atip_free(out);

  /* A conflict found blocks the offer. */
  run_request_for_id("atip_workflow_request_conflict_check", atip_workflow_request_conflict_check, db,
             "{\"matter\": \"matter-1\", \"firm\": \"firm-chao\", \"actor\": \"coordinator-1\"}", check, sizeof check);
  sprintf(request, "{\"check\": \"%s\", \"result\": \"conflict_found\", \"actor\": \"partner-2\"}", check);
  out = RUN_OK(atip_workflow_record_conflict_check, db, request);
  atip_free(out);
  out = UNTOUCHED;
  CHECK(atip_workflow_offer(&out, db,
                            "{\"matter\": \"matter-1\", \"lawyer\": \"lawyer-2\", \"decided_by\": \"coordinator-1\"}") ==
        ATIP_E_INVALID_STATE);
  CHECK(out == UNTOUCHED);
}

/* matter-1 is at conflict_check after test_withdraw. */
static void test_due_reminders(atip_db *db) {
  char check[129];
  char request[256];
  char day[16];
  char *out;

  run_request_for_id("atip_workflow_request_conflict_check", atip_workflow_request_conflict_check, db,
             "{\"matter\": \"matter-1\", \"firm\": \"firm-isan\", \"actor\": \"coordinator-1\", "
             "\"reminder_days\": 2}",
             check, sizeof check);

  /* Due in two days: not yet today, and from then on. */
  out = RUN_OK(atip_workflow_due_reminders, db, "{}");
  CHECK_LACKS(out, check);
  atip_free(out);
  utc_date(day, 2);
  sprintf(request, "{\"on\": \"%s\"}", day);
  out = RUN_OK(atip_workflow_due_reminders, db, request);
  CHECK_CONTAINS(out, check);
  CHECK(count_occurrences(out, "\"status\": \"requested\"") == 1);
  atip_free(out);
  utc_date(day, 30);
  sprintf(request, "{\"on\": \"%s\"}", day);
  out = RUN_OK(atip_workflow_due_reminders, db, request);
  CHECK_CONTAINS(out, check);
  atip_free(out);

  out = RUN_OK(atip_workflow_due_reminders, db, "{\"on\": \"2000-01-01\"}");
  CHECK_STARTS_WITH(out, "[]");
  atip_free(out);

  /* A check with a recorded result is no longer due. */
  sprintf(request, "{\"check\": \"%s\", \"result\": \"cleared\", \"actor\": \"partner-1\"}", check);
  out = RUN_OK(atip_workflow_record_conflict_check, db, request);
  atip_free(out);
  utc_date(day, 30);
  sprintf(request, "{\"on\": \"%s\"}", day);
  out = RUN_OK(atip_workflow_due_reminders, db, request);
  CHECK_LACKS(out, check);
  atip_free(out);
}

static void test_expire_overdue(atip_db *db) {
  char request[1024];
  char deadline[16];
  char *out;

  utc_date(deadline, -3);
  sprintf(request,
          "{\"actor\": \"coordinator-1\", \"matter\": {\"id\": \"matter-late\", \"ngo\": \"ngo-mekong\", "
          "\"title\": \"Advice on a visa overstay fine\", \"practice_area\": \"labour.wage_claims\", "
          "\"forum\": \"TH\", \"activities\": [\"advise_local_law\"], \"deadline\": \"%s\"}}",
          deadline);
  out = RUN_OK(atip_workflow_post_matter, db, request);
  atip_free(out);
  out = RUN_OK(atip_workflow_transition, db, "{\"matter\": \"matter-late\", \"to\": \"vetted\", \"actor\": \"c\"}");
  atip_free(out);

  out = RUN_OK(atip_workflow_expire_overdue, db, "{\"actor\": \"nightly-job\"}");
  CHECK(count_occurrences(out, "\"to\": ") == 1);
  CHECK_CONTAINS(out, "\"matter\": \"matter-late\"");
  CHECK_CONTAINS(out, "\"to\": \"expired\"");
  CHECK_CONTAINS(out, "\"actor\": \"nightly-job\"");
  CHECK_CONTAINS(out, deadline);
  atip_free(out);

  /* Nothing is overdue any more. */
  out = RUN_OK(atip_workflow_expire_overdue, db, "{\"actor\": \"nightly-job\"}");
  CHECK_STARTS_WITH(out, "[]");
  atip_free(out);
}

static void test_attendance(atip_db *db) {
  char record[512];
  char day[16];
  char *out = NULL;

  utc_date(day, -7);
  sprintf(record,
          "{\"id\": \"event-1\", \"title\": \"Forced labour casework\", \"date\": \"%s\", "
          "\"jurisdiction\": \"TH\", \"topics\": [\"labour.forced_labour\", \"labour.wage_claims\"]}",
          day);
  CHECK_STATUS(ATIP_OK, atip_record_add(&out, db, ATIP_ENTITY_EVENT, record));
  atip_free(out);

  out = RUN_OK(atip_workflow_record_attendance, db,
               "{\"event\": \"event-1\", \"lawyers\": [\"lawyer-3\", \"lawyer-4\"], \"actor\": \"coordinator-1\"}");
  CHECK_CONTAINS(out, "\"lawyer-3\"");
  CHECK_CONTAINS(out, "\"lawyer-4\"");
  atip_free(out);

  /* One training record per topic, dated and placed like the event. */
  out = NULL;
  CHECK_STATUS(ATIP_OK, atip_record_get(&out, db, ATIP_ENTITY_LAWYER, "lawyer-3", NULL));
  CHECK(count_occurrences(out, "\"event\": \"event-1\"") == 2);
  CHECK(count_occurrences(out, day) == 2);
  atip_free(out);

  /* Again with lawyer-3: no second attendee entry, no second training. */
  out = RUN_OK(atip_workflow_record_attendance, db,
               "{\"event\": \"event-1\", \"lawyers\": [\"lawyer-3\"], \"actor\": \"coordinator-1\"}");
  CHECK(count_occurrences(out, "\"lawyer-3\"") == 1);
  atip_free(out);
  out = NULL;
  CHECK_STATUS(ATIP_OK, atip_record_get(&out, db, ATIP_ENTITY_LAWYER, "lawyer-3", NULL));
  CHECK(count_occurrences(out, "\"event\": \"event-1\"") == 2);
  atip_free(out);

  /* All or nothing: an unknown lawyer leaves lawyer-5 unrecorded too. */
  out = UNTOUCHED;
  CHECK_STATUS(ATIP_E_NOT_FOUND, atip_workflow_record_attendance(&out, db,
                                                                 "{\"event\": \"event-1\", \"lawyers\": "
                                                                 "[\"lawyer-5\", \"lawyer-404\"], \"actor\": \"c\"}"));
  CHECK_CONTAINS(atip_error_last_message(), "lawyer-404");
  CHECK(out == UNTOUCHED);
  out = NULL;
  CHECK_STATUS(ATIP_OK, atip_record_get(&out, db, ATIP_ENTITY_EVENT, "event-1", NULL));
  CHECK_LACKS(out, "lawyer-5");
  atip_free(out);

  /* Attendance of an event that has not taken place yet. */
  utc_date(day, 7);
  sprintf(record, "{\"id\": \"event-2\", \"title\": \"Roundtable\", \"date\": \"%s\", \"jurisdiction\": \"KH\"}",
          day);
  out = NULL;
  CHECK_STATUS(ATIP_OK, atip_record_add(&out, db, ATIP_ENTITY_EVENT, record));
  atip_free(out);
  out = UNTOUCHED;
  CHECK_STATUS(ATIP_E_INVALID_STATE,
               atip_workflow_record_attendance(&out, db, "{\"event\": \"event-2\", \"lawyers\": [\"lawyer-4\"], \"actor\": \"c\"}"));
  CHECK(out == UNTOUCHED);
}

/* A record that does not exist is named by the request field the caller
 * wrote, such as request.engagement, and not by a parameter name of the C++
 * core (engagement_id), which the C API does not expose. Runs after
 * test_attendance(), which adds event-1. */
static void test_not_found_names_request_field(atip_db *db) {
  static const struct request_case cases[] = {
      {atip_workflow_interests, "{\"matter\": \"matter-404\"}", ATIP_E_NOT_FOUND,
       "request.matter: matter \"matter-404\""},
      {atip_workflow_conflict_checks, "{\"matter\": \"matter-404\"}", ATIP_E_NOT_FOUND,
       "request.matter: matter \"matter-404\""},
      {atip_workflow_history, "{\"matter\": \"matter-404\"}", ATIP_E_NOT_FOUND,
       "request.matter: matter \"matter-404\""},
      {atip_workflow_engagement_history, "{\"engagement\": \"engagement-404\"}", ATIP_E_NOT_FOUND,
       "request.engagement: engagement \"engagement-404\""},
      {atip_workflow_accept, "{\"engagement\": \"engagement-404\", \"actor\": \"c\"}", ATIP_E_NOT_FOUND,
       "request.engagement: engagement \"engagement-404\""},
      {atip_workflow_withdraw_interest, "{\"interest\": \"interest-404\", \"actor\": \"c\"}", ATIP_E_NOT_FOUND,
       "request.interest: expression of interest \"interest-404\""},
      {atip_workflow_record_conflict_check, "{\"check\": \"check-404\", \"result\": \"cleared\", \"actor\": \"c\"}",
       ATIP_E_NOT_FOUND, "request.check: conflict check \"check-404\""},
      {atip_workflow_record_attendance, "{\"event\": \"event-404\", \"lawyers\": [\"lawyer-1\"], \"actor\": \"c\"}",
       ATIP_E_NOT_FOUND, "request.event: event \"event-404\""},
      {atip_workflow_record_attendance,
       "{\"event\": \"event-1\", \"lawyers\": [\"lawyer-3\", \"lawyer-404\"], \"actor\": \"c\"}", ATIP_E_NOT_FOUND,
       "request.lawyers[1]: lawyer \"lawyer-404\""},
      {atip_workflow_candidate_view, "{\"matter\": \"matter-404\", \"lawyer\": \"lawyer-1\"}", ATIP_E_NOT_FOUND,
       "request.matter: matter \"matter-404\""},
      {atip_workflow_candidate_view, "{\"matter\": \"matter-1\", \"lawyer\": \"lawyer-404\"}", ATIP_E_NOT_FOUND,
       "request.lawyer: lawyer \"lawyer-404\""},
  };
  size_t i;
  check_request_cases(db, cases, sizeof cases / sizeof cases[0]);
  for (i = 0; i < sizeof cases / sizeof cases[0]; ++i) {
    char *out = UNTOUCHED;
    cases[i].call(&out, db, cases[i].request);
    CHECK_LACKS(atip_error_last_message(), "_id");
  }
}

/* Runs atip_workflow_allowed_transitions(), which must succeed. */
static char *allowed_transitions(const char *request) {
  char *out = NULL;
  CHECK_STATUS(ATIP_OK, atip_workflow_allowed_transitions(&out, request));
  return out;
}

static void test_allowed_transitions(void) {
  char *out = allowed_transitions("{\"record\": \"matter\", \"status\": \"circulated\"}");
  CHECK_CONTAINS(out, "\"terminal\": false");
  CHECK_CONTAINS(out, "\"interest_expressed\"");
  CHECK_CONTAINS(out, "\"withdrawn\"");
  CHECK_LACKS(out, "\"placed\"");
  atip_free(out);

  out = allowed_transitions("{\"record\": \"engagement\", \"status\": \"offered\"}");
  CHECK_CONTAINS(out, "\"accepted\"");
  CHECK_CONTAINS(out, "\"declined\"");
  CHECK_LACKS(out, "\"completed\"");
  atip_free(out);

  out = allowed_transitions("{\"record\": \"engagement\", \"status\": \"completed\"}");
  CHECK_CONTAINS(out, "\"terminal\": true");
  CHECK_CONTAINS(out, "\"allowed\": []");
  atip_free(out);

  out = UNTOUCHED;
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_workflow_allowed_transitions(NULL, "{}"));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "atip_workflow_allowed_transitions: out: must not be NULL");
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_workflow_allowed_transitions(&out, NULL));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "request_json");
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_workflow_allowed_transitions(&out, INVALID_UTF8_JSON));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "UTF-8");
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_workflow_allowed_transitions(&out, MALFORMED_JSON));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "malformed JSON at byte");
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_workflow_allowed_transitions(&out, "[]"));
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_workflow_allowed_transitions(&out, "{\"status\": \"draft\"}"));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "request.record");
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT,
               atip_workflow_allowed_transitions(&out, "{\"record\": \"lawyer\", \"status\": \"draft\"}"));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "request.record: \"lawyer\"");
  /* The value is quoted as JSON, so a quote or a line break in it cannot
   * break the message apart. */
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_workflow_allowed_transitions(
                                            &out, "{\"record\": \"a\\\"b\\nc\", \"status\": \"draft\"}"));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "request.record: \"a\\\"b\\nc\" is not a record");
  CHECK_LACKS(atip_error_last_message(), "\n");
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT,
               atip_workflow_allowed_transitions(&out, "{\"record\": \"matter\", \"status\": \"offered\"}"));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "request.status");
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT,
               atip_workflow_allowed_transitions(&out, "{\"record\": \"matter\", \"status\": 3}"));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "request.status");
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_workflow_allowed_transitions(
                                            &out, "{\"record\": \"matter\", \"status\": \"draft\", \"x\": 1}"));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "unknown field \"x\"");
  CHECK(out == UNTOUCHED);
}

static void test_audit(atip_db *db) {
  char *out = RUN_OK(atip_audit_verify, db, "{}");
  char hash[129];
  char sequence[32];
  char request[512];
  const char *at;

  CHECK_CONTAINS(out, "\"intact\": true");
  CHECK_CONTAINS(out, "\"first_issue\": null");
  CHECK(find_string_field(out, "hash", hash, sizeof hash));
  at = out == NULL ? NULL : strstr(out, "\"sequence\": ");
  CHECK(at != NULL);
  if (at != NULL) sscanf(at, "\"sequence\": %31[0-9]", sequence);
  atip_free(out);

  /* The head of an earlier verification anchors the next one. */
  sprintf(request, "{\"anchor\": {\"sequence\": %s, \"hash\": \"%s\"}}", sequence, hash);
  out = RUN_OK(atip_audit_verify, db, request);
  CHECK_CONTAINS(out, "\"intact\": true");
  atip_free(out);

  /* An anchor past the end means entries were cut off: a result, not an error. */
  out = RUN_OK(atip_audit_verify, db, "{\"anchor\": {\"sequence\": 1000000, \"hash\": \"00\"}}");
  CHECK_CONTAINS(out, "\"intact\": false");
  CHECK_CONTAINS(out, "truncated");
  atip_free(out);

  /* The head without verification is the head verification found. */
  out = RUN_OK(atip_audit_head, db, "{}");
  CHECK_CONTAINS(out, hash);
  sprintf(request, "\"sequence\": %s\n", sequence);
  CHECK_CONTAINS(out, request);
  atip_free(out);

  out = UNTOUCHED;
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_audit_verify(&out, db, "{\"anchor\": {\"sequence\": -1}}"));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "request.anchor.sequence");
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_audit_verify(&out, db, "{\"anchor\": {\"hash\": \"00\"}}"));
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_audit_verify(&out, db, "{\"anchor\": {\"sequence\": 1, \"x\": 1}}"));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "unknown field \"x\"");
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_audit_verify(&out, db, "{\"anchor\": 5}"));
  CHECK(out == UNTOUCHED);
}

/* Every workflow call, for the bad-input table. */
static const struct {
  const char *name;
  request_call call;
} calls[] = {
    {"atip_workflow_post_matter", atip_workflow_post_matter},
    {"atip_workflow_transition", atip_workflow_transition},
    {"atip_workflow_history", atip_workflow_history},
    {"atip_workflow_express_interest", atip_workflow_express_interest},
    {"atip_workflow_request_conflict_check", atip_workflow_request_conflict_check},
    {"atip_workflow_record_conflict_check", atip_workflow_record_conflict_check},
    {"atip_workflow_offer", atip_workflow_offer},
    {"atip_workflow_accept", atip_workflow_accept},
    {"atip_workflow_decline", atip_workflow_decline},
    {"atip_workflow_start", atip_workflow_start},
    {"atip_workflow_complete", atip_workflow_complete},
    {"atip_workflow_withdraw", atip_workflow_withdraw},
    {"atip_workflow_log_hours", atip_workflow_log_hours},
    {"atip_workflow_record_feedback", atip_workflow_record_feedback},
    {"atip_workflow_candidate_view", atip_workflow_candidate_view},
    {"atip_workflow_expire_overdue", atip_workflow_expire_overdue},
    {"atip_workflow_withdraw_interest", atip_workflow_withdraw_interest},
    {"atip_workflow_interests", atip_workflow_interests},
    {"atip_workflow_conflict_checks", atip_workflow_conflict_checks},
    {"atip_workflow_due_reminders", atip_workflow_due_reminders},
    {"atip_workflow_engagement_history", atip_workflow_engagement_history},
    {"atip_workflow_record_attendance", atip_workflow_record_attendance},
    {"atip_audit_verify", atip_audit_verify},
    {"atip_audit_entries", atip_audit_entries},
    {"atip_audit_head", atip_audit_head},
};

static void test_bad_input_of_every_call(atip_db *db) {
  size_t i;
  char *out = UNTOUCHED;
  for (i = 0; i < sizeof calls / sizeof calls[0]; ++i) {
    check_request_call_rejects_bad_input(calls[i].name, calls[i].call, db);
    /* A field that no call defines is rejected by name. */
    CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, calls[i].call(&out, db, "{\"colour\": \"blue\"}"));
    CHECK_CONTAINS(atip_error_last_message(), calls[i].name);
    CHECK(out == UNTOUCHED);
  }
}

/* Missing, misspelt and invalid fields are named in the message. */
static void test_request_fields(atip_db *db) {
  static const struct request_case cases[] = {
      {atip_workflow_post_matter, "{\"actor\": \"c\"}", ATIP_E_INVALID_ARGUMENT, "request.matter: is required"},
      {atip_workflow_post_matter, "{\"matter\": {\"title\": \"t\"}, \"actor\": \"c\"}", ATIP_E_INVALID_ARGUMENT,
       "request.matter"},
      {atip_workflow_post_matter, "{\"matter\": [], \"actor\": \"c\"}", ATIP_E_INVALID_ARGUMENT, "request.matter"},
      {atip_workflow_transition, "{\"matter\": \"matter-1\", \"to\": \"finished\", \"actor\": \"c\"}",
       ATIP_E_INVALID_ARGUMENT, "request.to"},
      {atip_workflow_transition, "{\"matter\": \"matter-1\", \"to\": \"vetted\"}", ATIP_E_INVALID_ARGUMENT,
       "request.actor"},
      {atip_workflow_transition, "{\"matter\": \"matter-404\", \"to\": \"vetted\", \"actor\": \"c\"}",
       ATIP_E_NOT_FOUND, "matter-404"},
      {atip_workflow_history, "{\"matter\": 7}", ATIP_E_INVALID_ARGUMENT, "request.matter"},
      {atip_workflow_express_interest, "{\"matter\": \"matter-1\", \"actor\": \"c\"}", ATIP_E_INVALID_ARGUMENT,
       "lawyer"},
      {atip_workflow_request_conflict_check,
       "{\"matter\": \"matter-1\", \"firm\": \"firm-isan\", \"actor\": \"c\", \"reminder_days\": 91}",
       ATIP_E_INVALID_ARGUMENT, "request.reminder_days"},
      {atip_workflow_record_conflict_check, "{\"check\": \"x\", \"result\": \"maybe\", \"actor\": \"c\"}",
       ATIP_E_INVALID_ARGUMENT, "request.result"},
      {atip_workflow_offer, "{\"matter\": \"matter-1\", \"lawyer\": \"lawyer-1\"}", ATIP_E_INVALID_ARGUMENT,
       "request.decided_by"},
      {atip_workflow_accept, "{\"engagement\": \"engagement-404\", \"actor\": \"c\"}", ATIP_E_NOT_FOUND,
       "engagement-404"},
      {atip_workflow_decline, "{\"engagement\": \"engagement-404\", \"actor\": \"c\"}", ATIP_E_INVALID_ARGUMENT,
       "request.reason"},
      {atip_workflow_start, "{\"actor\": \"c\"}", ATIP_E_INVALID_ARGUMENT, "request.engagement"},
      {atip_workflow_complete, "{\"engagement\": \"e\", \"actor\": \"c\"}", ATIP_E_INVALID_ARGUMENT,
       "request.outcome"},
      {atip_workflow_withdraw, "{\"engagement\": \"e\", \"reason\": \"\", \"actor\": \"c\"}", ATIP_E_INVALID_ARGUMENT,
       "request.reason"},
      {atip_workflow_log_hours, "{\"engagement\": \"e\", \"actor\": \"c\"}", ATIP_E_INVALID_ARGUMENT,
       "request.entry: is required"},
      {atip_workflow_log_hours, "{\"engagement\": \"e\", \"actor\": \"c\", \"entry\": {\"date\": \"2026-02-03\"}}",
       ATIP_E_INVALID_ARGUMENT, "request.entry.hours"},
      {atip_workflow_log_hours,
       "{\"engagement\": \"e\", \"actor\": \"c\", \"entry\": {\"date\": \"2026-02-03\", \"hours\": 25}}",
       ATIP_E_INVALID_ARGUMENT, "request.entry.hours"},
      {atip_workflow_log_hours,
       "{\"engagement\": \"e\", \"actor\": \"c\", \"entry\": {\"date\": \"3 Feb\", \"hours\": 1}}",
       ATIP_E_INVALID_ARGUMENT, "request.entry.date"},
      {atip_workflow_log_hours,
       "{\"engagement\": \"e\", \"actor\": \"c\", \"entry\": {\"date\": \"2026-02-03\", \"hours\": 1, \"mood\": 1}}",
       ATIP_E_INVALID_ARGUMENT, "unknown field \"mood\""},
      {atip_workflow_record_feedback, "{\"engagement\": \"e\", \"rating\": 6, \"actor\": \"c\"}",
       ATIP_E_INVALID_ARGUMENT, "request.rating"},
      {atip_workflow_record_feedback, "{\"engagement\": \"e\", \"actor\": \"c\"}", ATIP_E_INVALID_ARGUMENT,
       "request.rating: is required"},
      /* The parser stores 0 as an unsigned number; the lower bound applies to it too. */
      {atip_workflow_record_feedback, "{\"engagement\": \"e\", \"rating\": 0, \"actor\": \"c\"}",
       ATIP_E_INVALID_ARGUMENT, "request.rating: 0 is out of range"},
      {atip_workflow_candidate_view, "{\"matter\": \"matter-1\"}", ATIP_E_INVALID_ARGUMENT, "request.lawyer"},
      {atip_workflow_candidate_view, "{\"matter\": \"matter-1\", \"lawyer\": \"lawyer-404\"}", ATIP_E_NOT_FOUND,
       "lawyer-404"},
      {atip_workflow_expire_overdue, "{}", ATIP_E_INVALID_ARGUMENT, "request.actor: is required"},
      {atip_workflow_expire_overdue, "{\"actor\": 1}", ATIP_E_INVALID_ARGUMENT, "request.actor"},
      {atip_workflow_withdraw_interest, "{\"actor\": \"c\"}", ATIP_E_INVALID_ARGUMENT, "request.interest: is required"},
      {atip_workflow_withdraw_interest, "{\"interest\": \"i\"}", ATIP_E_INVALID_ARGUMENT, "request.actor"},
      {atip_workflow_withdraw_interest, "{\"interest\": [], \"actor\": \"c\"}", ATIP_E_INVALID_ARGUMENT,
       "request.interest"},
      {atip_workflow_interests, "{}", ATIP_E_INVALID_ARGUMENT, "request.matter: is required"},
      {atip_workflow_interests, "{\"matter\": \"matter-404\"}", ATIP_E_NOT_FOUND, "matter-404"},
      {atip_workflow_conflict_checks, "{\"matter\": true}", ATIP_E_INVALID_ARGUMENT, "request.matter"},
      {atip_workflow_conflict_checks, "{\"matter\": \"matter-404\"}", ATIP_E_NOT_FOUND, "matter-404"},
      {atip_workflow_due_reminders, "{\"on\": \"tomorrow\"}", ATIP_E_INVALID_ARGUMENT, "request.on"},
      {atip_workflow_due_reminders, "{\"on\": 20260101}", ATIP_E_INVALID_ARGUMENT, "request.on"},
      {atip_workflow_due_reminders, "{\"on\": \"\"}", ATIP_E_INVALID_ARGUMENT, "request.on"},
      {atip_workflow_engagement_history, "{}", ATIP_E_INVALID_ARGUMENT, "request.engagement: is required"},
      {atip_workflow_engagement_history, "{\"engagement\": \"engagement-404\"}", ATIP_E_NOT_FOUND,
       "engagement-404"},
      {atip_workflow_record_attendance, "{\"lawyers\": [\"lawyer-1\"], \"actor\": \"c\"}", ATIP_E_INVALID_ARGUMENT,
       "request.event: is required"},
      {atip_workflow_record_attendance, "{\"event\": \"event-1\", \"actor\": \"c\"}", ATIP_E_INVALID_ARGUMENT,
       "request.lawyers: is required"},
      {atip_workflow_record_attendance, "{\"event\": \"event-1\", \"lawyers\": [], \"actor\": \"c\"}",
       ATIP_E_INVALID_ARGUMENT, "request.lawyers: is empty"},
      {atip_workflow_record_attendance, "{\"event\": \"event-1\", \"lawyers\": \"lawyer-1\", \"actor\": \"c\"}",
       ATIP_E_INVALID_ARGUMENT, "request.lawyers"},
      {atip_workflow_record_attendance, "{\"event\": \"event-1\", \"lawyers\": [5], \"actor\": \"c\"}",
       ATIP_E_INVALID_ARGUMENT, "request.lawyers[0]"},
      {atip_workflow_record_attendance, "{\"event\": \"event-1\", \"lawyers\": [\"lawyer-1\"]}",
       ATIP_E_INVALID_ARGUMENT, "request.actor"},
      {atip_workflow_record_attendance, "{\"event\": \"event-404\", \"lawyers\": [\"lawyer-1\"], \"actor\": \"c\"}",
       ATIP_E_NOT_FOUND, "event-404"},
      {atip_audit_entries, "{\"limit\": -1}", ATIP_E_INVALID_ARGUMENT, "request.limit"},
      {atip_audit_entries, "{\"limit\": 1.5}", ATIP_E_INVALID_ARGUMENT, "request.limit"},
      {atip_audit_entries, "{\"after_sequence\": \"3\"}", ATIP_E_INVALID_ARGUMENT, "request.after_sequence"},
      {atip_audit_entries, "{\"after_sequence\": 18446744073709551615}", ATIP_E_INVALID_ARGUMENT,
       "request.after_sequence"},
      {atip_audit_entries, "{\"entity_type\": 5}", ATIP_E_INVALID_ARGUMENT, "request.entity_type"},
      /* A misspelt record type must not read as a filter that matches nothing. */
      {atip_audit_entries, "{\"entity_type\": \"matters\"}", ATIP_E_INVALID_ARGUMENT,
       "request.entity_type: \"matters\" is not"},
      {atip_audit_entries, "{\"entity_type\": \"\"}", ATIP_E_INVALID_ARGUMENT, "request.entity_type: \"\""},
      /* A field given twice is rejected instead of the last one winning. */
      {atip_audit_entries, "{\"limit\": 1, \"limit\": 2}", ATIP_E_INVALID_ARGUMENT,
       "request: duplicate field \"limit\""},
      {atip_workflow_log_hours,
       "{\"engagement\": \"e\", \"actor\": \"c\", \"entry\": {\"date\": \"2026-02-03\", \"hours\": 1, \"hours\": 20}}",
       ATIP_E_INVALID_ARGUMENT, "request.entry: duplicate field \"hours\""},
      {atip_workflow_record_attendance,
       "{\"event\": \"event-1\", \"lawyers\": [{\"a\": 1, \"a\": 2}], \"actor\": \"c\"}",
       ATIP_E_INVALID_ARGUMENT, "request.lawyers[0]: duplicate field \"a\""},
      {atip_audit_entries, "{\"entity_id\": \"\"}", ATIP_E_INVALID_ARGUMENT, "request.entity_id"},
      {atip_audit_entries, "{\"include_confidential\": 1}", ATIP_E_INVALID_ARGUMENT, "request.include_confidential"},
      {atip_audit_head, "{\"anchor\": {}}", ATIP_E_INVALID_ARGUMENT, "unknown field \"anchor\""},
  };
  check_request_cases(db, cases, sizeof cases / sizeof cases[0]);
}

static void test_audit_entries(atip_db *db) {
  char *out = RUN_OK(atip_audit_entries, db, "{\"entity_type\": \"matter\", \"entity_id\": \"matter-w\"}");
  char *all;
  size_t matter_entries = count_occurrences(out, "\"sequence\": ");

  /* Posting, five steps to in_progress and closing: at least seven entries,
   * each of matter-w, with the confidential facts left out. */
  CHECK(matter_entries >= 7);
  CHECK(count_occurrences(out, "\"entity_id\": \"matter-w\"") == matter_entries);
  CHECK_CONTAINS(out, "\"action\": \"transition\"");
  CHECK_CONTAINS(out, "\"redacted\": true");
  CHECK_LACKS(out, "Battambang");
  atip_free(out);

  out = RUN_OK(atip_audit_entries, db,
               "{\"entity_type\": \"matter\", \"entity_id\": \"matter-w\", \"include_confidential\": true}");
  CHECK_CONTAINS(out, "Battambang");
  CHECK_LACKS(out, "\"redacted\"");
  atip_free(out);

  out = RUN_OK(atip_audit_entries, db, "{\"limit\": 2, \"after_sequence\": 3}");
  CHECK(count_occurrences(out, "\"sequence\": ") == 2);
  CHECK_CONTAINS(out, "\"sequence\": 4");
  CHECK_CONTAINS(out, "\"sequence\": 5");
  atip_free(out);

  all = RUN_OK(atip_audit_entries, db, "{}");
  CHECK(count_occurrences(all, "\"sequence\": ") > matter_entries);
  CHECK_CONTAINS(all, "\"entity_type\": \"conflict_check\"");
  CHECK_CONTAINS(all, "\"entity_type\": \"expression_of_interest\"");
  CHECK_CONTAINS(all, "\"action\": \"attendance\"");
  atip_free(all);

  out = RUN_OK(atip_audit_entries, db, "{\"entity_type\": \"lawyer\"}");
  CHECK_STARTS_WITH(out, "[]");
  atip_free(out);
}

int main(void) {
  atip_db *db = open_test_network();

  test_bad_input_of_every_call(db);
  test_request_fields(db);
  test_matter_lifecycle(db);
  test_withdraw(db);
  test_due_reminders(db);
  test_expire_overdue(db);
  test_attendance(db);
  test_not_found_names_request_field(db);
  test_allowed_transitions();
  test_audit(db);
  test_audit_entries(db);

  atip_db_close(db);
  return finish_test("test_capi_workflow");
}
