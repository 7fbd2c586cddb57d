// Internal: the SQLite schema and its forward migrations.
#pragma once

#include <sqlite3.h>

namespace atip {
inline namespace v1 {
namespace schema {

/// PRAGMA application_id of atip databases ("ATIP" in ASCII).
inline constexpr int kApplicationId = 0x41544950;

/// Brings the database to kSchemaVersion, one migration per transaction.
/// A new database is created at version 1 and migrated like any other.
/// Call it while `db` has no open transaction: foreign key enforcement is
/// turned off during the steps and restored afterwards, which SQLite allows
/// only outside a transaction. Throws schema_version for a newer database or
/// a foreign one, and integrity when a table rebuild finds a foreign key
/// violation that the file already had.
void migrate(sqlite3* db);
/// Checks, without writing, that `db` is an atip database at the current
/// schema version; for read-only connections, which cannot migrate.
void check_current(sqlite3* db);

/// Returns the schema version of `db` after checking that it is an empty
/// database or an atip one no newer than kSchemaVersion. Reads only.
int checked_version(sqlite3* db);

/// Applies migrations up to `target` only; tests use it to build databases
/// at an earlier schema version.
void migrate_to(sqlite3* db, int target);

}  // namespace schema
}  // namespace v1
}  // namespace atip
