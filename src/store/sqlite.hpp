// Internal: a thin RAII layer over the SQLite C API with errors mapped to
// atip::Error. Shared by the store and the layers that add their own tables.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include <sqlite3.h>

namespace atip {
inline namespace v1 {
namespace sql {

/// Throws the atip::Error that matches SQLite result `rc` on `db`, with
/// `context` saying what was being done.
[[noreturn]] void raise(sqlite3* db, int rc, std::string_view context);

/// Runs SQL text without results (schema scripts, pragmas).
void exec(sqlite3* db, std::string_view sql);

/// Resets every statement of `db` that has stepped but was not reset. Such a
/// statement (a cached lookup that returned one row) keeps a read
/// transaction open: SQLite then fails a later BEGIN IMMEDIATE under
/// contention with SQLITE_BUSY at once, without waiting for the busy
/// timeout, and reads on the connection miss other connections' commits.
/// Call only where no statement can be in the middle of its rows.
void reset_idle_statements(sqlite3* db) noexcept;

/// A prepared statement. Bind indexes start at 1.
class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind_null(int index);
  /// Binds `text`, or NULL when it is empty.
  Statement& bind_optional(int index, std::string_view text);

  /// Steps once; true when a row is available.
  bool step();
  /// Steps to completion, for statements without results.
  void run();
  /// Resets and clears bindings so the statement can be reused.
  void reset();

  std::string text(int column) const;
  std::int64_t integer(int column) const;
  double real(int column) const;
  bool is_null(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
};

/// Prepared statements cached by SQL text for the life of a connection.
class StatementCache {
 public:
  explicit StatementCache(sqlite3* db) : db_(db) {}
  /// A reset statement ready for binding.
  Statement& get(std::string_view sql);
  void clear() { statements_.clear(); }

 private:
  /// Hashes std::string and std::string_view alike, so that a lookup with
  /// a string literal allocates nothing.
  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
  };

  sqlite3* db_;
  // Hashed rather than ordered: many statements share a long prefix
  // ("INSERT INTO lawyer_"), which makes ordered comparisons slow.
  std::unordered_map<std::string, std::unique_ptr<Statement>, SqlHash, std::equal_to<>> statements_;
};

}  // namespace sql
}  // namespace v1
}  // namespace atip
