// The audit trail: an append-only log, kept in the store's database, of every
// write of a matter or engagement record, every workflow state change, and
// the workflow's own records (interests, conflict checks, event attendance).
// Each entry carries the BLAKE2b hash of its content and of the previous
// entry's hash, so an entry edited, deleted or moved in the SQLite file
// breaks the chain, and AuditLog::verify names the first entry where it
// breaks.
//
// Thread contract: as for Store. One AuditLog belongs to one Store and is
// used by the thread that uses that Store.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "atip/model/dataset.hpp"
#include "atip/store.hpp"

namespace atip {
inline namespace v1 {

/// Source of the current time. The workflow dates its records with the same
/// clock, so tests and imports of past events can replace it.
using Clock = std::function<std::chrono::system_clock::time_point()>;

/// Formats `time` as ISO 8601 in UTC with milliseconds ("2026-03-01T09:30:00.000Z").
std::string format_utc_time(std::chrono::system_clock::time_point time);

/// The UTC calendar date of `time`.
Date utc_date(std::chrono::system_clock::time_point time);

/// Actor recorded for writes made while no ActorScope is open and no default
/// actor was set.
inline constexpr const char* kSystemActor = "system";

struct AuditOptions {
  /// Time source for entry times; empty means std::chrono::system_clock.
  Clock clock;
  /// Secret key of 16 to 64 bytes for keyed BLAKE2b, or empty for plain
  /// BLAKE2b. Without a key, whoever can write the file can recompute every
  /// hash after tampering; with a key kept outside the database they cannot.
  /// Every entry of one log must be written and verified with the same key.
  std::string key;
};

/// One entry of the audit log.
struct AuditEntry {
  std::int64_t sequence = 0;  ///< 1, 2, 3, ... without gaps.
  std::string time;           ///< ISO 8601 UTC, as format_utc_time writes it.
  std::string actor;
  std::string entity_type;    ///< A store entity type ("matter") or a workflow record ("conflict_check").
  std::string entity_id;
  std::string action;         ///< "insert", "update", "remove", "transition", ...
  nlohmann::json before;      ///< The record before the change; null when there was none.
  nlohmann::json after;       ///< The record after the change; null when it was removed.
  std::string previous_hash;  ///< Hash of entry sequence - 1 (64 zeros for entry 1), lowercase hex.
  std::string hash;           ///< BLAKE2b-256 of previous_hash and this entry's fields, lowercase hex.
};

/// An entry to append; sequence, time, actor and hashes are filled in by the log.
struct AuditRecord {
  std::string entity_type;
  std::string entity_id;
  std::string action;
  nlohmann::json before;
  nlohmann::json after;
};

/// Filters for AuditLog::entries; empty fields do not filter.
struct AuditQuery {
  std::string entity_type;
  std::string entity_id;
  std::int64_t after_sequence = 0;  ///< Only entries with a larger sequence.
  std::size_t limit = 0;            ///< 0 = no limit.
};

/// The last entry of the log. Record it outside the database (a report, a
/// ticket, another system) and pass it to verify() later: that is the only
/// way to detect that entries were cut off the end of the log.
struct AuditHead {
  std::int64_t sequence = 0;  ///< 0 for an empty log.
  std::string hash;           ///< Empty for an empty log.
  bool operator==(const AuditHead&) const = default;
};

enum class AuditIssueKind {
  altered,          ///< The entry's content no longer matches its hash.
  removed,          ///< The sequence skips: this entry is missing.
  renumbered,       ///< The entry is intact but was written under another sequence number.
  rewritten,        ///< The entry has a valid hash of its own, but the next entry recorded another hash for it.
  truncated,        ///< The log ends before the anchor's sequence.
  anchor_mismatch,  ///< The entry at the anchor's sequence has another hash than the anchor.
};

std::string_view to_string(AuditIssueKind kind);

/// The first place where the chain breaks.
struct AuditIssue {
  AuditIssueKind kind = AuditIssueKind::altered;
  std::int64_t sequence = 0;                      ///< Sequence number of the entry concerned.
  std::optional<std::int64_t> original_sequence;  ///< For `renumbered`: the sequence it was written under.
  std::string message;                            ///< One sentence naming the entry and the problem.
};

/// Result of AuditLog::verify.
struct AuditVerification {
  bool intact = true;
  std::int64_t entries_checked = 0;
  AuditHead head;                         ///< The last entry as stored (whether or not intact).
  std::optional<AuditIssue> first_issue;  ///< Set exactly when `intact` is false.
};

/// JSON form of an entry. Matter snapshots in `before` and `after` lose their
/// confidential fields (facts, client_ref, client_profile) unless
/// `options.include_confidential` is set; such an entry gets "redacted": true,
/// and its hash can then be checked only against the database.
nlohmann::json to_json(const AuditEntry& entry, const ExportOptions& options = {});
nlohmann::json to_json(const AuditHead& head);
nlohmann::json to_json(const AuditIssue& issue);
nlohmann::json to_json(const AuditVerification& result);

/// The audit log of one store. Constructing it installs the store's write
/// hook, so every insert, update and remove of a matter or engagement through
/// the Store is recorded in the same transaction as the change, with the
/// current actor. Directory records (jurisdictions, practice areas,
/// organizations, lawyers, events, services) are not recorded, so that bulk
/// directory imports stay fast. Entries can only be appended: SQLite
/// triggers reject UPDATE and DELETE on the table.
///
/// Only one AuditLog may be attached to a Store at a time, and the Store must
/// outlive it. Writes made through another connection that has no AuditLog
/// are not recorded; verify() cannot see them.
class AuditLog {
 public:
  /// Attaches to `store`. Throws invalid_argument for a key of the wrong
  /// length and schema_version when the database predates the audit table.
  explicit AuditLog(Store& store, AuditOptions options = {});
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  /// Sets the actor for the life of the scope; scopes nest and restore the
  /// previous actor on exit.
  class ActorScope {
   public:
    /// Throws invalid_argument when `actor` is not a valid id (1-128
    /// printable bytes without leading or trailing space).
    ActorScope(AuditLog& log, std::string actor);
    ~ActorScope();
    ActorScope(const ActorScope&) = delete;
    ActorScope& operator=(const ActorScope&) = delete;

   private:
    AuditLog& log_;
  };

  /// Sets the actor used outside any ActorScope (initially kSystemActor).
  void set_default_actor(const std::string& actor);
  /// The actor the next entry will carry.
  const std::string& actor() const;

  /// The current time from the configured clock.
  std::chrono::system_clock::time_point now() const;

  /// Appends one entry with the current actor and time, inside the open
  /// transaction or in one of its own. Returns the stored entry.
  AuditEntry append(const AuditRecord& record);

  /// Entries in sequence order. Throws integrity when a stored snapshot is
  /// not valid JSON (run verify() to find the entry).
  std::vector<AuditEntry> entries(const AuditQuery& query = {}) const;

  /// The last entry as stored.
  AuditHead head() const;

  /// Recomputes the chain from entry 1 and returns the first entry that was
  /// altered, removed, renumbered or relinked. With `anchor`, also checks that
  /// the log still reaches the anchor's sequence with the anchor's hash.
  AuditVerification verify(const std::optional<AuditHead>& anchor = std::nullopt) const;

  /// Internal state; defined in src/workflow.
  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace v1
}  // namespace atip
