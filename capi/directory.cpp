// Directory search over organizations, lawyers and services.
#include <string>
#include <vector>

#include "support.hpp"

using namespace atip::capi;

namespace {

/// An optional filter string: NULL means no filter, anything else must be
/// valid UTF-8.
std::string optional_text(const char* text, const char* name) {
  return text == nullptr ? std::string() : std::string(require_text(text, name));
}

atip::SearchQuery convert_query(const atip_directory_query* query) {
  require_pointer(query, "query");
  require_options_version(query->version, ATIP_DIRECTORY_QUERY_VERSION, "query");

  atip::SearchQuery converted;
  converted.text = optional_text(query->text, "query.text");
  atip::EntityType type{};
  if (convert_entity(query->entity, "query.entity", true, type)) {
    if (type != atip::EntityType::organization && type != atip::EntityType::lawyer &&
        type != atip::EntityType::service) {
      atip::fail(atip::ErrorKind::invalid_argument,
                 "query.entity: " + std::string(atip::to_string(type)) +
                     " records are not in the directory (expected ATIP_ENTITY_ANY, ORGANIZATION, LAWYER or SERVICE)");
    }
    converted.entity_type = std::string(atip::to_string(type));
  }
  converted.jurisdiction = optional_text(query->jurisdiction, "query.jurisdiction");
  converted.language = optional_text(query->language, "query.language");
  converted.limit = query->limit;
  return converted;
}

nlohmann::json hits_json(const std::vector<atip::SearchHit>& hits) {
  nlohmann::json result = nlohmann::json::array();
  for (const auto& hit : hits) {
    result.push_back({{"entity_type", hit.entity_type},
                      {"id", hit.id},
                      {"score", hit.score},
                      {"matched_name", hit.matched_name}});
  }
  return result;
}

}  // namespace

extern "C" atip_status atip_directory_search(char** out, atip_db* db, const atip_directory_query* query) {
  return guarded("atip_directory_search", db, [&] {
    require_pointer(out, "out");
    atip::Clearinghouse& clearinghouse = require_db(db);
    const atip::SearchQuery converted = convert_query(query);

    *out = copy_for_caller(result_text(hits_json(clearinghouse.search(converted))));
  });
}

extern "C" atip_status atip_directory_rebuild_index(atip_db* db) {
  return guarded("atip_directory_rebuild_index", db, [&] {
    atip::Clearinghouse& clearinghouse = require_db(db);

    clearinghouse.rebuild_search_index();
  });
}
