// Store: schema, constraints, CRUD, filters, migrations and bulk import on
// real SQLite files.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <sqlite3.h>

#include "atip/error.hpp"
#include "atip/reference_data.hpp"
#include "atip/store.hpp"
#include "store/schema.hpp"
#include "store/sqlite.hpp"
#include "support.hpp"
#include "workflow_fixture.hpp"

using namespace atip;
using atip_test::TempDir;

namespace {

std::unique_ptr<Store> open_with_reference(const std::string& path) {
  auto store = Store::open(path);
  Dataset reference = reference_dataset();
  store->insert_dataset(reference);
  return store;
}

ErrorKind kind_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& error) {
    return error.kind();
  }
  FAIL("expected an atip::Error");
  return ErrorKind::internal;
}

std::string message_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& error) {
    return error.what();
  }
  FAIL("expected an atip::Error");
  return {};
}

int pragma_value(const std::string& path, const char* pragma) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db, (std::string("PRAGMA ") + pragma).c_str(), -1, &statement, nullptr);
  sqlite3_step(statement);
  const int value = sqlite3_column_int(statement, 0);
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return value;
}


/// A raw SQLite connection for writing a file without atip.
class RawDatabase {
 public:
  explicit RawDatabase(const std::string& path) { REQUIRE(sqlite3_open(path.c_str(), &db_) == SQLITE_OK); }
  ~RawDatabase() { sqlite3_close(db_); }
  RawDatabase(const RawDatabase&) = delete;
  RawDatabase& operator=(const RawDatabase&) = delete;

  sqlite3* get() const { return db_; }
  int exec(const std::string& sql) const { return sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr); }

 private:
  sqlite3* db_ = nullptr;
};

/// Returns each result row of `sql` as one string of storage class and text
/// per column, so that a value that changed its type also compares unequal.
std::vector<std::string> query_rows(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* statement = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
  std::vector<std::string> rows;
  while (sqlite3_step(statement) == SQLITE_ROW) {
    std::string row;
    for (int column = 0; column < sqlite3_column_count(statement); ++column) {
      row += std::to_string(sqlite3_column_type(statement, column)) + ":";
      const unsigned char* text = sqlite3_column_text(statement, column);
      if (text != nullptr) row += reinterpret_cast<const char*>(text);
      row += '|';
    }
    rows.push_back(std::move(row));
  }
  sqlite3_finalize(statement);
  return rows;
}

/// Returns the first column of the first row of `sql` as text.
std::string scalar_text(sqlite3* db, const std::string& sql) {
  sql::Statement statement(db, sql);
  REQUIRE(statement.step());
  return statement.text(0);
}

/// Runs `sql` and returns SQLite's extended result code.
int exec_code(sqlite3* db, const std::string& sql) {
  sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  return sqlite3_extended_errcode(db);
}

std::vector<std::string> table_names(sqlite3* db) {
  sql::Statement statement(db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                               "ORDER BY name");
  std::vector<std::string> names;
  while (statement.step()) names.push_back(statement.text(0));
  return names;
}

/// Returns every row of every table, rowids included where the table has
/// them.
std::map<std::string, std::vector<std::string>> dump_tables(sqlite3* db) {
  std::map<std::string, std::vector<std::string>> dump;
  for (const std::string& table : table_names(db)) {
    const bool without_rowid =
        !query_rows(db, "SELECT 1 FROM sqlite_schema WHERE name = '" + table + "' AND sql LIKE '%WITHOUT ROWID'")
             .empty();
    dump[table] = query_rows(db, without_rowid ? "SELECT * FROM " + table + " ORDER BY 1, 2"
                                               : "SELECT rowid, * FROM " + table + " ORDER BY rowid");
  }
  return dump;
}

/// Returns the indexes and triggers of the schema, with their SQL.
std::vector<std::string> index_and_trigger_rows(sqlite3* db) {
  return query_rows(db, "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE type IN ('index', 'trigger') "
                        "ORDER BY name");
}

/// Returns the tables whose CHECK constraints had IN lists of three or more
/// constants in schema version 3.
const std::vector<std::string>& version4_rebuilt_tables() {
  static const std::vector<std::string> tables = {
      "conflict_checks", "engagement_transitions", "engagements", "lawyer_admissions",
      "lawyers",         "matter_transitions",     "matters",     "organizations"};
  return tables;
}

/// Finds each `IN (...)` list in `sql` that has three or more entries. SQLite 3.40
/// fills an ephemeral B-tree for a constant list of more than two values.
std::vector<std::string> long_in_lists(const std::string& sql) {
  std::string upper = sql;
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
  std::vector<std::string> lists;
  for (std::size_t at = upper.find(" IN ("); at != std::string::npos; at = upper.find(" IN (", at + 1)) {
    const std::size_t open = at + 4;
    int depth = 0;
    int commas = 0;
    bool quoted = false;
    std::size_t close = open;
    for (; close < sql.size(); ++close) {
      const char c = sql[close];
      if (c == '\'') quoted = !quoted;
      if (quoted) continue;
      if (c == '(') ++depth;
      if (c == ')' && --depth == 0) break;
      if (c == ',' && depth == 1) ++commas;
    }
    if (commas >= 2) lists.push_back(sql.substr(at, close - at + 1));
  }
  return lists;
}

/// Returns the stored CREATE TABLE text of `table`.
std::string table_sql(sqlite3* db, const std::string& table) {
  sql::Statement statement(db, "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1");
  statement.bind(1, std::string_view(table));
  REQUIRE(statement.step());
  return statement.text(0);
}

