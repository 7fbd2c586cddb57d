#include "store/schema.hpp"

#include <iterator>
#include <span>
#include <string>
#include <vector>

#include "atip/error.hpp"
#include "atip/store.hpp"
#include "store/sqlite.hpp"

namespace atip {
inline namespace v1 {
namespace schema {

namespace {

// Version 1: the entities. Each table keeps the canonical JSON of its record
// in `doc` and projects the columns that constraints, joins and filters need.
constexpr const char* kVersion1 = R"sql(
CREATE TABLE jurisdictions (
  code TEXT PRIMARY KEY CHECK (length(code) BETWEEN 2 AND 6),
  parent TEXT REFERENCES jurisdictions(code),
  doc TEXT NOT NULL CHECK (json_valid(doc))
);
CREATE TABLE practice_areas (
  code TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 64),
  parent TEXT REFERENCES practice_areas(code) DEFERRABLE INITIALLY DEFERRED,
  doc TEXT NOT NULL CHECK (json_valid(doc))
);
CREATE INDEX practice_areas_by_parent ON practice_areas(parent);
CREATE TABLE organizations (
  id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 128),
  kind TEXT NOT NULL CHECK (kind IN ('ngo','law_firm','service_provider','government','other')),
  doc TEXT NOT NULL CHECK (json_valid(doc))
);
CREATE TABLE organization_jurisdictions (
  organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  jurisdiction TEXT NOT NULL REFERENCES jurisdictions(code),
  PRIMARY KEY (organization_id, jurisdiction)
) WITHOUT ROWID;
CREATE INDEX organization_jurisdictions_by_code ON organization_jurisdictions(jurisdiction);
CREATE TABLE lawyers (
  id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 128),
  firm_id TEXT REFERENCES organizations(id),
  status TEXT NOT NULL CHECK (status IN ('active','inactive','suspended')),
  vetted INTEGER NOT NULL CHECK (vetted IN (0, 1)),
  max_active_matters INTEGER NOT NULL CHECK (max_active_matters BETWEEN 0 AND 100),
  doc TEXT NOT NULL CHECK (json_valid(doc))
);
CREATE INDEX lawyers_by_firm ON lawyers(firm_id);
CREATE TABLE lawyer_admissions (
  lawyer_id TEXT NOT NULL REFERENCES lawyers(id) ON DELETE CASCADE,
  jurisdiction TEXT NOT NULL REFERENCES jurisdictions(code),
  status TEXT NOT NULL CHECK (status IN ('active','inactive','suspended')),
  PRIMARY KEY (lawyer_id, jurisdiction)
) WITHOUT ROWID;
CREATE INDEX lawyer_admissions_by_jurisdiction ON lawyer_admissions(jurisdiction, status);
CREATE TABLE lawyer_languages (
  lawyer_id TEXT NOT NULL REFERENCES lawyers(id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  language TEXT NOT NULL,
  proficiency INTEGER NOT NULL CHECK (proficiency BETWEEN 1 AND 4),
  PRIMARY KEY (lawyer_id, tag)
) WITHOUT ROWID;
CREATE INDEX lawyer_languages_by_tag ON lawyer_languages(tag);
CREATE INDEX lawyer_languages_by_language ON lawyer_languages(language);
CREATE TABLE lawyer_practice_areas (
  lawyer_id TEXT NOT NULL REFERENCES lawyers(id) ON DELETE CASCADE,
  code TEXT NOT NULL REFERENCES practice_areas(code),
  years INTEGER NOT NULL CHECK (years BETWEEN 0 AND 70),
  PRIMARY KEY (lawyer_id, code)
) WITHOUT ROWID;
CREATE INDEX lawyer_practice_areas_by_code ON lawyer_practice_areas(code);
CREATE TABLE matters (
  id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 128),
  ngo_id TEXT NOT NULL REFERENCES organizations(id),
  status TEXT NOT NULL CHECK (status IN ('draft','vetted','circulated','interest_expressed',
    'conflict_check','placed','in_progress','closed','withdrawn','expired')),
  forum TEXT NOT NULL REFERENCES jurisdictions(code),
  practice_area TEXT NOT NULL REFERENCES practice_areas(code),
  created TEXT NOT NULL CHECK (created GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  doc TEXT NOT NULL CHECK (json_valid(doc))
);
CREATE INDEX matters_by_status ON matters(status);
CREATE INDEX matters_by_ngo ON matters(ngo_id);
CREATE INDEX matters_by_forum ON matters(forum);
CREATE INDEX matters_by_practice_area ON matters(practice_area);
CREATE TABLE engagements (
  id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 128),
  matter_id TEXT NOT NULL REFERENCES matters(id),
  lawyer_id TEXT NOT NULL REFERENCES lawyers(id),
  supervising_lawyer_id TEXT REFERENCES lawyers(id),
  status TEXT NOT NULL CHECK (status IN ('offered','accepted','declined','active','completed','withdrawn')),
  doc TEXT NOT NULL CHECK (json_valid(doc))
);
CREATE INDEX engagements_by_matter ON engagements(matter_id);
CREATE INDEX engagements_by_lawyer ON engagements(lawyer_id, status);
CREATE INDEX engagements_by_supervisor ON engagements(supervising_lawyer_id);
CREATE TABLE events (
  id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 128),
  jurisdiction TEXT NOT NULL REFERENCES jurisdictions(code),
  organizer_id TEXT REFERENCES organizations(id),
  date TEXT NOT NULL,
  doc TEXT NOT NULL CHECK (json_valid(doc))
);
CREATE INDEX events_by_organizer ON events(organizer_id);
CREATE INDEX events_by_jurisdiction ON events(jurisdiction);
CREATE TABLE event_attendance (
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  lawyer_id TEXT NOT NULL REFERENCES lawyers(id),
  PRIMARY KEY (event_id, lawyer_id)
) WITHOUT ROWID;
CREATE INDEX event_attendance_by_lawyer ON event_attendance(lawyer_id);
CREATE TABLE services (
  id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 128),
  provider_id TEXT REFERENCES organizations(id),
  jurisdiction TEXT NOT NULL REFERENCES jurisdictions(code),
  doc TEXT NOT NULL CHECK (json_valid(doc))
);
CREATE INDEX services_by_provider ON services(provider_id);
CREATE INDEX services_by_jurisdiction ON services(jurisdiction);
)sql";

