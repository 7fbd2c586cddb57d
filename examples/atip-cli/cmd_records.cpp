// Subcommands over records: init, import, export, show, search.
#include <filesystem>
#include <iostream>
#include <set>

#include "atip/error.hpp"
#include "cli.hpp"
#include "records_view.hpp"

namespace atip_cli {

namespace fs = std::filesystem;

namespace {

// --- init -------------------------------------------------------------------------

int run_init(const Args& args, Output& output) {
  const std::string path = database_path(args);
  std::error_code error;
  if (fs::exists(path, error)) {
    throw CliError(kExitConflict, "database \"" + path +
                                      "\" already exists (keep using it, or pass --db with a new file name)");
  }
  auto clearinghouse = open_or_create(path);
  const auto jurisdictions = clearinghouse->list(atip::EntityType::jurisdiction).size();
  const auto practice_areas = clearinghouse->list(atip::EntityType::practice_area).size();

  if (output.json()) {
    output.print_json({{"database", path}, {"jurisdictions", jurisdictions}, {"practice_areas", practice_areas}});
    return kExitOk;
  }
  output.out() << "Created " << path << " with the reference data: " << jurisdictions << " jurisdictions and "
               << practice_areas << " practice areas.\n"
               << "Next: atip import FILE.json --db " << path << "\n";
  return kExitOk;
}

// --- import -----------------------------------------------------------------------

// Removes a database file this run created when the import into it fails,
// so a failed first import leaves no empty database behind.
class CreatedFileGuard {
 public:
  explicit CreatedFileGuard(std::string path) : path_(std::move(path)) {}
  ~CreatedFileGuard() {
    if (path_.empty()) return;
    std::error_code ignored;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(path_ + suffix, ignored);
  }
  void keep() { path_.clear(); }