/// A column with a CHECK on its value, the values the CHECK accepts, and
/// whether it accepts NULL.
struct CheckedColumn {
  std::string table;
  std::string column;
  std::set<std::string> accepted;
  bool accepts_null;
};

const std::vector<CheckedColumn>& version4_checked_columns() {
  static const std::set<std::string> matter{"draft",  "vetted",      "circulated", "interest_expressed",
                                            "conflict_check", "placed", "in_progress", "closed",
                                            "withdrawn", "expired"};
  static const std::set<std::string> engagement{"offered", "accepted", "declined", "active", "completed", "withdrawn"};
  static const std::set<std::string> lawyer{"active", "inactive", "suspended"};
  static const std::vector<CheckedColumn> columns = {
      {"organizations", "kind", {"ngo", "law_firm", "service_provider", "government", "other"}, false},
      {"lawyers", "status", lawyer, false},
      {"lawyer_admissions", "status", lawyer, false},
      {"matters", "status", matter, false},
      {"engagements", "status", engagement, false},
      {"matter_transitions", "from_status", matter, true},
      {"matter_transitions", "to_status", matter, false},
      {"engagement_transitions", "from_status", engagement, true},
      {"engagement_transitions", "to_status", engagement, false},
      {"conflict_checks", "status", {"requested", "cleared", "conflict_found"}, false},
  };
  return columns;
}

/// Returns the values tried against each CHECK: every allowed value of any checked
/// column, and near misses that an OR chain written wrong might let through.
std::vector<std::string> probe_values() {
  std::set<std::string> values = {"bogus", "Active", "active ", "", "ACTIVE", "draft;"};
  for (const CheckedColumn& column : version4_checked_columns()) {
    values.insert(column.accepted.begin(), column.accepted.end());
  }
  return {values.begin(), values.end()};
}

/// Sets `column` of every row to `value` (NULL for std::nullopt) inside
/// a savepoint that is rolled back, and returns SQLite's extended result code.
int try_update(sqlite3* db, const CheckedColumn& column, const std::optional<std::string>& value) {
  REQUIRE(sqlite3_exec(db, "SAVEPOINT probe", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  const std::string sql = "UPDATE " + column.table + " SET " + column.column + " = ?1";
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
  if (value) {
    sqlite3_bind_text(statement, 1, value->c_str(), static_cast<int>(value->size()), SQLITE_TRANSIENT);
  } else {
    sqlite3_bind_null(statement, 1);
  }
  sqlite3_step(statement);
  const int rc = sqlite3_extended_errcode(db);
  sqlite3_finalize(statement);
  sqlite3_exec(db, "ROLLBACK TO probe; RELEASE probe", nullptr, nullptr, nullptr);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/// Writes a schema version 3 file at `path` with a copy of the rows of
/// `source`. Some rowids are moved to leave gaps and change the row order,
/// as deletes and later inserts would.
void write_version3_copy(const std::string& path, atip_test::WorkflowFixture& source) {
  source.close();
  RawDatabase target(path);
  schema::migrate_to(target.get(), 3);
  REQUIRE(target.exec("ATTACH DATABASE '" + source.path + "' AS source") == SQLITE_OK);
  REQUIRE(target.exec("BEGIN") == SQLITE_OK);
  for (const std::string& table : table_names(target.get())) {
    INFO(table);
    REQUIRE(target.exec("INSERT INTO main." + table + " SELECT * FROM source." + table) == SQLITE_OK);
  }
  REQUIRE(target.exec("UPDATE organizations SET rowid = rowid + 100 WHERE id = 'ngo-2'") == SQLITE_OK);
  REQUIRE(target.exec("UPDATE conflict_checks SET rowid = rowid + 50 WHERE rowid = "
                      "(SELECT min(rowid) FROM conflict_checks)") == SQLITE_OK);
  REQUIRE(target.exec("COMMIT") == SQLITE_OK);
  REQUIRE(target.exec("DETACH DATABASE source") == SQLITE_OK);
}

/// Adds a closed matter (completed engagement), a matter in conflict check
/// with a declined offer and a check still open, and a circulated matter
/// with a firm's expression of interest.
void fill_workflow(atip_test::WorkflowFixture& f) {
  using S = MatterStatus;
  f.drive_to("M-1", S::closed, "L-1");
  f.drive_to("M-2", S::conflict_check, "L-3");
  const std::string first_check = f.workflow->conflict_checks("M-2").at(0).id;
  f.workflow->record_conflict_check(first_check, ConflictCheckStatus::cleared, "conflicts-desk");
  f.request_check("M-2", "L-4");
  const Engagement declined = f.offer("M-2", "L-3");
  f.workflow->decline(declined.id, "caseload full", "lawyer-L-3");
  f.drive_to("M-3", S::circulated);
  f.workflow->express_interest(InterestRequest{"M-3", "", "firm-2", "firm-2-desk", ""});
}

}  // namespace

TEST_CASE("store: new file gets schema, WAL and application id", "[store]") {
  TempDir dir;
  const std::string path = dir.file("network.db");

  { auto store = Store::open(path); CHECK(store->schema_version() == kSchemaVersion); }

  CHECK(pragma_value(path, "user_version") == kSchemaVersion);
  CHECK(pragma_value(path, "application_id") == schema::kApplicationId);
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &statement, nullptr);
  sqlite3_step(statement);
  CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0))) == "wal");
  sqlite3_finalize(statement);
  sqlite3_close(db);
}

