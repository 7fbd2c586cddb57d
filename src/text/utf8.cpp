// UTF-8 validation and normalization to NFC.
#include <climits>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>

#include "atip/error.hpp"
#include "atip/text.hpp"

namespace atip {
inline namespace v1 {
namespace text {

namespace {

/// The first defect of a byte string that is not valid UTF-8.
struct Utf8Defect {
  std::size_t offset = std::string_view::npos;  ///< Byte offset; npos when the input is valid.
  const char* reason = "";
};

bool is_continuation(unsigned char byte) { return (byte & 0xC0U) == 0x80U; }

/// Length of the sequence a lead byte starts, or 0 for a byte that cannot
/// start one (continuation bytes, 0xC0, 0xC1 and 0xF5 to 0xFF).
std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80U) return 1;
  if (lead >= 0xC2U && lead <= 0xDFU) return 2;
  if (lead >= 0xE0U && lead <= 0xEFU) return 3;
  if (lead >= 0xF0U && lead <= 0xF4U) return 4;
  return 0;
}

/// Reason why the multi-byte sequence at `bytes[offset]` of `length` bytes is
/// invalid, or nullptr when it is valid.
const char* check_sequence(std::string_view bytes, std::size_t offset, std::size_t length) {
  if (offset + length > bytes.size()) return "truncated sequence at the end of the text";
  for (std::size_t i = 1; i < length; ++i) {
    if (!is_continuation(static_cast<unsigned char>(bytes[offset + i]))) {
      return "lead byte not followed by enough continuation bytes";
    }
  }

  // The second byte bounds the code point: these are the ranges of the
  // Unicode Standard's table of well-formed UTF-8 byte sequences.
  const auto lead = static_cast<unsigned char>(bytes[offset]);
  const auto second = static_cast<unsigned char>(bytes[offset + 1]);
  if (lead == 0xE0U && second < 0xA0U) return "overlong encoding";
  if (lead == 0xEDU && second > 0x9FU) return "UTF-16 surrogate code point";
  if (lead == 0xF0U && second < 0x90U) return "overlong encoding";
  if (lead == 0xF4U && second > 0x8FU) return "code point above U+10FFFF";
  return nullptr;
}

Utf8Defect find_utf8_defect(std::string_view bytes) {
  std::size_t offset = 0;
  while (offset < bytes.size()) {
    const auto lead = static_cast<unsigned char>(bytes[offset]);
    if (lead == 0) return {offset, "NUL byte"};

    const std::size_t length = sequence_length(lead);
    if (length == 0) {
      if (is_continuation(lead)) return {offset, "continuation byte without a lead byte"};
      if (lead == 0xC0U || lead == 0xC1U) return {offset, "overlong encoding"};
      return {offset, "byte that never occurs in UTF-8"};
    }
    if (length > 1) {
      if (const char* reason = check_sequence(bytes, offset, length)) return {offset, reason};
    }
    offset += length;
  }
  return {};
}

/// Up to four bytes from `offset`, in hex ("C3 28").
std::string hex_bytes_at(std::string_view bytes, std::size_t offset) {
  std::string out;
  for (std::size_t i = offset; i < bytes.size() && i < offset + 4; ++i) {
    char buffer[4];
    std::snprintf(buffer, sizeof buffer, "%02X", static_cast<unsigned char>(bytes[i]));
    if (!out.empty()) out += ' ';
    out += buffer;
  }
  return out;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) noexcept {
  return find_utf8_defect(bytes).offset == std::string_view::npos;
}

std::string normalize(std::string_view utf8, std::string_view field) {
  const Utf8Defect defect = find_utf8_defect(utf8);
  if (defect.offset != std::string_view::npos) {
    fail(ErrorKind::invalid_argument,
         std::string(field) + ": invalid UTF-8 at byte offset " + std::to_string(defect.offset) +
             " (bytes " + hex_bytes_at(utf8, defect.offset) + "): " + defect.reason +
             "; pass the text as UTF-8");
  }

  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) {
    fail(ErrorKind::internal, std::string("ICU NFC normalizer unavailable: ") + u_errorName(status));
  }

  if (utf8.size() > static_cast<std::size_t>(INT32_MAX)) {
    fail(ErrorKind::limit_exceeded, std::string(field) + ": text of " + std::to_string(utf8.size()) +
                                        " bytes exceeds the 2 GiB that ICU accepts");
  }

  // Most stored text is NFC already: the quick check on the UTF-8 bytes then
  // saves the conversion.
  const icu::StringPiece piece(utf8.data(), static_cast<int32_t>(utf8.size()));
  if (nfc->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return std::string(utf8);

  status = U_ZERO_ERROR;
  std::string out;
  icu::StringByteSink<std::string> sink(&out, static_cast<int32_t>(utf8.size()));
  nfc->normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_FAILURE(status)) {
    fail(ErrorKind::internal, std::string(field) + ": NFC normalization failed: " + u_errorName(status));
  }
  return out;
}

}  // namespace text
}  // namespace v1
}  // namespace atip
