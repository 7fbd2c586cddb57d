// The workflow and the audit log through the C ABI. Every call reads one
// JSON request object strictly: unknown fields are rejected, and messages
// name each field "request.<key>". It then runs one workflow step or query
// under the clearinghouse's mutex and returns the JSON of what the step
// recorded or the query found.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "atip/limits.hpp"
#include "atip/model/dataset.hpp"
#include "atip/workflow.hpp"
#include "clearinghouse/clearinghouse_impl.hpp"
#include "model/json_reader.hpp"
#include "support.hpp"

using namespace atip::capi;
using atip::detail::fail_field;
using atip::detail::ObjectReader;
using nlohmann::json;

namespace {

/// Maximum bytes of an entity_type that the audit log stores, so a longer
/// filter cannot match any entry.
constexpr std::size_t kMaxAuditLabelBytes = 64;

/// The workflow's own records that the audit log has entries for, besides
/// the kinds of record (atip::EntityType).
constexpr std::string_view kWorkflowRecordTypes[] = {"expression_of_interest", "conflict_check"};

/// The parameter names that the C++ workflow puts in front of its messages
/// for a record it cannot find, and the request fields a C caller wrote
/// those ids in.
constexpr std::pair<std::string_view, std::string_view> kRequestFieldOfParameter[] = {
    {"matter_id", "request.matter"},   {"engagement_id", "request.engagement"}, {"interest_id", "request.interest"},
    {"check_id", "request.check"},     {"event_id", "request.event"},           {"lawyer_ids", "request.lawyers"},
    {"lawyer_id", "request.lawyer"},
};

/// Rethrows a workflow error with a leading C++ parameter name ("matter_id:",
/// "lawyer_ids[1]:") replaced by the request field ("request.matter:",
/// "request.lawyers[1]:"), so the message names what the caller wrote.
/// Must be called from inside the catch block of `error`.
/// NOTE: the core's methods that take bare ids name their parameters. Once
/// they take the field path from the caller, this translation can go.
[[noreturn]] void rethrow_naming_request_fields(const atip::Error& error) {
  const std::string_view message = error.what();
  for (const auto& [parameter, field] : kRequestFieldOfParameter) {
    const bool named = message.substr(0, parameter.size()) == parameter && message.size() > parameter.size() &&
                       (message[parameter.size()] == ':' || message[parameter.size()] == '[');
    if (named) atip::fail(error.kind(), std::string(field) + std::string(message.substr(parameter.size())));
  }
  throw;  // Any other message already names a request field, or names no field at all.
}

/// Parses `request_json` into a typed request with `parse(reader, document)`,
/// rejects fields that `parse` did not read, then runs `act(clearinghouse,
/// workflow, request)` under the clearinghouse's mutex and hands its JSON to
/// the caller. Reading the whole request before acting keeps a misspelt
/// field from taking effect as a default.
template <typename Parse, typename Act>
atip_status run_workflow_call(const char* function, char** out, atip_db* db, const char* request_json,
                              Parse parse, Act act) {
  return guarded(function, db, [&] {
    require_pointer(out, "out");
    atip::Clearinghouse& clearinghouse = require_db(db);
    const json document = require_request_json(request_json, "request_json");
    ObjectReader reader(document, "request");
    const auto request = parse(reader, document);
    reader.finish();

    const json result = clearinghouse.with_workflow([&](atip::Workflow& workflow) {
      try {
        return json(act(clearinghouse, workflow, request));
      } catch (const atip::Error& error) {
        rethrow_naming_request_fields(error);
      }
    });
    // NOTE: the step has committed here, so a failure to copy its result
    // (ATIP_E_NO_MEMORY) leaves the change recorded.
    *out = copy_for_caller(result_text(result));
  });
}

template <typename T>
json array_json(const std::vector<T>& values) {
  json array = json::array();
  for (const auto& value : values) array.push_back(atip::to_json(value));
  return array;
}

/// The object at `key`, which must be present (not null).
const json& required_object_field(ObjectReader& reader, const json& document, std::string_view key) {
  if (!reader.has(key)) fail_field(reader.field(key), "is required");
  return document.at(std::string(key));
}

// ---------------------------------------------------------------------------
// Matters

struct PostMatterRequest {
  atip::Matter matter;
  std::string actor;
};

PostMatterRequest read_post_matter(ObjectReader& reader, const json& document) {
  PostMatterRequest request;
  const json& matter = required_object_field(reader, document, "matter");
  request.matter = atip::matter_from_json(matter, reader.field("matter"));
  request.actor = reader.required_id("actor");
  return request;
}

/// Cleans the matter's text as an import does: Zawgyi to Unicode, then NFC.
void clean_matter_text(atip::Matter& matter) {
  atip::Dataset single;
  single.matters.push_back(std::move(matter));
  std::vector<std::string> converted;
  atip::clean_dataset_text(single, converted);
  matter = std::move(single.matters.front());
  if (!converted.empty()) {
    // Field paths only: the text itself may identify a survivor.
    log(ATIP_LOG_WARNING, "atip_workflow_post_matter: converted " + std::to_string(converted.size()) +
                              " matter fields from Zawgyi to Unicode");
  }
}

atip::TransitionRequest read_transition(ObjectReader& reader, const json&) {
  atip::TransitionRequest request;
  request.matter = reader.required_id("matter");
  request.to = atip::parse_matter_status(reader.required_string("to", atip::kMaxNameBytes), reader.field("to"));
  request.actor = reader.required_id("actor");
  request.outcome = reader.string("outcome", atip::kMaxNameBytes);
  request.note = reader.string("note", atip::kMaxTextBytes);
  return request;
}

struct MatterRequest {
  std::string matter;
};

MatterRequest read_matter_id(ObjectReader& reader, const json&) { return {reader.required_id("matter")}; }

// ---------------------------------------------------------------------------
// Interest and conflict checks

atip::InterestRequest read_interest(ObjectReader& reader, const json&) {
  atip::InterestRequest request;
  request.matter = reader.required_id("matter");
  request.lawyer = reader.id("lawyer");
  request.firm = reader.id("firm");
  request.actor = reader.required_id("actor");
  request.note = reader.string("note", atip::kMaxTextBytes);
  return request;
}

atip::ConflictCheckRequest read_check_request(ObjectReader& reader, const json&) {
  atip::ConflictCheckRequest request;
  request.matter = reader.required_id("matter");
  request.firm = reader.id("firm");
  request.lawyer = reader.id("lawyer");
  request.actor = reader.required_id("actor");
  if (reader.has("reminder_days")) request.reminder_days = reader.integer("reminder_days", 0, 1, 90);
  request.note = reader.string("note", atip::kMaxTextBytes);
  return request;
}

struct CheckResultRequest {
  std::string check;
  atip::ConflictCheckStatus result = atip::ConflictCheckStatus::requested;
  std::string actor;
  std::string note;
};

CheckResultRequest read_check_result(ObjectReader& reader, const json&) {
  CheckResultRequest request;
  request.check = reader.required_id("check");
  request.result =
      atip::parse_conflict_check_status(reader.required_string("result", atip::kMaxNameBytes), reader.field("result"));
  request.actor = reader.required_id("actor");
  request.note = reader.string("note", atip::kMaxTextBytes);
  return request;
}

// ---------------------------------------------------------------------------
// Engagements

atip::OfferRequest read_offer(ObjectReader& reader, const json&) {
  atip::OfferRequest request;
  request.matter = reader.required_id("matter");
  request.lawyer = reader.required_id("lawyer");
  request.supervising_lawyer = reader.id("supervising_lawyer");
  request.decided_by = reader.required_id("decided_by");
  request.reason = reader.string("reason", atip::kMaxTextBytes);
  return request;
}

/// The request of the engagement steps. `detail_key` names the step's text
/// field ("reason" to decline or withdraw, "outcome" to complete), or is
/// empty for steps without one.
struct EngagementStepRequest {
  std::string engagement;
  std::string detail;
  std::string actor;
};

auto engagement_step_reader(std::string_view detail_key) {
  return [detail_key](ObjectReader& reader, const json&) {
    EngagementStepRequest request;
    request.engagement = reader.required_id("engagement");
    if (!detail_key.empty()) request.detail = reader.required_string(detail_key, atip::kMaxTextBytes);
    request.actor = reader.required_id("actor");
    return request;
  };
}

struct HoursRequest {
  std::string engagement;
  atip::HoursEntry entry;
  std::string actor;
};

atip::HoursEntry read_hours_entry(ObjectReader& reader, const json& document) {
  const json& entry_json = required_object_field(reader, document, "entry");
  ObjectReader entry(entry_json, reader.field("entry"));
  atip::HoursEntry parsed;
  parsed.date = entry.required_date("date");
  if (!entry.has("hours")) fail_field(entry.field("hours"), "is required (hours worked that day, more than 0, at most 24)");
  parsed.hours = entry.number("hours", 0, 0, 24);
  parsed.activity = entry.string("activity", atip::kMaxNameBytes);
  parsed.note = entry.string("note", atip::kMaxTextBytes);
  entry.finish();
  return parsed;
}

HoursRequest read_hours(ObjectReader& reader, const json& document) {
  HoursRequest request;
  request.engagement = reader.required_id("engagement");
  request.entry = read_hours_entry(reader, document);
  request.actor = reader.required_id("actor");
  return request;
}

struct FeedbackRequest {
  std::string engagement;
  int rating = 0;
  std::string actor;
};

FeedbackRequest read_feedback(ObjectReader& reader, const json&) {
  FeedbackRequest request;
  request.engagement = reader.required_id("engagement");
  if (!reader.has("rating")) fail_field(reader.field("rating"), "is required (an integer 1-5)");
  request.rating = reader.integer("rating", 0, 1, 5);
  request.actor = reader.required_id("actor");
  return request;
}

// ---------------------------------------------------------------------------
// Lists, reminders, expiry and attendance

struct ActorRequest {
  std::string actor;
};

ActorRequest read_actor(ObjectReader& reader, const json&) { return {reader.required_id("actor")}; }

struct InterestStepRequest {
  std::string interest;
  std::string actor;
};

InterestStepRequest read_interest_step(ObjectReader& reader, const json&) {
  return {reader.required_id("interest"), reader.required_id("actor")};
}

struct EngagementRequest {
  std::string engagement;
};

EngagementRequest read_engagement_id(ObjectReader& reader, const json&) { return {reader.required_id("engagement")}; }

/// The day of a reminder query; absent means the workflow's today (UTC).
struct DueRemindersRequest {
  std::optional<atip::Date> on;
};

DueRemindersRequest read_due_reminders(ObjectReader& reader, const json&) { return {reader.date("on")}; }

struct AttendanceRequest {
  std::string event;
  std::vector<std::string> lawyers;
  std::string actor;
};

AttendanceRequest read_attendance(ObjectReader& reader, const json&) {
  AttendanceRequest request;
  request.event = reader.required_id("event");
  if (!reader.has("lawyers")) fail_field(reader.field("lawyers"), "is required (an array of lawyer ids)");
  request.lawyers = reader.strings("lawyers", atip::detail::convert_id);
  if (request.lawyers.empty()) fail_field(reader.field("lawyers"), "is empty (list the lawyers who attended)");
  request.actor = reader.required_id("actor");
  return request;
}

// ---------------------------------------------------------------------------
// Disclosure and audit

struct CandidateViewRequest {
  std::string matter;
  std::string lawyer;
};

CandidateViewRequest read_candidate_view(ObjectReader& reader, const json&) {
  return {reader.required_id("matter"), reader.required_id("lawyer")};
}

struct VerifyRequest {
  std::optional<atip::AuditHead> anchor;
};

std::int64_t read_sequence(const json& anchor, const std::string& path) {
  const auto found = anchor.find("sequence");
  if (found == anchor.end() || found->is_null()) fail_field(path, "is required (the sequence of an earlier head)");
  if (!found->is_number_integer() || found->get<std::int64_t>() < 0) {
    fail_field(path, atip::detail::quote_value(*found) + " is not valid (expected an integer 0 or more)");
  }
  return found->get<std::int64_t>();
}

VerifyRequest read_verify(ObjectReader& reader, const json& document) {
  VerifyRequest request;
  if (!reader.has("anchor")) return request;

  const json& anchor_json = document.at("anchor");
  ObjectReader anchor(anchor_json, reader.field("anchor"));
  atip::AuditHead head;
  anchor.has("sequence");  // Marks the field as read; read_sequence checks it.
  head.sequence = read_sequence(anchor_json, anchor.field("sequence"));
  head.hash = anchor.string("hash", atip::kMaxNameBytes);
  anchor.finish();
  request.anchor = head;
  return request;
}

/// Reads an integer field of 0 or more that may exceed the range of int;
/// an absent field reads as 0.
std::int64_t read_count(ObjectReader& reader, const json& document, std::string_view key) {
  if (!reader.has(key)) return 0;
  const json& value = document.at(std::string(key));
  if (!value.is_number_integer() || (!value.is_number_unsigned() && value.get<std::int64_t>() < 0) ||
      (value.is_number_unsigned() &&
       value.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))) {
    fail_field(reader.field(key), atip::detail::quote_value(value) + " is not valid (expected an integer 0 or more)");
  }
  return value.get<std::int64_t>();
}

