// dataset_from_json_text against the whole-document reader
// dataset_from_json(parse_json_text(text)): the same data set for every
// document it accepts and the same error message for every document it
// rejects, and the record-by-record reader (not the fallback) reads every
// regular document.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <future>
#include <iostream>
#include <optional>
#include <random>
#include <sstream>
#include <vector>

#include "atip/error.hpp"
#include "atip/limits.hpp"
#include "atip/reference_data.hpp"
#include "model/dataset_text.hpp"
#include "support.hpp"

using namespace atip;
using nlohmann::json;

namespace {

const ExportOptions kEverything{.include_confidential = true};

/// The outcome of one reader: the data set it returned or the error it threw.
struct Outcome {
  std::optional<Dataset> dataset;
  std::string message;
  std::optional<ErrorKind> kind;
};

template <typename Read>
Outcome outcome_of(Read read) {
  Outcome outcome;
  try {
    outcome.dataset = read();
  } catch (const Error& error) {
    outcome.message = error.what();
    outcome.kind = error.kind();
  }
  return outcome;
}

Outcome read_whole_document(const std::string& text) {
  return outcome_of([&] { return dataset_from_json(parse_json_text(text)); });
}

Outcome read_text(const std::string& text) {
  return outcome_of([&] { return dataset_from_json_text(text); });
}

/// Checks that the record-by-record reader itself reads `text` (no fallback)
/// and returns the data set of the whole-document reader.
void check_read_by_record(const std::string& text) {
  const Dataset expected = dataset_from_json(parse_json_text(text));
  const std::optional<Dataset> by_record = detail::read_dataset_by_record(text);

  REQUIRE(by_record.has_value());
  CHECK(to_json(*by_record, kEverything) == to_json(expected, kEverything));
  CHECK(*by_record == expected);
  CHECK(dataset_from_json_text(text) == expected);
}

/// Checks that both readers give the same outcome for `text`, whichever it is.
void check_same_outcome(const std::string& text) {
  const Outcome whole = read_whole_document(text);
  const Outcome by_text = read_text(text);

  REQUIRE(by_text.dataset.has_value() == whole.dataset.has_value());
  CHECK(by_text.message == whole.message);
  CHECK(by_text.kind == whole.kind);
  if (whole.dataset) CHECK(to_json(*by_text.dataset, kEverything) == to_json(*whole.dataset, kEverything));
}

/// Checks that the whole-document reader rejects `text` and that
/// dataset_from_json_text throws the same error. Returns the message.
std::string check_same_error(const std::string& text) {
  const Outcome whole = read_whole_document(text);
  const Outcome by_text = read_text(text);

  REQUIRE_FALSE(whole.dataset.has_value());
  CHECK_FALSE(by_text.dataset.has_value());
  CHECK(by_text.message == whole.message);
  CHECK(by_text.kind == whole.kind);
  return whole.message;
}

/// Returns `count` seeded lawyers with names, admissions, languages and practice
/// areas, the shape of a bulk lawyer import.
json make_lawyers(int count) {
  static const char* const jurisdictions[] = {"TH", "VN", "KH", "MM", "HK"};
  static const char* const languages[] = {"th", "vi", "km", "my", "yue", "en", "zh-Hant", "shn"};
  static const char* const areas[] = {"labour.wage_claims", "compensation", "prosecution", "victim_protection"};
  static const char* const given[] = {"Somchai", "Thanh", "Dara", "Aung", "Wai Man", "Malee"};
  static const char* const family[] = {"Srisuk", "Nguyễn", "Sok", "Kyaw", "Wong", "Chea"};
  std::mt19937 random(20260114);
  json lawyers = json::array();
  for (int i = 0; i < count; ++i) {
    const std::string name = std::string(given[random() % 6]) + " " + family[random() % 6] + " " + std::to_string(i);
    lawyers.push_back({
        {"id", "L-" + std::to_string(i)},
        {"names", {{{"value", name}}, {{"value", "Alias " + std::to_string(i)}, {"kind", "alias"}}}},
        {"vetted", true},
        {"max_active_matters", 1 + static_cast<int>(random() % 5)},
        {"admissions", {{{"jurisdiction", jurisdictions[random() % 5]}, {"since", "2015-06-01"}}}},
        {"languages",
         {{{"tag", languages[random() % 8]}, {"proficiency", "native"}}, {{"tag", "en"}, {"proficiency", "working"}}}},
        {"practice_areas", {{{"code", areas[random() % 4]}, {"years", static_cast<int>(random() % 20)}}}},
    });
  }
  return lawyers;
}

std::string lawyers_document(int count) {
  return json{{"format", "atip-dataset"}, {"version", 1}, {"lawyers", make_lawyers(count)}}.dump();
}

/// Returns the demo data set with the reference taxonomy added, so that all
/// eight collections have records.
json every_collection_document() {
  json document = json::parse(atip_test::read_file(std::string(ATIP_SOURCE_DIR) + "/examples/data/demo.json"));
  document["practice_areas"] = to_json(reference_dataset()).at("practice_areas");
  for (const char* key : {"jurisdictions", "practice_areas", "organizations", "lawyers", "matters", "engagements",
                          "events", "services"}) {
    REQUIRE_FALSE(document.at(key).empty());
  }
  return document;
}

/// Returns one small lawyer record as JSON text.
std::string lawyer_text(int number) {
  return R"({"id": "L-)" + std::to_string(number) +
         R"(", "names": [{"value": "Sok Dara"}], "languages": [{"tag": "km", "proficiency": "native"}]})";
}

