// Appending to the audit log: the store's write hook, actors and clocks.
#include <cstdio>
#include <vector>

#include "atip/audit.hpp"
#include "atip/error.hpp"
#include "atip/limits.hpp"
#include "model/json_reader.hpp"
#include "workflow/audit_chain.hpp"
#include "workflow/audit_log_impl.hpp"

namespace atip {
inline namespace v1 {

using nlohmann::json;

// --- Time ---------------------------------------------------------------------

std::string format_utc_time(std::chrono::system_clock::time_point time) {
  using namespace std::chrono;
  const auto millis = floor<milliseconds>(time);
  const auto day = floor<days>(millis);
  const year_month_day ymd{day};
  const hh_mm_ss clock_time{millis - day};
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(clock_time.hours().count()), static_cast<int>(clock_time.minutes().count()),
                static_cast<int>(clock_time.seconds().count()), static_cast<int>(clock_time.subseconds().count()));
  return buffer;
}

Date utc_date(std::chrono::system_clock::time_point time) {
  const auto day = std::chrono::floor<std::chrono::days>(time);
  return Date::from_days(static_cast<std::int32_t>(day.time_since_epoch().count()));
}

// --- Impl ---------------------------------------------------------------------

namespace {

constexpr std::size_t kMaxLabelBytes = 64;  ///< entity_type and action.

void check_label(const std::string& value, const char* field) {
  if (value.empty() || value.size() > kMaxLabelBytes) {
    fail(ErrorKind::invalid_argument, std::string(field) + ": \"" + value + "\" must be 1-" +
                                          std::to_string(kMaxLabelBytes) + " bytes");
  }
  detail::check_utf8(value, field);
}

std::optional<std::string> snapshot_text(const json& value, const char* field) {
  if (value.is_null()) return std::nullopt;
  try {
    return value.dump();
  } catch (const json::type_error& error) {
    fail(ErrorKind::invalid_argument, std::string(field) + ": cannot serialise the snapshot: " + error.what());
  }
}

audit_chain::Row last_row(sqlite3* db) {
  sql::Statement statement(db, std::string("SELECT ") + audit_chain::kColumns +
                                   " FROM audit_log ORDER BY sequence DESC LIMIT 1");
  if (!statement.step()) return {};
  return audit_chain::read_row(statement);
}

void insert_row(sqlite3* db, const audit_chain::Row& row) {
  sql::Statement statement(db, std::string("INSERT INTO audit_log (") + audit_chain::kColumns +
                                   ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  statement.bind(1, row.sequence).bind(2, row.time).bind(3, row.actor).bind(4, row.entity_type);
  statement.bind(5, row.entity_id).bind(6, row.action);
  if (row.before) statement.bind(7, *row.before); else statement.bind_null(7);
  if (row.after) statement.bind(8, *row.after); else statement.bind_null(8);
  statement.bind(9, row.previous_hash).bind(10, row.hash);
  statement.run();
}

const char* write_action(const json* before, const json* after) {
  if (before == nullptr) return "insert";
  if (after == nullptr) return "remove";
  return "update";
}

}  // namespace

const std::string& AuditLog::Impl::actor() const { return actors.empty() ? default_actor : actors.back(); }

std::chrono::system_clock::time_point AuditLog::Impl::now() const {
  return clock ? clock() : std::chrono::system_clock::now();
}

AuditEntry AuditLog::Impl::append_in_transaction(const AuditRecord& record) {
  check_label(record.entity_type, "record.entity_type");
  check_label(record.action, "record.action");
  detail::check_id(record.entity_id, "record.entity_id");

  const audit_chain::Row last = last_row(db);
  audit_chain::Row row;
  row.sequence = last.sequence + 1;
  row.previous_hash = last.sequence == 0 ? audit_chain::kGenesisHash : last.hash;
  row.time = format_utc_time(now());
  row.actor = actor();
  row.entity_type = record.entity_type;
  row.entity_id = record.entity_id;
  row.action = record.action;
  row.before = snapshot_text(record.before, "record.before");
  row.after = snapshot_text(record.after, "record.after");
  row.hash = audit_chain::compute_hash(row, row.sequence, key);
  insert_row(db, row);
  return audit_chain::to_entry(row);
}

void AuditLog::Impl::on_store_write(EntityType type, const std::string& id, const json* before, const json* after) {
  // The trail covers the records about a case: matters and engagements.
  // Directory records (lawyers, firms) are not logged, which also keeps a
  // bulk directory import from hashing every row.
  if (type != EntityType::matter && type != EntityType::engagement) return;
  // An update that leaves the record as it was changes nothing worth a line.
  if (before != nullptr && after != nullptr && *before == *after) return;
  AuditRecord record;
  record.entity_type = std::string(to_string(type));
  record.entity_id = id;
  record.action = write_action(before, after);
  if (before != nullptr) record.before = *before;
  if (after != nullptr) record.after = *after;
  append_in_transaction(record);
}

// --- AuditLog -----------------------------------------------------------------

AuditLog::AuditLog(Store& store, AuditOptions options) : impl_(std::make_unique<Impl>(store)) {
  audit_chain::check_key(options.key);
  audit_chain::ensure_sodium();
  audit_chain::require_audit_table(store.native_handle());
  impl_->clock = std::move(options.clock);
  impl_->key = std::move(options.key);
  Impl* impl = impl_.get();
  impl_->hook_token = store.add_write_hook([impl](EntityType type, const std::string& id, const json* before, const json* after) {
    impl->on_store_write(type, id, before, after);
  });
}

AuditLog::~AuditLog() { impl_->store.remove_write_hook(impl_->hook_token); }

AuditLog::ActorScope::ActorScope(AuditLog& log, std::string actor) : log_(log) {
  detail::check_id(actor, "actor");
  log_.impl_->actors.push_back(std::move(actor));
}

AuditLog::ActorScope::~ActorScope() { log_.impl_->actors.pop_back(); }

void AuditLog::set_default_actor(const std::string& actor) {
  detail::check_id(actor, "actor");
  impl_->default_actor = actor;
}

const std::string& AuditLog::actor() const { return impl_->actor(); }

std::chrono::system_clock::time_point AuditLog::now() const { return impl_->now(); }

AuditEntry AuditLog::append(const AuditRecord& record) {
  AuditEntry entry;
  impl_->store.transaction([&] { entry = impl_->append_in_transaction(record); });
  return entry;
}

std::vector<AuditEntry> AuditLog::entries(const AuditQuery& query) const {
  sql::Statement statement(impl_->db, std::string("SELECT ") + audit_chain::kColumns + R"sql( FROM audit_log
      WHERE (?1 IS NULL OR entity_type = ?1) AND (?2 IS NULL OR entity_id = ?2) AND sequence > ?3
      ORDER BY sequence LIMIT ?4)sql");
  statement.bind_optional(1, query.entity_type).bind_optional(2, query.entity_id).bind(3, query.after_sequence);
  statement.bind(4, query.limit == 0 ? std::int64_t{-1} : static_cast<std::int64_t>(query.limit));
  std::vector<AuditEntry> out;
  while (statement.step()) out.push_back(audit_chain::to_entry(audit_chain::read_row(statement)));
  return out;
}

AuditHead AuditLog::head() const {
  const audit_chain::Row last = last_row(impl_->db);
  return AuditHead{last.sequence, last.hash};
}

// --- JSON -----------------------------------------------------------------------

std::string_view to_string(AuditIssueKind kind) {
  switch (kind) {
    case AuditIssueKind::altered: return "altered";
    case AuditIssueKind::removed: return "removed";
    case AuditIssueKind::renumbered: return "renumbered";
    case AuditIssueKind::rewritten: return "rewritten";
    case AuditIssueKind::truncated: return "truncated";
    case AuditIssueKind::anchor_mismatch: return "anchor_mismatch";
  }
  return "unknown";
}

namespace {

/// Removes the confidential matter fields from a snapshot; true when any was there.
bool redact_matter_snapshot(json& snapshot) {
  if (!snapshot.is_object()) return false;
  bool removed = false;
  for (const char* field : {"facts", "client_ref", "client_profile"}) removed |= snapshot.erase(field) > 0;
  return removed;
}

}  // namespace

json to_json(const AuditEntry& entry, const ExportOptions& options) {
  json j;
  j["sequence"] = entry.sequence;
  j["time"] = entry.time;
  j["actor"] = entry.actor;
  j["entity_type"] = entry.entity_type;
  j["entity_id"] = entry.entity_id;
  j["action"] = entry.action;
  j["before"] = entry.before;
  j["after"] = entry.after;
  j["previous_hash"] = entry.previous_hash;
  j["hash"] = entry.hash;
  if (!options.include_confidential && entry.entity_type == to_string(EntityType::matter)) {
    const bool redacted_before = redact_matter_snapshot(j["before"]);
    const bool redacted_after = redact_matter_snapshot(j["after"]);
    if (redacted_before || redacted_after) j["redacted"] = true;
  }
  return j;
}

json to_json(const AuditHead& head) { return json{{"sequence", head.sequence}, {"hash", head.hash}}; }

json to_json(const AuditIssue& issue) {
  json j{{"kind", to_string(issue.kind)}, {"sequence", issue.sequence}, {"message", issue.message}};
  if (issue.original_sequence) j["original_sequence"] = *issue.original_sequence;
  return j;
}

json to_json(const AuditVerification& result) {
  json j{{"intact", result.intact}, {"entries_checked", result.entries_checked}, {"head", to_json(result.head)}};
  j["first_issue"] = result.first_issue ? to_json(*result.first_issue) : json(nullptr);
  return j;
}

}  // namespace v1
}  // namespace atip