struct EntriesRequest {
  atip::AuditQuery query;
  atip::ExportOptions export_options;
};

/// Reads the entity_type filter: a kind of record or one of the workflow's
/// own records. The log has no entries of directory kinds such as "lawyer",
/// so those match nothing. A misspelt type is rejected, because it would
/// match nothing without the caller noticing.
std::string read_audit_entity_type(ObjectReader& reader) {
  if (!reader.has("entity_type")) return {};
  const std::string type = reader.string("entity_type", kMaxAuditLabelBytes);
  for (const std::string_view workflow_type : kWorkflowRecordTypes) {
    if (type == workflow_type) return type;
  }
  for (const atip::EntityType kind : atip::all_entity_types()) {
    if (type == atip::to_string(kind)) return type;
  }
  fail_field(reader.field("entity_type"),
             atip::detail::quote_value(json(type)) +
                 " is not a record type (the log has entries of matter, engagement, event, expression_of_interest "
                 "and conflict_check)");
}

EntriesRequest read_entries(ObjectReader& reader, const json& document) {
  EntriesRequest request;
  request.query.entity_type = read_audit_entity_type(reader);
  request.query.entity_id = reader.id("entity_id");
  request.query.after_sequence = read_count(reader, document, "after_sequence");
  request.query.limit = static_cast<std::size_t>(read_count(reader, document, "limit"));
  request.export_options.include_confidential = reader.boolean("include_confidential", false);
  return request;
}

