// The durable store: entities in an SQLite database (a file or ":memory:").
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "atip/model/dataset.hpp"

struct sqlite3;

namespace atip {
inline namespace v1 {

struct StoreOptions {
  /// How long a write waits for another connection's lock before failing
  /// with ErrorKind::busy, in milliseconds.
  int busy_timeout_ms = 5000;
  /// Open an existing database read-only.
  bool read_only = false;
  /// Create the file when it does not exist.
  bool create = true;
};

/// Options of a list call. Results are ordered by id (code for jurisdictions
/// and practice areas).
struct ListOptions {
  std::size_t limit = 0;  ///< 0 = no limit.
  std::size_t offset = 0;
};

/// Filters for listing lawyers; empty fields do not filter.
struct LawyerFilter {
  std::string jurisdiction;   ///< Holds an active admission there.
  std::string language;       ///< Speaks it; a bare language ("zh") matches any tag of that language.
  std::string practice_area;  ///< Practises the area or one of its descendants.
  std::optional<LawyerStatus> status;
};

enum class ChangeKind { inserted, updated, removed };

/// Called after a transaction commits, once for every record it changed.
using ChangeListener = std::function<void(EntityType type, const std::string& id, ChangeKind kind)>;

/// Called inside the writing transaction for every insert, update and
/// remove, with the stored JSON before (null on insert) and after (null on
/// remove). An exception from the hook rolls the write back. The audit trail
/// uses it so that a change and its audit entry commit together.
using WriteHook = std::function<void(EntityType type, const std::string& id, const nlohmann::json* before,
                                     const nlohmann::json* after)>;

/// The current schema version, stored in PRAGMA user_version.
inline constexpr int kSchemaVersion = 5;

/// A handle on one SQLite database. Opening applies forward migrations from
/// any earlier schema version; a database from a newer version is rejected
/// with ErrorKind::schema_version. Every write runs in a transaction.
///
/// Thread contract: one Store may be used by one thread at a time. Open one
/// Store per thread, or serialise calls, to share a database file.
class Store {
 public:
  /// Opens or creates `path` (":memory:" for a private in-memory database).
  static std::unique_ptr<Store> open(const std::string& path, const StoreOptions& options = {});
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  int schema_version() const;

  /// Returns the schema version of the database file at `path` without
  /// opening it as a Store or changing it: 0 for an empty file, below
  /// kSchemaVersion for a file that a writable open would migrate. Throws
  /// Error(schema_version) for another program's SQLite file or a newer
  /// atip's, and Error(io) when the file cannot be read.
  static int file_schema_version(const std::string& path);

  const std::string& path() const;
  /// The underlying connection, for layers that add their own tables
  /// (search index, workflow). Do not close it.
  sqlite3* native_handle() const;

  /// Runs `work` in one IMMEDIATE transaction (a savepoint when nested);
  /// any exception rolls everything back and propagates.
  void transaction(const std::function<void()>& work);
  bool in_transaction() const;

  // Entities. `insert` generates an id when the value has none and returns
  // the id; it fails with already_exists on a duplicate id and with
  // constraint when a reference does not exist. `update` replaces the whole
  // record (not_found when absent). `remove` fails with constraint while
  // other records refer to the entity.
  std::string insert(const Jurisdiction& value);
  std::string insert(const PracticeArea& value);
  std::string insert(const Organization& value);
  std::string insert(const Lawyer& value);
  std::string insert(const Matter& value);
  std::string insert(const Engagement& value);
  std::string insert(const Event& value);
  std::string insert(const Service& value);

  void update(const Jurisdiction& value);
  void update(const PracticeArea& value);
  void update(const Organization& value);
  void update(const Lawyer& value);
  void update(const Matter& value);
  void update(const Engagement& value);
  void update(const Event& value);
  void update(const Service& value);

  void remove(EntityType type, const std::string& id);
  bool exists(EntityType type, const std::string& id) const;
  std::size_t count(EntityType type) const;

  std::optional<Jurisdiction> find_jurisdiction(const std::string& code) const;
  std::optional<PracticeArea> find_practice_area(const std::string& code) const;
  std::optional<Organization> find_organization(const std::string& id) const;
  std::optional<Lawyer> find_lawyer(const std::string& id) const;
  std::optional<Matter> find_matter(const std::string& id) const;
  std::optional<Engagement> find_engagement(const std::string& id) const;
  std::optional<Event> find_event(const std::string& id) const;
  std::optional<Service> find_service(const std::string& id) const;

  /// The stored canonical JSON of one record (confidential fields included);
  /// throws not_found.
  nlohmann::json get_json(EntityType type, const std::string& id) const;
  /// Stored canonical JSON of every record of a type, ordered by id.
  std::vector<nlohmann::json> list_json(EntityType type, const ListOptions& options = {}) const;

  std::vector<Jurisdiction> list_jurisdictions(const ListOptions& options = {}) const;
  std::vector<PracticeArea> list_practice_areas(const ListOptions& options = {}) const;
  std::vector<Organization> list_organizations(const ListOptions& options = {}) const;
  std::vector<Lawyer> list_lawyers(const ListOptions& options = {}) const;
  std::vector<Lawyer> list_lawyers(const LawyerFilter& filter, const ListOptions& options = {}) const;
  std::vector<Matter> list_matters(const ListOptions& options = {}) const;
  /// Matters in an open state (vetted, circulated, interest_expressed, conflict_check).
  std::vector<Matter> list_open_matters() const;
  std::vector<Engagement> list_engagements(const ListOptions& options = {}) const;
  std::vector<Engagement> list_engagements_of_matter(const std::string& matter_id) const;
  std::vector<Engagement> list_engagements_of_lawyer(const std::string& lawyer_id) const;
  std::vector<Event> list_events(const ListOptions& options = {}) const;
  std::vector<Service> list_services(const ListOptions& options = {}) const;

  /// Inserts a whole data set in one transaction: all or nothing. Records
  /// without ids get generated ones (written back into `data`). Errors name
  /// the record by its path in the data set ("lawyers[12].firm: ...").
  /// `then`, when given, runs in the same transaction after the records are
  /// written, for data derived from them such as a search index. If it
  /// throws, nothing is written.
  ///
  /// Called outside a transaction, the import runs as a transaction of its
  /// own instead of a savepoint: SQLite journals every page a statement
  /// touches while a savepoint is open, which made large imports several
  /// times slower.
  void insert_dataset(Dataset& data, const std::function<void()>& then = {});
  /// Every record, ordered by type then id.
  Dataset export_dataset() const;

  /// Adds a write hook; hooks run in the order they were added. Returns a
  /// token for `remove_write_hook`.
  int add_write_hook(WriteHook hook);
  void remove_write_hook(int token);

  /// Registers a listener; returns a token for `remove_listener`.
  int add_listener(ChangeListener listener);
  void remove_listener(int token);

 /// Internal state; defined in src/store, opaque to callers.
  struct Impl;

 private:
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace v1
}  // namespace atip