// Version 2: the workflow and the audit trail. Lifecycle histories, interest
// and conflict checks refer to the entities, so a matter, engagement, lawyer
// or firm with workflow history cannot be removed. The audit log is
// append-only: its triggers reject UPDATE and DELETE, and its hash chain
// (src/workflow) detects edits made after dropping them.
constexpr const char* kVersion2 = R"sql(
CREATE TABLE matter_transitions (
  id INTEGER PRIMARY KEY,
  matter_id TEXT NOT NULL REFERENCES matters(id),
  from_status TEXT CHECK (from_status IS NULL OR from_status IN ('draft','vetted','circulated',
    'interest_expressed','conflict_check','placed','in_progress','closed','withdrawn','expired')),
  to_status TEXT NOT NULL CHECK (to_status IN ('draft','vetted','circulated','interest_expressed',
    'conflict_check','placed','in_progress','closed','withdrawn','expired')),
  time TEXT NOT NULL,
  date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  actor TEXT NOT NULL CHECK (length(actor) BETWEEN 1 AND 128),
  outcome TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX matter_transitions_by_matter ON matter_transitions(matter_id, id);
CREATE TABLE engagement_transitions (
  id INTEGER PRIMARY KEY,
  engagement_id TEXT NOT NULL REFERENCES engagements(id),
  from_status TEXT CHECK (from_status IS NULL OR from_status IN ('offered','accepted','declined','active',
    'completed','withdrawn')),
  to_status TEXT NOT NULL CHECK (to_status IN ('offered','accepted','declined','active','completed','withdrawn')),
  time TEXT NOT NULL,
  date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  actor TEXT NOT NULL CHECK (length(actor) BETWEEN 1 AND 128),
  reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX engagement_transitions_by_engagement ON engagement_transitions(engagement_id, id);
CREATE TABLE expressions_of_interest (
  id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 128),
  matter_id TEXT NOT NULL REFERENCES matters(id),
  lawyer_id TEXT REFERENCES lawyers(id),
  firm_id TEXT REFERENCES organizations(id),
  status TEXT NOT NULL CHECK (status IN ('active','withdrawn')),
  date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  actor TEXT NOT NULL CHECK (length(actor) BETWEEN 1 AND 128),
  note TEXT NOT NULL DEFAULT '',
  CHECK ((lawyer_id IS NULL) <> (firm_id IS NULL))
);
CREATE INDEX expressions_of_interest_by_matter ON expressions_of_interest(matter_id);
CREATE INDEX expressions_of_interest_by_lawyer ON expressions_of_interest(lawyer_id);
CREATE INDEX expressions_of_interest_by_firm ON expressions_of_interest(firm_id);
CREATE TABLE conflict_checks (
  id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 128),
  matter_id TEXT NOT NULL REFERENCES matters(id),
  firm_id TEXT REFERENCES organizations(id),
  lawyer_id TEXT REFERENCES lawyers(id),
  status TEXT NOT NULL CHECK (status IN ('requested','cleared','conflict_found')),
  requested_on TEXT NOT NULL,
  remind_on TEXT NOT NULL,
  resolved_on TEXT,
  requested_by TEXT NOT NULL,
  resolved_by TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  CHECK ((lawyer_id IS NULL) <> (firm_id IS NULL)),
  UNIQUE (matter_id, firm_id),
  UNIQUE (matter_id, lawyer_id)
);
CREATE INDEX conflict_checks_by_firm ON conflict_checks(firm_id);
CREATE INDEX conflict_checks_by_lawyer ON conflict_checks(lawyer_id);
CREATE INDEX conflict_checks_by_reminder ON conflict_checks(status, remind_on);
CREATE TABLE audit_log (
  sequence INTEGER PRIMARY KEY,
  time TEXT NOT NULL,
  actor TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  action TEXT NOT NULL,
  before TEXT,
  after TEXT,
  previous_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_by_entity ON audit_log(entity_type, entity_id, sequence);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
)sql";

