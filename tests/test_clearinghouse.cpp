// Clearinghouse facade: import pipeline, export bytes, JSON records, search.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include <sqlite3.h>

#include "atip/clearinghouse.hpp"
#include "atip/error.hpp"
#include "support.hpp"

using namespace atip;
using nlohmann::json;
using atip_test::TempDir;

namespace {

json network_document(int lawyers) {
  Dataset data;
  data.organizations.push_back(atip_test::make_ngo("ngo-1", "Hagar"));
  for (int i = 0; i < lawyers; ++i) {
    data.lawyers.push_back(atip_test::make_lawyer("L-" + std::to_string(i), "Lawyer " + std::to_string(i), "TH", "th"));
  }
  data.matters.push_back(atip_test::make_matter("M-1", "ngo-1", "TH", "th"));
  return to_json(data, ExportOptions{true});
}

}  // namespace

TEST_CASE("clearinghouse: new database gets reference data once", "[clearinghouse]") {
  TempDir dir;
  const std::string path = dir.file("ch.db");

  { auto ch = Clearinghouse::open(path); CHECK(ch->store().count(EntityType::jurisdiction) >= 11); }
  auto reopened = Clearinghouse::open(path);

  CHECK(reopened->load_reference_data() == 0);
}

TEST_CASE("clearinghouse: export, import and export give identical bytes", "[clearinghouse]") {
  TempDir dir;
  auto first = Clearinghouse::open(dir.file("a.db"));
  first->import_json(network_document(20).dump());
  const std::string exported = first->export_json(ExportOptions{true});

  OpenOptions without_reference;
  without_reference.load_reference_data = false;
  auto second = Clearinghouse::open(dir.file("b.db"), without_reference);
  second->import_json(exported);

  CHECK(second->export_json(ExportOptions{true}) == exported);
}

TEST_CASE("clearinghouse: one bad record in 10,000 leaves the database as it was", "[clearinghouse]") {
  TempDir dir;
  const std::string path = dir.file("bulk.db");
  auto ch = Clearinghouse::open(path);
  ch->import_json(network_document(3).dump());
  const std::string before = ch->export_json(ExportOptions{true});
  json document = network_document(10000);
  document["organizations"] = json::array();  // already imported
  document["matters"] = json::array();
  for (auto& lawyer : document["lawyers"]) lawyer["id"] = "bulk-" + lawyer["id"].get<std::string>();
  document["lawyers"][5000]["languages"][0]["tag"] = "xx-?";

  try {
    ch->import_json(document.dump());
    FAIL("expected the import to fail");
  } catch (const Error& error) {
    CHECK(std::string(error.what()) == "lawyers[5000].languages[0].tag: \"xx-?\" is not a valid BCP 47 tag (not well-formed)");
  }

  CHECK(ch->export_json(ExportOptions{true}) == before);
  auto reopened = Clearinghouse::open(path);
  CHECK(reopened->export_json(ExportOptions{true}) == before);
}

TEST_CASE("clearinghouse: dangling reference in an import names the record", "[clearinghouse]") {
  auto ch = Clearinghouse::open(":memory:");
  json document = network_document(2);
  document["matters"][0]["ngo"] = "ngo-404";

  try {
    ch->import_json(document.dump());
    FAIL("expected the import to fail");
  } catch (const Error& error) {
    CHECK(error.kind() == ErrorKind::constraint);
    CHECK(std::string(error.what()) == "matters[0].ngo: organization \"ngo-404\" does not exist (add it first or fix the reference)");
  }
  CHECK(ch->store().count(EntityType::lawyer) == 0);
}

TEST_CASE("clearinghouse: text is stored NFC", "[clearinghouse]") {
  auto ch = Clearinghouse::open(":memory:");
  json ngo = {{"id", "ngo-1"}, {"kind", "ngo"}, {"names", {{{"value", "Nguye\xCC\x82\xCC\x83n"}}}}};  // decomposed ễ

  ch->add(EntityType::organization, ngo);

  CHECK(ch->get(EntityType::organization, "ngo-1")["names"][0]["value"] == "Nguy\xE1\xBB\x85n");
}