/// Returns a document of `count` small lawyers, one per line, with record
/// `bad_index` (if any) replaced by `bad_record`.
std::string lawyers_text(int count, std::optional<int> bad_index = std::nullopt, const std::string& bad_record = "") {
  std::string text = R"({"format": "atip-dataset", "lawyers": [)";
  for (int i = 0; i < count; ++i) {
    if (i > 0) text += ",\n";
    text += (bad_index && *bad_index == i) ? bad_record : lawyer_text(i);
  }
  return text + "]}";
}

/// Returns the bytes of a row of tests/data/bad_input.json: its `document`
/// serialised, or its `document_text` with each placeholder replaced by raw
/// bytes ({"hex": ...}) or by repeated text ({"repeat": ..., "times": n}).
std::string bad_input_text(const json& row) {
  if (row.contains("document")) return row.at("document").dump();
  std::string text = row.at("document_text").get<std::string>();
  if (!row.contains("substitutions")) return text;
  for (const auto& [placeholder, substitution] : row.at("substitutions").items()) {
    std::string replacement;
    if (substitution.contains("hex")) {
      const std::string hex = substitution.at("hex").get<std::string>();
      for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
        replacement.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
      }
    } else {
      const std::string piece = substitution.at("repeat").get<std::string>();
      for (int i = 0; i < substitution.at("times").get<int>(); ++i) replacement += piece;
    }
    for (auto at = text.find(placeholder); at != std::string::npos;
         at = text.find(placeholder, at + replacement.size())) {
      text.replace(at, placeholder.size(), replacement);
    }
  }
  return text;
}

double thread_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

double process_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

double wall_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

TEST_CASE("dataset text: demo data reads record by record", "[dataset_text]") {
  const std::string text = atip_test::read_file(std::string(ATIP_SOURCE_DIR) + "/examples/data/demo.json");

  check_read_by_record(text);
  CHECK(dataset_from_json_text(text).lawyers.size() == 598);
}

TEST_CASE("dataset text: every collection in any layout", "[dataset_text]") {
  const json document = every_collection_document();

  SECTION("compact") { check_read_by_record(document.dump()); }
  SECTION("two-space indent") { check_read_by_record(document.dump(2)); }
  SECTION("tab indent") { check_read_by_record(document.dump(1, '\t')); }
  SECTION("non-ASCII bytes written as escapes") { check_read_by_record(document.dump(-1, ' ', true)); }
}

TEST_CASE("dataset text: large collections use both threads", "[dataset_text]") {
  // Over detail::kParallelThreshold records, so each collection is split.
  json document = every_collection_document();
  document["lawyers"] = make_lawyers(9000);

  check_read_by_record(document.dump());
  CHECK(dataset_from_json_text(document.dump()).lawyers.at(8999).id == "L-8999");
}

