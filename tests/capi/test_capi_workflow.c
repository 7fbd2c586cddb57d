/* C ABI tests: the workflow of a matter from posting to closing, the
 * engagement steps, disclosure to candidates and the audit log, plus the
 * bad-input cases of every workflow call. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "capi_test.h"

/* Copies the string value of the first `"key": "..."` in `json` into
 * `value`; enough for ids, which the tests write without escapes. Returns 0
 * when the key is missing. */
static int find_string_field(const char *json, const char *key, char *value, size_t size) {
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

/* Runs a workflow call that must succeed and returns its output, or NULL
 * after recording a failed check. */
static char *run_ok(const char *name, request_call call, atip_db *db, const char *request) {
  char *out = NULL;
  atip_status status = call(&out, db, request);
  if (status != ATIP_OK) {
    fprintf(stderr, "%s(%s) returned %s: %s\n", name, request, atip_status_str(status), atip_error_last_message());
    ++capi_test_failures;
    return NULL;
  }
  return out;
}

/* Runs a workflow call that must succeed and copies the "id" of its result. */
static void run_for_id(const char *name, request_call call, atip_db *db, const char *request, char *id, size_t size) {
  char *out = run_ok(name, call, db, request);
  id[0] = '\0';
  CHECK(find_string_field(out, "id", id, size));
  atip_free(out);
}

#define RUN_OK(call, db, request) run_ok(#call, call, db, request)

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
  run_for_id("atip_workflow_request_conflict_check", atip_workflow_request_conflict_check, db, request, check,
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

  clear_conflict_check(db, "lawyer-1");
  clear_conflict_check(db, "lawyer-3");

  /* Before acceptance the view contains the summary only. */
  out = RUN_OK(atip_workflow_candidate_view, db, "{\"matter\": \"matter-w\", \"lawyer\": \"lawyer-1\"}");
  CHECK_CONTAINS(out, "\"stage\": \"summary\"");
  CHECK_CONTAINS(out, "engagement_accepted");
  CHECK(strstr(out, "Battambang") == NULL);
  CHECK(strstr(out, "MMRC-2026-031") == NULL);
  atip_free(out);

  /* lawyer-3 declines. */
  run_for_id("atip_workflow_offer", atip_workflow_offer, db,
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
  run_for_id("atip_workflow_offer", atip_workflow_offer, db,
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
  run_for_id("atip_workflow_request_conflict_check", atip_workflow_request_conflict_check, db,
             "{\"matter\": \"matter-1\", \"lawyer\": \"lawyer-3\", \"actor\": \"coordinator-1\"}", check, sizeof check);
  sprintf(request, "{\"check\": \"%s\", \"result\": \"cleared\", \"actor\": \"lawyer-3\"}", check);
  out = RUN_OK(atip_workflow_record_conflict_check, db, request);
  atip_free(out);

  run_for_id("atip_workflow_offer", atip_workflow_offer, db,
             "{\"matter\": \"matter-1\", \"lawyer\": \"lawyer-3\", \"decided_by\": \"coordinator-1\"}", engagement,
             sizeof engagement);
  sprintf(request, "{\"engagement\": \"%s\", \"reason\": \"the NGO found counsel\", \"actor\": \"coordinator-1\"}",
          engagement);
  out = RUN_OK(atip_workflow_withdraw, db, request);
  CHECK_CONTAINS(out, "\"status\": \"withdrawn\"");
  atip_free(out);

  /* A conflict found blocks the offer. */
  run_for_id("atip_workflow_request_conflict_check", atip_workflow_request_conflict_check, db,
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
    {"atip_audit_verify", atip_audit_verify},
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
  static const struct {
    request_call call;
    const char *request;
    atip_status status;
    const char *message;
  } cases[] = {
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
      {atip_workflow_candidate_view, "{\"matter\": \"matter-1\"}", ATIP_E_INVALID_ARGUMENT, "request.lawyer"},
      {atip_workflow_candidate_view, "{\"matter\": \"matter-1\", \"lawyer\": \"lawyer-404\"}", ATIP_E_NOT_FOUND,
       "lawyer-404"},
  };
  size_t i;
  char *out = UNTOUCHED;
  for (i = 0; i < sizeof cases / sizeof cases[0]; ++i) {
    atip_status status = cases[i].call(&out, db, cases[i].request);
    if (status != cases[i].status || strstr(atip_error_last_message(), cases[i].message) == NULL) {
      fprintf(stderr, "%s:%d: case %u (%s) returned %s \"%s\", expected %s with \"%s\"\n", __FILE__, __LINE__,
              (unsigned)i, cases[i].request, atip_status_str(status), atip_error_last_message(),
              atip_status_str(cases[i].status), cases[i].message);
      ++capi_test_failures;
    }
    CHECK(out == UNTOUCHED);
  }
}

int main(void) {
  atip_db *db = open_test_network();

  test_bad_input_of_every_call(db);
  test_request_fields(db);
  test_matter_lifecycle(db);
  test_withdraw(db);
  test_audit(db);

  atip_db_close(db);
  return finish_test("test_capi_workflow");
}