TEST_CASE("store: reference data loads and lists in code order", "[store]") {
  TempDir dir;
  auto store = open_with_reference(dir.file("ref.db"));

  const auto jurisdictions = store->list_jurisdictions();
  REQUIRE(jurisdictions.size() == reference_dataset().jurisdictions.size());
  CHECK(jurisdictions.front().code == "CN");
  const auto kh = store->find_jurisdiction("KH");
  REQUIRE(kh);
  CHECK(kh->court_languages == std::vector<std::string>{"km"});
  CHECK(kh->rule_for(Activity::advise_local_law) == AdmissionRule::with_local);
  CHECK(store->count(EntityType::practice_area) >= 13);
}

TEST_CASE("store: lawyer round trip keeps every field", "[store]") {
  TempDir dir;
  auto store = open_with_reference(dir.file("rt.db"));
  Lawyer lawyer = atip_test::make_lawyer("L-1", "Nguyễn Văn Thành", "VN", "vi");
  lawyer.names.push_back({"Nguyen Van Thanh", "vi-Latn", "romanisation"});
  lawyer.unavailable = {{Date::parse("2026-02-01", "from"), Date::parse("2026-02-10", "to")}};
  lawyer.conflict_register = {{{{"Công ty ABC", "", ""}}, "adverse", "2019 wage case"}};

  store->insert(lawyer);
  const auto loaded = store->find_lawyer("L-1");

  REQUIRE(loaded);
  CHECK(*loaded == lawyer);
}

TEST_CASE("store: ids are generated when absent and unique per type", "[store]") {
  TempDir dir;
  auto store = open_with_reference(dir.file("ids.db"));
  Organization ngo = atip_test::make_ngo("", "Hagar");

  const std::string first = store->insert(ngo);
  const std::string second = store->insert(ngo);

  CHECK(first != second);
  CHECK(first.rfind("org-", 0) == 0);
  ngo.id = first;
  CHECK(kind_of([&] { store->insert(ngo); }) == ErrorKind::already_exists);
  // The same id may be used by another entity type.
  Lawyer lawyer = atip_test::make_lawyer(first, "Somchai", "TH", "th");
  CHECK_NOTHROW(store->insert(lawyer));
}

TEST_CASE("store: large collections keep docs and generated ids", "[store]") {
  // 5,000 lawyers is above the size at which the canonical JSON is made on a
  // second thread. Every 7th record has no id, so it gets one while written.
  TempDir dir;
  auto store = open_with_reference(dir.file("large.db"));
  Dataset data;
  for (int i = 0; i < 5000; ++i) {
    const std::string id = i % 7 == 3 ? "" : "L-" + std::to_string(i);
    data.lawyers.push_back(atip_test::make_lawyer(id, "Lawyer " + std::to_string(i), i % 2 ? "TH" : "VN", "th"));
  }
  store->insert_dataset(data);

  CHECK(store->count(EntityType::lawyer) == 5000);
  std::set<std::string> ids;
  for (int i = 0; i < 5000; ++i) {
    const Lawyer& lawyer = data.lawyers[static_cast<std::size_t>(i)];
    INFO("record " << i);
    REQUIRE_FALSE(lawyer.id.empty());
    ids.insert(lawyer.id);
    const std::optional<Lawyer> stored = store->find_lawyer(lawyer.id);
    REQUIRE(stored);
    CHECK(stored->names.at(0).value == "Lawyer " + std::to_string(i));
    CHECK(store->get_json(EntityType::lawyer, lawyer.id) == to_json(*stored));
  }
  CHECK(ids.size() == 5000);
  CHECK(data.lawyers[3].id.rfind("lawyer-", 0) == 0);
}

TEST_CASE("store: invalid language tag names field and value", "[store]") {
  TempDir dir;
  auto store = open_with_reference(dir.file("tag.db"));
  Lawyer lawyer = atip_test::make_lawyer("L-1", "Somchai", "TH", "xx-?");

  const std::string message = message_of([&] { store->insert(lawyer); });

  CHECK(message.find("languages[0].tag") != std::string::npos);
  CHECK(message.find("\"xx-?\" is not a valid BCP 47 tag") != std::string::npos);
  CHECK(store->count(EntityType::lawyer) == 0);
}

TEST_CASE("store: language tags are canonicalised", "[store]") {
  TempDir dir;
  auto store = open_with_reference(dir.file("canon.db"));
  Lawyer lawyer = atip_test::make_lawyer("L-1", "Chan Tai Man", "HK", "zh-hant");

  store->insert(lawyer);

  CHECK(store->find_lawyer("L-1")->languages[0].tag == "zh-Hant");
}

TEST_CASE("store: dangling reference is rejected with the field", "[store]") {
  TempDir dir;
  auto store = open_with_reference(dir.file("dangling.db"));
  Lawyer lawyer = atip_test::make_lawyer("L-1", "Somchai", "TH", "th");
  lawyer.firm = "no-such-firm";

  const std::string message = message_of([&] { store->insert(lawyer); });

  CHECK(message.find("lawyer.firm: organization \"no-such-firm\" does not exist") != std::string::npos);
  CHECK(kind_of([&] { store->insert(lawyer); }) == ErrorKind::constraint);
}