// Version 3: drops the two indexes on lawyer languages. No query used them
// (filtered lists probe each lawyer's languages by primary key), and
// keeping them up to date took a tenth of a large import's time.
constexpr const char* kVersion3 = R"sql(
DROP INDEX lawyer_languages_by_tag;
DROP INDEX lawyer_languages_by_language;
)sql";

// Version 4: rebuilds the tables whose CHECK constraints compared a column
// with a list of three or more constants (`status IN ('active', ...)`), so that
// the same rule is written as `=` comparisons joined by OR. SQLite 3.40 runs
// a constant IN list of more than two values by filling an ephemeral B-tree
// each time an INSERT or UPDATE statement runs. Without them, bench_import
// StoreOnly/200000 (200,000 lawyers) took 4.8 s instead of 5.3 s on a shared
// 2-core machine. Lists of two values (`vetted IN (0, 1)`,
// the status of expressions_of_interest) are compared directly and stay.
//
// Each table is rebuilt by the procedure that SQLite's ALTER TABLE page
// (lang_altertable.html, "Making Other Kinds Of Table Schema Changes") gives
// for changes that ALTER TABLE cannot make. The new table is created under a
// staging name and the rows are copied into it. Then the old table is
// dropped, the new one is renamed, and the old table's indexes and triggers
// are created again from their stored SQL. An empty table, as in a new file,
// is dropped and created again under its own name. Rows keep their rowids,
// because new ids are numbered from max(rowid) and conflict checks are
// listed in rowid order.
struct TableRebuild {
  const char* table;
  /// Columns copied, in order. A rowid table without an INTEGER PRIMARY KEY
  /// lists rowid first, so that its rowids survive the copy.
  const char* columns;
  /// The new definition after `CREATE TABLE name`: the old one with each IN
  /// list of three or more constants written as an OR chain.
  const char* definition;
};