struct EmptyRequest {};

EmptyRequest read_empty(ObjectReader&, const json&) { return {}; }

json entries_json(const std::vector<atip::AuditEntry>& entries, const atip::ExportOptions& options) {
  json array = json::array();
  for (const auto& entry : entries) array.push_back(atip::to_json(entry, options));
  return array;
}

/// The state machine of one kind of record at one status.
struct AllowedTransitionsRequest {
  bool engagement = false;
  std::string status;
};

AllowedTransitionsRequest read_allowed_transitions(ObjectReader& reader) {
  AllowedTransitionsRequest request;
  const std::string record = reader.required_string("record", atip::kMaxNameBytes);
  if (record == "engagement") {
    request.engagement = true;
  } else if (record != "matter") {
    fail_field(reader.field("record"), atip::detail::quote_value(json(record)) +
                                           " is not a record with a lifecycle (expected \"matter\" or \"engagement\")");
  }
  request.status = reader.required_string("status", atip::kMaxNameBytes);
  return request;
}

template <typename Status>
json allowed_transitions_json(std::string_view record, Status from) {
  json allowed = json::array();
  for (const Status to : atip::allowed_transitions(from)) allowed.push_back(std::string(atip::to_string(to)));
  return json{{"record", record},
              {"status", std::string(atip::to_string(from))},
              {"terminal", atip::is_terminal(from)},
              {"allowed", std::move(allowed)}};
}

