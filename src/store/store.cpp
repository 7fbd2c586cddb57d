// Opening a database, transactions and change listeners.
#include <chrono>
#include <filesystem>
#include <thread>

#include "atip/error.hpp"
#include "store/schema.hpp"
#include "store/store_impl.hpp"

namespace atip {
inline namespace v1 {

namespace {

sqlite3* open_connection(const std::string& path, const StoreOptions& options) {
  if (path.empty()) fail(ErrorKind::invalid_argument, "path: must not be empty (use \":memory:\" for an in-memory database)");
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
  flags |= options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (options.create && !options.read_only) flags |= SQLITE_OPEN_CREATE;

  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    const std::string message = "path: cannot open database \"" + path + "\": " +
                                (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_close(db);
    fail(ErrorKind::io, message + " (check that the folder exists and is writable)");
  }
  sqlite3_extended_result_codes(db, 1);
  return db;
}

void configure_connection(sqlite3* db, const StoreOptions& options, bool in_memory) {
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  sql::exec(db, "PRAGMA foreign_keys = ON");
  // Deleted records concern survivors of a crime: overwrite freed pages.
  sql::exec(db, "PRAGMA secure_delete = ON");
  // A 32 MiB page cache (SQLite's default is 2 MiB), so that a bulk
  // import keeps more of the B-tree pages it writes in memory.
  sql::exec(db, "PRAGMA cache_size = -32768");
  if (!in_memory && !options.read_only) {
    sql::Statement wal(db, "PRAGMA journal_mode = WAL");
    wal.step();
    sql::exec(db, "PRAGMA synchronous = FULL");
  }
}

/// Configures the connection and migrates (or, read-only, checks) the schema.
/// SQLite reports some locks without calling the busy handler, for example
/// while another connection switches a new file to WAL, so busy errors are
/// retried here until the busy timeout has passed.
void prepare_database(sqlite3* db, const StoreOptions& options, bool in_memory) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options.busy_timeout_ms);
  for (;;) {
    try {
      configure_connection(db, options, in_memory);
      if (options.read_only) {
        schema::check_current(db);
      } else {
        schema::migrate(db);
      }
      return;
    } catch (const Error& error) {
      if (error.kind() != ErrorKind::busy || std::chrono::steady_clock::now() >= deadline) throw;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace

Store::Impl::~Impl() {
  statements.clear();
  if (db != nullptr) sqlite3_close_v2(db);
}

void Store::Impl::deliver_changes() {
  auto changes = std::move(pending_changes);
  pending_changes.clear();
  for (const auto& [type, id, kind] : changes) {
    for (const auto& [token, listener] : listeners) listener(type, id, kind);
  }
}

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

std::unique_ptr<Store> Store::open(const std::string& path, const StoreOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->db = open_connection(path, options);
  impl->statements = sql::StatementCache(impl->db);
  const bool in_memory = path == ":memory:" || path.rfind("file::memory:", 0) == 0;
  try {
    prepare_database(impl->db, options, in_memory);
  } catch (const Error& error) {
    if (error.kind() == ErrorKind::schema_version || error.kind() == ErrorKind::busy) throw;
    fail(error.kind(), "path: cannot open database \"" + path + "\": " + error.what());
  }
  return std::unique_ptr<Store>(new Store(std::move(impl)));
}

int Store::schema_version() const {
  sql::Statement statement(impl_->db, "PRAGMA user_version");
  return statement.step() ? static_cast<int>(statement.integer(0)) : 0;
}

int Store::file_schema_version(const std::string& path) {
  StoreOptions options;
  options.read_only = true;
  options.create = false;
  sqlite3* db = open_connection(path, options);
  try {
    const int version = schema::checked_version(db);
    sqlite3_close(db);
    return version;
  } catch (const Error& error) {
    sqlite3_close(db);
    if (error.kind() == ErrorKind::schema_version) throw;
    fail(error.kind(), "path: cannot read database \"" + path + "\": " + error.what());
  }
}

const std::string& Store::path() const { return impl_->path; }
sqlite3* Store::native_handle() const { return impl_->db; }
bool Store::in_transaction() const { return impl_->transaction_depth > 0; }

void Store::transaction(const std::function<void()>& work) {
  Impl& s = *impl_;
  const bool outermost = s.transaction_depth == 0;
  const std::string savepoint = "atip_" + std::to_string(s.transaction_depth);
  const std::size_t changes_before = s.pending_changes.size();
  auto roll_back = [&] {
    s.existing_records.clear();
    if (outermost) {
      sqlite3_exec(s.db, "ROLLBACK", nullptr, nullptr, nullptr);
      s.pending_changes.clear();
    } else {
      const std::string undo = "ROLLBACK TO " + savepoint + "; RELEASE " + savepoint;
      sqlite3_exec(s.db, undo.c_str(), nullptr, nullptr, nullptr);
      s.pending_changes.resize(changes_before);
    }
  };

  // A lookup left stepped since the last operation would hold a read
  // transaction, and SQLite does not wait for the busy timeout when a
  // connection with a read transaction requests the write lock.
  if (outermost) sql::reset_idle_statements(s.db);
  sql::exec(s.db, outermost ? "BEGIN IMMEDIATE" : "SAVEPOINT " + savepoint);
  ++s.transaction_depth;
  try {
    work();
    --s.transaction_depth;
  } catch (...) {
    --s.transaction_depth;
    roll_back();
    throw;
  }
  s.existing_records.clear();
  try {
    sql::exec(s.db, outermost ? "COMMIT" : "RELEASE " + savepoint);
  } catch (...) {
    roll_back();
    throw;
  }
  if (outermost) s.deliver_changes();
}

int Store::add_write_hook(WriteHook hook) {
  const int token = impl_->next_listener++;
  impl_->write_hooks.emplace(token, std::move(hook));
  return token;
}

void Store::remove_write_hook(int token) { impl_->write_hooks.erase(token); }

int Store::add_listener(ChangeListener listener) {
  const int token = impl_->next_listener++;
  impl_->listeners.emplace(token, std::move(listener));
  return token;
}

void Store::remove_listener(int token) { impl_->listeners.erase(token); }

}  // namespace v1
}  // namespace atip