TEST_CASE("dataset text: escapes and Unicode inside records", "[dataset_text]") {
  const std::string text = R"({"format": "atip-dataset", "lawyers": [
    {"id": "L-1", "names": [{"value": "quote \" backslash \\ caf\u00e9 \ud83d\ude00"},
                            {"value": "brackets ] } [ { and , : inside", "kind": "alias"}],
     "notes": "ends in a backslash \\"},
    {"id": "L-2", "names": ["Ngô Thanh Vân", "ស៊ុន ដារ៉ា", "မောင်မောင်"],
     "notes": "tab\tnewline\nslash\/ \"]\" \"}\" \"[\" \"{\" \u005d"},
    {"id": "L-\u0033", "names": [{"value": "\\\"\\"}]}
  ]})";

  check_read_by_record(text);
  const Dataset data = dataset_from_json_text(text);
  REQUIRE(data.lawyers.size() == 3);
  CHECK(data.lawyers[0].names[0].value == "quote \" backslash \\ caf\xC3\xA9 \xF0\x9F\x98\x80");
  CHECK(data.lawyers[0].notes == "ends in a backslash \\");
  CHECK(data.lawyers[2].id == "L-3");
}

TEST_CASE("dataset text: whitespace around and between records", "[dataset_text]") {
  const std::string first = lawyer_text(1);
  const std::string second = lawyer_text(2);

  check_read_by_record("{\"lawyers\":[" + first + "," + second + "]}");
  check_read_by_record(" \r\n\t{ \"lawyers\" \t:\r\n [ \n" + first + " \r\n,\t" + second + "\n\n] \t} \r\n");
  check_read_by_record("{\"format\" : \"atip-dataset\" ,\"version\":1,\"lawyers\":[" + first + "]}");
}

TEST_CASE("dataset text: empty and missing collections", "[dataset_text]") {
  check_read_by_record("{}");
  check_read_by_record(" { } ");
  check_read_by_record(R"({"format": "atip-dataset", "version": 1})");
  check_read_by_record(R"({"lawyers": [], "matters": [ ], "events": [
  ]})");
  check_read_by_record(R"({"services": [], "lawyers": [)" + lawyer_text(1) + "]}");

  const Dataset data = dataset_from_json_text(R"({"lawyers": [ ]})");
  CHECK(data.size() == 0);
}

TEST_CASE("dataset text: nested arrays inside records", "[dataset_text]") {
  const std::string text = R"({
    "organizations": [
      {"id": "firm-1", "kind": "law_firm", "names": [{"value": "Firm"}], "jurisdictions": ["TH", "KH"],
       "conflict_register": [{"names": [{"value": "黃志明", "lang": "zh-Hant"}, "Wong Chi Ming"], "relation": "client"}],
       "exclusions": {"practice_areas": ["prosecution"], "parties": ["A", "B"]}}
    ],
    "lawyers": [
      {"id": "L-1", "names": [["not", "a", "name"]]},
      {"id": "L-2", "names": [{"value": "Dara"}],
       "unavailable": [{"from": "2026-01-01", "to": "2026-01-31"}, {"from": "2026-03-01", "to": "2026-03-02"}],
       "admissions": [{"jurisdiction": "KH"}, {"jurisdiction": "TH", "status": "active"}]}
    ]
  })";
  // Record L-1 is invalid, so this document is an error for both readers.
  check_same_error(text);

  std::string valid = text;
  valid.replace(valid.find(R"({"id": "L-1", "names": [["not", "a", "name"]]},)"),
                std::string_view(R"({"id": "L-1", "names": [["not", "a", "name"]]},)").size(), "");
  check_read_by_record(valid);
  CHECK(dataset_from_json_text(valid).lawyers.at(0).unavailable.size() == 2);
}

