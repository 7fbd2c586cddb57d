// The workflow around a matter: its lifecycle, expressions of interest,
// conflict checks, engagements, hours, outcomes, event attendance, and the
// two-stage disclosure of a matter to candidate lawyers. docs/workflow.md has
// the state diagrams.
//
// Every operation takes the caller's actor id, runs in one store
// transaction, and writes its audit entries in that transaction: the data
// changes through the store's write hook, the state changes explicitly.
//
// Thread contract: as for Store; use a Workflow from one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "atip/audit.hpp"
#include "atip/model/dataset.hpp"
#include "atip/store.hpp"

namespace atip {
inline namespace v1 {

// --- State machines -----------------------------------------------------------

/// True for closed, withdrawn and expired: no transition leaves them.
bool is_terminal(MatterStatus status);
/// True for declined, completed and withdrawn.
bool is_terminal(EngagementStatus status);

/// The states a matter may move to from `from`, in declaration order.
const std::vector<MatterStatus>& allowed_transitions(MatterStatus from);
/// The states an engagement may move to from `from`, in declaration order.
const std::vector<EngagementStatus>& allowed_transitions(EngagementStatus from);

/// One recorded step of a matter's lifecycle.
struct MatterTransition {
  std::int64_t id = 0;                ///< Increases with every transition of any matter.
  std::string matter;
  std::optional<MatterStatus> from;   ///< Empty for the record written when the matter was posted.
  MatterStatus to = MatterStatus::draft;
  std::string time;                   ///< ISO 8601 UTC.
  Date date;                          ///< UTC date of `time`.
  std::string actor;
  std::string outcome;                ///< Set on the transition to closed.
  std::string note;
};

/// One recorded step of an engagement's lifecycle. The step with an empty
/// `from` is the offer, and its actor is the coordinator who decided it.
struct EngagementTransition {
  std::int64_t id = 0;
  std::string engagement;
  std::optional<EngagementStatus> from;
  EngagementStatus to = EngagementStatus::offered;
  std::string time;
  Date date;
  std::string actor;
  std::string reason;                 ///< Why it was offered, declined or withdrawn.
};

struct TransitionRequest {
  std::string matter;
  MatterStatus to = MatterStatus::vetted;
  std::string actor;
  std::string outcome;  ///< Required to close; rejected otherwise.
  std::string note;
};

// --- Expressions of interest and conflict checks --------------------------------

enum class InterestStatus { active, withdrawn };
enum class ConflictCheckStatus { requested, cleared, conflict_found };

std::string_view to_string(InterestStatus value);
std::string_view to_string(ConflictCheckStatus value);
ConflictCheckStatus parse_conflict_check_status(std::string_view text, std::string_view field);

/// A lawyer or a firm saying it would take a circulated matter. Exactly one
/// of `lawyer` and `firm` is set.
struct ExpressionOfInterest {
  std::string id;
  std::string matter;
  std::string lawyer;
  std::string firm;
  InterestStatus status = InterestStatus::active;
  Date date;
  std::string actor;
  std::string note;
};

struct InterestRequest {
  std::string matter;
  std::string lawyer;  ///< Either a lawyer ...
  std::string firm;    ///< ... or a law firm (organization id).
  std::string actor;
  std::string note;
};

/// A clearance of a matter's parties by one firm, or by one lawyer who has
/// no firm. Exactly one of `firm` and `lawyer` is set.
struct ConflictCheck {
  std::string id;
  std::string matter;
  std::string firm;
  std::string lawyer;
  ConflictCheckStatus status = ConflictCheckStatus::requested;
  Date requested_on;
  Date remind_on;                  ///< When the coordinator should chase an answer.
  std::optional<Date> resolved_on;
  std::string requested_by;
  std::string resolved_by;
  std::string note;
};

struct ConflictCheckRequest {
  std::string matter;
  /// The firm that runs the check. Alternatively give `lawyer`: a lawyer of
  /// a firm is checked through the firm, a lawyer without one individually.
  std::string firm;
  std::string lawyer;
  std::string actor;
  std::optional<int> reminder_days;  ///< Days until remind_on, 1-90; default WorkflowOptions.
  std::string note;
};

// --- Engagements ------------------------------------------------------------------

/// A coordinator's decision to offer a matter to a lawyer.
struct OfferRequest {
  std::string matter;
  std::string lawyer;
  std::string supervising_lawyer;  ///< For a firm team; optional.
  std::string decided_by;          ///< The coordinator's actor id; required.
  std::string reason;              ///< Why this lawyer (e.g. the match explanation).
};

// --- Disclosure ---------------------------------------------------------------------

enum class DisclosureStage {
  summary,  ///< Redacted summary and party names only.
  full,     ///< Also the facts and the pseudonymous client reference.
};

std::string_view to_string(DisclosureStage value);

/// What a candidate lawyer may see of a matter.
///
/// Before the conflict check of the lawyer's firm (or of the lawyer, without
/// a firm) has cleared and the lawyer has accepted an engagement, the view
/// holds the redacted summary and the party names. After both, it also holds
/// `facts` and `client_ref`. The client profile is never part of a view.
struct CandidateView {
  std::string matter;
  std::string lawyer;
  DisclosureStage stage = DisclosureStage::summary;
  /// What still withholds the full stage: "conflict_check_cleared",
  /// "engagement_accepted". Empty at the full stage.
  std::vector<std::string> withheld_until;

  std::string title;
  std::string summary;
  std::string practice_area;
  std::string forum;
  std::vector<std::string> related_jurisdictions;
  std::vector<std::string> languages;
  bool interpreter_accepted = false;
  std::vector<Activity> activities;
  HelpKind help = HelpKind::advice;
  Urgency urgency = Urgency::normal;
  std::optional<Date> deadline;
  std::optional<DateRange> period;
  double estimated_hours = 0;
  MatterStatus status = MatterStatus::circulated;
  std::vector<Party> parties;

  std::string facts;       ///< Empty at the summary stage.
  std::string client_ref;  ///< Empty at the summary stage.
};

// --- The workflow -------------------------------------------------------------------

struct WorkflowOptions {
  /// Days from a conflict check request to its reminder date, 1-90.
  int conflict_check_reminder_days = 5;
};

/// The workflow over one store and its audit log; both must outlive it.
/// Dates come from the audit log's clock (UTC).
///
/// Errors: not_found for an unknown id, invalid_argument for a bad field
/// (the message names it), invalid_state when the matter or engagement is in
/// a state that does not allow the operation (the message names the current
/// state and the allowed ones).
class Workflow {
 public:
  /// Throws schema_version when the database predates the workflow tables.
  Workflow(Store& store, AuditLog& audit, WorkflowOptions options = {});

  // Matters. A matter posted here starts as a draft with a first history
  // record; transition() moves it along the lifecycle.
  std::string post_matter(const Matter& matter, const std::string& actor);
  MatterTransition transition(const TransitionRequest& request);
  std::vector<MatterTransition> history(const std::string& matter_id) const;
  /// Moves every open matter whose deadline is before today to expired.
  std::vector<MatterTransition> expire_overdue(const std::string& actor);

  // Expressions of interest. The first one moves a circulated matter to
  // interest_expressed.
  ExpressionOfInterest express_interest(const InterestRequest& request);
  ExpressionOfInterest withdraw_interest(const std::string& interest_id, const std::string& actor);
  std::vector<ExpressionOfInterest> interests(const std::string& matter_id) const;

  // Conflict checks. The first one moves the matter to conflict_check.
  ConflictCheck request_conflict_check(const ConflictCheckRequest& request);
  /// Records the firm's answer: `result` is cleared or conflict_found.
  ConflictCheck record_conflict_check(const std::string& check_id, ConflictCheckStatus result,
                                      const std::string& actor, const std::string& note = "");
  std::vector<ConflictCheck> conflict_checks(const std::string& matter_id) const;
  /// Checks still requested whose reminder date is on or before `on`.
  std::vector<ConflictCheck> due_reminders(Date on) const;

  // Engagements. offer() needs a cleared conflict check, an active vetted
  // lawyer with free capacity who is available over the matter's period, and
  // no firm exclusion of the practice area, a party or the NGO.
  Engagement offer(const OfferRequest& request);
  /// offered → accepted; moves the matter from conflict_check to placed.
  Engagement accept(const std::string& engagement_id, const std::string& actor);
  /// offered → declined; `reason` is required.
  Engagement decline(const std::string& engagement_id, const std::string& reason, const std::string& actor);
  /// accepted → active; moves the matter from placed to in_progress.
  Engagement start(const std::string& engagement_id, const std::string& actor);
  /// active → completed with an outcome ("compensation_awarded", ...).
  Engagement complete(const std::string& engagement_id, const std::string& outcome, const std::string& actor);
  /// offered, accepted or active → withdrawn; `reason` is required.
  Engagement withdraw(const std::string& engagement_id, const std::string& reason, const std::string& actor);
  /// Adds hours to an active or completed engagement.
  Engagement log_hours(const std::string& engagement_id, const HoursEntry& entry, const std::string& actor);
  /// The NGO's rating of a completed or withdrawn engagement, 1-5.
  Engagement record_feedback(const std::string& engagement_id, int rating, const std::string& actor);
  std::vector<EngagementTransition> engagement_history(const std::string& engagement_id) const;

  /// Adds lawyers to an event's attendees and gives each attendee one
  /// training record per event topic (topic, event jurisdiction, event date,
  /// event id), skipping records the lawyer already has. Calling it again
  /// with lawyers already listed completes their missing training records.
  Event record_attendance(const std::string& event_id, const std::vector<std::string>& lawyer_ids,
                          const std::string& actor);

  /// The matter as `lawyer_id` may see it now. Throws invalid_state for a
  /// matter that was never circulated (draft or vetted).
  CandidateView candidate_view(const std::string& matter_id, const std::string& lawyer_id) const;

  /// Today's UTC date by the audit log's clock.
  Date today() const;

 private:
  Store& store_;
  AuditLog& audit_;
  WorkflowOptions options_;
};

/// Every matter transition in the store, ordered by id. Reports read the
/// lifecycle dates from it.
std::vector<MatterTransition> list_matter_transitions(const Store& store);

nlohmann::json to_json(const MatterTransition& value);
nlohmann::json to_json(const EngagementTransition& value);
nlohmann::json to_json(const ExpressionOfInterest& value);
nlohmann::json to_json(const ConflictCheck& value);
nlohmann::json to_json(const CandidateView& value);

}  // namespace v1
}  // namespace atip
