// Verifying the audit log: recomputing the hash chain and naming the first
// entry where it breaks.
#include "atip/audit.hpp"
#include "atip/error.hpp"
#include "workflow/audit_chain.hpp"
#include "workflow/audit_log_impl.hpp"

namespace atip {
inline namespace v1 {

namespace {

/// How far past the largest stored sequence number a renumbered entry's
/// original number is searched for. Entries deleted from the middle and the
/// rest renumbered move entries down by the number deleted, so the original
/// can lie above the current maximum.
constexpr std::int64_t kRenumberSearchMargin = 1024;

std::int64_t max_sequence(sqlite3* db) {
  sql::Statement statement(db, "SELECT coalesce(max(sequence), 0) FROM audit_log");
  statement.step();
  return statement.integer(0);
}

/// The sequence number `row` was hashed under, searched outward from its
/// current number; empty when none in range fits (the content was changed).
std::optional<std::int64_t> find_original_sequence(const audit_chain::Row& row, std::int64_t upper_bound,
                                                   std::string_view key) {
  for (std::int64_t distance = 1;; ++distance) {
    const std::int64_t below = row.sequence - distance;
    const std::int64_t above = row.sequence + distance;
    if (below < 1 && above > upper_bound) return std::nullopt;
    if (below >= 1 && audit_chain::compute_hash(row, below, key) == row.hash) return below;
    if (above <= upper_bound && audit_chain::compute_hash(row, above, key) == row.hash) return above;
  }
}

AuditIssue make_issue(AuditIssueKind kind, std::int64_t sequence, std::string message) {
  AuditIssue issue;
  issue.kind = kind;
  issue.sequence = sequence;
  issue.message = std::move(message);
  return issue;
}

AuditIssue missing_entry(std::int64_t expected, std::int64_t found) {
  const std::string where = expected == 1 ? "the log starts at entry " + std::to_string(found)
                                          : "entry " + std::to_string(expected - 1) + " is followed by entry " +
                                                std::to_string(found);
  return make_issue(AuditIssueKind::removed, expected,
                    "audit_log: entry " + std::to_string(expected) + " was removed (" + where + ")");
}

AuditIssue hash_mismatch(const audit_chain::Row& row, std::int64_t upper_bound, std::string_view key) {
  const std::string entry = "audit_log: entry " + std::to_string(row.sequence);
  if (const auto original = find_original_sequence(row, upper_bound, key)) {
    AuditIssue issue = make_issue(AuditIssueKind::renumbered, row.sequence,
                                  entry + " was written as entry " + std::to_string(*original) +
                                      " and renumbered (entries were reordered, removed or inserted)");
    issue.original_sequence = original;
    return issue;
  }
  const std::string hint = key.empty() ? "" : ", or the log was written with another key";
  return make_issue(AuditIssueKind::altered, row.sequence,
                    entry + " was altered: its content no longer matches its hash" + hint);
}

AuditIssue broken_link(const audit_chain::Row& row) {
  if (row.sequence == 1) {
    return make_issue(AuditIssueKind::altered, 1,
                      "audit_log: entry 1 was altered: it does not start the chain (its previous_hash is not the "
                      "genesis value)");
  }
  const std::int64_t rewritten = row.sequence - 1;
  return make_issue(AuditIssueKind::rewritten, rewritten,
                    "audit_log: entry " + std::to_string(rewritten) + " was rewritten: entry " +
                        std::to_string(row.sequence) + " recorded another hash for it");
}

/// Checks one row against the chain so far; empty when it is intact.
std::optional<AuditIssue> check_row(const audit_chain::Row& row, std::int64_t expected_sequence,
                                    const std::string& expected_previous, std::int64_t upper_bound,
                                    std::string_view key) {
  if (row.sequence != expected_sequence) return missing_entry(expected_sequence, row.sequence);
  if (audit_chain::compute_hash(row, row.sequence, key) != row.hash) return hash_mismatch(row, upper_bound, key);
  if (row.previous_hash != expected_previous) return broken_link(row);
  return std::nullopt;
}

std::optional<AuditIssue> check_anchor(const AuditHead& anchor, const AuditHead& head,
                                       const std::string& hash_at_anchor) {
  if (anchor.sequence == 0) return std::nullopt;
  if (anchor.sequence > head.sequence) {
    return make_issue(AuditIssueKind::truncated, head.sequence + 1,
                      "audit_log: entry " + std::to_string(head.sequence + 1) +
                          " and the entries after it were removed (the log ends at entry " +
                          std::to_string(head.sequence) + " but the anchor records entry " +
                          std::to_string(anchor.sequence) + ")");
  }
  if (hash_at_anchor != anchor.hash) {
    return make_issue(AuditIssueKind::anchor_mismatch, anchor.sequence,
                      "audit_log: entry " + std::to_string(anchor.sequence) + " has hash " + hash_at_anchor +
                          " but the anchor records " + anchor.hash + " (the log was rebuilt after that entry was anchored)");
  }
  return std::nullopt;
}

}  // namespace

AuditVerification AuditLog::verify(const std::optional<AuditHead>& anchor) const {
  if (anchor && anchor->sequence < 0) {
    fail(ErrorKind::invalid_argument, "anchor.sequence: " + std::to_string(anchor->sequence) + " must not be negative");
  }
  sqlite3* db = impl_->db;
  const std::int64_t upper_bound = max_sequence(db) + kRenumberSearchMargin;

  AuditVerification result;
  std::int64_t expected_sequence = 1;
  std::string expected_previous = audit_chain::kGenesisHash;
  std::string hash_at_anchor;
  sql::Statement statement(db, std::string("SELECT ") + audit_chain::kColumns + " FROM audit_log ORDER BY sequence");
  while (statement.step()) {
    const audit_chain::Row row = audit_chain::read_row(statement);
    result.head = AuditHead{row.sequence, row.hash};
    if (result.intact) {
      if (auto issue = check_row(row, expected_sequence, expected_previous, upper_bound, impl_->key)) {
        result.intact = false;
        result.first_issue = std::move(issue);
        continue;  // keep reading to report the stored head
      }
      ++result.entries_checked;
      expected_previous = row.hash;
      ++expected_sequence;
    }
    if (anchor && row.sequence == anchor->sequence) hash_at_anchor = row.hash;
  }

  if (result.intact && anchor) {
    if (auto issue = check_anchor(*anchor, result.head, hash_at_anchor)) {
      result.intact = false;
      result.first_issue = std::move(issue);
    }
  }
  return result;
}

}  // namespace v1
}  // namespace atip
