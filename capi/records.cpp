// One record at a time, as JSON in the data-set schema.
#include <string>
#include <vector>

#include "support.hpp"

using namespace atip::capi;

namespace {

atip::ListOptions convert_list_options(const atip_list_options* options) {
  atip::ListOptions converted;
  if (options == nullptr) return converted;
  require_options_version(options->version, ATIP_LIST_OPTIONS_VERSION, "options");
  converted.limit = options->limit;
  converted.offset = options->offset;
  return converted;
}

atip::ExportOptions list_export_options(const atip_list_options* options) {
  atip::ExportOptions converted;
  if (options != nullptr) converted.include_confidential = options->include_confidential != 0;
  return converted;
}

}  // namespace

extern "C" atip_status atip_record_add(char** out, atip_db* db, atip_entity entity, const char* record_json) {
  return guarded("atip_record_add", db, [&] {
    require_pointer(out, "out");
    atip::Clearinghouse& clearinghouse = require_db(db);
    const atip::EntityType type = require_entity(entity, "entity");
    const nlohmann::json record = require_json(record_json, "record_json");

    const std::string id = clearinghouse.add(type, record);
    // NOTE: the record has committed here; a failed copy of the id
    // (ATIP_E_NO_MEMORY) leaves it in the database.
    *out = copy_for_caller(id);
  });
}

extern "C" atip_status atip_record_get(char** out, atip_db* db, atip_entity entity, const char* id,
                                       const atip_export_options* options) {
  return guarded("atip_record_get", db, [&] {
    require_pointer(out, "out");
    atip::Clearinghouse& clearinghouse = require_db(db);
    const atip::EntityType type = require_entity(entity, "entity");
    const std::string key = require_id(id, "id");
    const atip::ExportOptions converted = convert_export_options(options, "options");

    *out = copy_for_caller(result_text(clearinghouse.get(type, key, converted)));
  });
}

extern "C" atip_status atip_record_update(atip_db* db, atip_entity entity, const char* record_json) {
  return guarded("atip_record_update", db, [&] {
    atip::Clearinghouse& clearinghouse = require_db(db);
    const atip::EntityType type = require_entity(entity, "entity");
    const nlohmann::json record = require_json(record_json, "record_json");

    clearinghouse.update(type, record);
  });
}

extern "C" atip_status atip_record_remove(atip_db* db, atip_entity entity, const char* id) {
  return guarded("atip_record_remove", db, [&] {
    atip::Clearinghouse& clearinghouse = require_db(db);
    const atip::EntityType type = require_entity(entity, "entity");
    const std::string key = require_id(id, "id");

    clearinghouse.remove(type, key);
  });
}

extern "C" atip_status atip_record_list(char** out, atip_db* db, atip_entity entity,
                                        const atip_list_options* options) {
  return guarded("atip_record_list", db, [&] {
    require_pointer(out, "out");
    atip::Clearinghouse& clearinghouse = require_db(db);
    const atip::EntityType type = require_entity(entity, "entity");
    const atip::ListOptions list_options = convert_list_options(options);

    const std::vector<nlohmann::json> records = clearinghouse.list(type, list_options, list_export_options(options));
    *out = copy_for_caller(result_text(nlohmann::json(records)));
  });
}
