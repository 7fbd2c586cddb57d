// The bad-input table (tests/data/bad_input.json) against the C++ import:
// every row is a clear error naming the field, and the database is byte for
// byte what it was before. The C ABI and Python suites run the same table.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <functional>
#include <sstream>

#include <sqlite3.h>

#include "atip/clearinghouse.hpp"
#include "atip/error.hpp"
#include "atip/text.hpp"
#include "support.hpp"

using namespace atip;
using nlohmann::json;
using atip_test::TempDir;

namespace {

const ExportOptions kEverything{.include_confidential = true};

json load_table() {
  std::ifstream in(std::string(ATIP_TEST_DATA_DIR) + "/bad_input.json", std::ios::binary);
  REQUIRE(in.good());
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

std::string hex_bytes(const std::string& hex) {
  std::string bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return bytes;
}

std::string expand(const json& substitution) {
  if (substitution.contains("hex")) return hex_bytes(substitution.at("hex").get<std::string>());
  std::string out;
  const auto piece = substitution.at("repeat").get<std::string>();
  for (int i = 0; i < substitution.at("times").get<int>(); ++i) out += piece;
  return out;
}

/// The exact bytes a row hands to the import (see "about" in the table).
std::string document_of(const json& row) {
  if (row.contains("document")) return row.at("document").dump();
  std::string text = row.at("document_text").get<std::string>();
  if (!row.contains("substitutions")) return text;
  for (const auto& [placeholder, substitution] : row.at("substitutions").items()) {
    const std::string replacement = expand(substitution);
    for (auto at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder, at + replacement.size())) {
      text.replace(at, placeholder.size(), replacement);
    }
  }
  return text;
}

std::unique_ptr<Clearinghouse> open_with_base(const std::string& path, const json& table) {
  auto database = Clearinghouse::open(path);
  database->import_json(table.at("base").dump());
  return database;
}

std::string integrity_check(Clearinghouse& database) {
  sqlite3_stmt* statement = nullptr;
  REQUIRE(sqlite3_prepare_v2(database.store().native_handle(), "PRAGMA integrity_check", -1, &statement, nullptr) ==
          SQLITE_OK);
  REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
  std::string result(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
  sqlite3_finalize(statement);
  return result;
}

/// Calls `visit` with every string value inside `value`.
void each_string(const json& value, const std::function<void(const std::string&)>& visit) {
  if (value.is_string()) {
    visit(value.get<std::string>());
  } else if (value.is_structured()) {
    for (const auto& item : value) each_string(item, visit);
  }
}

bool appears_in_a_string(const json& document, const std::string& needle) {
  bool found = false;
  each_string(document, [&](const std::string& text) { found = found || text.find(needle) != std::string::npos; });
  return found;
}

void check_rejected(Clearinghouse& database, const json& row, const std::string& before) {
  const json& expect = row.at("expect");
  INFO("row " << row.at("name").get<std::string>() << ": " << row.at("about").get<std::string>());
  try {
    database.import_json(document_of(row));
    FAIL("the import was accepted");
  } catch (const Error& error) {
    const std::string message = error.what();
    INFO("message: " << message);
    CHECK(error_kind_name(error.kind()) == expect.at("error").get<std::string>());
    CHECK(text::is_valid_utf8(message));
    CHECK(message.find(expect.at("field").get<std::string>()) != std::string::npos);
    for (const auto& mention : expect.value("mentions", json::array())) {
      CHECK(message.find(mention.get<std::string>()) != std::string::npos);
    }
  }
  CHECK(database.export_json(kEverything) == before);
}

void check_accepted(const std::string& path, const json& table, const json& row) {
  INFO("row " << row.at("name").get<std::string>() << ": " << row.at("about").get<std::string>());
  auto database = open_with_base(path, table);
  const json before = json::parse(database->export_json(kEverything));

  const ImportReport report = database->import_json(document_of(row));

  const json& expect = row.at("expect");
  CHECK(report.total() == expect.at("records").get<std::size_t>());
  const json after = json::parse(database->export_json(kEverything));
  for (const auto& verbatim : expect.at("verbatim")) {
    INFO("stored verbatim: " << verbatim.get<std::string>());
    CHECK(appears_in_a_string(after, verbatim.get<std::string>()));
  }
  // Every record that was there before is still there, unchanged.
  for (const auto& [collection, records] : before.items()) {
    if (!records.is_array()) continue;
    for (const auto& record : records) {
      const auto& now = after.at(collection);
      CHECK(std::find(now.begin(), now.end(), record) != now.end());
    }
  }
  CHECK(integrity_check(*database) == "ok");
}

}  // namespace

TEST_CASE("bad input: every row of the table fails clearly and changes nothing", "[bad_input]") {
  const json table = load_table();
  TempDir dir;
  // One database for all rejected rows: a failed import that left a trace
  // would show in every later comparison too.
  auto database = open_with_base(dir.file("rejects.db"), table);
  const std::string before = database->export_json(kEverything);
  std::size_t rejected = 0;

  for (const auto& row : table.at("rows")) {
    if (!row.at("expect").contains("error")) continue;
    DYNAMIC_SECTION(row.at("name").get<std::string>()) { check_rejected(*database, row, before); }
    ++rejected;
  }

  CHECK(rejected >= 100);
  CHECK(integrity_check(*database) == "ok");
}

TEST_CASE("bad input: SQL metacharacters are stored as data", "[bad_input]") {
  const json table = load_table();
  TempDir dir;
  std::size_t accepted = 0;

  for (const auto& row : table.at("rows")) {
    if (!row.at("expect").contains("ok")) continue;
    check_accepted(dir.file("accepted-" + std::to_string(accepted) + ".db"), table, row);
    ++accepted;
  }

  CHECK(accepted >= 1);
}

TEST_CASE("bad input: search text with SQL and FTS5 syntax is plain text", "[bad_input]") {
  const json table = load_table();
  TempDir dir;
  auto database = open_with_base(dir.file("search.db"), table);
  const json* sql_row = nullptr;
  for (const auto& row : table.at("rows")) {
    if (row.at("name") == "sql_metacharacters_everywhere") sql_row = &row;
  }
  REQUIRE(sql_row != nullptr);
  database->import_json(document_of(*sql_row));
  const std::string before = database->export_json(kEverything);

  for (const auto& verbatim : sql_row->at("expect").at("verbatim")) {
    SearchQuery query;
    query.text = verbatim.get<std::string>();
    INFO("query: " << query.text);
    CHECK_NOTHROW(database->search(query));
    query.text += " \"unbalanced ( NEAR/3 ^ -";
    CHECK_NOTHROW(database->search(query));
  }
  SearchQuery by_name;  // the organization named "x' || (SELECT sql FROM sqlite_master) || '"
  by_name.text = "SELECT sql FROM sqlite_master";
  CHECK_FALSE(database->search(by_name).empty());

  CHECK(database->export_json(kEverything) == before);
}