constexpr TableRebuild kVersion4Tables[] = {
    {"organizations", "rowid, id, kind, doc", R"sql((
  id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 128),
  kind TEXT NOT NULL CHECK (kind = 'ngo' OR kind = 'law_firm' OR kind = 'service_provider'
    OR kind = 'government' OR kind = 'other'),
  doc TEXT NOT NULL CHECK (json_valid(doc))
))sql"},
    {"lawyers", "rowid, id, firm_id, status, vetted, max_active_matters, doc", R"sql((
  id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 128),
  firm_id TEXT REFERENCES organizations(id),
  status TEXT NOT NULL CHECK (status = 'active' OR status = 'inactive' OR status = 'suspended'),
  vetted INTEGER NOT NULL CHECK (vetted IN (0, 1)),
  max_active_matters INTEGER NOT NULL CHECK (max_active_matters BETWEEN 0 AND 100),
  doc TEXT NOT NULL CHECK (json_valid(doc))
))sql"},
    {"lawyer_admissions", "lawyer_id, jurisdiction, status", R"sql((
  lawyer_id TEXT NOT NULL REFERENCES lawyers(id) ON DELETE CASCADE,
  jurisdiction TEXT NOT NULL REFERENCES jurisdictions(code),
  status TEXT NOT NULL CHECK (status = 'active' OR status = 'inactive' OR status = 'suspended'),
  PRIMARY KEY (lawyer_id, jurisdiction)
) WITHOUT ROWID)sql"},
    {"matters", "rowid, id, ngo_id, status, forum, practice_area, created, doc", R"sql((
  id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 128),
  ngo_id TEXT NOT NULL REFERENCES organizations(id),
  status TEXT NOT NULL CHECK (status = 'draft' OR status = 'vetted' OR status = 'circulated'
    OR status = 'interest_expressed' OR status = 'conflict_check' OR status = 'placed'
    OR status = 'in_progress' OR status = 'closed' OR status = 'withdrawn' OR status = 'expired'),
  forum TEXT NOT NULL REFERENCES jurisdictions(code),
  practice_area TEXT NOT NULL REFERENCES practice_areas(code),
  created TEXT NOT NULL CHECK (created GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  doc TEXT NOT NULL CHECK (json_valid(doc))
))sql"},
    {"engagements", "rowid, id, matter_id, lawyer_id, supervising_lawyer_id, status, doc",
     R"sql((
  id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 128),
  matter_id TEXT NOT NULL REFERENCES matters(id),
  lawyer_id TEXT NOT NULL REFERENCES lawyers(id),
  supervising_lawyer_id TEXT REFERENCES lawyers(id),
  status TEXT NOT NULL CHECK (status = 'offered' OR status = 'accepted' OR status = 'declined'
    OR status = 'active' OR status = 'completed' OR status = 'withdrawn'),
  doc TEXT NOT NULL CHECK (json_valid(doc))
))sql"},
    {"matter_transitions",
     "id, matter_id, from_status, to_status, time, date, actor, outcome, note", R"sql((
  id INTEGER PRIMARY KEY,
  matter_id TEXT NOT NULL REFERENCES matters(id),
  from_status TEXT CHECK (from_status IS NULL OR from_status = 'draft' OR from_status = 'vetted'
    OR from_status = 'circulated' OR from_status = 'interest_expressed' OR from_status = 'conflict_check'
    OR from_status = 'placed' OR from_status = 'in_progress' OR from_status = 'closed'
    OR from_status = 'withdrawn' OR from_status = 'expired'),
  to_status TEXT NOT NULL CHECK (to_status = 'draft' OR to_status = 'vetted' OR to_status = 'circulated'
    OR to_status = 'interest_expressed' OR to_status = 'conflict_check' OR to_status = 'placed'
    OR to_status = 'in_progress' OR to_status = 'closed' OR to_status = 'withdrawn' OR to_status = 'expired'),
  time TEXT NOT NULL,
  date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  actor TEXT NOT NULL CHECK (length(actor) BETWEEN 1 AND 128),
  outcome TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT ''
))sql"},
    {"engagement_transitions",
     "id, engagement_id, from_status, to_status, time, date, actor, reason", R"sql((
  id INTEGER PRIMARY KEY,
  engagement_id TEXT NOT NULL REFERENCES engagements(id),
  from_status TEXT CHECK (from_status IS NULL OR from_status = 'offered' OR from_status = 'accepted'
    OR from_status = 'declined' OR from_status = 'active' OR from_status = 'completed'
    OR from_status = 'withdrawn'),
  to_status TEXT NOT NULL CHECK (to_status = 'offered' OR to_status = 'accepted' OR to_status = 'declined'
    OR to_status = 'active' OR to_status = 'completed' OR to_status = 'withdrawn'),
  time TEXT NOT NULL,
  date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  actor TEXT NOT NULL CHECK (length(actor) BETWEEN 1 AND 128),
  reason TEXT NOT NULL DEFAULT ''
))sql"},
    {"conflict_checks",
     "rowid, id, matter_id, firm_id, lawyer_id, status, requested_on, remind_on, resolved_on, requested_by, "
     "resolved_by, note",
     R"sql((
  id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 128),
  matter_id TEXT NOT NULL REFERENCES matters(id),
  firm_id TEXT REFERENCES organizations(id),
  lawyer_id TEXT REFERENCES lawyers(id),
  status TEXT NOT NULL CHECK (status = 'requested' OR status = 'cleared' OR status = 'conflict_found'),
  requested_on TEXT NOT NULL,
  remind_on TEXT NOT NULL,
  resolved_on TEXT,
  requested_by TEXT NOT NULL,
  resolved_by TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  CHECK ((lawyer_id IS NULL) <> (firm_id IS NULL)),
  UNIQUE (matter_id, firm_id),
  UNIQUE (matter_id, lawyer_id)
))sql"},
};

