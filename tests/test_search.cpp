// Tests of atip/search.hpp on real SQLite files in a temporary folder.
#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <unistd.h>

#include "atip/error.hpp"
#include "atip/search.hpp"
#include "atip/text.hpp"

namespace {

namespace fs = std::filesystem;

/// A SQLite database file in a fresh temporary folder, removed afterwards.
class TempDatabase {
 public:
  TempDatabase() {
    static std::atomic<int> counter{0};
    folder_ = fs::temp_directory_path() /
              ("atip_test_search_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::create_directories(folder_);
    open();
  }
  ~TempDatabase() {
    close();
    std::error_code ignored;
    fs::remove_all(folder_, ignored);
  }
  TempDatabase(const TempDatabase&) = delete;
  TempDatabase& operator=(const TempDatabase&) = delete;

  sqlite3* db() const { return db_; }

  void open() {
    REQUIRE(sqlite3_open((folder_ / "atip.db").string().c_str(), &db_) == SQLITE_OK);
  }
  void close() {
    sqlite3_close(db_);
    db_ = nullptr;
  }

  void exec(const std::string& sql) const {
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
    INFO(sql << ": " << (message ? message : ""));
    sqlite3_free(message);
    REQUIRE(rc == SQLITE_OK);
  }

  long long count(const std::string& table) const {
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(db_, ("SELECT count(*) FROM " + table).c_str(), -1, &statement, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
    const long long value = sqlite3_column_int64(statement, 0);
    sqlite3_finalize(statement);
    return value;
  }

 private:
  fs::path folder_;
  sqlite3* db_ = nullptr;
};

/// An index with its schema, on a fresh database.
struct Fixture {
  TempDatabase database;
  atip::SearchIndex index{database.db()};

  Fixture() { index.create_schema(); }

  void upsert(const atip::SearchDocument& document) {
    database.exec("BEGIN");
    index.upsert(document);
    database.exec("COMMIT");
  }
  void upsert_all(const std::vector<atip::SearchDocument>& documents) {
    database.exec("BEGIN");
    index.upsert_all(documents);
    database.exec("COMMIT");
  }

  std::vector<atip::SearchHit> search(const std::string& text, std::size_t limit = 20) const {
    atip::SearchQuery query;
    query.text = text;
    query.limit = limit;
    return index.search(query);
  }

  /// Ids of the hits of `text`, best first.
  std::vector<std::string> ids(const std::string& text) const {
    std::vector<std::string> out;
    for (const atip::SearchHit& hit : search(text)) out.push_back(hit.id);
    return out;
  }
};

atip::SearchDocument lawyer(const std::string& id, std::vector<std::string> names,
                            std::vector<std::string> texts = {}) {
  atip::SearchDocument document;
  document.entity_type = "lawyer";
  document.id = id;
  document.names = std::move(names);
  document.texts = std::move(texts);
  return document;
}

bool contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

std::string data_path(const std::string& name) { return std::string(ATIP_TEST_DATA_DIR) + "/text/" + name; }

std::vector<std::vector<std::string>> read_csv(const std::string& name) {
  std::ifstream in(data_path(name));
  REQUIRE(in.good());
  std::vector<std::vector<std::string>> rows;
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> fields;
    std::stringstream stream(line);
    for (std::string field; std::getline(stream, field, ',');) fields.push_back(field);
    rows.push_back(std::move(fields));
  }
  return rows;
}

void require_error(const std::function<void()>& action, atip::ErrorKind kind, const std::string& text) {
  try {
    action();
    FAIL("no error; expected one containing: " << text);
  } catch (const atip::Error& error) {
    INFO(error.what());
    CHECK(error.kind() == kind);
    CHECK(std::string(error.what()).find(text) != std::string::npos);
  }
}

}  // namespace

// ---------------------------------------------------------------------------
// Scripts and spellings

TEST_CASE("search: Vietnamese name typed without diacritics", "[search]") {
  Fixture fixture;
  fixture.upsert_all({lawyer("vn-1", {"Nguyễn Văn Thành"}), lawyer("vn-2", {"Trần Thị Bình"}),
                      lawyer("vn-3", {"\xC3\x90\xE1\xBA\xB7ng \xC3\x90\xE1\xBB\xA9\x63"})});  // typed with U+00D0

  const std::vector<atip::SearchHit> hits = fixture.search("nguyen van thanh");
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].id == "vn-1");
  CHECK(hits[0].matched_name == "Nguyễn Văn Thành");
  CHECK(hits[0].score > 0);

  CHECK(fixture.ids("NGUYỄN VĂN THÀNH") == std::vector<std::string>{"vn-1"});
  CHECK(fixture.ids("Đặng Đức") == std::vector<std::string>{"vn-3"});
  CHECK(fixture.ids("dang duc") == std::vector<std::string>{"vn-3"});
}

