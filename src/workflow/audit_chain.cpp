// The hash chain of the audit log: hashing rows and reading them back.
#include "workflow/audit_chain.hpp"

#include <array>

#include <sodium.h>

#include "atip/error.hpp"

namespace atip {
inline namespace v1 {
namespace audit_chain {

namespace {

/// Tag hashed before every row, so that a future change of the row format
/// can never produce the same input as this one.
constexpr std::string_view kFormatTag = "atip-audit-v1";

/// Appends a length-prefixed field ("S<bytes>:<text>") or a null marker
/// ("N"). The prefix makes the encoding injective: no choice of field values
/// can imitate another row's fields.
void put_field(std::string& out, std::string_view text) {
  out += 'S';
  out += std::to_string(text.size());
  out += ':';
  out.append(text);
}

void put_optional(std::string& out, const std::optional<std::string>& text) {
  if (text) {
    put_field(out, *text);
  } else {
    out += 'N';
  }
}

std::string hash_input(const Row& row, std::int64_t sequence) {
  std::string input;
  input.reserve(256 + row.before.value_or("").size() + row.after.value_or("").size());
  put_field(input, kFormatTag);
  put_field(input, row.previous_hash);
  put_field(input, std::to_string(sequence));
  put_field(input, row.time);
  put_field(input, row.actor);
  put_field(input, row.entity_type);
  put_field(input, row.entity_id);
  put_field(input, row.action);
  put_optional(input, row.before);
  put_optional(input, row.after);
  return input;
}

std::optional<std::string> optional_text(const sql::Statement& statement, int column) {
  if (statement.is_null(column)) return std::nullopt;
  return statement.text(column);
}

}  // namespace

void ensure_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) fail(ErrorKind::internal, "audit: sodium_init() failed; libsodium cannot hash the audit chain");
}

void check_key(std::string_view key) {
  if (key.empty()) return;
  if (key.size() < crypto_generichash_KEYBYTES_MIN || key.size() > crypto_generichash_KEYBYTES_MAX) {
    fail(ErrorKind::invalid_argument, "options.key: " + std::to_string(key.size()) + " bytes is not a valid key length (use " +
                                          std::to_string(crypto_generichash_KEYBYTES_MIN) + " to " +
                                          std::to_string(crypto_generichash_KEYBYTES_MAX) + " bytes, or none)");
  }
}

std::string compute_hash(const Row& row, std::int64_t sequence, std::string_view key) {
  ensure_sodium();
  const std::string input = hash_input(row, sequence);
  std::array<unsigned char, kHashBytes> digest{};
  const auto* key_bytes = key.empty() ? nullptr : reinterpret_cast<const unsigned char*>(key.data());
  if (crypto_generichash(digest.data(), digest.size(), reinterpret_cast<const unsigned char*>(input.data()),
                         input.size(), key_bytes, key.size()) != 0) {
    fail(ErrorKind::internal, "audit: crypto_generichash failed for entry " + std::to_string(sequence));
  }
  std::array<char, kHashBytes * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data(), kHashBytes * 2);
}

Row read_row(const sql::Statement& statement) {
  Row row;
  row.sequence = statement.integer(0);
  row.time = statement.text(1);
  row.actor = statement.text(2);
  row.entity_type = statement.text(3);
  row.entity_id = statement.text(4);
  row.action = statement.text(5);
  row.before = optional_text(statement, 6);
  row.after = optional_text(statement, 7);
  row.previous_hash = statement.text(8);
  row.hash = statement.text(9);
  return row;
}

namespace {

nlohmann::json parse_snapshot(const std::optional<std::string>& text, std::int64_t sequence, const char* column) {
  if (!text) return nullptr;
  try {
    return nlohmann::json::parse(*text);
  } catch (const nlohmann::json::parse_error&) {
    fail(ErrorKind::integrity, std::string("audit_log: entry ") + std::to_string(sequence) + " has a " + column +
                                   " snapshot that is not valid JSON (the entry was altered; run verify())");
  }
}

}  // namespace

AuditEntry to_entry(const Row& row) {
  AuditEntry entry;
  entry.sequence = row.sequence;
  entry.time = row.time;
  entry.actor = row.actor;
  entry.entity_type = row.entity_type;
  entry.entity_id = row.entity_id;
  entry.action = row.action;
  entry.before = parse_snapshot(row.before, row.sequence, "before");
  entry.after = parse_snapshot(row.after, row.sequence, "after");
  entry.previous_hash = row.previous_hash;
  entry.hash = row.hash;
  return entry;
}

void require_audit_table(sqlite3* db) {
  sql::Statement statement(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'audit_log'");
  if (!statement.step()) {
    fail(ErrorKind::schema_version,
         "database: has no audit_log table (schema version 1); open it writable once so that it is migrated");
  }
}

}  // namespace audit_chain
}  // namespace v1
}  // namespace atip