TEST_CASE("store: remove of a referenced record is rejected", "[store]") {
  TempDir dir;
  auto store = open_with_reference(dir.file("remove.db"));
  store->insert(atip_test::make_ngo("ngo-1", "Hagar"));
  store->insert(atip_test::make_matter("M-1", "ngo-1", "TH", "km"));

  CHECK(kind_of([&] { store->remove(EntityType::organization, "ngo-1"); }) == ErrorKind::constraint);
  store->remove(EntityType::matter, "M-1");
  store->remove(EntityType::organization, "ngo-1");
  CHECK_FALSE(store->exists(EntityType::organization, "ngo-1"));
  CHECK(kind_of([&] { store->remove(EntityType::organization, "ngo-1"); }) == ErrorKind::not_found);
}

TEST_CASE("store: update replaces child rows used by filters", "[store]") {
  TempDir dir;
  auto store = open_with_reference(dir.file("update.db"));
  Lawyer lawyer = atip_test::make_lawyer("L-1", "Sok Dara", "KH", "km");
  store->insert(lawyer);

  lawyer.admissions = {{"TH", std::nullopt, AdmissionStatus::active}};
  store->update(lawyer);

  CHECK(store->list_lawyers(LawyerFilter{"KH", "", "", std::nullopt}).empty());
  CHECK(store->list_lawyers(LawyerFilter{"TH", "", "", std::nullopt}).size() == 1);
  lawyer.id = "L-404";
  CHECK(kind_of([&] { store->update(lawyer); }) == ErrorKind::not_found);
}

TEST_CASE("store: lawyer filters by jurisdiction, language and area subtree", "[store]") {
  TempDir dir;
  auto store = open_with_reference(dir.file("filter.db"));
  store->insert(atip_test::make_lawyer("L-1", "Sok Dara", "KH", "km"));
  store->insert(atip_test::make_lawyer("L-2", "Somchai", "TH", "th"));
  Lawyer hk = atip_test::make_lawyer("L-3", "陳大文", "HK", "zh-Hant");
  hk.practice_areas = {{"compensation.civil_compensation", 3}};
  store->insert(hk);

  CHECK(store->list_lawyers(LawyerFilter{"KH", "", "", std::nullopt}).size() == 1);
  CHECK(store->list_lawyers(LawyerFilter{"", "zh", "", std::nullopt}).size() == 1);
  CHECK(store->list_lawyers(LawyerFilter{"", "zh-Hans", "", std::nullopt}).empty());
  CHECK(store->list_lawyers(LawyerFilter{"", "", "labour", std::nullopt}).size() == 2);
  CHECK(store->list_lawyers(LawyerFilter{"", "", "compensation", std::nullopt}).front().id == "L-3");
}

TEST_CASE("store: open matters exclude drafts and closed ones", "[store]") {
  TempDir dir;
  auto store = open_with_reference(dir.file("open.db"));
  store->insert(atip_test::make_ngo("ngo-1", "Hagar"));
  Matter open = atip_test::make_matter("M-1", "ngo-1", "TH", "km");
  Matter draft = atip_test::make_matter("M-2", "ngo-1", "TH", "km");
  draft.status = MatterStatus::draft;
  Matter closed = atip_test::make_matter("M-3", "ngo-1", "TH", "km");
  closed.status = MatterStatus::closed;
  store->insert(open);
  store->insert(draft);
  store->insert(closed);

  const auto matters = store->list_open_matters();

  REQUIRE(matters.size() == 1);
  CHECK(matters[0].id == "M-1");
}

TEST_CASE("store: failed data set insert leaves the database unchanged", "[store]") {
  TempDir dir;
  const std::string path = dir.file("bulk.db");
  auto store = open_with_reference(path);
  Dataset data;
  data.organizations.push_back(atip_test::make_ngo("ngo-1", "Hagar"));
  for (int i = 0; i < 10000; ++i) {
    data.lawyers.push_back(atip_test::make_lawyer("L-" + std::to_string(i), "Lawyer " + std::to_string(i), "TH", "th"));
  }
  data.lawyers[5000].admissions[0].jurisdiction = "ZZ";

  const std::string message = message_of([&] { store->insert_dataset(data); });

  CHECK(message.find("lawyers[5000].admissions[0].jurisdiction") != std::string::npos);
  CHECK(store->count(EntityType::lawyer) == 0);
  CHECK(store->count(EntityType::organization) == 0);
  data.lawyers[5000].admissions[0].jurisdiction = "TH";
  store->insert_dataset(data);
  CHECK(store->count(EntityType::lawyer) == 10000);
}

TEST_CASE("store: duplicate ids inside a data set are rejected", "[store]") {
  TempDir dir;
  auto store = open_with_reference(dir.file("dup.db"));
  Dataset data;
  data.organizations = {atip_test::make_ngo("ngo-1", "A"), atip_test::make_ngo("ngo-1", "B")};

  const std::string message = message_of([&] { store->insert_dataset(data); });

  CHECK(message.find("organizations[1].id") != std::string::npos);
  CHECK(store->count(EntityType::organization) == 0);
}

