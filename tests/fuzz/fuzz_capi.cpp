// libFuzzer target: the C ABI calls that take strings or JSON, on an
// in-memory database that contains a small network.
//
// Input format: pieces separated by NUL bytes (at most kMaxCalls are run).
// Each piece is one call: its first byte picks the function, its second the
// entity kind or workflow step where the function needs one, and the rest is
// the string argument (split at 0x01 bytes where a call takes several).
//
// Checks, for every call, the conventions stated at the top of atip.h:
// - the status is a known code, never ATIP_E_INTERNAL;
// - on failure *out is left as it was, and the thread's and the handle's
//   last error hold the status and a valid UTF-8 message;
// - on success a returned string is valid UTF-8 JSON.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "atip/atip.h"
#include "fuzz_support.hpp"

namespace {

using atip_fuzz::require;

constexpr std::size_t kMaxCalls = 16;

/// A small network for the calls to work on: an NGO, two firms, three
/// lawyers, a circulated matter with a party, an event and a service.
constexpr const char* kNetwork = R"({
  "format": "atip-dataset", "version": 1,
  "organizations": [
    {"id": "ngo-1", "kind": "ngo", "names": ["Mekong Rights", {"value": "មជ្ឈមណ្ឌល", "lang": "km", "kind": "script"}]},
    {"id": "firm-1", "kind": "law_firm", "names": ["Chao Phraya Legal"], "jurisdictions": ["TH"],
     "conflict_register": [{"names": ["Golden Harvest Co."], "relation": "client"}]},
    {"id": "firm-2", "kind": "law_firm", "names": ["Isan Justice"], "jurisdictions": ["TH"],
     "exclusions": {"practice_areas": ["immigration"], "ngos": ["ngo-1"]}}
  ],
  "lawyers": [
    {"id": "lawyer-1", "names": ["Pimchanok Srisuk", "พิมพ์ชนก ศรีสุข"], "firm": "firm-1", "vetted": true,
     "admissions": [{"jurisdiction": "TH", "since": "2012-05-01"}],
     "languages": [{"tag": "th", "proficiency": "native"}, {"tag": "km", "proficiency": "working"}],
     "practice_areas": [{"code": "labour.wage_claims", "years": 8}],
     "trainings": [{"topic": "labour", "jurisdiction": "TH", "date": "2025-11-20"}]},
    {"id": "lawyer-2", "names": ["Anan Wongsawat"], "firm": "firm-2", "vetted": true,
     "admissions": [{"jurisdiction": "TH"}], "languages": [{"tag": "en", "proficiency": "professional"}],
     "practice_areas": [{"code": "labour", "years": 12}], "max_active_matters": 1},
    {"id": "lawyer-3", "names": ["Sophea Chan"], "vetted": false, "status": "active",
     "admissions": [{"jurisdiction": "KH"}], "languages": [{"tag": "km", "proficiency": "native"}],
     "unavailable": [{"from": "2026-01-01", "to": "2026-02-01"}]}
  ],
  "matters": [
    {"id": "matter-1", "ngo": "ngo-1", "title": "Unpaid wages on a fishing boat", "practice_area": "labour.wage_claims",
     "forum": "TH", "languages": ["km"], "activities": ["appear_in_court"], "status": "circulated",
     "interpreter_accepted": true, "created": "2026-01-15", "facts": "Confidential facts.", "client_ref": "c-1",
     "parties": [{"names": ["Golden Harvest Co"], "kind": "organization", "role": "employer"}]}
  ],
  "events": [{"id": "event-1", "title": "Labour law workshop", "date": "2025-11-20", "jurisdiction": "TH",
              "topics": ["labour"], "attendees": ["lawyer-1"]}],
  "services": [{"id": "service-1", "names": ["Help line"], "jurisdiction": "KH", "languages": ["km"]}]
})";

/// Splits `piece` at 0x01 bytes into at most `count` arguments; missing ones
/// are empty.
std::vector<std::string> arguments(std::string_view piece, std::size_t count) {
  std::vector<std::string> parts(count);
  std::size_t index = 0;
  for (char c : piece) {
    if (c == '\x01' && index + 1 < count) {
      ++index;
    } else {
      parts[index].push_back(c);
    }
  }
  return parts;
}

/// NULL for an empty argument, to reach the "NULL means default" paths.
const char* or_null(const std::string& text) { return text.empty() ? nullptr : text.c_str(); }

