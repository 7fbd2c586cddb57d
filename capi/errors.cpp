// Last-error state per thread and per handle, status names, and atip_free.
#include <cstdlib>
#include <string>

#include "support.hpp"

namespace atip::capi {

namespace {


/// The last failure on one thread. `message_lost` is set when the message
/// could not be copied; atip_error_last_message then returns kLostMessage.
struct ThreadError {
  atip_status status = ATIP_OK;
  std::string message;
  bool message_lost = false;
};

thread_local ThreadError thread_error;

/// Copies `message` into `target`; returns false, with `target` empty, when
/// the copy needs memory that is not available.
bool store_message(std::string& target, const char* message) noexcept {
  try {
    target.assign(message);
    return true;
  } catch (...) {
    target.clear();
    return false;
  }
}

}  // namespace

void set_thread_error(atip_status status, const char* message) noexcept {
  thread_error.status = status;
  thread_error.message_lost = !store_message(thread_error.message, message);
}

void set_handle_error(const DbState& db, atip_status status, const char* message) noexcept {
  try {
    const std::lock_guard lock(db.error_mutex);
    db.error_status = status;
    db.error_message_lost = !store_message(db.error_message, message);
  } catch (...) {
    // Locking failed (std::system_error); the thread's error still has it.
  }
}

}  // namespace atip::capi

using namespace atip::capi;

extern "C" const char* atip_status_str(atip_status status) {
  switch (status) {
    case ATIP_OK: return "ok";
    case ATIP_E_INVALID_ARGUMENT:
    case ATIP_E_NOT_FOUND:
    case ATIP_E_ALREADY_EXISTS:
    case ATIP_E_CONSTRAINT:
    case ATIP_E_INVALID_STATE:
    case ATIP_E_BUSY:
    case ATIP_E_IO:
    case ATIP_E_SCHEMA_VERSION:
    case ATIP_E_LIMIT_EXCEEDED:
    case ATIP_E_INTEGRITY:
    case ATIP_E_NO_MEMORY:
    case ATIP_E_INTERNAL:
      // The C++ names point at string literals, so data() is NUL-terminated
      // and static.
      return atip::error_kind_name(static_cast<atip::ErrorKind>(status)).data();
  }
  return "unknown";
}

extern "C" atip_status atip_error_last_status(void) { return thread_error.status; }

extern "C" const char* atip_error_last_message(void) {
  return thread_error.message_lost ? kLostMessage : thread_error.message.c_str();
}

extern "C" void atip_error_clear(void) {
  thread_error.status = ATIP_OK;
  thread_error.message.clear();
  thread_error.message_lost = false;
}

extern "C" atip_status atip_db_error_status(atip_status* out, const atip_db* db) {
  return guarded("atip_db_error_status", db, [&] {
    require_pointer(out, "out");
    require_pointer(db, "db");

    const DbState* state = state_of(db);
    const std::lock_guard lock(state->error_mutex);
    *out = state->error_status;
  });
}

extern "C" atip_status atip_db_error_message(char** out, const atip_db* db) {
  return guarded("atip_db_error_message", db, [&] {
    require_pointer(out, "out");
    require_pointer(db, "db");

    const DbState* state = state_of(db);
    const std::lock_guard lock(state->error_mutex);
    *out = copy_for_caller(state->error_message_lost ? kLostMessage : state->error_message);
  });
}

extern "C" void atip_free(void* memory) { std::free(memory); }