TEST_CASE("store: CHECK constraints hold against raw SQL", "[store]") {
  TempDir dir;
  const std::string path = dir.file("check.db");
  open_with_reference(path);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_exec(db, "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);

  CHECK(sqlite3_exec(db, "INSERT INTO lawyers (id, status, vetted, max_active_matters, doc) VALUES ('x', 'retired', 0, 1, '{}')",
                     nullptr, nullptr, nullptr) == SQLITE_CONSTRAINT);
  CHECK(sqlite3_exec(db, "INSERT INTO lawyers (id, status, vetted, max_active_matters, doc) VALUES ('x', 'active', 0, 1, 'not json')",
                     nullptr, nullptr, nullptr) == SQLITE_CONSTRAINT);
  CHECK(sqlite3_exec(db, "INSERT INTO lawyer_admissions (lawyer_id, jurisdiction, status) VALUES ('nobody', 'TH', 'active')",
                     nullptr, nullptr, nullptr) == SQLITE_CONSTRAINT);
  sqlite3_close(db);
}

TEST_CASE("store: newer schema version is rejected", "[store]") {
  TempDir dir;
  const std::string path = dir.file("newer.db");
  { Store::open(path); }
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db, ("PRAGMA user_version = " + std::to_string(kSchemaVersion + 1)).c_str(), nullptr, nullptr, nullptr);
  sqlite3_close(db);

  CHECK(kind_of([&] { Store::open(path); }) == ErrorKind::schema_version);
}

TEST_CASE("store: foreign SQLite file is rejected", "[store]") {
  TempDir dir;
  const std::string path = dir.file("foreign.db");
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db, "CREATE TABLE notes (body TEXT)", nullptr, nullptr, nullptr);
  sqlite3_close(db);

  CHECK(kind_of([&] { Store::open(path); }) == ErrorKind::schema_version);
}