TEST_CASE("search: Thai word finds Thai text without spaces", "[search]") {
  Fixture fixture;
  fixture.upsert_all({
      lawyer("th-1", {"สมชาย ใจดี"}, {"ทนายความด้านแรงงานและการค้ามนุษย์"}),
      lawyer("th-2", {"สมหญิง รักไทย"}, {"กฎหมายครอบครัว"}),
  });

  CHECK(fixture.ids("แรงงาน") == std::vector<std::string>{"th-1"});
  CHECK(fixture.ids("การค้ามนุษย์") == std::vector<std::string>{"th-1"});
  CHECK(fixture.ids("ครอบครัว") == std::vector<std::string>{"th-2"});
  CHECK(fixture.ids("สมชาย") == std::vector<std::string>{"th-1"});
  CHECK(fixture.ids("สมชายใจดี") == std::vector<std::string>{"th-1"});
}

TEST_CASE("search: Khmer spelling variants find each other", "[search]") {
  // ស្រី written with the vowel before COENG RO, and the standard order.
  const std::string vowel_first = "\xE1\x9E\x9F\xE1\x9E\xB8\xE1\x9F\x92\xE1\x9E\x9A";
  const std::string coeng_first = "\xE1\x9E\x9F\xE1\x9F\x92\xE1\x9E\x9A\xE1\x9E\xB8";
  Fixture fixture;
  fixture.upsert_all({lawyer("km-1", {"សុខ " + coeng_first}), lawyer("km-2", {"ចាន់ " + vowel_first + "ពៅ"})});

  const std::vector<std::string> found = fixture.ids(vowel_first);
  CHECK(contains(found, "km-1"));
  CHECK(fixture.ids("សុខ " + vowel_first) == std::vector<std::string>{"km-1"});
  CHECK(contains(fixture.ids("ចាន់ " + coeng_first + "ពៅ"), "km-2"));
}

TEST_CASE("search: words inside names without spaces", "[search]") {
  Fixture fixture;
  fixture.upsert_all({
      lawyer("km-1", {"សមាគមអាដហុក"}),                  // "ADHOC association"
      lawyer("th-1", {"มูลนิธิเพื่อสิทธิมนุษยชน"}),          // a human rights foundation
      lawyer("km-2", {"អង្គការ\u200Bយុវជន\u200Bកម្ពុជា"}),  // words marked with zero-width spaces
  });

  CHECK(fixture.ids("សមាគម") == std::vector<std::string>{"km-1"});
  CHECK(fixture.ids("អាដហុក") == std::vector<std::string>{"km-1"});
  CHECK(fixture.ids("สิทธิมนุษยชน") == std::vector<std::string>{"th-1"});
  CHECK(fixture.ids("มูลนิธิ") == std::vector<std::string>{"th-1"});
  CHECK(fixture.ids("យុវជន") == std::vector<std::string>{"km-2"});
  CHECK(fixture.ids("កម្ពុជា") == std::vector<std::string>{"km-2"});
}

TEST_CASE("search: Zawgyi query finds the Unicode entry", "[search]") {
  const std::string unicode = "ဒေါ်အောင်ဆန်းစုကြည်";
  const std::string zawgyi = "ေဒၚေအာင္ဆန္းစုၾကည္";
  REQUIRE(atip::text::is_zawgyi(zawgyi));
  REQUIRE(atip::text::zawgyi_to_unicode(zawgyi) == unicode);

  Fixture fixture;
  fixture.upsert_all({lawyer("mm-1", {unicode}), lawyer("mm-2", {"ဦးမင်းသူ"})});

  CHECK(fixture.ids(zawgyi) == std::vector<std::string>{"mm-1"});
  CHECK(fixture.ids(unicode) == std::vector<std::string>{"mm-1"});
}

