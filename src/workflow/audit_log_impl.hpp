// Internal: the state behind an AuditLog handle.
#pragma once

#include <string>
#include <vector>

#include "atip/audit.hpp"

namespace atip {
inline namespace v1 {

struct AuditLog::Impl {
  explicit Impl(Store& attached) : store(attached), db(attached.native_handle()) {}

  Store& store;
  int hook_token = 0;  // from Store::add_write_hook, removed in ~AuditLog
  sqlite3* db;
  Clock clock;
  std::string key;
  std::string default_actor = kSystemActor;
  /// Actors of the open ActorScopes, innermost last.
  std::vector<std::string> actors;

  const std::string& actor() const;
  std::chrono::system_clock::time_point now() const;
  /// Appends one entry; the caller holds the store's transaction open.
  AuditEntry append_in_transaction(const AuditRecord& record);
  /// The store's write hook.
  void on_store_write(EntityType type, const std::string& id, const nlohmann::json* before,
                      const nlohmann::json* after);
};

}  // namespace v1
}  // namespace atip
