// Search documents built from stored records.
#include "clearinghouse/clearinghouse_impl.hpp"

namespace atip {
inline namespace v1 {

namespace {

using nlohmann::json;

void add_names(const json& record, std::vector<std::string>& names) {
  if (!record.contains("names")) return;
  for (const auto& name : record["names"]) names.push_back(name.at("value").get<std::string>());
}

void add_string(const json& record, const char* key, std::vector<std::string>& out) {
  if (record.contains(key)) out.push_back(record[key].get<std::string>());
}

void add_strings(const json& record, const char* key, std::vector<std::string>& out) {
  if (!record.contains(key)) return;
  for (const auto& item : record[key]) out.push_back(item.get<std::string>());
}

void add_area_names(const std::vector<std::string>& codes, const std::map<std::string, std::string>& area_names,
                    std::vector<std::string>& texts) {
  for (const auto& code : codes) {
    const auto found = area_names.find(code);
    if (found != area_names.end()) texts.push_back(found->second);
  }
}

}  // namespace

bool make_search_document(EntityType type, const json& record, const std::map<std::string, std::string>& area_names,
                          SearchDocument& out) {
  out = SearchDocument{};
  out.id = record.at("id").get<std::string>();
  add_names(record, out.names);
  switch (type) {
    case EntityType::organization:
      out.entity_type = "organization";
      out.kind = record.at("kind").get<std::string>();
      add_strings(record, "jurisdictions", out.jurisdictions);
      add_string(record, "notes", out.texts);
      return true;
    case EntityType::lawyer: {
      out.entity_type = "lawyer";
      if (record.contains("admissions")) {
        for (const auto& admission : record["admissions"]) out.jurisdictions.push_back(admission.at("jurisdiction"));
      }
      if (record.contains("languages")) {
        for (const auto& language : record["languages"]) out.languages.push_back(language.at("tag"));
      }
      std::vector<std::string> codes;
      if (record.contains("practice_areas")) {
        for (const auto& area : record["practice_areas"]) codes.push_back(area.at("code"));
      }
      add_area_names(codes, area_names, out.texts);
      return true;
    }
    case EntityType::service: {
      out.entity_type = "service";
      add_string(record, "jurisdiction", out.jurisdictions);
      add_strings(record, "languages", out.languages);
      add_string(record, "description", out.texts);
      add_string(record, "eligibility", out.texts);
      add_string(record, "location", out.texts);
      std::vector<std::string> codes;
      add_strings(record, "practice_areas", codes);
      add_area_names(codes, area_names, out.texts);
      return true;
    }
    default:
      return false;
  }
}

}  // namespace v1
}  // namespace atip