TEST_CASE("search: every alias finds the entry", "[search]") {
  Fixture fixture;
  fixture.upsert_all({
      lawyer("hk-1", {"黃大文", "Wong Tai Man", "Raymond Wong"}),
      lawyer("hk-2", {"王小明", "Wong Siu Ming"}),
      lawyer("hk-3", {"陳美玲", "Chan Mei Ling"}),
  });

  const std::vector<std::pair<std::string, std::string>> aliases = {
      {"黃大文", "黃大文"},           {"huang da wen", "黃大文"},           {"Wong Tai Man", "Wong Tai Man"},
      {"raymond wong", "Raymond Wong"}, {"Raymond", "Raymond Wong"}};
  for (const auto& [query, name] : aliases) {
    INFO(query);
    const std::vector<atip::SearchHit> hits = fixture.search(query);
    REQUIRE_FALSE(hits.empty());
    CHECK(hits[0].id == "hk-1");
    CHECK(hits[0].matched_name == name);
  }

  // "Wong" is the Hong Kong spelling of both 黃 and 王: both entries come back,
  // and neither is found by the other's pinyin.
  std::vector<std::string> wong = fixture.ids("wong");
  std::sort(wong.begin(), wong.end());
  CHECK(wong == std::vector<std::string>{"hk-1", "hk-2"});
  CHECK(fixture.ids("wang xiao ming") == std::vector<std::string>{"hk-2"});
  CHECK(fixture.ids("huang xiao ming").empty());
}