json allowed_transitions_json(const AllowedTransitionsRequest& request, const std::string& status_path) {
  if (request.engagement) {
    return allowed_transitions_json("engagement", atip::parse_engagement_status(request.status, status_path));
  }
  return allowed_transitions_json("matter", atip::parse_matter_status(request.status, status_path));
}

}  // namespace

// ---------------------------------------------------------------------------
// Matters

extern "C" atip_status atip_workflow_post_matter(char** out, atip_db* db, const char* request_json) {
  return run_workflow_call(
      "atip_workflow_post_matter", out, db, request_json, read_post_matter,
      [](atip::Clearinghouse&, atip::Workflow& workflow, PostMatterRequest request) {
        clean_matter_text(request.matter);
        return json{{"id", workflow.post_matter(request.matter, request.actor)}};
      });
}

extern "C" atip_status atip_workflow_transition(char** out, atip_db* db, const char* request_json) {
  return run_workflow_call("atip_workflow_transition", out, db, request_json, read_transition,
                           [](atip::Clearinghouse&, atip::Workflow& workflow, const atip::TransitionRequest& request) {
                             return atip::to_json(workflow.transition(request));
                           });
}

extern "C" atip_status atip_workflow_history(char** out, atip_db* db, const char* request_json) {
  return run_workflow_call("atip_workflow_history", out, db, request_json, read_matter_id,
                           [](atip::Clearinghouse&, atip::Workflow& workflow, const MatterRequest& request) {
                             return array_json(workflow.history(request.matter));
                           });
}