// Version 5: drops the indexes of admissions by jurisdiction and of practice
// areas by code. No query reads lawyers through them: filtered lists probe
// each lawyer's rows by primary key, and the matcher reads whole tables.
// Only removing a jurisdiction or a practice area looks rows up by that
// column. A scan of 200,000 lawyers' rows takes about 10 ms, and removals are
// rare, while every imported lawyer paid two index inserts (about 0.25 s of a
// 200,000-lawyer import).
constexpr const char* kVersion5 = R"sql(
DROP INDEX lawyer_admissions_by_jurisdiction;
DROP INDEX lawyer_practice_areas_by_code;
)sql";

/// One forward migration: an SQL script, or tables to rebuild.
struct Migration {
  const char* script = nullptr;
  std::span<const TableRebuild> rebuilt_tables;
};

/// Forward migrations; entry i takes the schema from version i to i + 1.
/// Append new versions here and raise kSchemaVersion; never edit a
/// published step.
constexpr Migration kMigrations[] = {
    {kVersion1, {}},
    {kVersion2, {}},
    {kVersion3, {}},
    {nullptr, kVersion4Tables},
    {kVersion5, {}},
};
static_assert(std::size(kMigrations) == kSchemaVersion, "each schema version needs one migration step");

int read_int_pragma(sqlite3* db, const char* pragma) {
  sql::Statement statement(db, std::string("PRAGMA ") + pragma);
  return statement.step() ? static_cast<int>(statement.integer(0)) : 0;
}


/// The header fields and table count of a database file, read in one
/// statement so that all three come from one snapshot. Read one by one, they
/// could straddle another connection's first migration and show its tables
/// with the application id of the empty file before it.
struct FileState {
  int version = 0;
  int application_id = 0;
  bool has_tables = false;
};

FileState read_file_state(sqlite3* db) {
  sql::Statement statement(db,
                           "SELECT (SELECT user_version FROM pragma_user_version), (SELECT application_id FROM "
                           "pragma_application_id), (SELECT count(*) FROM sqlite_schema)");
  FileState state;
  if (statement.step()) {
    state.version = static_cast<int>(statement.integer(0));
    state.application_id = static_cast<int>(statement.integer(1));
    state.has_tables = statement.integer(2) > 0;
  }
  return state;
}

void check_ownership(const FileState& state) {
  if (state.application_id == kApplicationId) return;
  if (state.application_id == 0 && state.version == 0 && !state.has_tables) return;  // a new, empty database
  fail(ErrorKind::schema_version,
       "database: not an atip database (application_id " + std::to_string(state.application_id) +
           "); open a file created by atip or a new file");
}