 private:
  std::string path_;
};

// The keys of the records of the same collection that a record refers to:
// the parent of a jurisdiction or practice area, the NGOs a firm excludes.
std::vector<std::string> same_collection_references(const nlohmann::json& record) {
  std::vector<std::string> keys;
  if (!record.is_object()) return keys;
  if (record.contains("parent") && record["parent"].is_string()) keys.push_back(record["parent"]);
  if (record.contains("exclusions") && record["exclusions"].is_object() && record["exclusions"].contains("ngos")) {
    for (const auto& id : record["exclusions"]["ngos"]) {
      if (id.is_string()) keys.push_back(id);
    }
  }
  return keys;
}

std::string record_key(const nlohmann::json& record) {
  if (!record.is_object()) return "";
  for (const char* key : {"code", "id"}) {
    if (record.contains(key) && record[key].is_string()) return record[key];
  }
  return "";
}

// Orders the records of one collection so that each comes after the records
// of the same collection it refers to. Exports list records by id, so a firm
// may come before an NGO it excludes. Records in a reference cycle, or that
// refer to a record not in the list, keep their order for the import to report.
nlohmann::json referenced_first(const nlohmann::json& records) {
  std::set<std::string> keys;
  for (const auto& record : records) keys.insert(record_key(record));
  nlohmann::json ordered = nlohmann::json::array();
  std::set<std::string> emitted;
  std::vector<bool> done(records.size(), false);
  for (bool progress = true; progress;) {
    progress = false;
    for (std::size_t i = 0; i < records.size(); ++i) {
      if (done[i]) continue;
      bool ready = true;
      for (const auto& key : same_collection_references(records[i])) {
        ready = ready && (keys.count(key) == 0 || emitted.count(key) > 0 || key == record_key(records[i]));
      }
      if (!ready) continue;
      ordered.push_back(records[i]);
      emitted.insert(record_key(records[i]));
      done[i] = progress = true;
    }
  }
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (!done[i]) ordered.push_back(records[i]);
  }
  return ordered;
}

// The document with each collection in reference order (see referenced_first).
nlohmann::json in_reference_order(nlohmann::json document) {
  if (!document.is_object()) return document;
  for (const char* collection : {"jurisdictions", "practice_areas", "organizations"}) {
    if (document.contains(collection) && document[collection].is_array()) {
      document[collection] = referenced_first(document[collection]);
    }
  }
  return document;
}

// Adds to the document the reference jurisdictions and practice areas it
// does not define itself, for an import into a new database. An export of
// another database carries the reference data, so it imports as it is, and
// the import stays one transaction.
nlohmann::json with_missing_reference_data(const nlohmann::json& document) {
  if (!document.is_object()) return document;
  const auto reference = nlohmann::json::parse(atip::Clearinghouse::open(":memory:")->export_json());
  nlohmann::json merged = document;
  for (const char* collection : {"jurisdictions", "practice_areas"}) {
    if (!reference.contains(collection)) continue;
    const nlohmann::json own = document.contains(collection) ? document[collection] : nlohmann::json::array();
    if (!own.is_array()) return document;  // the import names the bad field
    std::set<std::string> defined;
    for (const auto& record : own) {
      if (record.is_object()) defined.insert(record.value("code", std::string()));
    }
    nlohmann::json combined = nlohmann::json::array();
    for (const auto& record : reference[collection]) {
      if (defined.count(record.value("code", std::string())) == 0) combined.push_back(record);
    }
    for (const auto& record : own) combined.push_back(record);
    merged[collection] = std::move(combined);
  }
  return merged;
}

int run_import(const Args& args, Output& output) {
  const std::string file = args.positional.at(0);
  std::string text = read_input_file(file, "data set");
  // A syntax error names the file and byte before anything is opened.
  const auto document = parse_json_file(text, file);

  const std::string path = database_path(args);
  std::error_code error;
  const bool created = !fs::exists(path, error);
  CreatedFileGuard guard(created ? path : "");
  std::unique_ptr<atip::Clearinghouse> clearinghouse;
  if (created) {
    text = in_reference_order(with_missing_reference_data(document)).dump();
    clearinghouse = open_or_create(path, false);
  } else {
    text = in_reference_order(document).dump();
    clearinghouse = open_existing(args, true);
  }

  atip::ImportReport report;
  try {
    Progress progress("importing " + file);
    report = clearinghouse->import_json(text);
  } catch (const atip::Error& import_error) {
    clearinghouse.reset();
    throw CliError(exit_code_for(import_error.kind()),
                   "import of \"" + file + "\" failed, nothing was written: " + one_line(import_error.what()));
  }
  guard.keep();

  if (output.json()) {
    auto summary = atip::to_json(report);
    summary["database"] = path;
    summary["created"] = created;
    output.print_json(summary);
    return kExitOk;
  }
  output.out() << "Imported " << report.total() << " records from " << file << " into " << path
               << (created ? " (new database)" : "") << ".\n\n";
  Table table({"collection", "records"}, {Table::Align::left, Table::Align::right});
  for (const auto& [collection, count] : report.counts) {
    if (count > 0) table.add({collection, std::to_string(count)});
  }
  table.print(output.out());
  if (!report.zawgyi_converted.empty()) {
    output.out() << "\n" << report.zawgyi_converted.size()
                 << " Burmese fields were typed in Zawgyi and were converted to Unicode:\n";
    for (const auto& field : report.zawgyi_converted) output.out() << "  " << field << "\n";
  }
  return kExitOk;
}

// --- export -----------------------------------------------------------------------

int run_export(const Args& args, Output& output) {
  const std::string target = args.positional.empty() ? "-" : args.positional[0];
  auto clearinghouse = open_existing(args, false);
  atip::ExportOptions options;
  options.include_confidential = args.flag("include-confidential");

  std::string text;
  {
    Progress progress("exporting");
    text = clearinghouse->export_json(options);
  }
  write_output_file(target, text);
  if (target != "-") {
    const auto document = nlohmann::json::parse(text);
    std::size_t records = 0;
    for (const auto& [key, value] : document.items()) {
      if (value.is_array()) records += value.size();
    }
    if (output.json()) {
      output.print_json({{"file", target}, {"records", records}, {"confidential", options.include_confidential}});
    } else {
      output.out() << "Exported " << records << " records to " << target
                   << (options.include_confidential ? " (with confidential fields)." : ".") << "\n";
    }
  }
  return kExitOk;
}

// --- show -------------------------------------------------------------------------

struct FoundRecord {
  atip::EntityType type;
  nlohmann::json record;
};

std::vector<FoundRecord> find_by_id(const atip::Clearinghouse& clearinghouse, const std::string& id,
                                    const atip::ExportOptions& options) {
  std::vector<FoundRecord> found;
  for (const auto type : atip::all_entity_types()) {
    try {
      found.push_back({type, clearinghouse.get(type, id, options)});
    } catch (const atip::Error& error) {
      if (error.kind() != atip::ErrorKind::not_found) throw;
    }
  }
  return found;
}

atip::EntityType parse_type_argument(const std::string& text) {
  std::string normalised = text;
  for (auto& c : normalised) {
    if (c == '-') c = '_';
  }
  if (normalised == "org") normalised = "organization";
  try {
    return atip::parse_entity_type(normalised, "TYPE");
  } catch (const atip::Error&) {
    throw CliError(kExitUsage, "\"" + text +
                                   "\" is not a record type (expected one of: jurisdiction, practice_area, "
                                   "organization, lawyer, matter, engagement, event, service)");
  }
}

int run_show(const Args& args, Output& output) {
  const bool typed = args.positional.size() == 2;
  const std::string id = args.positional.back();
  auto clearinghouse = open_existing(args, false);
  atip::ExportOptions options;
  options.include_confidential = args.flag("include-confidential");

  std::vector<FoundRecord> found;
  if (typed) {
    const auto type = parse_type_argument(args.positional[0]);
    try {
      found.push_back({type, clearinghouse->get(type, id, options)});
    } catch (const atip::Error& error) {
      if (error.kind() != atip::ErrorKind::not_found) throw;
    }
  } else {
    found = find_by_id(*clearinghouse, id, options);
  }

  if (found.empty()) {
    throw CliError(kExitNotFound, "no " + (typed ? args.positional[0] : std::string("record")) + " has the id \"" +
                                      id + "\" (find ids with `atip search TEXT`)");
  }
  if (found.size() > 1) {
    std::string types;
    for (const auto& record : found) types += (types.empty() ? "" : ", ") + std::string(atip::to_string(record.type));
    throw CliError(kExitUsage, "the id \"" + id + "\" belongs to several records (" + types +
                                   "); give the type: atip show TYPE " + id);
  }

  const auto& record = found.front();
  if (output.json()) {
    output.print_json({{"type", atip::to_string(record.type)}, {"record", record.record}});
    return kExitOk;
  }
  print_record(output.out(), record.type, record.record);
  return kExitOk;
}

// --- search -----------------------------------------------------------------------

int run_search(const Args& args, Output& output) {
  atip::SearchQuery query;
  query.text = args.positional.empty() ? "" : args.positional[0];
  if (const auto type = args.value("type")) query.entity_type = std::string(atip::to_string(parse_type_argument(*type)));
  query.jurisdiction = args.value("jurisdiction").value_or("");
  query.language = args.value("language").value_or("");
  query.limit = args.count("limit", 20, 1, 1000);
  auto clearinghouse = open_existing(args, false);

  std::vector<atip::SearchHit> hits;
  try {
    hits = clearinghouse->search(query);
  } catch (const atip::Error& error) {
    throw CliError(exit_code_for(error.kind()), "search failed: " + one_line(error.what()));
  }

  nlohmann::json rows = nlohmann::json::array();
  for (const auto& hit : hits) {
    const auto type = atip::parse_entity_type(hit.entity_type, "entity_type");
    const auto record = clearinghouse->get(type, hit.id);
    rows.push_back({{"type", hit.entity_type}, {"id", hit.id}, {"name", display_name(record)},
                    {"matched_name", hit.matched_name}, {"score", hit.score}});
  }
  if (output.json()) {
    output.print_json({{"query", query.text}, {"hits", rows}});
    return kExitOk;
  }
  if (rows.empty()) {
    output.out() << "No organization, lawyer or service matches \"" << query.text << "\".\n";
    return kExitOk;
  }
  output.out() << rows.size() << (rows.size() == 1 ? " result" : " results") << " for \"" << query.text
               << "\", best first:\n\n";
  Table table({"type", "id", "name", "matched name", "score"},
              {Table::Align::left, Table::Align::left, Table::Align::left, Table::Align::left, Table::Align::right});
  for (const auto& row : rows) {
    const std::string matched = row["matched_name"] == row["name"] ? "" : row["matched_name"].get<std::string>();
    table.add({row["type"], row["id"], truncate_to_width(row["name"], 48), truncate_to_width(matched, 36),
               format_score(row["score"].get<double>())});
  }
  table.print(output.out());
  return kExitOk;
}

}  // namespace