class Calls {
 public:
  explicit Calls(atip_db* db) : db_(db) {}

  void run(std::string_view piece) {
    if (piece.empty()) return;
    const auto selector = static_cast<unsigned char>(piece[0]);
    const auto variant = piece.size() > 1 ? static_cast<unsigned char>(piece[1]) : 0;
    const std::string_view rest = piece.size() > 2 ? piece.substr(2) : std::string_view();
    const auto entity = static_cast<atip_entity>(variant % 10);  // 9 is out of range on purpose.
    const std::string text(rest);
    switch (selector % 15) {
      case 0: return returns_string_on_db(atip_db_import_json(&out_, db_, text.c_str()));
      case 1: return returns_id(atip_record_add(&out_, db_, entity, text.c_str()));
      case 2: return returns_nothing(atip_record_update(db_, entity, text.c_str()));
      case 3: return returns_string_on_db(atip_record_get(&out_, db_, entity, text.c_str(), nullptr));
      case 4: return returns_nothing(atip_record_remove(db_, entity, text.c_str()));
      case 5: return list(entity, variant);
      case 6: return search(rest, entity);
      case 7: return returns_string(atip_match_policy_check(&out_, text.c_str()), nullptr);
      case 8: return rank(rest, variant);
      case 9: return assign(rest);
      case 10: {
        const auto parts = arguments(rest, 2);
        return returns_string_on_db(atip_match_find_coverage_gaps(&out_, db_, or_null(parts[0]), or_null(parts[1])));
      }
      case 11: return workflow(variant, text);
      case 12: return returns_string_on_db(atip_audit_verify(&out_, db_, text.c_str()));
      case 13: return returns_string_on_db(atip_db_export_json(&out_, db_, nullptr));
      default: return open(variant, rest);
    }
  }

 private:
  void list(atip_entity entity, unsigned variant) {
    atip_list_options options = ATIP_LIST_OPTIONS_INIT;
    options.limit = variant % 4;
    options.offset = variant / 64;
    options.include_confidential = static_cast<int>(variant & 1u);
    returns_string_on_db(atip_record_list(&out_, db_, entity, &options));
  }

  void search(std::string_view rest, atip_entity entity) {
    const auto parts = arguments(rest, 3);
    atip_directory_query query = ATIP_DIRECTORY_QUERY_INIT;
    query.text = parts[0].c_str();
    query.entity = entity;
    query.jurisdiction = or_null(parts[1]);
    query.language = or_null(parts[2]);
    returns_string_on_db(atip_directory_search(&out_, db_, &query));
  }

  void rank(std::string_view rest, unsigned variant) {
    const auto parts = arguments(rest, 3);
    atip_rank_options options = ATIP_RANK_OPTIONS_INIT;
    options.top = variant % 16;
    options.include_exclusions = static_cast<int>(variant & 16u);
    options.as_of = or_null(parts[2]);
    returns_string_on_db(atip_match_rank(&out_, db_, parts[0].c_str(), or_null(parts[1]), &options));
  }

  void assign(std::string_view rest) {
    const auto parts = arguments(rest, 4);
    std::vector<const char*> matters;
    for (std::size_t i = 2; i < parts.size(); ++i) {
      if (!parts[i].empty()) matters.push_back(parts[i].c_str());
    }
    atip_assign_options options = ATIP_ASSIGN_OPTIONS_INIT;
    options.matter_ids = matters.empty() ? nullptr : matters.data();
    options.matter_count = matters.size();
    options.as_of = or_null(parts[1]);
    options.threads = 1;
    returns_string_on_db(atip_match_assign(&out_, db_, or_null(parts[0]), &options));
  }

  void workflow(unsigned step, const std::string& request) {
    using Call = atip_status (*)(char**, atip_db*, const char*);
    static constexpr Call kSteps[] = {
        atip_workflow_post_matter,          atip_workflow_transition, atip_workflow_history,
        atip_workflow_express_interest,     atip_workflow_request_conflict_check,
        atip_workflow_record_conflict_check, atip_workflow_offer,     atip_workflow_accept,
        atip_workflow_decline,              atip_workflow_start,      atip_workflow_complete,
        atip_workflow_withdraw,             atip_workflow_log_hours,  atip_workflow_record_feedback,
        atip_workflow_candidate_view};
    returns_string_on_db(kSteps[step % std::size(kSteps)](&out_, db_, request.c_str()));
  }

