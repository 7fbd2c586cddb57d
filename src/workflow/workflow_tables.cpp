// Reading and writing the workflow's own tables (schema version 2).
#include "atip/error.hpp"
#include "workflow/workflow_internal.hpp"

namespace atip {
inline namespace v1 {
namespace workflow_detail {

namespace {

std::optional<Date> optional_date(const sql::Statement& statement, int column, const char* field) {
  if (statement.is_null(column)) return std::nullopt;
  return Date::parse(statement.text(column), field);
}

// --- Transitions ------------------------------------------------------------------

constexpr const char* kMatterTransitionColumns = "id, matter_id, from_status, to_status, time, date, actor, outcome, note";

MatterTransition read_matter_transition(const sql::Statement& s) {
  MatterTransition t;
  t.id = s.integer(0);
  t.matter = s.text(1);
  if (!s.is_null(2)) t.from = parse_matter_status(s.text(2), "matter_transitions.from_status");
  t.to = parse_matter_status(s.text(3), "matter_transitions.to_status");
  t.time = s.text(4);
  t.date = Date::parse(s.text(5), "matter_transitions.date");
  t.actor = s.text(6);
  t.outcome = s.text(7);
  t.note = s.text(8);
  return t;
}

constexpr const char* kEngagementTransitionColumns = "id, engagement_id, from_status, to_status, time, date, actor, reason";

EngagementTransition read_engagement_transition(const sql::Statement& s) {
  EngagementTransition t;
  t.id = s.integer(0);
  t.engagement = s.text(1);
  if (!s.is_null(2)) t.from = parse_engagement_status(s.text(2), "engagement_transitions.from_status");
  t.to = parse_engagement_status(s.text(3), "engagement_transitions.to_status");
  t.time = s.text(4);
  t.date = Date::parse(s.text(5), "engagement_transitions.date");
  t.actor = s.text(6);
  t.reason = s.text(7);
  return t;
}

// --- Expressions of interest --------------------------------------------------------

constexpr const char* kInterestColumns = "id, matter_id, lawyer_id, firm_id, status, date, actor, note";

ExpressionOfInterest read_interest(const sql::Statement& s) {
  ExpressionOfInterest i;
  i.id = s.text(0);
  i.matter = s.text(1);
  i.lawyer = s.text(2);
  i.firm = s.text(3);
  i.status = s.text(4) == "withdrawn" ? InterestStatus::withdrawn : InterestStatus::active;
  i.date = Date::parse(s.text(5), "expressions_of_interest.date");
  i.actor = s.text(6);
  i.note = s.text(7);
  return i;
}

// --- Conflict checks ----------------------------------------------------------------

constexpr const char* kCheckColumns =
    "id, matter_id, firm_id, lawyer_id, status, requested_on, remind_on, resolved_on, requested_by, resolved_by, note";

ConflictCheck read_check(const sql::Statement& s) {
  ConflictCheck c;
  c.id = s.text(0);
  c.matter = s.text(1);
  c.firm = s.text(2);
  c.lawyer = s.text(3);
  c.status = parse_conflict_check_status(s.text(4), "conflict_checks.status");
  c.requested_on = Date::parse(s.text(5), "conflict_checks.requested_on");
  c.remind_on = Date::parse(s.text(6), "conflict_checks.remind_on");
  c.resolved_on = optional_date(s, 7, "conflict_checks.resolved_on");
  c.requested_by = s.text(8);
  c.resolved_by = s.text(9);
  c.note = s.text(10);
  return c;
}

template <typename T, typename Read>
std::vector<T> read_all(sql::Statement& statement, Read read) {
  std::vector<T> out;
  while (statement.step()) out.push_back(read(statement));
  return out;
}

}  // namespace

MatterTransition insert_matter_transition(sqlite3* db, MatterTransition t) {
  sql::Statement statement(db, "INSERT INTO matter_transitions (matter_id, from_status, to_status, time, date, actor, "
                               "outcome, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  statement.bind(1, t.matter).bind_optional(2, t.from ? to_string(*t.from) : std::string_view());
  statement.bind(3, to_string(t.to)).bind(4, t.time).bind(5, t.date.to_string()).bind(6, t.actor);
  statement.bind(7, t.outcome).bind(8, t.note).run();
  t.id = sqlite3_last_insert_rowid(db);
  return t;
}

EngagementTransition insert_engagement_transition(sqlite3* db, EngagementTransition t) {
  sql::Statement statement(db, "INSERT INTO engagement_transitions (engagement_id, from_status, to_status, time, "
                               "date, actor, reason) VALUES (?, ?, ?, ?, ?, ?, ?)");
  statement.bind(1, t.engagement).bind_optional(2, t.from ? to_string(*t.from) : std::string_view());
  statement.bind(3, to_string(t.to)).bind(4, t.time).bind(5, t.date.to_string()).bind(6, t.actor);
  statement.bind(7, t.reason).run();
  t.id = sqlite3_last_insert_rowid(db);
  return t;
}

std::vector<MatterTransition> select_matter_transitions(sqlite3* db, const std::string& matter_id) {
  sql::Statement statement(db, std::string("SELECT ") + kMatterTransitionColumns +
                                   " FROM matter_transitions WHERE (?1 IS NULL OR matter_id = ?1) ORDER BY id");
  statement.bind_optional(1, matter_id);
  return read_all<MatterTransition>(statement, read_matter_transition);
}

std::vector<EngagementTransition> select_engagement_transitions(sqlite3* db, const std::string& engagement_id) {
  sql::Statement statement(db, std::string("SELECT ") + kEngagementTransitionColumns +
                                   " FROM engagement_transitions WHERE engagement_id = ? ORDER BY id");
  statement.bind(1, engagement_id);
  return read_all<EngagementTransition>(statement, read_engagement_transition);
}

void write_interest(sqlite3* db, const ExpressionOfInterest& i, bool replace) {
  sql::Statement statement(db, replace ? "UPDATE expressions_of_interest SET matter_id = ?2, lawyer_id = ?3, firm_id = ?4, "
                                         "status = ?5, date = ?6, actor = ?7, note = ?8 WHERE id = ?1"
                                       : "INSERT INTO expressions_of_interest (id, matter_id, lawyer_id, firm_id, status, "
                                         "date, actor, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  statement.bind(1, i.id).bind(2, i.matter).bind_optional(3, i.lawyer).bind_optional(4, i.firm);
  statement.bind(5, to_string(i.status)).bind(6, i.date.to_string()).bind(7, i.actor).bind(8, i.note).run();
}

std::optional<ExpressionOfInterest> find_interest(sqlite3* db, const std::string& id) {
  sql::Statement statement(db, std::string("SELECT ") + kInterestColumns + " FROM expressions_of_interest WHERE id = ?");
  statement.bind(1, id);
  if (!statement.step()) return std::nullopt;
  return read_interest(statement);
}

std::vector<ExpressionOfInterest> select_interests(sqlite3* db, const std::string& matter_id) {
  sql::Statement statement(db, std::string("SELECT ") + kInterestColumns +
                                   " FROM expressions_of_interest WHERE matter_id = ? ORDER BY rowid");
  statement.bind(1, matter_id);
  return read_all<ExpressionOfInterest>(statement, read_interest);
}

void write_conflict_check(sqlite3* db, const ConflictCheck& c, bool replace) {
  sql::Statement statement(
      db, replace ? "UPDATE conflict_checks SET matter_id = ?2, firm_id = ?3, lawyer_id = ?4, status = ?5, "
                    "requested_on = ?6, remind_on = ?7, resolved_on = ?8, requested_by = ?9, resolved_by = ?10, "
                    "note = ?11 WHERE id = ?1"
                  : "INSERT INTO conflict_checks (id, matter_id, firm_id, lawyer_id, status, requested_on, remind_on, "
                    "resolved_on, requested_by, resolved_by, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  statement.bind(1, c.id).bind(2, c.matter).bind_optional(3, c.firm).bind_optional(4, c.lawyer);
  statement.bind(5, to_string(c.status)).bind(6, c.requested_on.to_string()).bind(7, c.remind_on.to_string());
  statement.bind_optional(8, c.resolved_on ? c.resolved_on->to_string() : std::string());
  statement.bind(9, c.requested_by).bind(10, c.resolved_by).bind(11, c.note).run();
}

std::optional<ConflictCheck> find_conflict_check(sqlite3* db, const std::string& id) {
  sql::Statement statement(db, std::string("SELECT ") + kCheckColumns + " FROM conflict_checks WHERE id = ?");
  statement.bind(1, id);
  if (!statement.step()) return std::nullopt;
  return read_check(statement);
}

std::optional<ConflictCheck> find_conflict_check(sqlite3* db, const std::string& matter_id, const CheckSubject& subject) {
  sql::Statement statement(db, std::string("SELECT ") + kCheckColumns +
                                   " FROM conflict_checks WHERE matter_id = ?1 AND (firm_id = ?2 OR lawyer_id = ?3)");
  statement.bind(1, matter_id).bind_optional(2, subject.firm).bind_optional(3, subject.lawyer);
  if (!statement.step()) return std::nullopt;
  return read_check(statement);
}

std::vector<ConflictCheck> select_conflict_checks(sqlite3* db, const std::string& matter_id) {
  sql::Statement statement(db, std::string("SELECT ") + kCheckColumns +
                                   " FROM conflict_checks WHERE matter_id = ? ORDER BY rowid");
  statement.bind(1, matter_id);
  return read_all<ConflictCheck>(statement, read_check);
}

std::vector<ConflictCheck> select_due_conflict_checks(sqlite3* db, Date on) {
  sql::Statement statement(db, std::string("SELECT ") + kCheckColumns +
                                   " FROM conflict_checks WHERE status = 'requested' AND remind_on <= ? "
                                   "ORDER BY remind_on, id");
  statement.bind(1, on.to_string());
  return read_all<ConflictCheck>(statement, read_check);
}

}  // namespace workflow_detail

std::vector<MatterTransition> list_matter_transitions(const Store& store) {
  return workflow_detail::select_matter_transitions(store.native_handle(), "");
}

}  // namespace v1
}  // namespace atip