TEST_CASE("store: read-only open checks the schema", "[store]") {
  TempDir dir;
  const std::string newer = dir.file("newer.db");
  { Store::open(newer); }
  sqlite3* db = nullptr;
  sqlite3_open(newer.c_str(), &db);
  sqlite3_exec(db, ("PRAGMA user_version = " + std::to_string(kSchemaVersion + 1)).c_str(), nullptr, nullptr, nullptr);
  sqlite3_close(db);
  const std::string foreign = dir.file("foreign.db");
  sqlite3_open(foreign.c_str(), &db);
  sqlite3_exec(db, "CREATE TABLE notes (body TEXT)", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  const std::string old = dir.file("v1.db");
  sqlite3_open(old.c_str(), &db);
  schema::migrate_to(db, 1);
  sqlite3_close(db);
  StoreOptions read_only;
  read_only.read_only = true;

  CHECK(kind_of([&] { Store::open(newer, read_only); }) == ErrorKind::schema_version);
  CHECK(kind_of([&] { Store::open(foreign, read_only); }) == ErrorKind::schema_version);
  CHECK_THAT(message_of([&] { Store::open(old, read_only); }), Catch::Contains("without read_only"));
  CHECK(pragma_value(old, "user_version") == 1);
}

TEST_CASE("store: data set may refer to a later organization", "[store]") {
  TempDir dir;
  auto store = open_with_reference(dir.file("links.db"));
  Dataset data;
  Organization firm = atip_test::make_ngo("firm-1", "Firm One");
  firm.kind = OrganizationKind::law_firm;
  firm.exclusions.ngos = {"ngo-2"};
  data.organizations = {firm, atip_test::make_ngo("ngo-2", "NGO Two")};

  store->insert_dataset(data);

  CHECK(store->exists(EntityType::organization, "ngo-2"));
  Dataset dangling;
  firm.id = "firm-3";
  firm.exclusions.ngos = {"ngo-404"};
  dangling.organizations = {firm};
  CHECK_THAT(message_of([&] { store->insert_dataset(dangling); }), Catch::Contains("organizations[0].exclusions.ngos[0]"));
  CHECK_FALSE(store->exists(EntityType::organization, "firm-3"));
}

TEST_CASE("store: migration from the first schema version", "[store]") {
  TempDir dir;
  const std::string path = dir.file("v1.db");
  {
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    schema::migrate_to(db, 1);
    sqlite3_close(db);
  }
  CHECK(pragma_value(path, "user_version") == 1);

  auto store = Store::open(path);

  CHECK(store->schema_version() == kSchemaVersion);
  Dataset reference = reference_dataset();
  store->insert_dataset(reference);
  CHECK(store->count(EntityType::jurisdiction) == reference.jurisdictions.size());
  sql::Statement indexes(store->native_handle(),
                         "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'lawyer_languages_by_%' OR name IN "
                         "('lawyer_admissions_by_jurisdiction', 'lawyer_practice_areas_by_code')");
  REQUIRE(indexes.step());
  CHECK(indexes.integer(0) == 0);
}

TEST_CASE("store: removing reference data works without child indexes", "[store]") {
  // Version 5 has no index on admissions by jurisdiction or practice areas by
  // code, so these checks scan the child tables. They must still find a use.
  TempDir dir;
  auto store = open_with_reference(dir.file("v5.db"));
  PracticeArea unused;
  unused.code = "zz_unused";
  unused.name = "Unused area";
  store->insert(unused);
  store->insert(atip_test::make_lawyer("L-1", "Somchai", "TH", "th"));

  CHECK(kind_of([&] { store->remove(EntityType::jurisdiction, "TH"); }) == ErrorKind::constraint);
  CHECK_THAT(message_of([&] { store->remove(EntityType::practice_area, "labour.wage_claims"); }),
             Catch::Contains("lawyer \"L-1\""));
  store->remove(EntityType::practice_area, "zz_unused");
  CHECK_FALSE(store->exists(EntityType::practice_area, "zz_unused"));
  CHECK(store->exists(EntityType::jurisdiction, "TH"));
}

TEST_CASE("store: version 3 file migrates to the current version", "[store][migration]") {
  atip_test::WorkflowFixture source;
  fill_workflow(source);
  const AuditHead audit_head = source.audit->verify().head;
  const std::size_t m1_history = source.workflow->history("M-1").size();
  TempDir dir;
  const std::string path = dir.file("v3.db");
  write_version3_copy(path, source);
  std::map<std::string, std::vector<std::string>> before;
  std::vector<std::string> indexes_before;
  {
    RawDatabase v3(path);
    REQUIRE(scalar_text(v3.get(), "PRAGMA user_version") == "3");
    before = dump_tables(v3.get());
    indexes_before = index_and_trigger_rows(v3.get());
  }
  for (const std::string& table : version4_rebuilt_tables()) {
    INFO(table);
    CHECK_FALSE(before.at(table).empty());
  }

  auto store = Store::open(path);

  REQUIRE(store->schema_version() == kSchemaVersion);
  sqlite3* db = store->native_handle();
  const auto after = dump_tables(db);
  CHECK(table_names(db).size() == before.size());
  for (const auto& [table, rows] : before) {
    INFO(table);
    const auto found = after.find(table);
    REQUIRE(found != after.end());
    CHECK(found->second == rows);
  }
  // Version 5 drops two indexes; every other index and trigger is kept.
  std::vector<std::string> indexes_expected;
  for (const std::string& row : indexes_before) {
    if (row.find("lawyer_admissions_by_jurisdiction") == std::string::npos &&
        row.find("lawyer_practice_areas_by_code") == std::string::npos) {
      indexes_expected.push_back(row);
    }
  }
  CHECK(indexes_expected.size() + 2 == indexes_before.size());
  CHECK(index_and_trigger_rows(db) == indexes_expected);
  CHECK(query_rows(db, "PRAGMA foreign_key_check").empty());
  CHECK(scalar_text(db, "PRAGMA integrity_check") == "ok");
  CHECK(query_rows(db, "SELECT name FROM sqlite_schema WHERE name LIKE 'atip_rebuild_%'").empty());

  // The tables rebuilt from rows have the definitions of a new file.
  TempDir fresh_dir;
  auto fresh = Store::open(fresh_dir.file("new.db"));
  for (const std::string& table : version4_rebuilt_tables()) {
    INFO(table);
    CHECK(long_in_lists(table_sql(db, table)).empty());
    CHECK(table_sql(db, table) == table_sql(fresh->native_handle(), table));
  }

  // Foreign key enforcement is back on for the store's connection.
  CHECK(scalar_text(db, "PRAGMA foreign_keys") == "1");
  CHECK(exec_code(db, "INSERT INTO lawyer_admissions (lawyer_id, jurisdiction, status) "
                      "VALUES ('nobody', 'TH', 'active')") == SQLITE_CONSTRAINT_FOREIGNKEY);

  AuditLog audit(*store);
  const AuditVerification verification = audit.verify();
  CHECK(verification.intact);
  CHECK(verification.head == audit_head);
  Workflow workflow(*store, audit);
  CHECK(workflow.history("M-1").size() == m1_history);
  REQUIRE(store->find_lawyer("L-1"));
  CHECK(store->find_lawyer("L-1")->firm == "firm-1");
}

TEST_CASE("store: version 4 checks accept what version 3 accepted", "[store][migration]") {
  atip_test::WorkflowFixture source;
  fill_workflow(source);
  TempDir dir;
  const std::string path = dir.file("v3.db");
  write_version3_copy(path, source);
  RawDatabase db(path);
  const std::vector<std::string> probes = probe_values();
  auto check_columns = [&](const char* version) {
    for (const CheckedColumn& column : version4_checked_columns()) {
      INFO(version << " " << column.table << "." << column.column);
      REQUIRE(scalar_text(db.get(), "SELECT count(*) FROM " + column.table) != "0");
      for (const std::string& value : probes) {
        INFO("value \"" << value << "\"");
        const int expected = column.accepted.count(value) != 0 ? SQLITE_OK : SQLITE_CONSTRAINT_CHECK;
        CHECK(try_update(db.get(), column, value) == expected);
      }
      const int expected_for_null = column.accepts_null ? SQLITE_OK : SQLITE_CONSTRAINT_NOTNULL;
      CHECK(try_update(db.get(), column, std::nullopt) == expected_for_null);
    }
  };

  check_columns("version 3");
  schema::migrate_to(db.get(), 4);
  REQUIRE(scalar_text(db.get(), "PRAGMA user_version") == "4");
  check_columns("version 4");

  CHECK(exec_code(db.get(), "INSERT INTO lawyers (id, status, vetted, max_active_matters, doc) "
                            "VALUES ('L-new', 'retired', 1, 1, '{}')") == SQLITE_CONSTRAINT_CHECK);
  CHECK(exec_code(db.get(), "INSERT INTO matters (id, ngo_id, status, forum, practice_area, created, doc) "
                            "VALUES ('M-new', 'ngo-1', 'pending', 'TH', 'labour.wage_claims', '2026-03-02', '{}')") ==
        SQLITE_CONSTRAINT_CHECK);
  CHECK(exec_code(db.get(), "INSERT INTO organizations (id, kind, doc) VALUES ('org-new', 'church', '{}')") ==
        SQLITE_CONSTRAINT_CHECK);
  CHECK(exec_code(db.get(), "INSERT INTO organizations (id, kind, doc) VALUES ('org-new', 'government', '{}')") ==
        SQLITE_OK);
}

TEST_CASE("store: version 4 tables have no long IN lists", "[store][migration]") {
  TempDir dir;
  RawDatabase db(dir.file("empty-v3.db"));
  schema::migrate_to(db.get(), 3);
  const std::vector<std::string>& rebuilt = version4_rebuilt_tables();
  // The version 3 schema has such lists in exactly the rebuilt tables, so
  // long_in_lists() can find one.
  for (const std::string& table : table_names(db.get())) {
    INFO(table);
    const bool is_rebuilt = std::find(rebuilt.begin(), rebuilt.end(), table) != rebuilt.end();
    CHECK(long_in_lists(table_sql(db.get(), table)).empty() != is_rebuilt);
  }

  schema::migrate(db.get());

  for (const std::string& table : table_names(db.get())) {
    INFO(table);
    CHECK(long_in_lists(table_sql(db.get(), table)).empty());
  }
  CHECK(table_sql(db.get(), "lawyers").find("vetted IN (0, 1)") != std::string::npos);
  CHECK(scalar_text(db.get(), "PRAGMA integrity_check") == "ok");
}

TEST_CASE("store: failed version 4 migration leaves version 3", "[store][migration]") {
  atip_test::WorkflowFixture source;
  fill_workflow(source);
  TempDir dir;
  const std::string path = dir.file("v3.db");
  write_version3_copy(path, source);
  std::map<std::string, std::vector<std::string>> before;
  std::vector<std::string> schema_before;
  {
    // A program that turned enforcement off left a lawyer whose firm does
    // not exist. The rebuild copies it, and the final foreign key check
    // rolls the whole step back.
    RawDatabase v3(path);
    REQUIRE(v3.exec("UPDATE lawyers SET firm_id = 'firm-404' WHERE id = 'L-3'") == SQLITE_OK);
    before = dump_tables(v3.get());
    schema_before = query_rows(v3.get(), "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name");
  }

  const auto error = atip_test::error_of([&] { Store::open(path); });

  REQUIRE(error);
  CHECK(error->kind() == ErrorKind::integrity);
  CHECK_THAT(error->what(), Catch::Contains("table lawyers") && Catch::Contains("organizations"));
  {
    RawDatabase v3(path);
    CHECK(scalar_text(v3.get(), "PRAGMA user_version") == "3");
    CHECK(query_rows(v3.get(), "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name") == schema_before);
    CHECK(dump_tables(v3.get()) == before);
    REQUIRE(v3.exec("UPDATE lawyers SET firm_id = NULL WHERE id = 'L-3'") == SQLITE_OK);
  }
  CHECK(Store::open(path)->schema_version() == kSchemaVersion);
}

TEST_CASE("store: migration keeps a user's views and triggers", "[store][migration]") {
  atip_test::WorkflowFixture source;
  fill_workflow(source);
  TempDir dir;
  const std::string path = dir.file("v3-views.db");
  write_version3_copy(path, source);
  {
    // Another program added a view and a trigger that read rebuilt tables.
    RawDatabase v3(path);
    REQUIRE(v3.exec("CREATE VIEW lawyer_ids AS SELECT id FROM lawyers") == SQLITE_OK);
    REQUIRE(v3.exec("CREATE TABLE notes (lawyer_id TEXT, text TEXT)") == SQLITE_OK);
    REQUIRE(v3.exec("CREATE TRIGGER notes_need_lawyer BEFORE INSERT ON notes WHEN NOT EXISTS "
                    "(SELECT 1 FROM lawyers WHERE id = NEW.lawyer_id) BEGIN SELECT RAISE(ABORT, 'no lawyer'); END") ==
            SQLITE_OK);
  }

  auto store = Store::open(path);

  REQUIRE(store->schema_version() == kSchemaVersion);
  sqlite3* db = store->native_handle();
  CHECK(scalar_text(db, "SELECT count(*) FROM lawyer_ids") == scalar_text(db, "SELECT count(*) FROM lawyers"));
  CHECK(exec_code(db, "INSERT INTO notes VALUES ('L-1', 'ok')") == SQLITE_OK);
  CHECK(exec_code(db, "INSERT INTO notes VALUES ('nobody', 'rejected')") == SQLITE_CONSTRAINT_TRIGGER);
  CHECK(scalar_text(db, "PRAGMA integrity_check") == "ok");
  CHECK(scalar_text(db, "PRAGMA legacy_alter_table") == "0");
}

TEST_CASE("store: file_schema_version reads without changing the file", "[store][migration]") {
  TempDir dir;
  const std::string old = dir.file("v3.db");
  {
    RawDatabase db(old);
    schema::migrate_to(db.get(), 3);
  }
  CHECK(Store::file_schema_version(old) == 3);
  CHECK(pragma_value(old, "user_version") == 3);

  const std::string current = dir.file("current.db");
  Store::open(current);
  CHECK(Store::file_schema_version(current) == kSchemaVersion);

  const std::string empty = dir.file("empty.db");
  { RawDatabase db(empty); }
  CHECK(Store::file_schema_version(empty) == 0);

  const std::string foreign = dir.file("foreign.db");
  {
    RawDatabase db(foreign);
    REQUIRE(db.exec("CREATE TABLE notes (text TEXT)") == SQLITE_OK);
  }
  CHECK(kind_of([&] { Store::file_schema_version(foreign); }) == ErrorKind::schema_version);
  const std::string newer = dir.file("newer.db");
  Store::open(newer);
  {
    RawDatabase db(newer);
    REQUIRE(db.exec("PRAGMA user_version = " + std::to_string(kSchemaVersion + 1)) == SQLITE_OK);
  }
  CHECK(kind_of([&] { Store::file_schema_version(newer); }) == ErrorKind::schema_version);
  CHECK(kind_of([&] { Store::file_schema_version(dir.file("missing.db")); }) == ErrorKind::io);
}

TEST_CASE("store: read-only open of version 3 asks for migration", "[store][migration]") {
  TempDir dir;
  const std::string path = dir.file("v3.db");
  {
    RawDatabase db(path);
    schema::migrate_to(db.get(), 3);
  }
  StoreOptions read_only;
  read_only.read_only = true;

  const auto error = atip_test::error_of([&] { Store::open(path, read_only); });

  REQUIRE(error);
  CHECK(error->kind() == ErrorKind::schema_version);
  CHECK_THAT(error->what(), Catch::Contains("schema version 3 needs migrating to " + std::to_string(kSchemaVersion)));
  CHECK(pragma_value(path, "user_version") == 3);
}

TEST_CASE("store: listeners see committed changes only", "[store]") {
  auto store = Store::open(":memory:");
  std::vector<std::string> seen;
  store->add_listener([&](EntityType, const std::string& id, ChangeKind) { seen.push_back(id); });

  store->insert(atip_test::make_ngo("ngo-1", "A"));
  CHECK_THROWS(store->transaction([&] {
    store->insert(atip_test::make_ngo("ngo-2", "B"));
    fail(ErrorKind::internal, "abort");
  }));

  CHECK(seen == std::vector<std::string>{"ngo-1"});
  CHECK_FALSE(store->exists(EntityType::organization, "ngo-2"));
}

TEST_CASE("store: invalid path gives an io error", "[store]") {
  CHECK(kind_of([] { Store::open("/nonexistent-folder/x/network.db"); }) == ErrorKind::io);
}

TEST_CASE("store: repeated child entries keep the last", "[store]") {
  TempDir dir;
  auto store = open_with_reference(dir.file("repeats.db"));
  Lawyer lawyer = atip_test::make_lawyer("L-1", "Sok Dara", "KH", "km");
  lawyer.languages = {{"km", Proficiency::native}, {"en", Proficiency::basic}, {"km", Proficiency::working}};
  lawyer.admissions.push_back({"KH", std::nullopt, AdmissionStatus::suspended});
  Dataset data;
  data.lawyers = {lawyer};

  store->insert_dataset(data);

  sql::Statement languages(store->native_handle(),
                           "SELECT tag, proficiency FROM lawyer_languages WHERE lawyer_id = 'L-1' ORDER BY tag");
  REQUIRE(languages.step());
  CHECK(languages.text(0) == "en");
  REQUIRE(languages.step());
  CHECK(languages.text(0) == "km");
  CHECK(languages.integer(1) == static_cast<int>(Proficiency::working));
  CHECK_FALSE(languages.step());
  sql::Statement admissions(store->native_handle(), "SELECT status FROM lawyer_admissions WHERE lawyer_id = 'L-1'");
  REQUIRE(admissions.step());
  CHECK(admissions.text(0) == "suspended");
  CHECK_FALSE(admissions.step());
}

TEST_CASE("store: references are checked again after a rollback", "[store]") {
  TempDir dir;
  auto store = open_with_reference(dir.file("recheck.db"));
  Organization firm = atip_test::make_ngo("firm-1", "Firm One");
  firm.kind = OrganizationKind::law_firm;
  Lawyer first = atip_test::make_lawyer("L-1", "Sok Dara", "KH", "km");
  first.firm = "firm-1";
  Lawyer second = atip_test::make_lawyer("L-2", "Chea Sophea", "KH", "km");
  second.firm = "firm-1";

  store->transaction([&] {
    // The data set's savepoint adds the firm and a lawyer of it, then fails
    // on its last lawyer and is rolled back.
    Dataset data;
    data.organizations = {firm};
    data.lawyers = {first, atip_test::make_lawyer("L-9", "Tran Binh", "VN", "vi")};
    data.lawyers[1].firm = "firm-404";
    CHECK_THROWS(store->insert_dataset(data));
    CHECK_THAT(message_of([&] { store->insert(second); }), Catch::Contains("lawyer.firm: organization \"firm-1\""));
  });

  store->transaction([&] {
    store->insert(firm);
    store->insert(first);
    store->remove(EntityType::lawyer, "L-1");
    store->remove(EntityType::organization, "firm-1");
    CHECK_THAT(message_of([&] { store->insert(second); }), Catch::Contains("does not exist"));
  });
  CHECK_FALSE(store->exists(EntityType::lawyer, "L-2"));
}

TEST_CASE("store: large collections name the bad record", "[store]") {
  TempDir dir;
  auto store = open_with_reference(dir.file("chunks.db"));
  Dataset data;
  for (int i = 0; i < 5000; ++i) {
    data.lawyers.push_back(atip_test::make_lawyer("L-" + std::to_string(i), "Sok Dara", "KH", "km"));
  }
  data.lawyers[10].id.clear();
  data.lawyers[4500].id.clear();
  Dataset failing = data;
  failing.lawyers[4800].admissions[0].jurisdiction = "ZZ";

  CHECK_THAT(message_of([&] { store->insert_dataset(failing); }), Catch::StartsWith("lawyers[4800].admissions[0]"));
  CHECK(store->count(EntityType::lawyer) == 0);

  store->insert_dataset(data);
  CHECK(store->count(EntityType::lawyer) == 5000);
  CHECK_FALSE(data.lawyers[10].id.empty());
  CHECK_FALSE(data.lawyers[4500].id.empty());
  REQUIRE(store->find_lawyer("L-4999"));
  CHECK(store->find_lawyer("L-4999")->names == data.lawyers[4999].names);
}
