// Store: schema, constraints, CRUD, filters, migrations and bulk import on
// real SQLite files.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include "atip/error.hpp"
#include "atip/reference_data.hpp"
#include "atip/store.hpp"
#include "store/schema.hpp"
#include "store/sqlite.hpp"
#include "support.hpp"

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
                         "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'lawyer_languages_by_%'");
  REQUIRE(indexes.step());
  CHECK(indexes.integer(0) == 0);
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
