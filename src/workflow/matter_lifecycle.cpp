// The matter lifecycle: posting, transitions with their guards, history and
// expiry. The state table itself is in state_machines.cpp.
#include "atip/error.hpp"
#include "atip/limits.hpp"
#include "workflow/workflow_internal.hpp"

namespace atip {
inline namespace v1 {

using nlohmann::json;
using namespace workflow_detail;

namespace workflow_detail {

namespace {

json status_snapshot(MatterStatus status) { return json{{"status", to_string(status)}}; }

json transition_snapshot(const MatterTransition& t) {
  json j{{"status", to_string(t.to)}, {"transition", t.id}};
  if (!t.outcome.empty()) j["outcome"] = t.outcome;
  if (!t.note.empty()) j["note"] = t.note;
  return j;
}

}  // namespace

MatterTransition move_matter(Context& context, Matter& matter, MatterStatus to, const std::string& actor,
                             const std::string& outcome, const std::string& note) {
  check_move(matter, to);
  const MatterStatus from = matter.status;
  matter.status = to;
  if (to == MatterStatus::closed) matter.outcome = outcome;
  context.store.update(matter);

  MatterTransition transition;
  transition.matter = matter.id;
  transition.from = from;
  transition.to = to;
  transition.time = context.now_time();
  transition.date = context.today();
  transition.actor = actor;
  transition.outcome = outcome;
  transition.note = note;
  transition = insert_matter_transition(context.db(), transition);

  context.audit.append(AuditRecord{"matter", matter.id, "transition", status_snapshot(from),
                                   transition_snapshot(transition)});
  return transition;
}

void withdraw_live_engagements(Context& context, const std::string& matter_id, const std::string& actor,
                               const std::string& reason) {
  for (Engagement engagement : context.store.list_engagements_of_matter(matter_id)) {
    if (is_terminal(engagement.status)) continue;
    move_engagement(context, engagement, EngagementStatus::withdrawn, actor, reason);
  }
}

}  // namespace workflow_detail

namespace {

std::size_t count_engagements(const Store& store, const std::string& matter_id,
                              std::initializer_list<EngagementStatus> states) {
  std::size_t count = 0;
  for (const auto& engagement : store.list_engagements_of_matter(matter_id)) {
    for (const EngagementStatus state : states) count += engagement.status == state ? 1 : 0;
  }
  return count;
}

[[noreturn]] void guard_failed(const Matter& matter, MatterStatus to, const std::string& reason) {
  fail(ErrorKind::invalid_state, "matter \"" + matter.id + "\": cannot move from " +
                                     std::string(to_string(matter.status)) + " to " + std::string(to_string(to)) +
                                     ": " + reason);
}

/// The conditions a manual transition needs beyond the state table: the
/// records that the target state stands for must exist.
void check_guards(Context& context, const Matter& matter, const TransitionRequest& request) {
  using S = MatterStatus;
  using E = EngagementStatus;
  const Store& store = context.store;
  switch (request.to) {
    case S::interest_expressed: {
      bool any_active = false;
      for (const auto& interest : select_interests(context.db(), matter.id)) {
        any_active |= interest.status == InterestStatus::active;
      }
      if (!any_active) guard_failed(matter, request.to, "no active expression of interest (record one first)");
      break;
    }
    case S::conflict_check:
      if (select_conflict_checks(context.db(), matter.id).empty()) {
        guard_failed(matter, request.to, "no conflict check was requested");
      }
      break;
    case S::placed:
      if (count_engagements(store, matter.id, {E::accepted, E::active}) == 0) {
        guard_failed(matter, request.to, "no engagement is accepted or active");
      }
      break;
    case S::in_progress:
      if (count_engagements(store, matter.id, {E::active}) == 0) {
        guard_failed(matter, request.to, "no engagement is active (start one first)");
      }
      break;
    case S::circulated:
      if (count_engagements(store, matter.id, {E::accepted, E::active}) > 0) {
        guard_failed(matter, request.to, "an engagement is still accepted or active (withdraw it first)");
      }
      break;
    case S::closed:
      if (request.outcome.empty()) guard_failed(matter, request.to, "request.outcome is required to close a matter");
      if (count_engagements(store, matter.id, {E::offered, E::accepted, E::active}) > 0) {
        guard_failed(matter, request.to, "an engagement is still offered, accepted or active (complete or withdraw it first)");
      }
      break;
    default:
      break;
  }
}

}  // namespace

Workflow::Workflow(Store& store, AuditLog& audit, WorkflowOptions options)
    : store_(store), audit_(audit), options_(options) {
  if (options_.conflict_check_reminder_days < 1 || options_.conflict_check_reminder_days > 90) {
    fail(ErrorKind::invalid_argument, "options.conflict_check_reminder_days: " +
                                          std::to_string(options_.conflict_check_reminder_days) +
                                          " is outside 1-90");
  }
  if (store.schema_version() < 2) {
    fail(ErrorKind::schema_version, "database: schema version " + std::to_string(store.schema_version()) +
                                        " has no workflow tables; open it writable once so that it is migrated");
  }
}

Date Workflow::today() const { return utc_date(audit_.now()); }

std::string Workflow::post_matter(const Matter& matter, const std::string& actor) {
  if (matter.status != MatterStatus::draft) {
    fail(ErrorKind::invalid_argument, "matter.status: \"" + std::string(to_string(matter.status)) +
                                          "\" is not allowed for a new matter (a matter starts as draft)");
  }
  Context context{store_, audit_, options_};
  std::string id;
  run_as(context, actor, "actor", [&] {
    id = store_.insert(matter);
    MatterTransition created;
    created.matter = id;
    created.to = MatterStatus::draft;
    created.time = context.now_time();
    created.date = context.today();
    created.actor = actor;
    created = insert_matter_transition(context.db(), created);
    audit_.append(AuditRecord{"matter", id, "transition", nullptr, transition_snapshot(created)});
  });
  return id;
}

MatterTransition Workflow::transition(const TransitionRequest& request) {
  check_text(request.note, "request.note", kMaxTextBytes, false);
  check_text(request.outcome, "request.outcome", kMaxNameBytes, false);
  if (request.to != MatterStatus::closed && !request.outcome.empty()) {
    fail(ErrorKind::invalid_argument, "request.outcome: only a transition to closed takes an outcome (got \"" +
                                          request.outcome + "\" for " + std::string(to_string(request.to)) + ")");
  }
  Context context{store_, audit_, options_};
  MatterTransition result;
  run_as(context, request.actor, "request.actor", [&] {
    Matter matter = load_matter(store_, request.matter, "request.matter");
    check_move(matter, request.to);
    check_guards(context, matter, request);
    result = move_matter(context, matter, request.to, request.actor, request.outcome, request.note);
    if (request.to == MatterStatus::withdrawn || request.to == MatterStatus::expired) {
      withdraw_live_engagements(context, matter.id, request.actor, "matter " + std::string(to_string(request.to)));
    }
  });
  return result;
}

std::vector<MatterTransition> Workflow::history(const std::string& matter_id) const {
  load_matter(store_, matter_id, "matter_id");
  return select_matter_transitions(store_.native_handle(), matter_id);
}

std::vector<MatterTransition> Workflow::expire_overdue(const std::string& actor) {
  Context context{store_, audit_, options_};
  std::vector<MatterTransition> expired;
  run_as(context, actor, "actor", [&] {
    const Date today = context.today();
    for (Matter matter : store_.list_open_matters()) {
      if (!matter.deadline || !(*matter.deadline < today)) continue;
      expired.push_back(move_matter(context, matter, MatterStatus::expired, actor, "",
                                    "deadline " + matter.deadline->to_string() + " passed"));
      withdraw_live_engagements(context, matter.id, actor, "matter expired");
    }
  });
  return expired;
}

}  // namespace v1
}  // namespace atip
