/* C ABI tests: policy check, ranking, batch assignment and coverage gaps
 * over the test network (tests/capi/network.json).
 *
 * In that network, matter-1 is a wage claim in a Thai court that needs
 * Khmer and accepts an interpreter. lawyer-1 and lawyer-3 are eligible.
 * lawyer-2's firm acts for the employer, lawyer-4 is admitted only in
 * Cambodia, and lawyer-5 is not vetted. */
#include <stdio.h>
#include <string.h>

#include "capi_test.h"

/* A matter in a Vietnamese court that no lawyer of the network can take,
 * because none is admitted in Viet Nam. */
static const char *uncovered_matter =
    "{\"id\": \"matter-2\", \"ngo\": \"ngo-mekong\", \"title\": \"Repatriation advice\", "
    "\"practice_area\": \"immigration.repatriation\", \"forum\": \"VN\", \"languages\": [\"vi\"], "
    "\"activities\": [\"appear_in_court\"], \"status\": \"circulated\", \"created\": \"2026-01-12\"}";

static void test_policy_check(void) {
  char *out = UNTOUCHED;

  CHECK_STATUS(ATIP_OK, atip_match_policy_check(&out, "{}"));
  CHECK_CONTAINS(out, "\"weights\"");
  CHECK_CONTAINS(out, "\"require_vetted\": true");
  atip_free(out);

  CHECK_STATUS(ATIP_OK, atip_match_policy_check(&out, "{\"min_score\": 0.25}"));
  CHECK_CONTAINS(out, "\"min_score\": 0.25");
  atip_free(out);

  out = UNTOUCHED;
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_match_policy_check(&out, "{\"weights\": {\"language\": -1}}"));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "policy.weights.language");
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_match_policy_check(&out, "{\"colour\": 1}"));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "colour");
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_match_policy_check(&out, "[]"));
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_match_policy_check(NULL, "{}"));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "atip_match_policy_check: out: must not be NULL");
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_match_policy_check(&out, NULL));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "policy_json: must not be NULL");
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_match_policy_check(&out, "{\"min_score\": \"\xff\"}"));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "UTF-8");
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_match_policy_check(&out, "{\"min_score\": "));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "malformed JSON at byte");
  CHECK(out == UNTOUCHED);
}

static void test_rank(atip_db *db) {
  char *out = UNTOUCHED;
  atip_rank_options options = ATIP_RANK_OPTIONS_INIT;
  const char *first;
  const char *second;

  CHECK_STATUS(ATIP_OK, atip_match_rank(&out, db, "matter-1", NULL, NULL));
  CHECK_CONTAINS(out, "\"matter_id\": \"matter-1\"");
  CHECK_CONTAINS(out, "\"eligible\": 2");
  CHECK_CONTAINS(out, "\"reasons\"");
  /* lawyer-1 speaks Khmer and works in the matter's own area, so it ranks
   * above lawyer-3; the excluded lawyers are not in the matches. */
  first = strstr(out, "\"lawyer_id\": \"lawyer-1\"");
  second = strstr(out, "\"lawyer_id\": \"lawyer-3\"");
  CHECK(first != NULL);
  CHECK(second != NULL);
  if (first != NULL && second != NULL) CHECK(first < second);
  CHECK(strstr(out, "\"lawyer_id\": \"lawyer-2\"") == NULL);
  CHECK(strstr(out, "\"lawyer_id\": \"lawyer-5\"") == NULL);
  atip_free(out);

  /* Exclusions name the constraint that ruled each lawyer out. */
  options.include_exclusions = 1;
  options.as_of = "2026-02-01";
  CHECK_STATUS(ATIP_OK, atip_match_rank(&out, db, "matter-1", "{}", &options));
  CHECK_CONTAINS(out, "\"conflict\"");
  CHECK_CONTAINS(out, "\"admission\"");
  CHECK_CONTAINS(out, "\"status\"");
  atip_free(out);

  /* Turning off the vetting requirement lets lawyer-5 in. */
  CHECK_STATUS(ATIP_OK, atip_match_rank(&out, db, "matter-1", "{\"require_vetted\": false}", NULL));
  CHECK_CONTAINS(out, "\"lawyer_id\": \"lawyer-5\"");
  atip_free(out);

  options = (atip_rank_options)ATIP_RANK_OPTIONS_INIT;
  options.top = 1;
  options.explain = 0;
  CHECK_STATUS(ATIP_OK, atip_match_rank(&out, db, "matter-1", NULL, &options));
  CHECK_CONTAINS(out, "lawyer-1");
  CHECK(strstr(out, "\"lawyer_id\": \"lawyer-3\"") == NULL);
  atip_free(out);
}