TEST_CASE("search: names from the name corpora find themselves", "[search]") {
  std::vector<std::string> names;
  for (const auto& row : read_csv("fakerjs_person_names_vi_th_zh_enHK.csv")) {
    if (row.size() >= 3 && (row[0] == "vi" || row[0] == "th" || row[0] == "zh_CN") && names.size() < 400 &&
        row[1].find("first_name") != std::string::npos) {
      names.push_back(row[2]);
    }
  }
  for (const auto& row : read_csv("km_names_kname.csv")) {
    if (row.size() >= 2 && row[0] != "component") names.push_back(row[1]);
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  REQUIRE(names.size() > 300);

  Fixture fixture;
  std::vector<atip::SearchDocument> documents;
  for (std::size_t i = 0; i < names.size(); ++i) documents.push_back(lawyer("l-" + std::to_string(i), {names[i]}));
  fixture.upsert_all(documents);

  for (std::size_t i = 0; i < names.size(); ++i) {
    INFO(names[i]);
    atip::SearchQuery query;
    query.text = names[i];
    query.limit = 1000;
    std::vector<std::string> found;
    for (const atip::SearchHit& hit : fixture.index.search(query)) found.push_back(hit.id);
    CHECK(contains(found, "l-" + std::to_string(i)));
  }
}

// ---------------------------------------------------------------------------
// Query handling

TEST_CASE("search: FTS5 syntax in queries is plain text", "[search]") {
  Fixture fixture;
  fixture.upsert_all({lawyer("vn-1", {"Nguyễn Văn Thành"}, {"labour law and trafficking"}),
                      lawyer("vn-2", {"Drop Table"}, {"near the court"})});

  const std::vector<std::string> queries = {
      "\"", "\"nguyen", "nguyen\"", "*", "nguyen*", "NEAR(nguyen thanh)", "NEAR", "-thanh", "nguyen -thanh",
      "(nguyen", "nguyen)", "'; DROP TABLE search_fts; --", "a OR b", "NOT", "AND", "^nguyen", "names:nguyen",
      "{names texts}: nguyen", "+", "nguyen + thanh", ":", "''", "\\", "%", "_", "drop table", "near"};
  for (const std::string& query : queries) {
    INFO(query);
    CHECK_NOTHROW(fixture.search(query));
  }

  // Operators are words to look for, not operators.
  CHECK(fixture.ids("'; DROP TABLE search_fts; --") == std::vector<std::string>{});
  CHECK(fixture.ids("drop table") == std::vector<std::string>{"vn-2"});
  CHECK(fixture.ids("NEAR") == std::vector<std::string>{"vn-2"});
  CHECK(fixture.ids("\"nguyen\"") == std::vector<std::string>{"vn-1"});
  CHECK(fixture.ids("nguyen -thanh") == std::vector<std::string>{"vn-1"});
  CHECK(fixture.ids("nguyen OR drop").empty());
  CHECK(fixture.database.count("search_documents") == 2);
  CHECK(fixture.database.count("search_fts") == 2);
}

TEST_CASE("search: last word matches as a prefix", "[search]") {
  Fixture fixture;
  fixture.upsert_all({lawyer("vn-1", {"Nguyễn Văn Thành"}), lawyer("vn-2", {"Nguyễn Thị Thanh Hương"})});

  CHECK(fixture.ids("nguyen van th") == std::vector<std::string>{"vn-1"});
  CHECK(fixture.ids("nguyen hu") == std::vector<std::string>{"vn-2"});
  // A trailing space completes the last word.
  CHECK(fixture.ids("nguyen van th ").empty());
  // A one-letter last word is not a prefix.
  CHECK(fixture.ids("nguyen t").empty());
}

TEST_CASE("search: ranking prefers names, ties by id", "[search]") {
  Fixture fixture;
  fixture.upsert_all({
      lawyer("b-text", {"Somchai Jaidee"}, {"works with Lan on trafficking cases"}),
      lawyer("a-name", {"Lan Pham"}),
      lawyer("c-name", {"Lan Pham"}),
  });

  const std::vector<atip::SearchHit> hits = fixture.search("lan");
  REQUIRE(hits.size() == 3);
  CHECK(hits[0].id == "a-name");
  CHECK(hits[1].id == "c-name");
  CHECK(hits[2].id == "b-text");
  CHECK(hits[0].score == hits[1].score);
  CHECK(hits[1].score > hits[2].score);
  CHECK(hits[2].matched_name.empty());

  CHECK(fixture.search("lan", 1).size() == 1);
}

TEST_CASE("search: filters by type, jurisdiction and language", "[search]") {
  Fixture fixture;
  atip::SearchDocument bangkok = lawyer("l-1", {"Lan Bangkok"});
  bangkok.jurisdictions = {"TH-10"};
  bangkok.languages = {"th", "en"};
  atip::SearchDocument thailand = lawyer("l-2", {"Lan Thailand"});
  thailand.jurisdictions = {"TH"};
  thailand.languages = {"km"};
  atip::SearchDocument hong_kong = lawyer("l-3", {"Lan Hong Kong"});
  hong_kong.jurisdictions = {"HK"};
  hong_kong.languages = {"zh-Hant", "yue"};
  atip::SearchDocument ngo = lawyer("o-1", {"Lan Foundation"});
  ngo.entity_type = "organization";
  ngo.kind = "ngo";
  ngo.jurisdictions = {"th"};
  fixture.upsert_all({bangkok, thailand, hong_kong, ngo});

  const auto ids = [&fixture](atip::SearchQuery query) {
    query.text = "lan";
    std::vector<std::string> out;
    for (const atip::SearchHit& hit : fixture.index.search(query)) out.push_back(hit.id);
    std::sort(out.begin(), out.end());
    return out;
  };
  atip::SearchQuery query;
  query.entity_type = "organization";
  CHECK(ids(query) == std::vector<std::string>{"o-1"});

  query = {};
  query.jurisdiction = "TH";
  CHECK(ids(query) == std::vector<std::string>{"l-1", "l-2", "o-1"});
  query.jurisdiction = "th-10";
  CHECK(ids(query) == std::vector<std::string>{"l-1", "l-2", "o-1"});
  query.jurisdiction = "TH-50";
  CHECK(ids(query) == std::vector<std::string>{"l-2", "o-1"});
  query.jurisdiction = "VN";
  CHECK(ids(query).empty());

  query = {};
  query.language = "zh";
  CHECK(ids(query) == std::vector<std::string>{"l-3"});
  query.language = "ZH-hant";
  CHECK(ids(query) == std::vector<std::string>{"l-3"});
  query.language = "zh-Hans";
  CHECK(ids(query).empty());
  query.language = "km";
  query.jurisdiction = "TH";
  query.entity_type = "lawyer";
  CHECK(ids(query) == std::vector<std::string>{"l-2"});
}

TEST_CASE("search: common words rank a bounded set", "[search]") {
  // 2,100 documents match "lan", more than the 2,000 the index ranks; the
  // only one in Cambodia comes last in doc_id order.
  Fixture fixture;
  std::vector<atip::SearchDocument> documents;
  for (int i = 0; i < 2100; ++i) {
    atip::SearchDocument document = lawyer("l-" + std::to_string(10000 + i), {"Lan " + std::to_string(i)});
    document.jurisdictions = {i == 2099 ? "KH" : "TH"};
    documents.push_back(std::move(document));
  }
  fixture.upsert_all(documents);

  CHECK(fixture.search("lan").size() == 20);
  CHECK(fixture.search("lan", 1000).size() == 1000);

  // A filter that leaves fewer hits than the limit among the ranked
  // documents still finds the later ones.
  atip::SearchQuery query;
  query.text = "lan";
  query.jurisdiction = "KH";
  const std::vector<atip::SearchHit> hits = fixture.index.search(query);
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].id == "l-12099");
  CHECK(hits[0].matched_name == "Lan 2099");
}

