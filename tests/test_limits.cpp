// Every limit of atip/limits.hpp: input at the limit is accepted, input one
// over it is rejected with limit_exceeded and a message that names the field
// and the limit, and the database is left as it was.
#include <catch2/catch.hpp>

#include <sys/mman.h>

#include <string>

#include "atip/clearinghouse.hpp"
#include "atip/error.hpp"
#include "atip/limits.hpp"
#include "support.hpp"

using namespace atip;
using nlohmann::json;
using atip_test::TempDir;

namespace {

/// `count` copies of `piece`.
std::string repeat(std::string_view piece, std::size_t count) {
  std::string out;
  out.reserve(piece.size() * count);
  for (std::size_t i = 0; i < count; ++i) out += piece;
  return out;
}

json lawyer(const std::string& id) {
  return json{{"id", id},
              {"names", {"Dara Kim"}},
              {"admissions", {{{"jurisdiction", "KH"}}}},
              {"languages", {{{"tag", "km"}, {"proficiency", "native"}}}}};
}

json lawyers_document(const json& record) { return json{{"lawyers", {record}}}; }

struct Fixture {
  TempDir dir;
  std::unique_ptr<Clearinghouse> database = Clearinghouse::open(dir.file("limits.db"));
};

/// Imports `document` and requires limit_exceeded naming `field` and
/// `limit`, with the database unchanged.
void require_over_limit(Clearinghouse& database, const std::string& document, const std::string& field,
                        std::size_t limit) {
  const std::string before = database.export_json(ExportOptions{true});
  try {
    database.import_json(document);
    FAIL("input over the limit of " << limit << " was accepted");
  } catch (const Error& error) {
    INFO(error.what());
    CHECK(error.kind() == ErrorKind::limit_exceeded);
    CHECK(std::string(error.what()).find(field) != std::string::npos);
    CHECK(std::string(error.what()).find(std::to_string(limit)) != std::string::npos);
  }
  CHECK(database.export_json(ExportOptions{true}) == before);
}

}  // namespace

TEST_CASE("limits: ids up to kMaxIdBytes", "[limits]") {
  Fixture f;
  const std::string at_limit = repeat("\xE0\xB8\x81", kMaxIdBytes / 3) + repeat("i", kMaxIdBytes % 3);  // Thai ko kai

  f.database->import_json(lawyers_document(lawyer(at_limit)).dump());

  CHECK(f.database->store().exists(EntityType::lawyer, at_limit));
  require_over_limit(*f.database, lawyers_document(lawyer(at_limit + "i")).dump(), "lawyers[0].id", kMaxIdBytes);
}

TEST_CASE("limits: names up to kMaxNameBytes", "[limits]") {
  Fixture f;
  json record = lawyer("lawyer-1");
  record["names"] = {repeat("n", kMaxNameBytes)};

  f.database->import_json(lawyers_document(record).dump());

  record["id"] = "lawyer-2";
  record["names"] = {repeat("n", kMaxNameBytes + 1)};
  require_over_limit(*f.database, lawyers_document(record).dump(), "lawyers[0].names[0]", kMaxNameBytes);
  record["names"] = json::array({json{{"value", repeat("\xE1\x9E\x80", kMaxNameBytes / 3 + 1)}}});  // Khmer ka
  require_over_limit(*f.database, lawyers_document(record).dump(), "lawyers[0].names[0].value", kMaxNameBytes);
}

TEST_CASE("limits: free text up to kMaxTextBytes", "[limits]") {
  Fixture f;
  json record = lawyer("lawyer-1");
  record["notes"] = repeat("t", kMaxTextBytes);

  f.database->import_json(lawyers_document(record).dump());

  record["id"] = "lawyer-2";
  record["notes"] = repeat("t", kMaxTextBytes + 1);
  require_over_limit(*f.database, lawyers_document(record).dump(), "lawyers[0].notes", kMaxTextBytes);
}

TEST_CASE("limits: lists up to kMaxListItems", "[limits]") {
  Fixture f;
  json record = lawyer("lawyer-1");
  record["unavailable"] = json::array();
  for (std::size_t i = 0; i < kMaxListItems; ++i) record["unavailable"].push_back({{"from", "2026-01-01"}, {"to", "2026-01-02"}});

  f.database->import_json(lawyers_document(record).dump());

  record["id"] = "lawyer-2";
  record["unavailable"].push_back({{"from", "2026-01-01"}, {"to", "2026-01-02"}});
  require_over_limit(*f.database, lawyers_document(record).dump(), "lawyers[0].unavailable", kMaxListItems);
}