TEST_CASE("dataset text: malformed JSON gives the whole-document message", "[dataset_text]") {
  const std::string first = lawyer_text(1);
  const std::string second = lawyer_text(2);

  SECTION("inside a record") {
    const std::string message = check_same_error(R"({"lawyers": [{"id": "L-1" "names": []}]})");
    CHECK_THAT(message, Catch::StartsWith("document: malformed JSON at byte 33:"));
  }
  SECTION("trailing comma after the last record") {
    CHECK_THAT(check_same_error("{\"lawyers\": [" + first + ", ]}"), Catch::StartsWith("document: malformed JSON"));
  }
  SECTION("missing comma between records") {
    CHECK_THAT(check_same_error("{\"lawyers\": [" + first + " " + second + "]}"),
               Catch::StartsWith("document: malformed JSON"));
  }
  SECTION("two commas between records") {
    CHECK_THAT(check_same_error("{\"lawyers\": [" + first + ",," + second + "]}"),
               Catch::StartsWith("document: malformed JSON"));
  }
  SECTION("comma before the first record") {
    CHECK_THAT(check_same_error("{\"lawyers\": [," + first + "]}"), Catch::StartsWith("document: malformed JSON"));
  }
  SECTION("a lone comma") {
    CHECK_THAT(check_same_error("{\"lawyers\": [,]}"), Catch::StartsWith("document: malformed JSON"));
  }
  SECTION("an array closed by a brace") {
    CHECK_THAT(check_same_error("{\"lawyers\": [" + first + "}}"), Catch::StartsWith("document: malformed JSON"));
  }
  SECTION("an unclosed collection") {
    CHECK_THAT(check_same_error("{\"lawyers\": [" + first), Catch::StartsWith("document: malformed JSON"));
  }
  SECTION("text after the top-level object") {
    CHECK_THAT(check_same_error("{\"lawyers\": [" + first + "]} x"), Catch::StartsWith("document: malformed JSON"));
  }
  SECTION("a NUL byte between records") {
    // nlohmann stops at NUL, so a record parsed alone would hide what follows.
    const std::string text = "{\"lawyers\": [" + first + std::string(1, '\0') + second + " not json]}";
    CHECK_FALSE(detail::read_dataset_by_record(text).has_value());
    CHECK_THAT(check_same_error(text), Catch::StartsWith("document: "));
  }
  SECTION("missing colon after a collection key") {
    CHECK_THAT(check_same_error("{\"lawyers\" [" + first + "]}"), Catch::StartsWith("document: malformed JSON"));
  }
  SECTION("trailing comma at the top level") {
    CHECK_THAT(check_same_error("{\"lawyers\": [" + first + "],}"), Catch::StartsWith("document: malformed JSON"));
  }
  SECTION("a collection nested deeper than the limit") {
    const std::string deep = std::string(70, '[') + std::string(70, ']');
    CHECK_THAT(check_same_error("{\"lawyers\": [" + deep + "]}"), Catch::Contains("levels deep exceed the limit"));
  }
  SECTION("a number too large for a double in a record") {
    const std::string message = check_same_error(R"({"lawyers": [{"id": "L-1", "response_days": 1e400}]})");
    CHECK_THAT(message, Catch::StartsWith("document: invalid JSON:"));
  }
  SECTION("invalid UTF-8 in a record") {
    const std::string overlong_slash = "\xC0\xAF";
    CHECK_THAT(check_same_error("{\"lawyers\": [{\"id\": \"L-" + overlong_slash + "\"}]}"),
               Catch::StartsWith("document: malformed JSON"));
  }
  SECTION("an empty text") { check_same_error(""); }
  SECTION("an array at the top level") { check_same_error("[" + first + "]"); }
}

TEST_CASE("dataset text: top-level errors match the whole-document reader", "[dataset_text]") {
  const std::string first = lawyer_text(1);

  SECTION("unknown top-level key") {
    const std::string text = "{\"colour\": \"blue\", \"lawyers\": [" + first + "]}";
    CHECK(check_same_error(text) == "document: unknown field \"colour\"");
  }
  SECTION("unknown key with an array value") {
    CHECK(check_same_error("{\"lawyer\": [" + first + "]}") == "document: unknown field \"lawyer\"");
  }
  SECTION("collection that is an object") {
    CHECK_THAT(check_same_error(R"({"lawyers": {}})"), Catch::StartsWith("lawyers: expected an array"));
  }
  SECTION("collection that is a string") {
    CHECK_THAT(check_same_error(R"({"lawyers": "L-1"})"), Catch::StartsWith("lawyers: expected an array"));
  }
  SECTION("wrong format name") {
    CHECK_THAT(check_same_error(R"({"format": "other", "lawyers": []})"), Catch::StartsWith("format: \"other\""));
  }
  SECTION("newer format version") {
    const std::string text = "{\"version\": 2, \"lawyers\": [" + first + "]}";
    CHECK_THAT(check_same_error(text), Catch::StartsWith("version: data set format 2"));
    CHECK(read_text(text).kind == ErrorKind::schema_version);
  }
  SECTION("more top-level keys than a data set has") {
    std::string text = "{\"lawyers\": [" + first + "]";
    for (int i = 0; i < 40; ++i) text += ", \"key" + std::to_string(i) + "\": " + std::to_string(i);
    text += "}";
    CHECK(check_same_error(text) == "document: unknown field \"key0\"");
    CHECK_FALSE(detail::read_dataset_by_record(text).has_value());
  }
  SECTION("escaped unknown key") {
    CHECK(check_same_error(R"({"colo\u0075r": 1})") == "document: unknown field \"colour\"");
  }
}