TEST_CASE("clearinghouse: Zawgyi names are converted and reported", "[clearinghouse]") {
  std::ifstream zawgyi_file(ATIP_TEST_DATA_DIR "/text/myanmar_tools/mmgov_zawgyi_src.txt");
  std::ifstream unicode_file(ATIP_TEST_DATA_DIR "/text/myanmar_tools/mmgov_unicode_out.txt");
  REQUIRE(zawgyi_file.good());
  REQUIRE(unicode_file.good());
  // Skip the corpus header lines ("# Location: ...") to the first Burmese line.
  std::string zawgyi_line;
  std::string unicode_line;
  while (std::getline(zawgyi_file, zawgyi_line) && std::getline(unicode_file, unicode_line)) {
    if (!zawgyi_line.empty() && zawgyi_line[0] != '#' && zawgyi_line != unicode_line) break;
  }
  auto ch = Clearinghouse::open(":memory:");
  json document = network_document(1);
  document["lawyers"][0]["notes"] = zawgyi_line;

  const ImportReport report = ch->import_json(document.dump());

  CHECK(report.zawgyi_converted == std::vector<std::string>{"lawyers[0].notes"});
  CHECK(ch->get(EntityType::lawyer, "L-0")["notes"] == unicode_line);
}

TEST_CASE("clearinghouse: cost and citations are text fields", "[clearinghouse]") {
  // Service cost and statute citations may be free text in any script.
  std::vector<std::string> fields;
  const auto collect = [&fields](std::string&, const std::string& field) { fields.push_back(field); };
  Service service;
  service.cost = "free for survivors";
  visit_text_fields(service, collect);
  Jurisdiction jurisdiction;
  jurisdiction.statutes.push_back({"Anti Trafficking in Persons Law", "Law No. 5/2005", true});
  visit_text_fields(jurisdiction, collect);

  CHECK(std::find(fields.begin(), fields.end(), "cost") != fields.end());
  CHECK(std::find(fields.begin(), fields.end(), "statutes[0].citation") != fields.end());
}

TEST_CASE("clearinghouse: records as JSON with confidential flag", "[clearinghouse]") {
  auto ch = Clearinghouse::open(":memory:");
  json document = network_document(1);
  document["matters"][0]["facts"] = "confidential facts";
  ch->import_json(document.dump());

  CHECK_FALSE(ch->get(EntityType::matter, "M-1").contains("facts"));
  CHECK(ch->get(EntityType::matter, "M-1", ExportOptions{true})["facts"] == "confidential facts");
  CHECK(ch->export_json().find("confidential facts") == std::string::npos);
  CHECK(ch->list(EntityType::matter).at(0).contains("facts") == false);
}

namespace {

/// Runs `sql` on the file at `path` through a connection of its own, as
/// another program would.
void exec_on_file(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_OK);
}