TEST_CASE("limits: JSON nesting up to kMaxJsonDepth", "[limits]") {
  Fixture f;
  const auto nested = [](int depth) {
    return "{\"lawyers\": " + repeat("[", static_cast<std::size_t>(depth - 1)) + repeat("]", static_cast<std::size_t>(depth - 1)) + "}";
  };

  // At the limit the document parses and fails for its content, not its depth.
  try {
    f.database->import_json(nested(kMaxJsonDepth));
    FAIL("a nested array was accepted as a lawyer");
  } catch (const Error& error) {
    CHECK(error.kind() == ErrorKind::invalid_argument);
  }
  require_over_limit(*f.database, nested(kMaxJsonDepth + 1), "document", static_cast<std::size_t>(kMaxJsonDepth));
  // Brackets inside strings are text, not nesting.
  json record = lawyer("lawyer-brackets");
  record["notes"] = repeat("[{", 500);
  f.database->import_json(lawyers_document(record).dump());
}

TEST_CASE("limits: records per collection up to kMaxDatasetRecords", "[limits]") {
  Fixture f;
  // Numbers instead of records: the count is checked before any record is read.
  const std::string document = "{\"events\": [" + repeat("0,", kMaxDatasetRecords) + "0]}";

  require_over_limit(*f.database, document, "events", kMaxDatasetRecords);
}

TEST_CASE("limits: documents up to kMaxDocumentBytes", "[limits]") {
  // Address space only: the size is checked before a byte is read, so the
  // pages are never touched (MAP_NORESERVE).
  const std::size_t size = kMaxDocumentBytes + 1;
  void* pages = mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  REQUIRE(pages != MAP_FAILED);

  try {
    parse_json_text(std::string_view(static_cast<const char*>(pages), size));
    FAIL("a document over the size limit was parsed");
  } catch (const Error& error) {
    INFO(error.what());
    CHECK(error.kind() == ErrorKind::limit_exceeded);
    CHECK(std::string(error.what()).find(std::to_string(kMaxDocumentBytes)) != std::string::npos);
  }
  munmap(pages, size);
}

TEST_CASE("limits: dates from kMinDateYear to kMaxDateYear", "[limits]") {
  const std::string first = std::to_string(kMinDateYear) + "-01-01";
  const std::string last = std::to_string(kMaxDateYear) + "-12-31";

  CHECK(Date::parse(first, "date").to_string() == first);
  CHECK(Date::parse(last, "date").to_string() == last);
  CHECK_THROWS_AS(Date::parse(std::to_string(kMinDateYear - 1) + "-12-31", "date"), Error);
  CHECK_THROWS_AS(Date::parse(std::to_string(kMaxDateYear + 1) + "-01-01", "date"), Error);
}

TEST_CASE("limits: search queries up to kMaxSearchQueryBytes, kMaxSearchQueryWords and kMaxSearchHits",
          "[limits]") {
  Fixture f;
  SearchQuery query;
  const auto rejects = [&](ErrorKind kind, std::size_t limit) {
    INFO("limit " << limit);
    try {
      f.database->search(query);
      FAIL("the query was accepted");
    } catch (const Error& error) {
      INFO(error.what());
      CHECK(error.kind() == kind);
      CHECK(std::string(error.what()).find(std::to_string(limit)) != std::string::npos);
    }
  };

  query.text = repeat("a", kMaxSearchQueryBytes);
  CHECK_NOTHROW(f.database->search(query));
  query.text += "a";
  rejects(ErrorKind::limit_exceeded, kMaxSearchQueryBytes);

  // Distinct words: a repeated word counts once.
  query.text.clear();
  for (std::size_t i = 0; i < kMaxSearchQueryWords; ++i) query.text += "word" + std::to_string(i) + " ";
  CHECK_NOTHROW(f.database->search(query));
  query.text += "one_more";
  rejects(ErrorKind::limit_exceeded, kMaxSearchQueryWords);

  query.text = "";
  query.limit = kMaxSearchHits;
  CHECK_NOTHROW(f.database->search(query));
  query.limit = kMaxSearchHits + 1;
  rejects(ErrorKind::invalid_argument, kMaxSearchHits);
}