extern "C" atip_status atip_workflow_expire_overdue(char** out, atip_db* db, const char* request_json) {
  return run_workflow_call("atip_workflow_expire_overdue", out, db, request_json, read_actor,
                           [](atip::Clearinghouse&, atip::Workflow& workflow, const ActorRequest& request) {
                             return array_json(workflow.expire_overdue(request.actor));
                           });
}

extern "C" atip_status atip_workflow_allowed_transitions(char** out, const char* request_json) {
  return guarded("atip_workflow_allowed_transitions", nullptr, [&] {
    require_pointer(out, "out");
    const json document = require_request_json(request_json, "request_json");
    ObjectReader reader(document, "request");
    const AllowedTransitionsRequest request = read_allowed_transitions(reader);
    reader.finish();

    *out = copy_for_caller(result_text(allowed_transitions_json(request, reader.field("status"))));
  });
}

// ---------------------------------------------------------------------------
// Interest and conflict checks

extern "C" atip_status atip_workflow_express_interest(char** out, atip_db* db, const char* request_json) {
  return run_workflow_call("atip_workflow_express_interest", out, db, request_json, read_interest,
                           [](atip::Clearinghouse&, atip::Workflow& workflow, const atip::InterestRequest& request) {
                             return atip::to_json(workflow.express_interest(request));
                           });
}

extern "C" atip_status atip_workflow_withdraw_interest(char** out, atip_db* db, const char* request_json) {
  return run_workflow_call(
      "atip_workflow_withdraw_interest", out, db, request_json, read_interest_step,
      [](atip::Clearinghouse&, atip::Workflow& workflow, const InterestStepRequest& request) {
        return atip::to_json(workflow.withdraw_interest(request.interest, request.actor));
      });
}