std::vector<std::string> search_ids(Clearinghouse& ch, const std::string& text, const std::string& jurisdiction = "") {
  SearchQuery query;
  query.text = text;
  query.jurisdiction = jurisdiction;
  std::vector<std::string> ids;
  for (const SearchHit& hit : ch.search(query)) ids.push_back(hit.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace

TEST_CASE("clearinghouse: opening indexes records a bare Store wrote", "[clearinghouse]") {
  TempDir dir;
  const std::string path = dir.file("store-first.db");
  {
    auto ch = Clearinghouse::open(path);  // reference data
  }
  {
    // A bare Store writes no search documents. The search tables are then
    // dropped, as in a file written before they existed.
    auto store = Store::open(path);
    store->insert(atip_test::make_lawyer("L-1", "Somchai Srisuk", "TH", "th"));
  }
  exec_on_file(path, "DROP TABLE search_documents; DROP TABLE search_fts;");
  auto reopened = Clearinghouse::open(path);
  CHECK(search_ids(*reopened, "somchai", "TH") == std::vector<std::string>{"L-1"});
}

TEST_CASE("clearinghouse: an index of the earlier layout is rebuilt on open", "[clearinghouse]") {
  TempDir dir;
  const std::string path = dir.file("layout-1.db");
  {
    auto ch = Clearinghouse::open(path);
    Dataset data;
    data.lawyers.push_back(atip_test::make_lawyer("L-th", "Somchai Srisuk", "TH", "th"));
    data.lawyers.push_back(atip_test::make_lawyer("L-vn", "Nguyen Thanh", "VN", "vi"));
    ch->import_json(to_json(data, ExportOptions{true}).dump());
    // Layout 1 had a search_names table, so its presence marks that layout.
    ch->store().transaction([&] {
      sqlite3_exec(ch->store().native_handle(),
                   "CREATE TABLE search_names (doc_id INTEGER, position INTEGER, name TEXT, tokens TEXT); "
                   "DELETE FROM search_fts; DELETE FROM search_documents;",
                   nullptr, nullptr, nullptr);
    });
    CHECK(search_ids(*ch, "somchai").empty());
  }
  auto reopened = Clearinghouse::open(path);
  CHECK(search_ids(*reopened, "somchai", "TH") == std::vector<std::string>{"L-th"});
  CHECK(search_ids(*reopened, "thanh", "VN") == std::vector<std::string>{"L-vn"});
  CHECK(reopened->search_index().has_schema());
}

TEST_CASE("clearinghouse: search finds imported lawyers by alias", "[clearinghouse]") {
  auto ch = Clearinghouse::open(":memory:");
  json document = network_document(0);
  document["lawyers"] = json::array({{{"id", "L-vn"},
                                       {"names", {{{"value", "Nguyễn Văn Thành"}}, {{"value", "Thanh Nguyen"}, {"kind", "alias"}}}},
                                       {"admissions", {{{"jurisdiction", "VN"}}}}}});
  ch->import_json(document.dump());

  SearchQuery query;
  query.text = "nguyen van thanh";
  const auto hits = ch->search(query);

  REQUIRE_FALSE(hits.empty());
  CHECK(hits[0].id == "L-vn");
  ch->remove(EntityType::lawyer, "L-vn");
  CHECK(ch->search(query).empty());
}

TEST_CASE("clearinghouse: read-only open of an old index says what to do", "[clearinghouse]") {
  TempDir dir;
  const std::string path = dir.file("old-read-only.db");
  {
    auto ch = Clearinghouse::open(path);
    Dataset data;
    data.lawyers.push_back(atip_test::make_lawyer("L-1", "Somchai Srisuk", "TH", "th"));
    ch->import_json(to_json(data, ExportOptions{true}).dump());
  }
  // An index of the earlier layout: no names column on the document rows.
  exec_on_file(path,
               "DROP TABLE search_documents; CREATE TABLE search_documents (doc_id INTEGER PRIMARY KEY, "
               "entity_type TEXT, entity_id TEXT, kind TEXT)");
  OpenOptions read_only;
  read_only.store.read_only = true;
  auto reader = Clearinghouse::open(path, read_only);
  CHECK_FALSE(reader->search_index().has_schema());
  SearchQuery query;
  query.text = "somchai";
  try {
    reader->search(query);
    FAIL("a search on an index of the earlier layout went through");
  } catch (const Error& error) {
    CHECK(error.kind() == ErrorKind::invalid_state);
    CHECK_THAT(error.what(), Catch::Contains("without read_only"));
  }

  // Opened writable once, the index is rebuilt and the read-only handle finds the lawyer.
  Clearinghouse::open(path);
  auto upgraded = Clearinghouse::open(path, read_only);
  CHECK(search_ids(*upgraded, "somchai") == std::vector<std::string>{"L-1"});
}
