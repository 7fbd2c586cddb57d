#include "atip/error.hpp"

namespace atip {
inline namespace v1 {

std::string_view error_kind_name(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::invalid_argument: return "invalid_argument";
    case ErrorKind::not_found: return "not_found";
    case ErrorKind::already_exists: return "already_exists";
    case ErrorKind::constraint: return "constraint";
    case ErrorKind::invalid_state: return "invalid_state";
    case ErrorKind::busy: return "busy";
    case ErrorKind::io: return "io";
    case ErrorKind::schema_version: return "schema_version";
    case ErrorKind::limit_exceeded: return "limit_exceeded";
    case ErrorKind::integrity: return "integrity";
    case ErrorKind::no_memory: return "no_memory";
    case ErrorKind::internal: return "internal";
  }
  return "unknown";
}

void fail(ErrorKind kind, const std::string& message) { throw Error(kind, message); }

}  // namespace v1
}  // namespace atip