TEST_CASE("dataset text: irregular documents fall back with the same result", "[dataset_text]") {
  const std::string first = lawyer_text(1);
  const std::string second = lawyer_text(2);
  // Each of these is valid, but its top level has a form the
  // record-by-record reader leaves to the whole-document reader.
  const std::vector<std::string> documents = {
      "{\"law\\u0079ers\": [" + first + "]}",
      "{\"lawyers\": [" + first + "], \"lawyers\": [" + second + "]}",
      "{\"format\": \"atip-dataset\", \"format\": \"atip-dataset\"}",
      "{\"lawyers\": null}",
      "\xEF\xBB\xBF{\"lawyers\": [" + first + "]}",
  };

  for (const std::string& text : documents) {
    INFO(text);
    CHECK_FALSE(detail::read_dataset_by_record(text).has_value());
    check_same_outcome(text);
  }
  // The later of two repeated keys wins, as in nlohmann::json.
  CHECK(dataset_from_json_text(documents[1]).lawyers.at(0).id == "L-2");
  CHECK(dataset_from_json_text(documents[0]).lawyers.at(0).id == "L-1");
}

TEST_CASE("dataset text: first bad record of 10,000 is named", "[dataset_text]") {
  SECTION("invalid value in the first half") {
    std::string bad = lawyer_text(2500);
    bad.replace(bad.find("\"km\""), 4, "\"xx-?\"");
    const std::string message = check_same_error(lawyers_text(10000, 2500, bad));
    CHECK_THAT(message, Catch::StartsWith("lawyers[2500].languages[0].tag: \"xx-?\""));
  }
  SECTION("invalid value in the second half") {
    std::string bad = lawyer_text(7500);
    bad.replace(bad.find("\"km\""), 4, "7");
    CHECK_THAT(check_same_error(lawyers_text(10000, 7500, bad)), Catch::StartsWith("lawyers[7500].languages[0].tag"));
  }
  SECTION("malformed record in the middle") {
    std::string bad = lawyer_text(5000);
    bad.replace(bad.find(", \"names\""), 1, "");
    CHECK_THAT(check_same_error(lawyers_text(10000, 5000, bad)), Catch::StartsWith("document: malformed JSON at byte"));
  }
  SECTION("unknown field in the last record") {
    const std::string bad = R"({"id": "L-9999", "names": ["Dara"], "colour": "blue"})";
    CHECK(check_same_error(lawyers_text(10000, 9999, bad)) == "lawyers[9999]: unknown field \"colour\"");
  }
  SECTION("no bad record") {
    const std::string text = lawyers_text(10000);
    check_read_by_record(text);
    CHECK(dataset_from_json_text(text).lawyers.size() == 10000);
  }
}

TEST_CASE("dataset text: record limit is kept", "[dataset_text]") {
  std::string text = "{\"events\": [0";
  for (std::size_t i = 0; i < kMaxDatasetRecords; ++i) text += ",0";
  text += "]}";

  CHECK(check_same_error(text) == "events: " + std::to_string(kMaxDatasetRecords + 1) +
                                      " records exceed the limit of " + std::to_string(kMaxDatasetRecords));
}

TEST_CASE("dataset text: bad-input table gives the same outcomes", "[dataset_text]") {
  // Nearly every row is a document the import must reject
  // (tests/test_bad_input.cpp runs the table against the import).
  const json table = json::parse(atip_test::read_file(std::string(ATIP_TEST_DATA_DIR) + "/bad_input.json"));
  check_read_by_record(table.at("base").dump());

  for (const json& row : table.at("rows")) {
    const std::string text = bad_input_text(row);
    INFO(row.at("name").get<std::string>());
    check_same_outcome(text);
  }
}

