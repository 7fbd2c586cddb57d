// Opening and closing a database, reference data, import and export.
#include <new>
#include <optional>
#include <string>

#include "model/dataset_text.hpp"
#include "support.hpp"

using namespace atip::capi;

namespace {

/// Reads the data set of atip_db_import_json. The record-by-record reader
/// runs first. Any document it leaves or rejects goes through the
/// whole-document reader, whose messages name the `json` argument.
atip::Dataset read_import(const char* json) {
  require_pointer(json, "json");
  const std::string_view text = require_text(json, "json document");
  try {
    if (std::optional<atip::Dataset> data = atip::detail::read_dataset_by_record(text)) return std::move(*data);
  } catch (...) {
    // The whole-document reader below reports the error in its own words.
  }
  return atip::dataset_from_json(require_json(json, "json"));
}

/// Copies the audit key into a byte string. AuditLog checks its length (16 to 64 bytes).
std::string convert_audit_key(const atip_open_options& options) {
  if (options.audit_key == nullptr) {
    if (options.audit_key_length != 0) {
      atip::fail(atip::ErrorKind::invalid_argument, "options.audit_key_length: " +
                                                        std::to_string(options.audit_key_length) +
                                                        " must be 0 when options.audit_key is NULL");
    }
    return {};
  }
  if (options.audit_key_length == 0) {
    atip::fail(atip::ErrorKind::invalid_argument,
               "options.audit_key_length: 0 is out of range (expected 16-64 bytes, or a NULL audit_key)");
  }
  return std::string(reinterpret_cast<const char*>(options.audit_key), options.audit_key_length);
}

int convert_reminder_days(const atip_open_options& options) {
  const int days = options.conflict_check_reminder_days;
  if (days < 1 || days > 90) {
    atip::fail(atip::ErrorKind::invalid_argument, "options.conflict_check_reminder_days: " + std::to_string(days) +
                                                      " is out of range (expected 1-90)");
  }
  return days;
}

atip::OpenOptions convert_open_options(const atip_open_options* options) {
  atip::OpenOptions converted;
  if (options == nullptr) return converted;
  require_options_version(options->version, ATIP_OPEN_OPTIONS_VERSION, "options");
  if (options->busy_timeout_ms < 0) {
    atip::fail(atip::ErrorKind::invalid_argument,
               "options.busy_timeout_ms: " + std::to_string(options->busy_timeout_ms) + " must be 0 or more");
  }

  converted.store.read_only = options->read_only != 0;
  converted.store.create = options->create != 0;
  converted.store.busy_timeout_ms = options->busy_timeout_ms;
  converted.load_reference_data = options->load_reference_data != 0;
  converted.audit.key = convert_audit_key(*options);
  converted.workflow.conflict_check_reminder_days = convert_reminder_days(*options);
  return converted;
}

/// Logs what an import changed: the record count, and as a warning the
/// fields whose Burmese text was converted from Zawgyi (paths only, never
/// the text, which may identify a survivor).
void log_import(const atip::ImportReport& report) {
  if (!log_enabled()) return;
  log(ATIP_LOG_INFO, "atip_db_import_json: imported " + std::to_string(report.total()) + " records");
  if (report.zawgyi_converted.empty()) return;
  std::string fields;
  for (const auto& field : report.zawgyi_converted) fields += (fields.empty() ? "" : ", ") + field;
  log(ATIP_LOG_WARNING, "atip_db_import_json: converted " + std::to_string(report.zawgyi_converted.size()) +
                            " fields from Zawgyi to Unicode: " + fields);
}

}  // namespace

extern "C" atip_status atip_db_open(atip_db** out, const char* path, const atip_open_options* options) {
  return guarded("atip_db_open", nullptr, [&] {
    require_pointer(out, "out");
    const std::string file(require_text(path, "path"));
    const atip::OpenOptions converted = convert_open_options(options);

    auto state = std::make_unique<DbState>();
    state->clearinghouse = atip::Clearinghouse::open(file, converted);
    if (log_enabled()) log(ATIP_LOG_INFO, "atip_db_open: opened " + file);
    *out = handle_of(state.release());
  });
}

extern "C" void atip_db_close(atip_db* db) {
  if (db == nullptr) return;
  DbState* state = state_of(db);
  if (log_enabled() && state->clearinghouse) {
    // Building the message may fail for lack of memory; closing must not.
    try {
      log(ATIP_LOG_INFO, "atip_db_close: closed " + state->clearinghouse->store().path());
    } catch (...) {
    }
  }
  delete state;
}

extern "C" atip_status atip_db_load_reference_data(size_t* out, atip_db* db) {
  return guarded("atip_db_load_reference_data", db, [&] {
    require_pointer(out, "out");
    atip::Clearinghouse& clearinghouse = require_db(db);

    *out = clearinghouse.load_reference_data();
  });
}

extern "C" atip_status atip_db_import_json(char** out, atip_db* db, const char* json) {
  return guarded("atip_db_import_json", db, [&] {
    require_pointer(out, "out");
    atip::Clearinghouse& clearinghouse = require_db(db);

    const atip::ImportReport report = clearinghouse.import_dataset(read_import(json));
    log_import(report);
    // NOTE: the import has committed at this point, so a failure to copy the
    // report (ATIP_E_NO_MEMORY) leaves the records in the database.
    *out = copy_for_caller(result_text(atip::to_json(report)));
  });
}

extern "C" atip_status atip_db_export_json(char** out, atip_db* db, const atip_export_options* options) {
  return guarded("atip_db_export_json", db, [&] {
    require_pointer(out, "out");
    atip::Clearinghouse& clearinghouse = require_db(db);
    const atip::ExportOptions converted = convert_export_options(options, "options");

    const std::string document = clearinghouse.export_json(converted);
    *out = copy_for_caller(document);
  });
}
