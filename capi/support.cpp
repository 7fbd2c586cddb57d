// Internal support of the C ABI: the exception barrier, last-error
// recording, argument checks and copies of results for the caller.
#include "support.hpp"

#include <cstdlib>
#include <cstring>
#include <new>
#include <set>
#include <utility>
#include <vector>

#include "atip/limits.hpp"
#include "atip/model/dataset.hpp"
#include "atip/text.hpp"
#include "model/json_reader.hpp"

namespace atip::capi {

// The C status codes are the C++ error kinds, number for number.
static_assert(ATIP_E_INVALID_ARGUMENT == static_cast<int>(ErrorKind::invalid_argument));
static_assert(ATIP_E_NOT_FOUND == static_cast<int>(ErrorKind::not_found));
static_assert(ATIP_E_ALREADY_EXISTS == static_cast<int>(ErrorKind::already_exists));
static_assert(ATIP_E_CONSTRAINT == static_cast<int>(ErrorKind::constraint));
static_assert(ATIP_E_INVALID_STATE == static_cast<int>(ErrorKind::invalid_state));
static_assert(ATIP_E_BUSY == static_cast<int>(ErrorKind::busy));
static_assert(ATIP_E_IO == static_cast<int>(ErrorKind::io));
static_assert(ATIP_E_SCHEMA_VERSION == static_cast<int>(ErrorKind::schema_version));
static_assert(ATIP_E_LIMIT_EXCEEDED == static_cast<int>(ErrorKind::limit_exceeded));
static_assert(ATIP_E_INTEGRITY == static_cast<int>(ErrorKind::integrity));
static_assert(ATIP_E_NO_MEMORY == static_cast<int>(ErrorKind::no_memory));
static_assert(ATIP_E_INTERNAL == static_cast<int>(ErrorKind::internal));

namespace {

/// A SAX handler that stops at the first key that occurs twice in one JSON
/// object and keeps that object's path ("request.entry", "request.lawyers[0]")
/// in the notation of ObjectReader's messages.
class DuplicateFieldFinder final : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit DuplicateFieldFinder(std::string root_path) : root_path_(std::move(root_path)) {}

  bool found() const { return found_; }
  const std::string& object_path() const { return object_path_; }
  const std::string& key() const { return key_; }

  bool null() override { return scalar(); }
  bool boolean(bool) override { return scalar(); }
  bool number_integer(number_integer_t) override { return scalar(); }
  bool number_unsigned(number_unsigned_t) override { return scalar(); }
  bool number_float(number_float_t, const string_t&) override { return scalar(); }
  bool string(string_t&) override { return scalar(); }
  bool binary(binary_t&) override { return scalar(); }
  bool start_object(std::size_t) override { return open(true); }
  bool start_array(std::size_t) override { return open(false); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }

  bool key(string_t& name) override {
    Container& object = open_containers_.back();
    object.key = name;
    if (object.keys.insert(name).second) return true;
    found_ = true;
    object_path_ = object.path;
    key_ = name;
    return false;  // Stops the parse: one duplicate is enough to reject the request.
  }

  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

 private:
  /// An object or array being read, with what names its next child.
  struct Container {
    bool is_object = false;
    std::string path;
    std::set<std::string> keys;  ///< Keys seen so far, for objects.
    std::string key;             ///< Key of the value being read, for objects.
    std::size_t index = 0;       ///< Index of the value being read, for arrays.
  };

  std::string child_path() const {
    if (open_containers_.empty()) return root_path_;
    const Container& parent = open_containers_.back();
    return parent.is_object ? detail::join_path(parent.path, parent.key) : detail::index_path(parent.path, parent.index);
  }

  bool scalar() {
    if (!open_containers_.empty() && !open_containers_.back().is_object) ++open_containers_.back().index;
    return true;
  }

  bool open(bool is_object) {
    Container container;
    container.is_object = is_object;
    container.path = child_path();
    open_containers_.push_back(std::move(container));
    return true;
  }

  bool close() {
    open_containers_.pop_back();
    return scalar();  // The closed container was one value of its parent.
  }

  std::string root_path_;
  std::vector<Container> open_containers_;
  bool found_ = false;
  std::string object_path_;
  std::string key_;
};

/// Status and message of the exception being handled.
struct Failure {
  atip_status status;
  std::string message;
};

Failure describe_current_exception(const char* function) {
  const std::string prefix = std::string(function) + ": ";
  try {
    throw;
  } catch (const Error& error) {
    return {static_cast<atip_status>(error.kind()), prefix + error.what()};
  } catch (const std::bad_alloc&) {
    return {ATIP_E_NO_MEMORY, prefix + "out of memory"};
  } catch (const nlohmann::json::parse_error& error) {
    return {ATIP_E_INVALID_ARGUMENT, prefix + "malformed JSON: " + error.what()};
  } catch (const std::exception& error) {
    // The core reports every expected failure as atip::Error, so anything
    // else is a bug; the message keeps the exception's own text.
    return {ATIP_E_INTERNAL, prefix + "unexpected exception: " + error.what()};
  } catch (...) {
    return {ATIP_E_INTERNAL, prefix + "unexpected exception of unknown type"};
  }
}

}  // namespace

// ---------------------------------------------------------------------------
// Exception barrier

