// Internal support of the C ABI: the handle struct, the exception barrier,
// argument checks, copies of results for the caller, and logging.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "atip/atip.h"
#include "atip/clearinghouse.hpp"
#include "atip/error.hpp"

namespace atip::capi {

/// The state behind an atip_db handle. atip.h leaves struct atip_db
/// incomplete, and the library never completes it: a handle is a DbState
/// pointer cast to atip_db*. So the debug information of the exported
/// functions shows an opaque handle, and the ABI baseline (capi/abi) does
/// not change when this struct does.
struct DbState {
  std::unique_ptr<Clearinghouse> clearinghouse;

  /// The last failure of a call on this handle. Mutable because the error
  /// calls take a const handle and still record their own failures.
  mutable std::mutex error_mutex;
  mutable atip_status error_status = ATIP_OK;
  mutable std::string error_message;
  mutable bool error_message_lost = false;  ///< The message could not be copied; report kLostMessage.
};

inline DbState* state_of(atip_db* db) { return reinterpret_cast<DbState*>(db); }
inline const DbState* state_of(const atip_db* db) { return reinterpret_cast<const DbState*>(db); }
inline atip_db* handle_of(DbState* state) { return reinterpret_cast<atip_db*>(state); }

// ---------------------------------------------------------------------------
// Exception barrier

/// Records the exception being handled as the last error of this thread and
/// of `db` (when not NULL), logs it, and returns its status. Must be called
/// from inside a catch block.
atip_status record_current_exception(const char* function, const atip_db* db) noexcept;

/// Message stored when the real one cannot be copied for lack of memory.
inline constexpr const char* kLostMessage = "out of memory while recording the error message";

/// Stores a failure as the last error of this thread or of `db`. A message
/// that cannot be copied for lack of memory is replaced by kLostMessage.
void set_thread_error(atip_status status, const char* message) noexcept;
void set_handle_error(const DbState& db, atip_status status, const char* message) noexcept;

/// Runs `body` and returns ATIP_OK, or the status of whatever it threw.
/// Every exported function that can fail runs its work through this, so no
/// exception crosses the C boundary.
template <typename Body>
atip_status guarded(const char* function, const atip_db* db, Body&& body) noexcept {
  try {
    body();
    return ATIP_OK;
  } catch (...) {
    return record_current_exception(function, db);
  }
}

// ---------------------------------------------------------------------------
// Argument checks. Each throws Error(invalid_argument) naming the argument.

/// Rejects a NULL pointer.
void require_pointer(const void* pointer, const char* name);

/// Returns the handle's facade; rejects a NULL handle.
Clearinghouse& require_db(atip_db* db);

/// Returns a NUL-terminated argument as a view after rejecting NULL and
/// invalid UTF-8 (the message gives the byte offset and the bytes there).
std::string_view require_text(const char* text, const char* name);

/// Like require_text, and the text must be a valid record id or code.
std::string require_id(const char* id, const char* name);

/// Parses a JSON argument; malformed JSON is reported with its byte offset,
/// a document over the size limit with limit_exceeded.
nlohmann::json require_json(const char* text, const char* name);

/// Parses the request object of a workflow, audit or report call like
/// require_json, and also rejects a field given twice in one object, naming
/// it by its path under "request". The JSON parser would otherwise keep the
/// last value, so a caller's duplicate would pass unnoticed.
nlohmann::json require_request_json(const char* text, const char* name);

/// Converts an atip_entity; ATIP_ENTITY_ANY is allowed only when `allow_any`.
/// Returns false for ATIP_ENTITY_ANY.
bool convert_entity(atip_entity entity, const char* name, bool allow_any, EntityType& out);
EntityType require_entity(atip_entity entity, const char* name);

/// Rejects an option struct version this library does not know: 0 (a struct
/// that was zeroed instead of initialised with its _INIT macro) or newer
/// than `supported`.
void require_options_version(unsigned int version, unsigned int supported, const char* name);

/// Converts export options; NULL gives the defaults.
ExportOptions convert_export_options(const atip_export_options* options, const char* name);

// ---------------------------------------------------------------------------
// Results

/// Copies `text` into memory the caller releases with atip_free(); throws
/// std::bad_alloc when the allocation fails.
char* copy_for_caller(std::string_view text);

/// JSON text of a result: two-space indent and a final newline, as the
/// data-set export writes it.
std::string result_text(const nlohmann::json& value);

// ---------------------------------------------------------------------------
// Logging

/// True when a log callback is set and this thread is not inside it.
bool log_enabled() noexcept;

/// Passes `message` to the log callback, if any. Never throws; a message
/// that cannot be built or delivered is dropped.
void log(atip_log_level level, std::string_view message) noexcept;

}  // namespace atip::capi
