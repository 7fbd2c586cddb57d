// Shared helpers of the libFuzzer targets in tests/fuzz.
//
// A target reports a finding by aborting: libFuzzer (and the replay tests run
// by ctest) treat SIGABRT as a crash and keep the input. An atip::Error is the
// documented answer to bad input, so targets catch it; any other exception
// escapes LLVMFuzzerTestOneInput, which terminates the process and is a
// finding too (the library promises to throw nothing but atip::Error).
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace atip_fuzz {

/// Aborts with `what` on stderr when `condition` is false.
inline void require(bool condition, const char* what) {
  if (condition) return;
  std::fprintf(stderr, "fuzz invariant violated: %s\n", what);
  std::abort();
}

/// True when `bytes` is well-formed UTF-8 without NUL: no truncated or
/// overlong sequences, no surrogates, nothing above U+10FFFF. Kept here,
/// independent of the library, so a target that links only the shared C
/// library checks its answers with code that is not under test.
inline bool is_valid_utf8(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto lead = static_cast<unsigned char>(bytes[i]);
    if (lead == 0) return false;
    if (lead < 0x80) {
      ++i;
      continue;
    }
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
      return false;
    }
    if (i + length > bytes.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(bytes[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code_point = (code_point << 6) | (next & 0x3Fu);
    }
    constexpr std::uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code_point < kSmallest[length] || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      return false;
    }
    i += length;
  }
  return true;
}

/// Aborts unless `message` is a usable error message: not empty and valid
/// UTF-8, since hosts show it to people and log it.
inline void require_good_message(std::string_view message) {
  require(!message.empty(), "an error came without a message");
  require(is_valid_utf8(message), "an error message is not valid UTF-8");
}

/// The fuzzer's bytes as a string view.
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace atip_fuzz
