// libFuzzer target: a data-set document imported with
// Clearinghouse::import_json into an in-memory database.
//
// Checks, besides "no crash, no sanitizer report":
// - a rejected document fails with one of the error kinds the import
//   documents, with a message, and leaves the database byte for byte as it
//   was (the export is compared with the one taken before);
// - an accepted document round-trips: its export, imported into an empty
//   database, exports to the same bytes.
#include <cstdint>
#include <memory>
#include <string>

#include "atip/clearinghouse.hpp"
#include "atip/error.hpp"
#include "fuzz_support.hpp"

namespace {

using atip::Clearinghouse;
using atip::ErrorKind;
using atip_fuzz::require;

const atip::ExportOptions kEverything{.include_confidential = true};

std::unique_ptr<Clearinghouse> open_database(bool with_reference_data) {
  atip::OpenOptions options;
  options.load_reference_data = with_reference_data;
  return Clearinghouse::open(":memory:", options);
}

/// The error kinds an import may answer for bad input on a private in-memory
/// database; anything else (internal, io, ...) is a finding.
bool documented_import_error(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::invalid_argument:
    case ErrorKind::already_exists:
    case ErrorKind::constraint:
    case ErrorKind::limit_exceeded:
    case ErrorKind::schema_version:
      return true;
    default:
      return false;
  }
}

/// One database with the reference data, reused across inputs while they
/// are rejected (most are), and replaced after an accepted one.
struct Session {
  std::unique_ptr<Clearinghouse> database = open_database(true);
  std::string baseline = database->export_json(kEverything);
};

void check_round_trip(const std::string& exported) {
  auto copy = open_database(false);
  try {
    copy->import_json(exported);
  } catch (const atip::Error& error) {
    std::fprintf(stderr, "re-import of an export failed: %s\n", error.what());
    require(false, "an export does not import into an empty database");
  }
  require(copy->export_json(kEverything) == exported, "export -> import -> export changed the document");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Session session;
  try {
    session.database->import_json(atip_fuzz::as_text(data, size));
  } catch (const atip::Error& error) {
    atip_fuzz::require_good_message(error.what());
    if (!documented_import_error(error.kind())) {
      std::fprintf(stderr, "import failed with %s: %s\n", std::string(atip::error_kind_name(error.kind())).c_str(),
                   error.what());
      require(false, "import failed with an undocumented error kind");
    }
    require(session.database->export_json(kEverything) == session.baseline, "a failed import changed the database");
    return 0;
  }
  check_round_trip(session.database->export_json(kEverything));
  session = Session{};
  return 0;
}