TEST_CASE("search: blank query lists filtered documents", "[search]") {
  Fixture fixture;
  atip::SearchDocument first = lawyer("l-2", {"Somchai"});
  first.jurisdictions = {"TH"};
  atip::SearchDocument second = lawyer("l-1", {"Lan"});
  second.jurisdictions = {"TH"};
  atip::SearchDocument other = lawyer("l-3", {"Mai"});
  other.jurisdictions = {"VN"};
  fixture.upsert_all({first, second, other});

  atip::SearchQuery query;
  query.text = "  ";
  query.jurisdiction = "TH";
  const std::vector<atip::SearchHit> hits = fixture.index.search(query);
  REQUIRE(hits.size() == 2);
  CHECK(hits[0].id == "l-1");
  CHECK(hits[1].id == "l-2");
  CHECK(hits[0].score == 0);
  CHECK(hits[0].matched_name.empty());

  // Punctuation alone has no words to look for.
  query.text = "?!";
  CHECK(fixture.index.search(query).empty());
}

TEST_CASE("search: rejects invalid queries", "[search]") {
  Fixture fixture;
  atip::SearchQuery query;
  query.text = "lan";
  query.limit = 0;
  require_error([&] { fixture.index.search(query); }, atip::ErrorKind::invalid_argument, "query.limit: 0");
  query.limit = 20;
  query.entity_type = "firm";
  require_error([&] { fixture.index.search(query); }, atip::ErrorKind::invalid_argument,
                "query.entity_type: \"firm\"");
  query.entity_type.clear();
  query.language = "xx-?";
  require_error([&] { fixture.index.search(query); }, atip::ErrorKind::invalid_argument,
                "query.language: \"xx-?\" is not a valid BCP 47 tag");
  query.language.clear();
  query.jurisdiction = "Thailand";
  require_error([&] { fixture.index.search(query); }, atip::ErrorKind::invalid_argument,
                "query.jurisdiction: \"Thailand\"");
  query.jurisdiction.clear();
  query.text = std::string(2000, 'a');
  require_error([&] { fixture.index.search(query); }, atip::ErrorKind::limit_exceeded, "query.text");
  query.text = "bad \xC3";
  require_error([&] { fixture.index.search(query); }, atip::ErrorKind::invalid_argument,
                "query.text: invalid UTF-8 at byte offset 4");
}

// ---------------------------------------------------------------------------
// Writes and transactions

TEST_CASE("search: upsert replaces and remove deletes", "[search]") {
  Fixture fixture;
  fixture.upsert(lawyer("l-1", {"Lan Pham"}, {"labour"}));
  fixture.upsert(lawyer("l-1", {"Mai Tran"}, {"family"}));

  CHECK(fixture.ids("lan").empty());
  CHECK(fixture.ids("labour").empty());
  CHECK(fixture.ids("mai") == std::vector<std::string>{"l-1"});
  CHECK(fixture.database.count("search_documents") == 1);
  CHECK(fixture.database.count("search_fts") == 1);
  CHECK(fixture.search("mai")[0].matched_name == "Mai Tran");

  // The same id under another type is another document.
  atip::SearchDocument service = lawyer("l-1", {"Mai Legal Clinic"});
  service.entity_type = "service";
  fixture.upsert(service);
  CHECK(fixture.ids("mai").size() == 2);

  fixture.database.exec("BEGIN");
  fixture.index.remove("lawyer", "l-1");
  fixture.index.remove("lawyer", "absent");
  fixture.database.exec("COMMIT");
  CHECK(fixture.ids("mai") == std::vector<std::string>{"l-1"});
  CHECK(fixture.search("mai")[0].entity_type == "service");

  fixture.database.exec("BEGIN");
  fixture.index.clear();
  fixture.database.exec("COMMIT");
  CHECK(fixture.database.count("search_documents") == 0);
  CHECK(fixture.database.count("search_fts") == 0);
}

