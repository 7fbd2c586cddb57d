// Error reporting for the atip C++ API: one exception type whose kinds map one
// to one to the C ABI status codes (atip_status in atip.h).
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace atip {
inline namespace v1 {

/// Kind of failure. The numbers are the C ABI status codes and are never
/// reused or renumbered; a new kind gets the next free number.
enum class ErrorKind : int {
  invalid_argument = 1,  ///< Input failed validation; the message names the field and value.
  not_found = 2,         ///< No entity with the requested id.
  already_exists = 3,    ///< An entity with that id exists already.
  constraint = 4,        ///< A reference is dangling, or the entity is still referenced.
  invalid_state = 5,     ///< The operation is not allowed in the entity's current state.
  busy = 6,              ///< The database stayed locked past the busy timeout.
  io = 7,                ///< A file could not be opened, read or written.
  schema_version = 8,    ///< The database was written by a newer schema or is not an atip database.
  limit_exceeded = 9,    ///< Input is larger than a documented limit.
  integrity = 10,        ///< Stored data failed verification (audit chain, integrity check).
  no_memory = 11,        ///< An allocation failed.
  internal = 12,         ///< A bug in atip; the message says where.
};

/// Stable lowercase name of an error kind ("invalid_argument", ...).
std::string_view error_kind_name(ErrorKind kind) noexcept;

/// Returns `message` with each byte that is not part of well-formed UTF-8,
/// and each NUL, replaced by U+FFFD. Messages quote input values, and a
/// message must stay valid UTF-8 to pass through the C ABI and into Python.
std::string to_valid_utf8_message(std::string_view message);

/// The single exception type thrown by atip. `what()` is the full message; it
/// names the field path and the offending value where there is one, and is
/// always valid UTF-8 without NUL bytes.
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message)
      : std::runtime_error(to_valid_utf8_message(message)), kind_(kind) {}

  ErrorKind kind() const noexcept { return kind_; }

 private:
  ErrorKind kind_;
};

/// Throws Error(kind, message); keeps throw sites short.
[[noreturn]] void fail(ErrorKind kind, const std::string& message);

}  // namespace v1
}  // namespace atip