static void test_rank_rejects_bad_arguments(atip_db *db) {
  char *out = UNTOUCHED;
  atip_rank_options options = ATIP_RANK_OPTIONS_INIT;

  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_match_rank(NULL, db, "matter-1", NULL, NULL));
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_match_rank(&out, NULL, "matter-1", NULL, NULL));
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_match_rank(&out, db, NULL, NULL, NULL));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "matter_id: must not be NULL");
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_match_rank(&out, db, "matter-\xff", NULL, NULL));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "UTF-8");
  CHECK_STATUS(ATIP_E_NOT_FOUND, atip_match_rank(&out, db, "matter-404", NULL, NULL));
  CHECK_LAST_ERROR(ATIP_E_NOT_FOUND, "matter-404");
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_match_rank(&out, db, "matter-1", "{\"min_score\": 2}", NULL));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "policy.min_score");
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_match_rank(&out, db, "matter-1", "{\"min_score\": \"\xc0\"}", NULL));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "UTF-8");
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_match_rank(&out, db, "matter-1", "{\"weights\": ", NULL));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "malformed JSON at byte");

  options.version = 0;
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_match_rank(&out, db, "matter-1", NULL, &options));
  options.version = ATIP_RANK_OPTIONS_VERSION;
  options.top = 10001;
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_match_rank(&out, db, "matter-1", NULL, &options));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "options.top");
  options.top = 10;
  options.as_of = "2026-13-01";
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_match_rank(&out, db, "matter-1", NULL, &options));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "options.as_of");
  options.as_of = "2026-01-\xff";
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_match_rank(&out, db, "matter-1", NULL, &options));
  CHECK(out == UNTOUCHED);
}

