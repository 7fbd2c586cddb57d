// Internal: helpers shared by the workflow's source files.
#pragma once

#include <functional>
#include <initializer_list>
#include <string>
#include <vector>

#include "atip/workflow.hpp"
#include "store/sqlite.hpp"

namespace atip {
inline namespace v1 {
namespace workflow_detail {

/// What one workflow operation works on.
struct Context {
  Store& store;
  AuditLog& audit;
  const WorkflowOptions& options;

  sqlite3* db() const { return store.native_handle(); }
  std::string now_time() const { return format_utc_time(audit.now()); }
  Date today() const { return utc_date(audit.now()); }
};

/// Runs `work` in one store transaction with `actor` as the audit actor.
/// Throws invalid_argument naming `actor_field` for an invalid actor id.
void run_as(Context& context, const std::string& actor, const std::string& actor_field,
            const std::function<void()>& work);

/// Throws invalid_argument unless `text` is valid UTF-8 of at most
/// `max_bytes`, and also when `required` and it is empty.
void check_text(const std::string& text, const std::string& field, std::size_t max_bytes, bool required);

// --- Loading entities (not_found names the field and the id) -------------------

Matter load_matter(const Store& store, const std::string& id, const std::string& field);
Lawyer load_lawyer(const Store& store, const std::string& id, const std::string& field);
Engagement load_engagement(const Store& store, const std::string& id, const std::string& field);
Organization load_organization(const Store& store, const std::string& id, const std::string& field);

/// The party that runs conflict checks for a lawyer: the firm, or the lawyer
/// without one. Exactly one of the two is set.
struct CheckSubject {
  std::string firm;
  std::string lawyer;
  std::string describe() const;  ///< "firm \"org-3\"" or "lawyer \"L-1\"".
};
CheckSubject check_subject_of(const Lawyer& lawyer);

// --- State machines --------------------------------------------------------------

/// Throws invalid_state unless `matter` is in one of `allowed`, naming the
/// operation, the current state and the allowed ones.
void require_matter_state(const Matter& matter, std::initializer_list<MatterStatus> allowed,
                          const std::string& operation);
void require_engagement_state(const Engagement& engagement, std::initializer_list<EngagementStatus> allowed,
                              const std::string& operation);

/// Throws invalid_state, naming the current state and the allowed ones,
/// unless the state machine allows the move to `to`.
void check_move(const Matter& matter, MatterStatus to);
void check_move(const Engagement& engagement, EngagementStatus to);

/// Moves `matter` to `to` if the lifecycle allows it: updates the store,
/// appends the history record and the audit entry. Guards that depend on
/// other records are the caller's job.
MatterTransition move_matter(Context& context, Matter& matter, MatterStatus to, const std::string& actor,
                             const std::string& outcome, const std::string& note);

/// Moves an engagement like move_matter moves a matter.
EngagementTransition move_engagement(Context& context, Engagement& engagement, EngagementStatus to,
                                     const std::string& actor, const std::string& reason);

/// Withdraws every offered, accepted or active engagement of a matter.
void withdraw_live_engagements(Context& context, const std::string& matter_id, const std::string& actor,
                               const std::string& reason);

// --- Workflow tables ---------------------------------------------------------------

/// A new id "<prefix>-<n>" not yet used in `table`.
std::string generate_id(sqlite3* db, const char* table, const char* prefix);

MatterTransition insert_matter_transition(sqlite3* db, MatterTransition transition);
EngagementTransition insert_engagement_transition(sqlite3* db, EngagementTransition transition);
std::vector<MatterTransition> select_matter_transitions(sqlite3* db, const std::string& matter_id);
std::vector<EngagementTransition> select_engagement_transitions(sqlite3* db, const std::string& engagement_id);

void write_interest(sqlite3* db, const ExpressionOfInterest& interest, bool replace);
std::optional<ExpressionOfInterest> find_interest(sqlite3* db, const std::string& id);
std::vector<ExpressionOfInterest> select_interests(sqlite3* db, const std::string& matter_id);

void write_conflict_check(sqlite3* db, const ConflictCheck& check, bool replace);
std::optional<ConflictCheck> find_conflict_check(sqlite3* db, const std::string& id);
std::optional<ConflictCheck> find_conflict_check(sqlite3* db, const std::string& matter_id, const CheckSubject& subject);
std::vector<ConflictCheck> select_conflict_checks(sqlite3* db, const std::string& matter_id);
std::vector<ConflictCheck> select_due_conflict_checks(sqlite3* db, Date on);

}  // namespace workflow_detail
}  // namespace v1
}  // namespace atip
