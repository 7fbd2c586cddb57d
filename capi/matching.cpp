// Matching through the C ABI: policy check, ranking, batch assignment and
// coverage gaps. Policies come in as JSON; results go out as the JSON of
// atip/matching/results.hpp.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "atip/matching/policy.hpp"
#include "atip/matching/results.hpp"
#include "support.hpp"

using namespace atip::capi;

namespace {

/// Upper bound of atip_assign_options.threads. More threads than this only
/// add contention: pricing work is split per matter.
constexpr int kMaxAssignThreads = 64;

/// Reads a policy argument; NULL means the default policy.
atip::Policy convert_policy(const char* policy_json, const char* name) {
  if (policy_json == nullptr) return {};
  const nlohmann::json document = require_json(policy_json, name);
  return atip::policy_from_json(document);
}

/// Reads an optional "YYYY-MM-DD" argument; NULL means absent (today).
std::optional<atip::Date> convert_as_of(const char* as_of, const char* name) {
  if (as_of == nullptr) return std::nullopt;
  return atip::Date::parse(require_text(as_of, name), name);
}

atip::RankOptions convert_rank_options(const atip_rank_options* options) {
  atip::RankOptions converted;
  if (options == nullptr) return converted;
  require_options_version(options->version, ATIP_RANK_OPTIONS_VERSION, "options");

  // The matcher checks the range of `top` and names the field itself.
  converted.top = options->top;
  converted.explain = options->explain != 0;
  converted.include_exclusions = options->include_exclusions != 0;
  converted.as_of = convert_as_of(options->as_of, "options.as_of");
  return converted;
}

std::vector<std::string> convert_matter_ids(const atip_assign_options& options) {
  if (options.matter_ids == nullptr) {
    if (options.matter_count != 0) {
      atip::fail(atip::ErrorKind::invalid_argument, "options.matter_count: " + std::to_string(options.matter_count) +
                                                        " must be 0 when options.matter_ids is NULL");
    }
    return {};
  }
  if (options.matter_count == 0) {
    atip::fail(atip::ErrorKind::invalid_argument,
               "options.matter_count: 0 with a non-NULL options.matter_ids (pass NULL for every open matter)");
  }

  std::vector<std::string> ids;
  ids.reserve(options.matter_count);
  for (std::size_t i = 0; i < options.matter_count; ++i) {
    const std::string name = "options.matter_ids[" + std::to_string(i) + "]";
    ids.push_back(require_id(options.matter_ids[i], name.c_str()));
  }
  return ids;
}

atip::AssignOptions convert_assign_options(const atip_assign_options* options) {
  atip::AssignOptions converted;
  if (options == nullptr) return converted;
  require_options_version(options->version, ATIP_ASSIGN_OPTIONS_VERSION, "options");

  converted.matter_ids = convert_matter_ids(*options);
  converted.as_of = convert_as_of(options->as_of, "options.as_of");
  if (options->threads < 1 || options->threads > kMaxAssignThreads) {
    atip::fail(atip::ErrorKind::invalid_argument, "options.threads: " + std::to_string(options->threads) +
                                                      " is out of range (expected 1-" +
                                                      std::to_string(kMaxAssignThreads) + ")");
  }
  converted.solver.pricing_threads = options->threads;
  return converted;
}

}  // namespace

extern "C" atip_status atip_match_policy_check(char** out, const char* policy_json) {
  return guarded("atip_match_policy_check", nullptr, [&] {
    require_pointer(out, "out");
    require_pointer(policy_json, "policy_json");
    const atip::Policy policy = convert_policy(policy_json, "policy_json");

    *out = copy_for_caller(result_text(atip::to_json(policy)));
  });
}

extern "C" atip_status atip_match_rank(char** out, atip_db* db, const char* matter_id, const char* policy_json,
                                       const atip_rank_options* options) {
  return guarded("atip_match_rank", db, [&] {
    require_pointer(out, "out");
    atip::Clearinghouse& clearinghouse = require_db(db);
    const std::string matter = require_id(matter_id, "matter_id");
    const atip::Policy policy = convert_policy(policy_json, "policy_json");
    const atip::RankOptions converted = convert_rank_options(options);

    const atip::Ranking ranking = clearinghouse.rank(matter, policy, converted);
    *out = copy_for_caller(result_text(atip::to_json(ranking)));
  });
}

extern "C" atip_status atip_match_assign(char** out, atip_db* db, const char* policy_json,
                                         const atip_assign_options* options) {
  return guarded("atip_match_assign", db, [&] {
    require_pointer(out, "out");
    atip::Clearinghouse& clearinghouse = require_db(db);
    const atip::Policy policy = convert_policy(policy_json, "policy_json");
    const atip::AssignOptions converted = convert_assign_options(options);

    const atip::AssignmentResult result = clearinghouse.assign(converted, policy);
    *out = copy_for_caller(result_text(atip::to_json(result)));
  });
}

extern "C" atip_status atip_match_find_coverage_gaps(char** out, atip_db* db, const char* policy_json,
                                                     const char* as_of) {
  return guarded("atip_match_find_coverage_gaps", db, [&] {
    require_pointer(out, "out");
    atip::Clearinghouse& clearinghouse = require_db(db);
    const atip::Policy policy = convert_policy(policy_json, "policy_json");
    atip::CoverageOptions converted;
    converted.as_of = convert_as_of(as_of, "as_of");

    const atip::CoverageReport report = clearinghouse.coverage_gaps(policy, converted);
    *out = copy_for_caller(result_text(atip::to_json(report)));
  });
}