static void test_assign(atip_db *db) {
  char *out = UNTOUCHED;
  atip_assign_options options = ATIP_ASSIGN_OPTIONS_INIT;
  const char *both[2];
  const char *twice[2];

  both[0] = "matter-1";
  both[1] = "matter-2";
  twice[0] = "matter-1";
  twice[1] = "matter-1";

  CHECK_STATUS(ATIP_OK, atip_match_assign(&out, db, NULL, NULL));
  CHECK_CONTAINS(out, "\"assignments\"");
  CHECK_CONTAINS(out, "\"lawyer_id\": \"lawyer-1\"");
  CHECK_CONTAINS(out, "\"proved_optimal\": true");
  /* matter-2 has no eligible lawyer and comes back unfilled with a reason. */
  CHECK_CONTAINS(out, "\"unfilled\"");
  CHECK_CONTAINS(out, "matter-2");
  CHECK_CONTAINS(out, "no_eligible_lawyer");
  atip_free(out);

  options.matter_ids = both;
  options.matter_count = 2;
  options.threads = 1;
  options.as_of = "2026-02-01";
  CHECK_STATUS(ATIP_OK, atip_match_assign(&out, db, "{\"firm_share\": 1}", &options));
  CHECK_CONTAINS(out, "\"firm_cap\"");
  atip_free(out);

  /* Bad arguments. */
  out = UNTOUCHED;
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_match_assign(NULL, db, NULL, NULL));
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_match_assign(&out, NULL, NULL, NULL));
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_match_assign(&out, db, "{\"firm_share\": 0}", NULL));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "policy.firm_share");
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_match_assign(&out, db, "{\"firm_share\": \"\x80\"}", NULL));
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_match_assign(&out, db, "{\"firm_share\"", NULL));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "malformed JSON at byte");

  options.matter_ids = twice;
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_match_assign(&out, db, NULL, &options));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "matter-1");
  options.matter_ids = NULL;
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_match_assign(&out, db, NULL, &options));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "options.matter_count");
  options.matter_ids = both;
  options.matter_count = 0;
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_match_assign(&out, db, NULL, &options));
  options.matter_count = 2;
  both[1] = NULL;
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_match_assign(&out, db, NULL, &options));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "options.matter_ids[1]: must not be NULL");
  both[1] = "matter-404";
  CHECK_STATUS(ATIP_E_NOT_FOUND, atip_match_assign(&out, db, NULL, &options));
  CHECK_LAST_ERROR(ATIP_E_NOT_FOUND, "matter-404");
  both[1] = "matter-2";
  options.threads = 0;
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_match_assign(&out, db, NULL, &options));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "options.threads");
  options.threads = 1;
  options.as_of = "yesterday";
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_match_assign(&out, db, NULL, &options));
  options.as_of = NULL;
  options.version = 2;
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_match_assign(&out, db, NULL, &options));
  CHECK(out == UNTOUCHED);
}

static void test_coverage_gaps(atip_db *db) {
  char *out = UNTOUCHED;

  CHECK_STATUS(ATIP_OK, atip_match_find_coverage_gaps(&out, db, NULL, NULL));
  CHECK_CONTAINS(out, "\"open_matters\": 2");
  CHECK_CONTAINS(out, "\"matters_without_candidates\": 1");
  CHECK_CONTAINS(out, "\"matter_id\": \"matter-2\"");
  CHECK_CONTAINS(out, "\"binding\"");
  CHECK_CONTAINS(out, "\"forum\": \"VN\"");
  CHECK_CONTAINS(out, "\"binding\": \"admission\"");
  atip_free(out);

  CHECK_STATUS(ATIP_OK, atip_match_find_coverage_gaps(&out, db, "{\"require_vetted\": true}", "2026-02-01"));
  CHECK_CONTAINS(out, "\"matters_without_candidates\": 1");
  atip_free(out);

  out = UNTOUCHED;
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_match_find_coverage_gaps(NULL, db, NULL, NULL));
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_match_find_coverage_gaps(&out, NULL, NULL, NULL));
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_match_find_coverage_gaps(&out, db, "{\"experience_full_years\": 0}", NULL));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "policy.experience_full_years");
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_match_find_coverage_gaps(&out, db, "{\"a\": \"\xe0\x80\"}", NULL));
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_match_find_coverage_gaps(&out, db, "{", NULL));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "malformed JSON at byte");
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_match_find_coverage_gaps(&out, db, NULL, "2026-02-30"));
  CHECK_LAST_ERROR(ATIP_E_INVALID_ARGUMENT, "as_of");
  CHECK_STATUS(ATIP_E_INVALID_ARGUMENT, atip_match_find_coverage_gaps(&out, db, NULL, "\xff"));
  CHECK(out == UNTOUCHED);
}

int main(void) {
  atip_db *db = open_test_network();
  char *id = NULL;

  if (atip_record_add(&id, db, ATIP_ENTITY_MATTER, uncovered_matter) != ATIP_OK) {
    fprintf(stderr, "cannot add matter-2: %s\n", atip_error_last_message());
    return 2;
  }
  atip_free(id);

  test_policy_check();
  test_rank(db);
  test_rank_rejects_bad_arguments(db);
  test_assign(db);
  test_coverage_gaps(db);

  atip_db_close(db);
  return finish_test("test_capi_matching");
}