std::vector<CommandSpec> record_commands() {
  const OptionSpec confidential{"include-confidential", "",
                                "include confidential matter fields (facts, client reference, client profile)"};
  return {
      {"init", "", "create a new database with the reference jurisdictions and practice areas",
       "Creates the database file with the reference data (jurisdictions with their admission rules and court "
       "languages, and the ATIP practice-area taxonomy). Fails when the file exists.",
       {}, 0, 0, run_init},
      {"import", "FILE", "import a data-set JSON document (\"-\" reads stdin)",
       "Validates the whole document and writes it in one transaction: on any error nothing is written. Creates "
       "the database, with the reference data, when it does not exist. The format is in docs/data-format.md.",
       {}, 1, 1, run_import},
      {"export", "[FILE]", "write the database as a data-set JSON document (stdout by default)",
       "Writes canonical JSON: export, import into an empty database and export again give the same bytes. "
       "Confidential matter fields are left out unless --include-confidential is given.",
       {confidential}, 0, 1, run_export},
      {"show", "[TYPE] ID", "show one record of any type",
       "TYPE is one of jurisdiction, practice_area, organization, lawyer, matter, engagement, event, service; "
       "without it every type is searched for ID.",
       {confidential}, 1, 2, run_show},
      {"search", "[TEXT]", "search organizations, lawyers and services by name or text, in any script",
       "Finds names typed without diacritics, in another romanisation, or in Zawgyi. Without TEXT it lists the "
       "records that pass the filters.",
       {{"type", "TYPE", "only organization, lawyer or service records"},
        {"jurisdiction", "CODE", "only records listed for this jurisdiction (TH also matches TH-10)"},
        {"language", "TAG", "only records with this language (zh matches zh-Hant)"},
        {"limit", "N", "at most N results, 1-1000 (default 20)"}},
       0, 1, run_search},
  };
}

}  // namespace atip_cli