TEST_CASE("search: writes need the caller's transaction", "[search]") {
  Fixture fixture;
  require_error([&] { fixture.index.upsert(lawyer("l-1", {"Lan"})); }, atip::ErrorKind::invalid_state,
                "no transaction is open");
  require_error([&] { fixture.index.remove("lawyer", "l-1"); }, atip::ErrorKind::invalid_state,
                "no transaction is open");
  CHECK(fixture.database.count("search_documents") == 0);

  // The index neither commits nor rolls back: the caller's rollback wins.
  fixture.database.exec("BEGIN");
  fixture.index.upsert(lawyer("l-1", {"Lan"}));
  CHECK(fixture.ids("lan") == std::vector<std::string>{"l-1"});
  fixture.database.exec("ROLLBACK");
  CHECK(fixture.ids("lan").empty());
  CHECK(fixture.database.count("search_fts") == 0);
}

TEST_CASE("search: rejects invalid documents by field", "[search]") {
  Fixture fixture;
  fixture.database.exec("BEGIN");

  atip::SearchDocument document = lawyer("l-1", {"Lan"});
  document.entity_type = "person";
  require_error([&] { fixture.index.upsert(document); }, atip::ErrorKind::invalid_argument,
                "entity_type: \"person\" is not one of organization, lawyer, service");

  document = lawyer("", {"Lan"});
  require_error([&] { fixture.index.upsert(document); }, atip::ErrorKind::invalid_argument, "id: must not be empty");

  document = lawyer("l-1", {});
  require_error([&] { fixture.index.upsert(document); }, atip::ErrorKind::invalid_argument,
                "search document lawyer \"l-1\": names: at least one name is required");

  document = lawyer("l-1", {"Lan", "bad \xED\xA0\x80"});
  require_error([&] { fixture.index.upsert(document); }, atip::ErrorKind::invalid_argument,
                "search document lawyer \"l-1\": names[1]: invalid UTF-8 at byte offset 4");

  document = lawyer("l-1", {"Lan"}, {"ok", std::string(70 * 1024, 'a')});
  require_error([&] { fixture.index.upsert(document); }, atip::ErrorKind::limit_exceeded, "texts[1]: 71680 bytes");

  document = lawyer("l-1", {"Lan"});
  document.languages = {"en", "xx-?"};
  require_error([&] { fixture.index.upsert(document); }, atip::ErrorKind::invalid_argument,
                "languages[1]: \"xx-?\" is not a valid BCP 47 tag");

  document = lawyer("l-1", {"Lan"});
  document.jurisdictions = {"Thailand"};
  require_error([&] { fixture.index.upsert(document); }, atip::ErrorKind::invalid_argument,
                "jurisdictions[0]: \"Thailand\" is not an ISO 3166-1 alpha-2 or ISO 3166-2 code");

  fixture.database.exec("COMMIT");
  CHECK(fixture.database.count("search_documents") == 0);
  CHECK(fixture.database.count("search_fts") == 0);
}

TEST_CASE("search: upsert_all matches one-by-one upserts", "[search]") {
  // 6,000 documents, tokenised on a second thread while they are written.
  const std::vector<std::string> names = {"Nguyễn Văn Thành", "สมชาย ศรีสุข", "陳大文", "Sok Dara", "ស្រី ពៅ"};
  std::vector<atip::SearchDocument> documents;
  for (int i = 0; i < 6000; ++i) {
    documents.push_back(lawyer("l-" + std::to_string(i), {names[i % names.size()] + " " + std::to_string(i)}));
  }
  Fixture bulk;
  Fixture single;
  bulk.upsert_all(documents);
  single.database.exec("BEGIN");
  for (const atip::SearchDocument& document : documents) single.index.upsert(document);
  single.database.exec("COMMIT");

  CHECK(bulk.database.count("search_documents") == 6000);
  for (const std::string query : {"nguyen 5995", "5996", "陳大文 5997", "sok", "ស្រី 5999"}) {
    INFO("query: " << query);
    CHECK(bulk.ids(query) == single.ids(query));
    CHECK_FALSE(bulk.ids(query).empty());
  }
}

TEST_CASE("search: upsert_all reports the first invalid document", "[search]") {
  std::vector<atip::SearchDocument> documents;
  for (int i = 0; i < 6000; ++i) documents.push_back(lawyer("l-" + std::to_string(i), {"Lan " + std::to_string(i)}));
  documents[5900].names.clear();
  documents[4500].languages = {"xx-?"};
  Fixture fixture;

  fixture.database.exec("BEGIN");
  require_error([&] { fixture.index.upsert_all(documents); }, atip::ErrorKind::invalid_argument,
                "search document lawyer \"l-4500\": languages[0]");
  fixture.database.exec("ROLLBACK");
  CHECK(fixture.database.count("search_documents") == 0);
  require_error([&] { fixture.index.upsert_all(documents); }, atip::ErrorKind::invalid_state, "no transaction");
}