  /// atip_db_open with fuzzed options. The path is ":memory:", or the bytes
  /// themselves when they are not valid UTF-8 (which the call must reject
  /// before touching the disk), so the fuzzer never creates or opens files.
  void open(unsigned variant, std::string_view rest) {
    const std::string bytes(rest);
    const std::string path = atip_fuzz::is_valid_utf8(bytes) ? ":memory:" : bytes;
    const unsigned char key[128] = {0};  // Longer than any valid key, so no length overreads it.
    atip_open_options options = ATIP_OPEN_OPTIONS_INIT;
    options.version = variant % 3;
    options.read_only = static_cast<int>(variant & 4u);
    options.create = 0;
    options.busy_timeout_ms = bytes.empty() ? -1 : static_cast<unsigned char>(bytes[0]) - 64;
    options.audit_key = (variant & 8u) != 0 ? key : nullptr;
    options.audit_key_length = (variant / 16) * 5;
    options.conflict_check_reminder_days = bytes.size() > 1 ? static_cast<unsigned char>(bytes[1]) - 100 : 5;
    atip_db* opened = reinterpret_cast<atip_db*>(sentinel_);
    const atip_status status = atip_db_open(&opened, path.c_str(), &options);
    check_status(status, nullptr);
    const bool key_valid = options.audit_key == nullptr ? options.audit_key_length == 0
                                                        : options.audit_key_length >= 16 && options.audit_key_length <= 64;
    require(key_valid || status != ATIP_OK, "atip_db_open accepted an audit key of a wrong length");
    if (status == ATIP_OK) {
      atip_db_close(opened);
    } else {
      require(opened == reinterpret_cast<atip_db*>(sentinel_), "atip_db_open wrote *out on failure");
    }
  }

  void check_status(atip_status status, const atip_db* db) {
    require(status >= ATIP_OK && status <= ATIP_E_INTERNAL, "unknown status code");
    require(status != ATIP_E_INTERNAL, "a call failed with ATIP_E_INTERNAL (a bug in atip)");
    if (status == ATIP_OK) return;
    require(atip_error_last_status() == status, "atip_error_last_status differs from the returned status");
    atip_fuzz::require_good_message(atip_error_last_message());
    if (db == nullptr) return;
    atip_status handle_status = ATIP_OK;
    require(atip_db_error_status(&handle_status, db) == ATIP_OK && handle_status == status,
            "atip_db_error_status differs from the returned status");
  }

  void returns_nothing(atip_status status) { check_status(status, db_); }

  void returns_string_on_db(atip_status status) { returns_string(status, db_); }

  /// Checks atip_record_add, which returns the new id as plain text.
  void returns_id(atip_status status) { returns_string(status, db_, false); }

  /// Checks a call that returns a string; `db` is the handle the call took,
  /// or NULL for a call without one. The string must be JSON when `is_json`.
  void returns_string(atip_status status, const atip_db* db, bool is_json = true) {
    check_status(status, db);
    if (status != ATIP_OK) {
      require(out_ == sentinel_, "*out was written although the call failed");
      return;
    }
    require(out_ != sentinel_ && out_ != nullptr, "a successful call left *out unset");
    const std::string_view result(out_);
    require(atip_fuzz::is_valid_utf8(result), "a result is not valid UTF-8");
    require(!is_json || nlohmann::json::accept(result), "a result is not valid JSON");
    atip_free(out_);
    out_ = sentinel_;
  }

  atip_db* db_;
  char sentinel_storage_[1] = {0};
  char* sentinel_ = sentinel_storage_;
  char* out_ = sentinel_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  atip_db* db = nullptr;
  require(atip_db_open(&db, ":memory:", nullptr) == ATIP_OK, "cannot open an in-memory database");
  char* report = nullptr;
  if (atip_db_import_json(&report, db, kNetwork) != ATIP_OK) {
    std::fprintf(stderr, "%s\n", atip_error_last_message());
    require(false, "the built-in network does not import");
  }
  atip_free(report);

  Calls calls(db);
  const std::string_view input = atip_fuzz::as_text(data, size);
  std::size_t start = 0;
  for (std::size_t call = 0; call < kMaxCalls && start <= input.size(); ++call) {
    const std::size_t end = std::min(input.find('\0', start), input.size());
    calls.run(input.substr(start, end - start));
    start = end + 1;
  }
  atip_db_close(db);
  return 0;
}
