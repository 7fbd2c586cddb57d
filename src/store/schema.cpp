#include "store/schema.hpp"

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

/// Forward migrations; entry i takes the schema from version i to i + 1.
/// Append new versions here and raise kSchemaVersion; never edit a
/// published step.
const std::vector<const char*>& migrations() {
  static const std::vector<const char*> steps = {kVersion1, kVersion2, kVersion3};
  return steps;
}

int read_int_pragma(sqlite3* db, const char* pragma) {
  sql::Statement statement(db, std::string("PRAGMA ") + pragma);
  return statement.step() ? static_cast<int>(statement.integer(0)) : 0;
}

bool has_tables(sqlite3* db) {
  sql::Statement statement(db, "SELECT count(*) FROM sqlite_schema");
  return statement.step() && statement.integer(0) > 0;
}

void check_ownership(sqlite3* db, int version) {
  const int application_id = read_int_pragma(db, "application_id");
  if (application_id == kApplicationId) return;
  if (application_id == 0 && version == 0 && !has_tables(db)) return;  // a new, empty database
  fail(ErrorKind::schema_version,
       "database: not an atip database (application_id " + std::to_string(application_id) +
           "); open a file created by atip or a new file");
}

void reject_newer(int version) {
  if (version > kSchemaVersion) {
    fail(ErrorKind::schema_version, "database: schema version " + std::to_string(version) +
                                        " is newer than this library supports (" +
                                        std::to_string(kSchemaVersion) + "); upgrade atip to open it");
  }
}

/// Applies the next migration step, if any, and returns false when the
/// database is already at `target`. The version is re-read under the write
/// lock, so two processes opening one new file do not both migrate it.
bool apply_next_step(sqlite3* db, int target) {
  sql::exec(db, "BEGIN IMMEDIATE");
  try {
    const int version = read_int_pragma(db, "user_version");
    const bool pending = version < target;
    if (pending) {
      sql::exec(db, migrations()[static_cast<std::size_t>(version)]);
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
  const int version = read_int_pragma(db, "user_version");
  check_ownership(db, version);
  reject_newer(version);
  if (version >= target) return;
  while (apply_next_step(db, target)) {
  }
}

void migrate(sqlite3* db) { migrate_to(db, kSchemaVersion); }

void check_current(sqlite3* db) {
  const int version = read_int_pragma(db, "user_version");
  if (version == 0 && !has_tables(db)) {
    fail(ErrorKind::schema_version, "database: the file is empty, so it cannot be opened read-only; create it first");
  }
  check_ownership(db, version);
  reject_newer(version);
  if (version < kSchemaVersion) {
    fail(ErrorKind::schema_version, "database: schema version " + std::to_string(version) +
                                        " needs migrating to " + std::to_string(kSchemaVersion) +
                                        "; open it once without read_only to migrate it");
  }
}

}  // namespace schema
}  // namespace v1
}  // namespace atip