TEST_CASE("dataset text: random byte edits give the same outcome", "[dataset_text]") {
  // Two records of every collection, then seeded edits that mostly hit the
  // bytes the record-by-record reader cuts at: brackets, commas, colons,
  // quotes and backslashes.
  const json full = every_collection_document();
  json small = json::object();
  for (const auto& [key, value] : full.items()) {
    small[key] = value.is_array() ? json(std::vector<json>(value.begin(), value.begin() + 2)) : value;
  }
  const std::string original = small.dump(1);
  check_read_by_record(original);

  const std::string structural = "[]{},:\"\\ ";
  std::mt19937 random(20260115);
  int accepted = 0;
  int read_by_record = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text = original;
    const int edits = 1 + static_cast<int>(random() % 3);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = random() % text.size();
      switch (random() % 4) {
        case 0:
          text[at] = structural[random() % structural.size()];
          break;
        case 1:
          text.erase(at, 1);
          break;
        case 2:
          text.insert(at, 1, structural[random() % structural.size()]);
          break;
        default:
          // Move a slice, which can swap records or split one.
          const std::size_t length = std::min<std::size_t>(1 + random() % 40, text.size() - at);
          const std::string slice = text.substr(at, length);
          text.erase(at, length);
          text.insert(random() % (text.size() + 1), slice);
      }
    }
    INFO(text);
    check_same_outcome(text);

    // Whatever the record-by-record reader returns itself, the
    // whole-document reader must return too.
    std::optional<Dataset> by_record;
    try {
      by_record = detail::read_dataset_by_record(text);
    } catch (const std::exception&) {
      by_record.reset();
    }
    const Outcome whole = read_whole_document(text);
    if (whole.dataset) ++accepted;
    if (by_record) {
      ++read_by_record;
      REQUIRE(whole.dataset.has_value());
      CHECK(*by_record == *whole.dataset);
    }
  }
  // Edits inside string values and whitespace leave the document valid, so
  // some rounds must compare two data sets rather than two errors.
  CHECK(accepted > 100);
  CHECK(read_by_record > 100);
}

// Timing of both readers on 200,000 generated lawyers (about 64 MiB of
// JSON). These cases are hidden. Run each in its own process, because the
// first leaves the heap in a state that changes the second's figures:
//   test_dataset_text "dataset text: whole-document read time"
//   test_dataset_text "dataset text: record-by-record read time"
// Process CPU counts both threads, and for the whole-document read also the
// release of its DOM. "next large malloc" times one 64 KiB allocation after
// the read, which pays for glibc's consolidation of the small chunks freed
// before it.

TEST_CASE("dataset text: whole-document read time", "[.bench]") {
  const std::string text = lawyers_document(200000);
  const double wall_start = wall_seconds();
  const double cpu_start = thread_cpu_seconds();
  const double process_start = process_cpu_seconds();

  json document = parse_json_text(text);
  const Dataset data = dataset_from_json(document);
  // Clearinghouse::import_json frees the DOM on another thread like this.
  auto release = std::async(std::launch::async, [nodes = std::move(document)]() mutable { nodes = json(); });
  const double read_wall = wall_seconds() - wall_start;
  const double read_cpu = thread_cpu_seconds() - cpu_start;
  release.wait();
  const double process_cpu = process_cpu_seconds() - process_start;

  const double malloc_start = thread_cpu_seconds();
  std::vector<char> next(64 * 1024, 'x');
  const double malloc_cpu = thread_cpu_seconds() - malloc_start;

  std::cout << "whole document: " << text.size() / (1024 * 1024) << " MiB, read " << read_wall << " s wall, "
            << read_cpu << " s main-thread CPU, " << process_cpu << " s process CPU; next large malloc "
            << malloc_cpu << " s CPU\n";
  CHECK(data.lawyers.size() == 200000);
  CHECK(next.back() == 'x');
}

TEST_CASE("dataset text: record-by-record read time", "[.bench]") {
  const std::string text = lawyers_document(200000);
  const double wall_start = wall_seconds();
  const double cpu_start = thread_cpu_seconds();
  const double process_start = process_cpu_seconds();

  const Dataset data = dataset_from_json_text(text);
  const double read_wall = wall_seconds() - wall_start;
  const double read_cpu = thread_cpu_seconds() - cpu_start;
  const double process_cpu = process_cpu_seconds() - process_start;

  const double malloc_start = thread_cpu_seconds();
  std::vector<char> next(64 * 1024, 'x');
  const double malloc_cpu = thread_cpu_seconds() - malloc_start;

  std::cout << "record by record: " << text.size() / (1024 * 1024) << " MiB, read " << read_wall << " s wall, "
            << read_cpu << " s main-thread CPU, " << process_cpu << " s process CPU; next large malloc "
            << malloc_cpu << " s CPU\n";
  CHECK(data.lawyers.size() == 200000);
  CHECK(next.back() == 'x');
  CHECK(detail::read_dataset_by_record(text).has_value());
}