void reject_newer(int version) {
  if (version > kSchemaVersion) {
    fail(ErrorKind::schema_version, "database: schema version " + std::to_string(version) +
                                        " is newer than this library supports (" +
                                        std::to_string(kSchemaVersion) + "); upgrade atip to open it");
  }
}

/// Turns foreign key enforcement off for the object's lifetime and then back
/// on if it was on. SQLite ignores PRAGMA foreign_keys inside a transaction,
/// so create it while the connection has none open.
class ForeignKeysOff {
 public:
  explicit ForeignKeysOff(sqlite3* db) : db_(db), was_on_(read_int_pragma(db, "foreign_keys") != 0) {
    if (was_on_) sql::exec(db_, "PRAGMA foreign_keys = OFF");
  }
  ~ForeignKeysOff() {
    if (was_on_) sqlite3_exec(db_, "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
  }
  ForeignKeysOff(const ForeignKeysOff&) = delete;
  ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;

 private:
  sqlite3* db_;
  bool was_on_;
};

/// Returns the CREATE INDEX and CREATE TRIGGER statements stored for
/// `table`, indexes first. Indexes that SQLite makes for PRIMARY KEY and
/// UNIQUE have no SQL and come back with the table definition.
std::vector<std::string> index_and_trigger_sql(sqlite3* db, const char* table) {
  sql::Statement statement(db,
                           "SELECT sql FROM sqlite_schema WHERE tbl_name = ?1 AND type IN ('index', 'trigger') "
                           "AND sql IS NOT NULL ORDER BY type = 'trigger', rowid");
  statement.bind(1, std::string_view(table));
  std::vector<std::string> statements;
  while (statement.step()) statements.push_back(statement.text(0));
  return statements;
}

/// Returns the name of the table that receives a rebuilt table's rows before
/// it takes the old table's name.
std::string staging_name(const TableRebuild& rebuild) { return std::string("atip_rebuild_") + rebuild.table; }

bool is_empty(sqlite3* db, const std::string& table) {
  sql::Statement statement(db, "SELECT NOT EXISTS (SELECT 1 FROM " + table + ")");
  return statement.step() && statement.integer(0) != 0;
}

/// Renames `from` to `to` in legacy mode. The default mode checks every view
/// and trigger of the schema, and fails while one of them (a user's view,
/// say) names the table that was just dropped. Legacy mode leaves their text
/// alone, which is right here: they name `to`, and `to` exists again after
/// the rename.
void rename_table(sqlite3* db, const std::string& from, const std::string& to) {
  const bool was_legacy = read_int_pragma(db, "legacy_alter_table") != 0;
  sql::exec(db, "PRAGMA legacy_alter_table = ON");
  try {
    sql::exec(db, "ALTER TABLE " + from + " RENAME TO " + to);
  } catch (...) {
    if (!was_legacy) sqlite3_exec(db, "PRAGMA legacy_alter_table = OFF", nullptr, nullptr, nullptr);
    throw;
  }
  if (!was_legacy) sql::exec(db, "PRAGMA legacy_alter_table = OFF");
}

void rebuild_table(sqlite3* db, const TableRebuild& rebuild) {
  const std::vector<std::string> dependents = index_and_trigger_sql(db, rebuild.table);
  const std::string table = rebuild.table;
  const std::string columns = rebuild.columns;

  if (is_empty(db, table)) {
    // Nothing to copy, so the table is created under its own name. This skips
    // ALTER TABLE RENAME, which re-parses the whole schema and took most of
    // the time of opening a new file. The quoted name makes the stored SQL
    // the same as after a rename.
    sql::exec(db, "DROP TABLE " + table);
    sql::exec(db, "CREATE TABLE \"" + table + "\" " + rebuild.definition);
  } else {
    const std::string staging = staging_name(rebuild);
    sql::exec(db, "CREATE TABLE " + staging + " " + rebuild.definition);
    sql::exec(db, "INSERT INTO " + staging + " (" + columns + ") SELECT " + columns + " FROM " + table);
    sql::exec(db, "DROP TABLE " + table);
    rename_table(db, staging, table);
  }
  for (const std::string& statement : dependents) sql::exec(db, statement);
}

/// Fails unless foreign key enforcement is off. With it on, DROP TABLE of a
/// parent table deletes its rows first, which fails on child rows that
/// refer to them or deletes those children through ON DELETE CASCADE.
void require_foreign_keys_off(sqlite3* db) {
  if (read_int_pragma(db, "foreign_keys") != 0) {
    fail(ErrorKind::internal,
         "schema: foreign key enforcement is still on while rebuilding tables; migrate outside a transaction");
  }
}

/// Fails with the first row that PRAGMA foreign_key_check reports. Rebuilt
/// tables keep every row and key, so a violation means the file had one
/// before, written by a program that turned enforcement off.
void require_foreign_keys_intact(sqlite3* db) {
  sql::Statement check(db, "PRAGMA foreign_key_check");
  if (!check.step()) return;
  const std::string row = check.is_null(1) ? "a row" : "rowid " + std::to_string(check.integer(1));
  fail(ErrorKind::integrity, "database: " + row + " of table " + check.text(0) + " refers to a missing row of " +
                                 check.text(2) +
                                 ", so the schema was not migrated; remove or repair the rows that PRAGMA "
                                 "foreign_key_check lists and open the file again");
}

void run_migration(sqlite3* db, const Migration& step) {
  if (step.script != nullptr) sql::exec(db, step.script);
  if (step.rebuilt_tables.empty()) return;

  require_foreign_keys_off(db);
  for (const TableRebuild& rebuild : step.rebuilt_tables) rebuild_table(db, rebuild);
  require_foreign_keys_intact(db);
}

/// Applies the next migration step, if any, and returns false when the
/// database is already at `target`. The version is re-read under the write
/// lock, so two processes opening one new file do not both migrate it. The
/// step and its new user_version commit together: an error or a crash leaves
/// the file at the version before the step.
bool apply_next_step(sqlite3* db, int target) {
  sql::exec(db, "BEGIN IMMEDIATE");
  try {
    const int version = read_int_pragma(db, "user_version");
    const bool pending = version < target;
    if (pending) {
      run_migration(db, kMigrations[static_cast<std::size_t>(version)]);
      sql::exec(db, "PRAGMA application_id = " + std::to_string(kApplicationId));
      sql::exec(db, "PRAGMA user_version = " + std::to_string(version + 1));
    }
    sql::exec(db, "COMMIT");
    return pending;
  } catch (...) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

}  // namespace

void migrate_to(sqlite3* db, int target) {
  if (target > kSchemaVersion) {
    fail(ErrorKind::internal, "schema: migration target " + std::to_string(target) + " is above the current version " +
                                  std::to_string(kSchemaVersion));
  }
  const FileState state = read_file_state(db);
  check_ownership(state);
  reject_newer(state.version);
  if (state.version >= target) return;
  // Every step runs with enforcement off. Steps that only create or drop
  // schema objects do not depend on it, and table rebuilds need it off.
  const ForeignKeysOff foreign_keys_off(db);
  while (apply_next_step(db, target)) {
  }
}

void migrate(sqlite3* db) { migrate_to(db, kSchemaVersion); }

int checked_version(sqlite3* db) {
  const FileState state = read_file_state(db);
  check_ownership(state);
  reject_newer(state.version);
  return state.version;
}

void check_current(sqlite3* db) {
  const FileState state = read_file_state(db);
  if (state.version == 0 && !state.has_tables) {
    fail(ErrorKind::schema_version, "database: the file is empty, so it cannot be opened read-only; create it first");
  }
  check_ownership(state);
  reject_newer(state.version);
  if (state.version < kSchemaVersion) {
    fail(ErrorKind::schema_version, "database: schema version " + std::to_string(state.version) +
                                        " needs migrating to " + std::to_string(kSchemaVersion) +
                                        "; open it once without read_only to migrate it");
  }
}

}  // namespace schema
}  // namespace v1
}  // namespace atip
