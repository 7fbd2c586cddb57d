#include "json_reader.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "atip/error.hpp"
#include "atip/limits.hpp"
#include "atip/model/jurisdiction.hpp"
#include "atip/model/taxonomy.hpp"

namespace atip {
inline namespace v1 {
namespace detail {

using nlohmann::json;

std::string join_path(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string index_path(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

std::string truncate_utf8(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  // Back off to the start of a character so the cut stays valid UTF-8.
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut));
}

std::string quote_value(const json& value) {
  std::string text;
  if (value.is_string()) {
    // Messages must stay valid UTF-8 even when the value is not.
    try {
      text = json(value.get_ref<const std::string&>()).dump();
    } catch (const json::exception&) {
      text = "(a string that is not valid UTF-8)";
    }
  } else if (value.is_array()) {
    // Containers are summarised, not dumped: dumping recurses once per
    // nesting level and a deeply nested value would overflow the stack.
    text = "an array of " + std::to_string(value.size()) + " items";
  } else if (value.is_object()) {
    text = "an object with " + std::to_string(value.size()) + " fields";
  } else {
    text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  }
  if (text.size() > 60) text = truncate_utf8(text, 57) + "...";
  return text;
}

void fail_field(const std::string& field, const std::string& problem) {
  fail(ErrorKind::invalid_argument, (field.empty() ? std::string("document") : field) + ": " + problem);
}

void check_utf8(std::string_view text, const std::string& field) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size) {
    const unsigned char lead = bytes[i];
    std::size_t length = 0;
    std::uint32_t code_point = 0;
    if (lead == 0) {
      fail_field(field, "contains a NUL character at byte " + std::to_string(i));
    } else if (lead < 0x80) {
      ++i;
      continue;
    } else if ((lead & 0xE0) == 0xC0) {
      length = 2;
      code_point = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3;
      code_point = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4;
      code_point = lead & 0x07;
    } else {
      fail_field(field, "is not valid UTF-8 (bad lead byte at byte " + std::to_string(i) + ")");
    }
    if (i + length > size) fail_field(field, "is not valid UTF-8 (truncated sequence at byte " + std::to_string(i) + ")");
    for (std::size_t k = 1; k < length; ++k) {
      if ((bytes[i + k] & 0xC0) != 0x80) {
        fail_field(field, "is not valid UTF-8 (bad continuation byte at byte " + std::to_string(i + k) + ")");
      }
      code_point = (code_point << 6) | (bytes[i + k] & 0x3F);
    }
    const std::uint32_t min_for_length[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code_point < min_for_length[length] || code_point > 0x10FFFF ||
        (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      fail_field(field, "is not valid UTF-8 (overlong or invalid code point at byte " + std::to_string(i) + ")");
    }
    i += length;
  }
}

void check_id(std::string_view id, const std::string& field) {
  // UTF-8 first, so that the messages below quote only valid text.
  check_utf8(id, field);
  if (id.empty()) {
    fail_field(field, "\"\" is not a valid id (expected 1-" + std::to_string(kMaxIdBytes) + " bytes)");
  }
  if (id.size() > kMaxIdBytes) {
    fail(ErrorKind::limit_exceeded, (field.empty() ? std::string("document") : field) + ": id \"" +
                                        truncate_utf8(id, 60) + "...\" of " + std::to_string(id.size()) +
                                        " bytes exceeds the limit of " + std::to_string(kMaxIdBytes) + " bytes");
  }
  for (unsigned char c : id) {
    if (c < 0x20 || c == 0x7F) fail_field(field, "id contains a control character");
  }
  if (id.front() == ' ' || id.back() == ' ') {
    fail_field(field, quote_value(json(std::string(id))) + " is not a valid id (leading or trailing space)");
  }
}

ObjectReader::ObjectReader(const json& object, std::string path) : object_(object), path_(std::move(path)) {
  if (!object_.is_object()) {
    fail_field(path_, "expected an object, got " + std::string(object_.type_name()));
  }
}

const json* ObjectReader::lookup(std::string_view key) {
  known_.emplace(key);
  const auto found = object_.find(std::string(key));
  if (found == object_.end() || found->is_null()) return nullptr;
  return &*found;
}

bool ObjectReader::has(std::string_view key) { return lookup(key) != nullptr; }

std::string ObjectReader::as_string(const json& value, const std::string& path, std::size_t max_bytes) {
  if (!value.is_string()) fail_field(path, "expected a string, got " + quote_value(value));
  const auto& text = value.get_ref<const std::string&>();
  check_utf8(text, path);
  if (text.size() > max_bytes) {
    fail(ErrorKind::limit_exceeded, path + ": text of " + std::to_string(text.size()) +
                                        " bytes exceeds the limit of " + std::to_string(max_bytes) + " bytes");
  }
  return text;
}

void ObjectReader::check_array(const json& value, const std::string& path) {
  if (!value.is_array()) fail_field(path, "expected an array, got " + quote_value(value));
  if (value.size() > kMaxListItems) {
    fail(ErrorKind::limit_exceeded, path + ": list of " + std::to_string(value.size()) +
                                        " items exceeds the limit of " + std::to_string(kMaxListItems) + " items");
  }
}

std::string ObjectReader::string(std::string_view key, std::size_t max_bytes) {
  const json* value = lookup(key);
  return value == nullptr ? std::string() : as_string(*value, field(key), max_bytes);
}

std::string ObjectReader::required_string(std::string_view key, std::size_t max_bytes) {
  std::string text = string(key, max_bytes);
  if (text.empty()) fail_field(field(key), "is required and must not be empty");
  return text;
}

std::string ObjectReader::id(std::string_view key) {
  std::string text = string(key, kMaxIdBytes);
  if (!text.empty() || has(key)) check_id(text, field(key));
  return text;
}

std::string ObjectReader::required_id(std::string_view key) {
  if (!has(key)) fail_field(field(key), "is required");
  return id(key);
}

std::string ObjectReader::language_tag(std::string_view key) {
  return convert_language(required_string(key, 64), field(key));
}

std::string ObjectReader::jurisdiction_code(std::string_view key, bool required) {
  std::string text = required ? required_string(key, 16) : string(key, 16);
  if (text.empty()) return text;
  return convert_jurisdiction(text, field(key));
}

std::string ObjectReader::practice_area_code(std::string_view key, bool required) {
  std::string text = required ? required_string(key, 64) : string(key, 64);
  if (text.empty()) return text;
  return convert_practice_area(text, field(key));
}

bool ObjectReader::boolean(std::string_view key, bool fallback) {
  const json* value = lookup(key);
  if (value == nullptr) return fallback;
  if (!value->is_boolean()) fail_field(field(key), "expected true or false, got " + quote_value(*value));
  return value->get<bool>();
}

int ObjectReader::integer(std::string_view key, int fallback, int min, int max) {
  const json* value = lookup(key);
  if (value == nullptr) return fallback;
  const std::string range = " (expected an integer " + std::to_string(min) + "-" + std::to_string(max) + ")";
  if (!value->is_number_integer()) fail_field(field(key), quote_value(*value) + " is not valid" + range);
  // nlohmann stores every non-negative literal as unsigned, so both bounds
  // are checked on that branch too.
  const bool in_range =
      value->is_number_unsigned()
          ? value->get<std::uint64_t>() >= static_cast<std::uint64_t>(std::max(min, 0)) &&
                value->get<std::uint64_t>() <= static_cast<std::uint64_t>(max)
          : value->get<std::int64_t>() >= min && value->get<std::int64_t>() <= max;
  if (!in_range) fail_field(field(key), quote_value(*value) + " is out of range" + range);
  return static_cast<int>(value->get<std::int64_t>());
}

double ObjectReader::number(std::string_view key, double fallback, double min, double max) {
  const json* value = lookup(key);
  if (value == nullptr) return fallback;
  const auto limits = std::to_string(min) + "-" + std::to_string(max);
  if (!value->is_number()) fail_field(field(key), quote_value(*value) + " is not a number (expected " + limits + ")");
  const double number = value->get<double>();
  if (!std::isfinite(number) || number < min || number > max) {
    fail_field(field(key), quote_value(*value) + " is out of range (expected " + limits + ")");
  }
  return number;
}

std::optional<Date> ObjectReader::date(std::string_view key) {
  // Read with the short-field limit, not the 10 bytes a date has: a date
  // with a time appended is an invalid date, not input over a size limit.
  const std::string text = string(key, kMaxNameBytes);
  if (text.empty()) {
    if (has(key)) fail_field(field(key), "\"\" is not a valid date (expected YYYY-MM-DD)");
    return std::nullopt;
  }
  return Date::parse(text, field(key));
}

Date ObjectReader::required_date(std::string_view key) {
  const auto value = date(key);
  if (!value) fail_field(field(key), "is required (a date, YYYY-MM-DD)");
  return *value;
}

void ObjectReader::finish() const {
  for (const auto& item : object_.items()) {
    if (known_.find(item.key()) == known_.end()) {
      std::string name = item.key();
      try {
        name = json(name).dump();
      } catch (const json::exception&) {
        name = "(a name that is not valid UTF-8)";
      }
      fail_field(path_, "unknown field " + name);
    }
  }
}

std::string convert_language(const std::string& text, const std::string& path) {
  return canonical_language_tag(text, path);
}

std::string convert_jurisdiction(const std::string& text, const std::string& path) {
  if (!is_jurisdiction_code(text)) {
    fail_field(path, quote_value(json(text)) + " is not a valid jurisdiction code (expected ISO 3166-1 alpha-2 such as \"TH\" or ISO 3166-2 such as \"TH-10\")");
  }
  return text;
}

std::string convert_practice_area(const std::string& text, const std::string& path) {
  if (!is_practice_area_code(text)) {
    fail_field(path, quote_value(json(text)) + " is not a valid practice area code (expected 1-64 of a-z, 0-9, '_', '.')");
  }
  return text;
}

std::string convert_id(const std::string& text, const std::string& path) {
  check_id(text, path);
  return text;
}

}  // namespace detail
}  // namespace v1
}  // namespace atip