extern "C" atip_status atip_workflow_interests(char** out, atip_db* db, const char* request_json) {
  return run_workflow_call("atip_workflow_interests", out, db, request_json, read_matter_id,
                           [](atip::Clearinghouse&, atip::Workflow& workflow, const MatterRequest& request) {
                             return array_json(workflow.interests(request.matter));
                           });
}

extern "C" atip_status atip_workflow_request_conflict_check(char** out, atip_db* db, const char* request_json) {
  return run_workflow_call(
      "atip_workflow_request_conflict_check", out, db, request_json, read_check_request,
      [](atip::Clearinghouse&, atip::Workflow& workflow, const atip::ConflictCheckRequest& request) {
        return atip::to_json(workflow.request_conflict_check(request));
      });
}

extern "C" atip_status atip_workflow_record_conflict_check(char** out, atip_db* db, const char* request_json) {
  return run_workflow_call(
      "atip_workflow_record_conflict_check", out, db, request_json, read_check_result,
      [](atip::Clearinghouse&, atip::Workflow& workflow, const CheckResultRequest& request) {
        return atip::to_json(workflow.record_conflict_check(request.check, request.result, request.actor, request.note));
      });
}

extern "C" atip_status atip_workflow_conflict_checks(char** out, atip_db* db, const char* request_json) {
  return run_workflow_call("atip_workflow_conflict_checks", out, db, request_json, read_matter_id,
                           [](atip::Clearinghouse&, atip::Workflow& workflow, const MatterRequest& request) {
                             return array_json(workflow.conflict_checks(request.matter));
                           });
}

extern "C" atip_status atip_workflow_due_reminders(char** out, atip_db* db, const char* request_json) {
  return run_workflow_call("atip_workflow_due_reminders", out, db, request_json, read_due_reminders,
                           [](atip::Clearinghouse&, atip::Workflow& workflow, const DueRemindersRequest& request) {
                             return array_json(workflow.due_reminders(request.on.value_or(workflow.today())));
                           });
}

// ---------------------------------------------------------------------------
// Engagements

extern "C" atip_status atip_workflow_offer(char** out, atip_db* db, const char* request_json) {
  return run_workflow_call("atip_workflow_offer", out, db, request_json, read_offer,
                           [](atip::Clearinghouse&, atip::Workflow& workflow, const atip::OfferRequest& request) {
                             return atip::to_json(workflow.offer(request));
                           });
}

extern "C" atip_status atip_workflow_accept(char** out, atip_db* db, const char* request_json) {
  return run_workflow_call("atip_workflow_accept", out, db, request_json, engagement_step_reader(""),
                           [](atip::Clearinghouse&, atip::Workflow& workflow, const EngagementStepRequest& request) {
                             return atip::to_json(workflow.accept(request.engagement, request.actor));
                           });
}

extern "C" atip_status atip_workflow_decline(char** out, atip_db* db, const char* request_json) {
  return run_workflow_call(
      "atip_workflow_decline", out, db, request_json, engagement_step_reader("reason"),
      [](atip::Clearinghouse&, atip::Workflow& workflow, const EngagementStepRequest& request) {
        return atip::to_json(workflow.decline(request.engagement, request.detail, request.actor));
      });
}

extern "C" atip_status atip_workflow_start(char** out, atip_db* db, const char* request_json) {
  return run_workflow_call("atip_workflow_start", out, db, request_json, engagement_step_reader(""),
                           [](atip::Clearinghouse&, atip::Workflow& workflow, const EngagementStepRequest& request) {
                             return atip::to_json(workflow.start(request.engagement, request.actor));
                           });
}

extern "C" atip_status atip_workflow_complete(char** out, atip_db* db, const char* request_json) {
  return run_workflow_call(
      "atip_workflow_complete", out, db, request_json, engagement_step_reader("outcome"),
      [](atip::Clearinghouse&, atip::Workflow& workflow, const EngagementStepRequest& request) {
        return atip::to_json(workflow.complete(request.engagement, request.detail, request.actor));
      });
}