TEST_CASE("search: a batch writes documents added in order", "[search]") {
  // 1,000 + 7 documents: not a multiple of the batch's wake-up interval.
  Fixture fixture;
  atip::SearchBatch batch;
  for (int i = 0; i < 1007; ++i) batch.add(lawyer("l-" + std::to_string(i), {"Lan " + std::to_string(i)}));
  batch.add(lawyer("l-5", {"Mai Tran"}));  // a later document replaces an earlier one
  CHECK(batch.size() == 1008);

  fixture.database.exec("BEGIN");
  fixture.index.upsert_all(batch);
  fixture.database.exec("COMMIT");
  CHECK(batch.size() == 0);
  CHECK(fixture.database.count("search_documents") == 1007);
  CHECK(fixture.ids("1006") == std::vector<std::string>{"l-1006"});
  CHECK(fixture.ids("mai") == std::vector<std::string>{"l-5"});
  CHECK(fixture.ids("5").empty());

  // An emptied batch can be filled and written again.
  batch.add(lawyer("l-2000", {"Dara Sok"}));
  fixture.database.exec("BEGIN");
  fixture.index.upsert_all(batch);
  fixture.database.exec("COMMIT");
  CHECK(fixture.ids("dara") == std::vector<std::string>{"l-2000"});
}

TEST_CASE("search: a batch dropped unwritten writes nothing", "[search]") {
  Fixture fixture;
  {
    atip::SearchBatch batch;
    for (int i = 0; i < 500; ++i) batch.add(lawyer("l-" + std::to_string(i), {"Lan " + std::to_string(i)}));
    atip::SearchDocument invalid = lawyer("l-bad", {"Lan"});
    invalid.jurisdictions = {"Thailand"};
    batch.add(invalid);  // reported only by upsert_all, so dropping the batch is quiet
  }
  CHECK(fixture.database.count("search_documents") == 0);
}

TEST_CASE("search: missing schema is reported", "[search]") {
  TempDatabase database;
  atip::SearchIndex index(database.db());
  atip::SearchQuery query;
  query.text = "lan";
  require_error([&] { index.search(query); }, atip::ErrorKind::invalid_state, "create_schema");
}

TEST_CASE("search: index persists in the database file", "[search]") {
  TempDatabase database;
  {
    atip::SearchIndex index(database.db());
    CHECK_FALSE(index.has_schema());
    CHECK(index.create_schema());
    CHECK(index.has_schema());
    CHECK_FALSE(index.create_schema());  // idempotent
    database.exec("BEGIN");
    index.upsert(lawyer("vn-1", {"Nguyễn Văn Thành"}));
    database.exec("COMMIT");
  }
  database.close();
  database.open();

  atip::SearchIndex reopened(database.db());
  atip::SearchQuery query;
  query.text = "thanh";
  const std::vector<atip::SearchHit> hits = reopened.search(query);
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].id == "vn-1");
}

// The tables of layout 1, as an earlier atip created them, with one document.
constexpr const char* kLayout1 = R"sql(
CREATE TABLE search_documents (doc_id INTEGER PRIMARY KEY, entity_type TEXT NOT NULL, entity_id TEXT NOT NULL,
  kind TEXT NOT NULL, UNIQUE (entity_type, entity_id));
CREATE TABLE search_names (doc_id INTEGER NOT NULL, position INTEGER NOT NULL, name TEXT NOT NULL,
  tokens TEXT NOT NULL, PRIMARY KEY (doc_id, position)) WITHOUT ROWID;
CREATE TABLE search_jurisdictions (code TEXT NOT NULL, doc_id INTEGER NOT NULL, PRIMARY KEY (code, doc_id)) WITHOUT ROWID;
CREATE TABLE search_languages (tag TEXT NOT NULL, doc_id INTEGER NOT NULL, PRIMARY KEY (tag, doc_id)) WITHOUT ROWID;
CREATE VIRTUAL TABLE search_fts USING fts5 (names, texts, prefix = '2 3');
INSERT INTO search_documents VALUES (1, 'lawyer', 'old-1', '');
INSERT INTO search_names VALUES (1, 0, 'Lan Pham', 'lan pham');
INSERT INTO search_jurisdictions VALUES ('vn', 1);
INSERT INTO search_fts (rowid, names, texts) VALUES (1, 'lan pham', '');
)sql";

