// The shared bad-input table (tests/data/bad_input.json) through the C ABI:
// each bad row returns the status of its error kind with a message naming
// the field, and the database exports byte for byte as before. A C++ driver
// only because it reads the table with nlohmann/json; every call under test
// is a C function from atip.h.
#include <atip/atip.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

using nlohmann::json;

namespace {

const std::map<std::string, atip_status> kStatusOfKind = {
    {"invalid_argument", ATIP_E_INVALID_ARGUMENT}, {"not_found", ATIP_E_NOT_FOUND},
    {"already_exists", ATIP_E_ALREADY_EXISTS},     {"constraint", ATIP_E_CONSTRAINT},
    {"invalid_state", ATIP_E_INVALID_STATE},       {"busy", ATIP_E_BUSY},
    {"io", ATIP_E_IO},                             {"schema_version", ATIP_E_SCHEMA_VERSION},
    {"limit_exceeded", ATIP_E_LIMIT_EXCEEDED},     {"integrity", ATIP_E_INTEGRITY},
    {"no_memory", ATIP_E_NO_MEMORY},               {"internal", ATIP_E_INTERNAL}};

std::string expand(const json& substitution) {
  if (substitution.contains("hex")) {
    const std::string hex = substitution.at("hex").get<std::string>();
    std::string bytes;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
      bytes.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    }
    return bytes;
  }
  std::string out;
  for (int i = 0; i < substitution.at("times").get<int>(); ++i) out += substitution.at("repeat").get<std::string>();
  return out;
}

/// Builds the bytes a row hands to the import. A raw NUL ends the C string there.
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

std::string export_all(atip_db* db) {
  atip_export_options options = ATIP_EXPORT_OPTIONS_INIT;
  options.include_confidential = 1;
  char* text = nullptr;
  if (atip_db_export_json(&text, db, &options) != ATIP_OK) return "export failed: " + std::string(atip_error_last_message());
  std::string copy(text);
  atip_free(text);
  return copy;
}

/// Returns an empty string when the row behaves as the table expects.
std::string check_row(const json& table, const json& row) {
  atip_db* db = nullptr;
  if (atip_db_open(&db, ":memory:", nullptr) != ATIP_OK) return "open failed";
  char* report = nullptr;
  if (atip_db_import_json(&report, db, table.at("base").dump().c_str()) != ATIP_OK) {
    atip_db_close(db);
    return "base import failed";
  }
  atip_free(report);
  report = nullptr;
  const std::string before = export_all(db);

  const json& expect = row.at("expect");
  const std::string document = document_of(row);
  const atip_status status = atip_db_import_json(&report, db, document.c_str());
  const std::string message = atip_error_last_message();
  std::string problem;
  if (expect.contains("ok")) {
    if (status != ATIP_OK) problem = "expected success, got " + message;
    atip_free(report);
  } else {
    const atip_status expected = kStatusOfKind.at(expect.at("error").get<std::string>());
    const bool raw_nul = document.find('\0') != std::string::npos;
    if (status != (raw_nul ? ATIP_E_INVALID_ARGUMENT : expected)) problem = "status " + std::to_string(status);
    if (report != nullptr) problem += "; output written on failure";
    if (!raw_nul && message.find(expect.at("field").get<std::string>()) == std::string::npos) {
      problem += "; message does not name the field: " + message;
    }
    if (export_all(db) != before) problem += "; database changed";
  }
  atip_db_close(db);
  return problem;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s BAD_INPUT_JSON\n", argv[0]);
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  const json table = json::parse(text.str());

  int failures = 0;
  for (const json& row : table.at("rows")) {
    const std::string problem = check_row(table, row);
    if (problem.empty()) continue;
    ++failures;
    std::fprintf(stderr, "%s: %s\n", row.at("name").get<std::string>().c_str(), problem.c_str());
  }
  std::printf("%zu rows, %d failed\n", table.at("rows").size(), failures);
  return failures == 0 ? 0 : 1;
}