atip_status record_current_exception(const char* function, const atip_db* db) noexcept {
  Failure failure{ATIP_E_NO_MEMORY, std::string()};
  bool message_lost = false;
  try {
    failure = describe_current_exception(function);
  } catch (...) {
    // Building the message needs memory; when even that fails, the status
    // still reaches the caller with a fixed message.
    message_lost = true;
  }
  const char* message = message_lost ? kLostMessage : failure.message.c_str();

  set_thread_error(failure.status, message);
  if (db != nullptr) set_handle_error(*state_of(db), failure.status, message);
  log(failure.status == ATIP_E_INTERNAL ? ATIP_LOG_ERROR : ATIP_LOG_DEBUG, message);
  return failure.status;
}

// ---------------------------------------------------------------------------
// Argument checks

void require_pointer(const void* pointer, const char* name) {
  if (pointer == nullptr) fail(ErrorKind::invalid_argument, std::string(name) + ": must not be NULL");
}

Clearinghouse& require_db(atip_db* db) {
  require_pointer(db, "db");
  DbState* state = state_of(db);
  if (!state->clearinghouse) fail(ErrorKind::invalid_argument, "db: the handle is not open");
  return *state->clearinghouse;
}

std::string_view require_text(const char* text, const char* name) {
  require_pointer(text, name);
  const std::string_view view(text);
  // normalize() builds the detailed message (byte offset and bytes) for
  // invalid input, so it runs only when the cheap check fails.
  if (!text::is_valid_utf8(view)) text::normalize(view, name);
  return view;
}

std::string require_id(const char* id, const char* name) {
  const std::string_view view = require_text(id, name);
  detail::check_id(view, name);
  return std::string(view);
}

nlohmann::json require_json(const char* text, const char* name) {
  // A NULL argument is named like every other argument ("request_json: must
  // not be NULL"). The document label makes UTF-8 errors read "json
  // document: invalid UTF-8 at byte offset 31", like the import's other
  // document-level errors.
  require_pointer(text, name);
  const std::string label = std::string(name) + " document";
  const std::string_view view = require_text(text, label.c_str());
  try {
    // The library's parser applies the size and nesting-depth limits and
    // turns number overflow into invalid_argument.
    return parse_json_text(view);
  } catch (const Error& error) {
    fail(error.kind(), std::string(name) + ": " + error.what());
  }
}

nlohmann::json require_request_json(const char* text, const char* name) {
  nlohmann::json document = require_json(text, name);
  // The text parsed already, so it is valid JSON within the depth limit.
  DuplicateFieldFinder finder("request");
  nlohmann::json::sax_parse(std::string_view(text), &finder);
  if (finder.found()) {
    detail::fail_field(finder.object_path(), "duplicate field " + detail::quote_value(finder.key()) +
                                                 " (give each field once)");
  }
  return document;
}

bool convert_entity(atip_entity entity, const char* name, bool allow_any, EntityType& out) {
  switch (entity) {
    case ATIP_ENTITY_JURISDICTION: out = EntityType::jurisdiction; return true;
    case ATIP_ENTITY_PRACTICE_AREA: out = EntityType::practice_area; return true;
    case ATIP_ENTITY_ORGANIZATION: out = EntityType::organization; return true;
    case ATIP_ENTITY_LAWYER: out = EntityType::lawyer; return true;
    case ATIP_ENTITY_MATTER: out = EntityType::matter; return true;
    case ATIP_ENTITY_ENGAGEMENT: out = EntityType::engagement; return true;
    case ATIP_ENTITY_EVENT: out = EntityType::event; return true;
    case ATIP_ENTITY_SERVICE: out = EntityType::service; return true;
    case ATIP_ENTITY_ANY:
      if (allow_any) return false;
      break;
  }
  fail(ErrorKind::invalid_argument, std::string(name) + ": " + std::to_string(static_cast<int>(entity)) +
                                        " is not a kind of record (expected ATIP_ENTITY_JURISDICTION (1) to "
                                        "ATIP_ENTITY_SERVICE (8))");
}

EntityType require_entity(atip_entity entity, const char* name) {
  EntityType type{};
  convert_entity(entity, name, false, type);
  return type;
}

void require_options_version(unsigned int version, unsigned int supported, const char* name) {
  if (version >= 1 && version <= supported) return;
  fail(ErrorKind::invalid_argument,
       std::string(name) + ".version: " + std::to_string(version) + " is not supported (this library reads 1 to " +
           std::to_string(supported) + "); initialise the struct with its _INIT macro");
}

ExportOptions convert_export_options(const atip_export_options* options, const char* name) {
  ExportOptions converted;
  if (options == nullptr) return converted;
  require_options_version(options->version, ATIP_EXPORT_OPTIONS_VERSION, name);
  converted.include_confidential = options->include_confidential != 0;
  return converted;
}

// ---------------------------------------------------------------------------
// Results

char* copy_for_caller(std::string_view text) {
  auto* copy = static_cast<char*>(std::malloc(text.size() + 1));
  if (copy == nullptr) throw std::bad_alloc();
  std::memcpy(copy, text.data(), text.size());
  copy[text.size()] = '\0';
  return copy;
}

std::string result_text(const nlohmann::json& value) { return dump_json_text(value); }

}  // namespace atip::capi
