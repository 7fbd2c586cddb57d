// The matter and engagement state machines, and the workflow's enum names.
#include <map>

#include "atip/error.hpp"
#include "model/enum_table.hpp"
#include "workflow/workflow_internal.hpp"

namespace atip {
inline namespace v1 {

namespace {

constexpr detail::EnumTable<InterestStatus, 2> kInterestStatuses{
    "interest status", {{{InterestStatus::active, "active"}, {InterestStatus::withdrawn, "withdrawn"}}}};

constexpr detail::EnumTable<ConflictCheckStatus, 3> kConflictCheckStatuses{
    "conflict check status",
    {{{ConflictCheckStatus::requested, "requested"},
      {ConflictCheckStatus::cleared, "cleared"},
      {ConflictCheckStatus::conflict_found, "conflict_found"}}}};

constexpr detail::EnumTable<DisclosureStage, 2> kDisclosureStages{
    "disclosure stage", {{{DisclosureStage::summary, "summary"}, {DisclosureStage::full, "full"}}}};

template <typename Status>
std::string join_states(const std::vector<Status>& states) {
  if (states.empty()) return "none";
  std::string out;
  for (const Status state : states) {
    if (!out.empty()) out += ", ";
    out += to_string(state);
  }
  return out;
}

template <typename Status>
std::string join_states(std::initializer_list<Status> states) {
  return join_states(std::vector<Status>(states));
}

}  // namespace

std::string_view to_string(InterestStatus value) { return kInterestStatuses.name(value); }
std::string_view to_string(ConflictCheckStatus value) { return kConflictCheckStatuses.name(value); }
std::string_view to_string(DisclosureStage value) { return kDisclosureStages.name(value); }

ConflictCheckStatus parse_conflict_check_status(std::string_view text, std::string_view field) {
  return kConflictCheckStatuses.parse(text, field);
}

bool is_terminal(MatterStatus status) { return allowed_transitions(status).empty(); }
bool is_terminal(EngagementStatus status) { return allowed_transitions(status).empty(); }

// A matter may step back to circulated from interest_expressed,
// conflict_check and placed: interest was withdrawn, every check found a
// conflict, or the placed lawyer withdrew before work began. Withdrawn is
// reachable from every state before closed; expired only from the states in
// which the matter still waits for a lawyer.
const std::vector<MatterStatus>& allowed_transitions(MatterStatus from) {
  using S = MatterStatus;
  static const std::map<S, std::vector<S>> table = {
      {S::draft, {S::vetted, S::withdrawn}},
      {S::vetted, {S::circulated, S::withdrawn, S::expired}},
      {S::circulated, {S::interest_expressed, S::withdrawn, S::expired}},
      {S::interest_expressed, {S::circulated, S::conflict_check, S::withdrawn, S::expired}},
      {S::conflict_check, {S::circulated, S::placed, S::withdrawn, S::expired}},
      {S::placed, {S::circulated, S::in_progress, S::withdrawn}},
      {S::in_progress, {S::closed, S::withdrawn}},
      {S::closed, {}},
      {S::withdrawn, {}},
      {S::expired, {}},
  };
  return table.at(from);
}

const std::vector<EngagementStatus>& allowed_transitions(EngagementStatus from) {
  using S = EngagementStatus;
  static const std::map<S, std::vector<S>> table = {
      {S::offered, {S::accepted, S::declined, S::withdrawn}},
      {S::accepted, {S::active, S::withdrawn}},
      {S::declined, {}},
      {S::active, {S::completed, S::withdrawn}},
      {S::completed, {}},
      {S::withdrawn, {}},
  };
  return table.at(from);
}

namespace workflow_detail {

void require_matter_state(const Matter& matter, std::initializer_list<MatterStatus> allowed,
                          const std::string& operation) {
  for (const MatterStatus state : allowed) {
    if (matter.status == state) return;
  }
  fail(ErrorKind::invalid_state, "matter \"" + matter.id + "\": cannot " + operation + " while it is " +
                                     std::string(to_string(matter.status)) + " (allowed in: " +
                                     join_states(allowed) + ")");
}

void require_engagement_state(const Engagement& engagement, std::initializer_list<EngagementStatus> allowed,
                              const std::string& operation) {
  for (const EngagementStatus state : allowed) {
    if (engagement.status == state) return;
  }
  fail(ErrorKind::invalid_state, "engagement \"" + engagement.id + "\": cannot " + operation + " while it is " +
                                     std::string(to_string(engagement.status)) + " (allowed in: " +
                                     join_states(allowed) + ")");
}

namespace {

template <typename Status>
void check_transition(const char* entity, const std::string& id, Status from, Status to) {
  const auto& allowed = allowed_transitions(from);
  for (const Status state : allowed) {
    if (state == to) return;
  }
  const std::string final_note = allowed.empty() ? ", " + std::string(to_string(from)) + " is final" : "";
  fail(ErrorKind::invalid_state, std::string(entity) + " \"" + id + "\": cannot move from " +
                                     std::string(to_string(from)) + " to " + std::string(to_string(to)) +
                                     " (allowed from " + std::string(to_string(from)) + ": " +
                                     join_states(allowed) + final_note + ")");
}

}  // namespace

void check_move(const Matter& matter, MatterStatus to) { check_transition("matter", matter.id, matter.status, to); }

void check_move(const Engagement& engagement, EngagementStatus to) {
  check_transition("engagement", engagement.id, engagement.status, to);
}

}  // namespace workflow_detail

}  // namespace v1
}  // namespace atip