TEST_CASE("search: create_schema replaces an earlier layout", "[search]") {
  TempDatabase database;
  database.exec(kLayout1);
  atip::SearchIndex index(database.db());
  CHECK_FALSE(index.has_schema());

  CHECK(index.create_schema());
  CHECK(index.has_schema());
  CHECK(database.count("sqlite_schema WHERE name IN ('search_names', 'search_jurisdictions', 'search_languages')") ==
        0);
  // The replaced index is empty until the caller adds the documents again.
  CHECK(database.count("search_documents") == 0);
  atip::SearchQuery query;
  query.text = "lan";
  CHECK(index.search(query).empty());

  database.exec("BEGIN");
  atip::SearchDocument document = lawyer("old-1", {"Lan Pham"});
  document.jurisdictions = {"VN"};
  index.upsert(document);
  database.exec("COMMIT");
  query.jurisdiction = "VN";
  REQUIRE(index.search(query).size() == 1);
  CHECK(index.search(query)[0].matched_name == "Lan Pham");
}

TEST_CASE("search: a partial index counts as an earlier layout", "[search]") {
  TempDatabase database;
  {
    atip::SearchIndex index(database.db());
    REQUIRE(index.create_schema());
  }
  database.exec("DROP TABLE search_fts");
  atip::SearchIndex index(database.db());
  CHECK_FALSE(index.has_schema());
  CHECK(index.create_schema());
  CHECK(index.has_schema());
  CHECK(database.count("search_fts") == 0);
}

TEST_CASE("search: create_schema inside a transaction rolls back with it", "[search]") {
  TempDatabase database;
  database.exec(kLayout1);
  atip::SearchIndex index(database.db());
  database.exec("BEGIN");
  CHECK(index.create_schema());
  database.exec("ROLLBACK");
  CHECK_FALSE(index.has_schema());
  CHECK(database.count("search_names") == 1);
}

TEST_CASE("search: names with their tokens read back per document", "[search]") {
  Fixture fixture;
  fixture.upsert(lawyer("kh-1", {"សុខ ដារា", "Sok Dara", "Dara Sok Legal Aid"}));
  fixture.upsert(lawyer("kh-2", {"Dara"}));

  // Each hit names its own alias that matched the most query words.
  const std::vector<atip::SearchHit> hits = fixture.search("sok dara");
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].matched_name == "Sok Dara");
  const std::vector<atip::SearchHit> legal = fixture.search("dara legal");
  REQUIRE(legal.size() == 1);
  CHECK(legal[0].matched_name == "Dara Sok Legal Aid");
  const std::vector<atip::SearchHit> khmer = fixture.search("ដារា");
  REQUIRE(khmer.size() == 1);
  CHECK(khmer[0].matched_name == "សុខ ដារា");
}

TEST_CASE("search: filters see every jurisdiction and language of a document", "[search]") {
  Fixture fixture;
  atip::SearchDocument two = lawyer("l-1", {"Lan Border"});
  two.jurisdictions = {"VN", "TH-10", "vn"};
  two.languages = {"vi", "th"};
  atip::SearchDocument near = lawyer("l-2", {"Lan Near"});
  near.jurisdictions = {"VA"};
  near.languages = {"vai"};
  fixture.upsert_all({two, near});

  const auto ids = [&fixture](const std::string& jurisdiction, const std::string& language) {
    atip::SearchQuery query;
    query.text = "lan";
    query.jurisdiction = jurisdiction;
    query.language = language;
    std::vector<std::string> out;
    for (const atip::SearchHit& hit : fixture.index.search(query)) out.push_back(hit.id);
    return out;
  };
  CHECK(ids("VN", "") == std::vector<std::string>{"l-1"});
  CHECK(ids("TH", "") == std::vector<std::string>{"l-1"});
  CHECK(ids("TH-10", "th") == std::vector<std::string>{"l-1"});
  CHECK(ids("", "vi") == std::vector<std::string>{"l-1"});
  CHECK(ids("", "va").empty());  // a tag does not match a longer tag that starts with it
  CHECK(ids("", "vai") == std::vector<std::string>{"l-2"});
}
