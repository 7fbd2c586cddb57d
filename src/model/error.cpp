#include "atip/error.hpp"

#include <cstdint>

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

namespace {

/// Length of the well-formed UTF-8 sequence at the start of `bytes`, or 0
/// when it is malformed (truncated, overlong, a surrogate, above U+10FFFF)
/// or a NUL.
std::size_t valid_sequence_length(std::string_view bytes) {
  const auto lead = static_cast<unsigned char>(bytes[0]);
  if (lead == 0) return 0;
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  std::uint32_t code_point = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2;
    code_point = lead & 0x1Fu;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    code_point = lead & 0x0Fu;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    code_point = lead & 0x07u;
  } else {
    return 0;
  }
  if (bytes.size() < length) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    const auto next = static_cast<unsigned char>(bytes[i]);
    if ((next & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (next & 0x3Fu);
  }
  constexpr std::uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  const bool valid = code_point >= kSmallest[length] && code_point <= 0x10FFFF &&
                     (code_point < 0xD800 || code_point > 0xDFFF);
  return valid ? length : 0;
}

}  // namespace

std::string to_valid_utf8_message(std::string_view message) {
  std::string out;
  out.reserve(message.size());
  while (!message.empty()) {
    const std::size_t length = valid_sequence_length(message);
    if (length == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
      message.remove_prefix(1);
    } else {
      out.append(message.substr(0, length));
      message.remove_prefix(length);
    }
  }
  return out;
}

void fail(ErrorKind kind, const std::string& message) { throw Error(kind, message); }

}  // namespace v1
}  // namespace atip
