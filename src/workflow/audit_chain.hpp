// Internal: the audit log's row format and hash chain, shared by appending
// and verification.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "atip/audit.hpp"
#include "store/sqlite.hpp"

namespace atip {
inline namespace v1 {
namespace audit_chain {

/// previous_hash of entry 1.
inline const std::string kGenesisHash(64, '0');

/// Bytes of a BLAKE2b hash in the chain (BLAKE2b-256).
inline constexpr std::size_t kHashBytes = 32;

/// One row of the audit_log table exactly as stored. `before` and `after`
/// keep the stored JSON text, because the hash covers those bytes.
struct Row {
  std::int64_t sequence = 0;
  std::string time;
  std::string actor;
  std::string entity_type;
  std::string entity_id;
  std::string action;
  std::optional<std::string> before;
  std::optional<std::string> after;
  std::string previous_hash;
  std::string hash;
};

/// Calls sodium_init() once per process; throws internal when it fails.
void ensure_sodium();

/// Throws invalid_argument unless `key` is empty or 16-64 bytes long.
void check_key(std::string_view key);

/// The hash of `row` as if it were stored under `sequence`: keyed or plain
/// BLAKE2b-256 over a version tag, row.previous_hash and every other field,
/// each field length-prefixed so that no two rows share an input. Lowercase hex.
std::string compute_hash(const Row& row, std::int64_t sequence, std::string_view key);

/// The columns of the table in Row order, for SELECT statements.
inline constexpr const char* kColumns =
    "sequence, time, actor, entity_type, entity_id, action, before, after, previous_hash, hash";

/// Reads the row `statement` is positioned on; its columns are kColumns.
Row read_row(const sql::Statement& statement);

/// Converts a stored row to the public entry; throws integrity when a
/// snapshot is not valid JSON.
AuditEntry to_entry(const Row& row);

/// Throws schema_version unless the database has the audit_log table.
void require_audit_table(sqlite3* db);

}  // namespace audit_chain
}  // namespace v1
}  // namespace atip
