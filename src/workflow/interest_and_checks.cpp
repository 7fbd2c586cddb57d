// Expressions of interest and conflict checks.
#include "atip/error.hpp"
#include "atip/limits.hpp"
#include "workflow/workflow_internal.hpp"

namespace atip {
inline namespace v1 {

using nlohmann::json;
using namespace workflow_detail;

namespace {

constexpr int kMaxReminderDays = 90;

void require_one_of(const std::string& lawyer, const std::string& firm, const char* first, const char* second) {
  if (lawyer.empty() == firm.empty()) {
    fail(ErrorKind::invalid_argument, std::string("request: give exactly one of ") + first + " and " + second +
                                          " (got " + (lawyer.empty() ? "neither" : "both") + ")");
  }
}

Organization load_law_firm(const Store& store, const std::string& id, const std::string& field) {
  Organization firm = load_organization(store, id, field);
  if (firm.kind != OrganizationKind::law_firm) {
    fail(ErrorKind::invalid_argument, field + ": organization \"" + id + "\" is a " +
                                          std::string(to_string(firm.kind)) + ", not a law_firm");
  }
  return firm;
}

bool same_source(const ExpressionOfInterest& interest, const InterestRequest& request) {
  return interest.lawyer == request.lawyer && interest.firm == request.firm;
}

void check_no_active_interest(sqlite3* db, const InterestRequest& request) {
  for (const auto& interest : select_interests(db, request.matter)) {
    if (interest.status == InterestStatus::active && same_source(interest, request)) {
      const std::string who = request.lawyer.empty() ? "firm \"" + request.firm + "\"" : "lawyer \"" + request.lawyer + "\"";
      fail(ErrorKind::already_exists, "request: " + who + " already expressed interest in matter \"" +
                                          request.matter + "\" (" + interest.id + ")");
    }
  }
}

CheckSubject subject_of_request(const Store& store, const ConflictCheckRequest& request) {
  if (!request.firm.empty()) {
    load_law_firm(store, request.firm, "request.firm");
    return CheckSubject{request.firm, ""};
  }
  return check_subject_of(load_lawyer(store, request.lawyer, "request.lawyer"));
}

}  // namespace

// --- Expressions of interest ------------------------------------------------------

ExpressionOfInterest Workflow::express_interest(const InterestRequest& request) {
  require_one_of(request.lawyer, request.firm, "lawyer", "firm");
  check_text(request.note, "request.note", kMaxTextBytes, false);
  Context context{store_, audit_, options_};
  ExpressionOfInterest interest;
  run_as(context, request.actor, "request.actor", [&] {
    Matter matter = load_matter(store_, request.matter, "request.matter");
    require_matter_state(matter, {MatterStatus::circulated, MatterStatus::interest_expressed, MatterStatus::conflict_check},
                         "record an expression of interest");
    if (!request.lawyer.empty()) {
      const Lawyer lawyer = load_lawyer(store_, request.lawyer, "request.lawyer");
      if (lawyer.status != LawyerStatus::active) {
        fail(ErrorKind::invalid_state, "request.lawyer: lawyer \"" + lawyer.id + "\" is " +
                                           std::string(to_string(lawyer.status)) + ", not active");
      }
    } else {
      load_law_firm(store_, request.firm, "request.firm");
    }
    check_no_active_interest(context.db(), request);

    interest.id = generate_id(context.db(), "expressions_of_interest", "interest");
    interest.matter = matter.id;
    interest.lawyer = request.lawyer;
    interest.firm = request.firm;
    interest.date = context.today();
    interest.actor = request.actor;
    interest.note = request.note;
    write_interest(context.db(), interest, false);
    audit_.append(AuditRecord{"expression_of_interest", interest.id, "insert", nullptr, to_json(interest)});

    if (matter.status == MatterStatus::circulated) {
      move_matter(context, matter, MatterStatus::interest_expressed, request.actor, "",
                  "expression of interest " + interest.id);
    }
  });
  return interest;
}

ExpressionOfInterest Workflow::withdraw_interest(const std::string& interest_id, const std::string& actor) {
  Context context{store_, audit_, options_};
  ExpressionOfInterest interest;
  run_as(context, actor, "actor", [&] {
    auto found = find_interest(context.db(), interest_id);
    if (!found) fail(ErrorKind::not_found, "interest_id: expression of interest \"" + interest_id + "\" does not exist");
    if (found->status != InterestStatus::active) {
      fail(ErrorKind::invalid_state, "interest_id: expression of interest \"" + interest_id + "\" is withdrawn already");
    }
    const json before = to_json(*found);
    interest = *found;
    interest.status = InterestStatus::withdrawn;
    write_interest(context.db(), interest, true);
    audit_.append(AuditRecord{"expression_of_interest", interest.id, "update", before, to_json(interest)});
  });
  return interest;
}

std::vector<ExpressionOfInterest> Workflow::interests(const std::string& matter_id) const {
  load_matter(store_, matter_id, "matter_id");
  return select_interests(store_.native_handle(), matter_id);
}

// --- Conflict checks ------------------------------------------------------------------

ConflictCheck Workflow::request_conflict_check(const ConflictCheckRequest& request) {
  require_one_of(request.firm, request.lawyer, "firm", "lawyer");
  check_text(request.note, "request.note", kMaxTextBytes, false);
  const int reminder_days = request.reminder_days.value_or(options_.conflict_check_reminder_days);
  if (reminder_days < 1 || reminder_days > kMaxReminderDays) {
    fail(ErrorKind::invalid_argument, "request.reminder_days: " + std::to_string(reminder_days) + " is outside 1-" +
                                          std::to_string(kMaxReminderDays));
  }
  Context context{store_, audit_, options_};
  ConflictCheck check;
  run_as(context, request.actor, "request.actor", [&] {
    Matter matter = load_matter(store_, request.matter, "request.matter");
    require_matter_state(matter, {MatterStatus::interest_expressed, MatterStatus::conflict_check,
                                  MatterStatus::placed, MatterStatus::in_progress},
                         "request a conflict check");
    const CheckSubject subject = subject_of_request(store_, request);
    if (auto existing = find_conflict_check(context.db(), matter.id, subject)) {
      fail(ErrorKind::already_exists, "request: conflict check \"" + existing->id + "\" of " + subject.describe() +
                                          " for matter \"" + matter.id + "\" exists already (" +
                                          std::string(to_string(existing->status)) + ")");
    }

    check.id = generate_id(context.db(), "conflict_checks", "check");
    check.matter = matter.id;
    check.firm = subject.firm;
    check.lawyer = subject.lawyer;
    check.requested_on = context.today();
    check.remind_on = Date::from_days(check.requested_on.days() + reminder_days);
    check.requested_by = request.actor;
    check.note = request.note;
    write_conflict_check(context.db(), check, false);
    audit_.append(AuditRecord{"conflict_check", check.id, "insert", nullptr, to_json(check)});

    if (matter.status == MatterStatus::interest_expressed) {
      move_matter(context, matter, MatterStatus::conflict_check, request.actor, "", "conflict check " + check.id);
    }
  });
  return check;
}

ConflictCheck Workflow::record_conflict_check(const std::string& check_id, ConflictCheckStatus result,
                                              const std::string& actor, const std::string& note) {
  if (result == ConflictCheckStatus::requested) {
    fail(ErrorKind::invalid_argument, "result: \"requested\" is not an answer (use cleared or conflict_found)");
  }
  check_text(note, "note", kMaxTextBytes, false);
  Context context{store_, audit_, options_};
  ConflictCheck check;
  run_as(context, actor, "actor", [&] {
    auto found = find_conflict_check(context.db(), check_id);
    if (!found) fail(ErrorKind::not_found, "check_id: conflict check \"" + check_id + "\" does not exist");
    if (found->status != ConflictCheckStatus::requested) {
      fail(ErrorKind::invalid_state, "check_id: conflict check \"" + check_id + "\" was answered already (" +
                                         std::string(to_string(found->status)) + "); a check is answered once");
    }
    const json before = to_json(*found);
    check = *found;
    check.status = result;
    check.resolved_on = context.today();
    check.resolved_by = actor;
    if (!note.empty()) check.note = note;
    write_conflict_check(context.db(), check, true);
    audit_.append(AuditRecord{"conflict_check", check.id, "update", before, to_json(check)});
  });
  return check;
}

std::vector<ConflictCheck> Workflow::conflict_checks(const std::string& matter_id) const {
  load_matter(store_, matter_id, "matter_id");
  return select_conflict_checks(store_.native_handle(), matter_id);
}

std::vector<ConflictCheck> Workflow::due_reminders(Date on) const {
  return select_due_conflict_checks(store_.native_handle(), on);
}

}  // namespace v1
}  // namespace atip