extern "C" atip_status atip_workflow_withdraw(char** out, atip_db* db, const char* request_json) {
  return run_workflow_call(
      "atip_workflow_withdraw", out, db, request_json, engagement_step_reader("reason"),
      [](atip::Clearinghouse&, atip::Workflow& workflow, const EngagementStepRequest& request) {
        return atip::to_json(workflow.withdraw(request.engagement, request.detail, request.actor));
      });
}

extern "C" atip_status atip_workflow_log_hours(char** out, atip_db* db, const char* request_json) {
  return run_workflow_call("atip_workflow_log_hours", out, db, request_json, read_hours,
                           [](atip::Clearinghouse&, atip::Workflow& workflow, const HoursRequest& request) {
                             return atip::to_json(workflow.log_hours(request.engagement, request.entry, request.actor));
                           });
}

extern "C" atip_status atip_workflow_record_feedback(char** out, atip_db* db, const char* request_json) {
  return run_workflow_call(
      "atip_workflow_record_feedback", out, db, request_json, read_feedback,
      [](atip::Clearinghouse&, atip::Workflow& workflow, const FeedbackRequest& request) {
        return atip::to_json(workflow.record_feedback(request.engagement, request.rating, request.actor));
      });
}

extern "C" atip_status atip_workflow_engagement_history(char** out, atip_db* db, const char* request_json) {
  return run_workflow_call("atip_workflow_engagement_history", out, db, request_json, read_engagement_id,
                           [](atip::Clearinghouse&, atip::Workflow& workflow, const EngagementRequest& request) {
                             return array_json(workflow.engagement_history(request.engagement));
                           });
}

// ---------------------------------------------------------------------------
// Events

extern "C" atip_status atip_workflow_record_attendance(char** out, atip_db* db, const char* request_json) {
  return run_workflow_call("atip_workflow_record_attendance", out, db, request_json, read_attendance,
                           [](atip::Clearinghouse&, atip::Workflow& workflow, const AttendanceRequest& request) {
                             return atip::to_json(
                                 workflow.record_attendance(request.event, request.lawyers, request.actor));
                           });
}

// ---------------------------------------------------------------------------
// Disclosure and audit

extern "C" atip_status atip_workflow_candidate_view(char** out, atip_db* db, const char* request_json) {
  return run_workflow_call("atip_workflow_candidate_view", out, db, request_json, read_candidate_view,
                           [](atip::Clearinghouse&, atip::Workflow& workflow, const CandidateViewRequest& request) {
                             return atip::to_json(workflow.candidate_view(request.matter, request.lawyer));
                           });
}

extern "C" atip_status atip_audit_verify(char** out, atip_db* db, const char* request_json) {
  return run_workflow_call("atip_audit_verify", out, db, request_json, read_verify,
                           [](atip::Clearinghouse& clearinghouse, atip::Workflow&, const VerifyRequest& request) {
                             return atip::to_json(clearinghouse.audit_log().verify(request.anchor));
                           });
}

extern "C" atip_status atip_audit_entries(char** out, atip_db* db, const char* request_json) {
  return run_workflow_call("atip_audit_entries", out, db, request_json, read_entries,
                           [](atip::Clearinghouse& clearinghouse, atip::Workflow&, const EntriesRequest& request) {
                             return entries_json(clearinghouse.audit_log().entries(request.query),
                                                 request.export_options);
                           });
}

extern "C" atip_status atip_audit_head(char** out, atip_db* db, const char* request_json) {
  return run_workflow_call("atip_audit_head", out, db, request_json, read_empty,
                           [](atip::Clearinghouse& clearinghouse, atip::Workflow&, const EmptyRequest&) {
                             return atip::to_json(clearinghouse.audit_log().head());
                           });
}
