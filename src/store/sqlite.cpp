#include "store/sqlite.hpp"

#include "atip/error.hpp"

namespace atip {
inline namespace v1 {
namespace sql {

void raise(sqlite3* db, int rc, std::string_view context) {
  const std::string detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  const std::string message = std::string(context) + ": " + detail;
  switch (rc & 0xFF) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      // SQLite has already retried for the connection's busy timeout.
      fail(ErrorKind::busy, message +
                                " (another connection held the lock for longer than the busy timeout, "
                                "StoreOptions::busy_timeout_ms; retry later or raise the timeout)");
    case SQLITE_CONSTRAINT:
      fail(ErrorKind::constraint, message);
    case SQLITE_NOMEM:
      fail(ErrorKind::no_memory, message);
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      fail(ErrorKind::io, message);
    case SQLITE_NOTADB:
      fail(ErrorKind::schema_version, message + " (the file is not an SQLite database)");
    case SQLITE_CORRUPT:
      fail(ErrorKind::integrity, message);
    case SQLITE_TOOBIG:
      fail(ErrorKind::limit_exceeded, message);
    default:
      fail(ErrorKind::internal, message);
  }
}

void exec(sqlite3* db, std::string_view sql) {
  const std::string text(sql);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, text.c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    sqlite3_free(error);
    raise(db, rc, "executing SQL");
  }
}

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                    &statement_, nullptr);
  if (rc != SQLITE_OK) raise(db, rc, "preparing statement");
}

Statement::~Statement() { sqlite3_finalize(statement_); }

Statement& Statement::bind(int index, std::string_view text) {
  const int rc = sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) raise(db_, rc, "binding a value");
  return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
  const int rc = sqlite3_bind_int64(statement_, index, value);
  if (rc != SQLITE_OK) raise(db_, rc, "binding a value");
  return *this;
}

Statement& Statement::bind(int index, double value) {
  const int rc = sqlite3_bind_double(statement_, index, value);
  if (rc != SQLITE_OK) raise(db_, rc, "binding a value");
  return *this;
}

Statement& Statement::bind_null(int index) {
  const int rc = sqlite3_bind_null(statement_, index);
  if (rc != SQLITE_OK) raise(db_, rc, "binding a value");
  return *this;
}

Statement& Statement::bind_optional(int index, std::string_view text) {
  return text.empty() ? bind_null(index) : bind(index, text);
}

bool Statement::step() {
  const int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  const int extended = sqlite3_extended_errcode(db_);
  sqlite3_reset(statement_);
  raise(db_, extended, "running statement");
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

std::string Statement::text(int column) const {
  const auto* bytes = sqlite3_column_text(statement_, column);
  if (bytes == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
}

std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(statement_, column); }
double Statement::real(int column) const { return sqlite3_column_double(statement_, column); }
bool Statement::is_null(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }

void reset_idle_statements(sqlite3* db) noexcept {
  for (sqlite3_stmt* statement = sqlite3_next_stmt(db, nullptr); statement != nullptr;
       statement = sqlite3_next_stmt(db, statement)) {
    if (sqlite3_stmt_busy(statement) != 0) sqlite3_reset(statement);
  }
}

Statement& StatementCache::get(std::string_view sql) {
  // Outside an explicit transaction every store call is a new operation, so
  // a statement left stepped by an earlier one is finished: reset it to end
  // its read transaction and read the latest commit.
  if (sqlite3_get_autocommit(db_) != 0) reset_idle_statements(db_);
  auto found = statements_.find(sql);
  if (found == statements_.end()) {
    found = statements_.emplace(std::string(sql), std::make_unique<Statement>(db_, sql)).first;
  }
  found->second->reset();
  return *found->second;
}

}  // namespace sql
}  // namespace v1
}  // namespace atip
