// Internal: the state behind a Store handle.
#pragma once

#include <map>
#include <string>
#include <tuple>
#include <unordered_set>
#include <vector>

#include "atip/store.hpp"
#include "store/sqlite.hpp"

namespace atip {
inline namespace v1 {

struct Store::Impl {
  sqlite3* db = nullptr;
  std::string path;
  sql::StatementCache statements{nullptr};
  int transaction_depth = 0;
  int next_listener = 1;
  std::map<int, ChangeListener> listeners;
  std::map<int, WriteHook> write_hooks;
  /// Set while a data set's organizations are written: references from one
  /// organization to another (exclusions.ngos) are checked after all of them
  /// are in, so the order of the collection does not matter.
  bool defer_organization_links = false;
  /// Referenced records found to exist in the open transaction, as
  /// "<entity type number>:<id>". Emptied whenever a transaction or savepoint
  /// ends and when a record is removed, so that it never outlives a rollback.
  std::unordered_set<std::string> existing_records;

  /// Runs every write hook; see WriteHook.
  void run_write_hooks(EntityType type, const std::string& id, const nlohmann::json* before,
                       const nlohmann::json* after) {
    for (const auto& [token, hook] : write_hooks) hook(type, id, before, after);
  }
  /// Changes of the open transaction, delivered to listeners on commit.
  std::vector<std::tuple<EntityType, std::string, ChangeKind>> pending_changes;

  ~Impl();
  sql::Statement& statement(std::string_view text) { return statements.get(text); }
  void record_change(EntityType type, const std::string& id, ChangeKind kind) {
    pending_changes.emplace_back(type, id, kind);
  }
  void deliver_changes();
};

}  // namespace v1
}  // namespace atip
