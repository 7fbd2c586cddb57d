// Internal: strict reading of JSON objects with error messages that carry the
// JSON path of the offending value.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "atip/model/common.hpp"

namespace atip {
inline namespace v1 {
namespace detail {

/// Path of `key` inside the object at `path` ("lawyers[3]" + "names").
std::string join_path(const std::string& path, std::string_view key);
/// Path of element `index` of the array at `path`.
std::string index_path(const std::string& path, std::size_t index);
/// A short rendering of a JSON value for messages: scalars quoted and cut at
/// 60 bytes, arrays and objects summarised by their size.
std::string quote_value(const nlohmann::json& value);
/// The longest prefix of valid UTF-8 `text` of at most `max_bytes` bytes that
/// does not split a character.
std::string truncate_utf8(std::string_view text, std::size_t max_bytes);
/// Throws invalid_argument unless `text` is valid UTF-8 without NUL bytes.
void check_utf8(std::string_view text, const std::string& field);
/// Throws invalid_argument unless `id` is a valid entity id (printable UTF-8
/// characters, no leading or trailing space), and limit_exceeded when it is
/// longer than kMaxIdBytes.
void check_id(std::string_view id, const std::string& field);
[[noreturn]] void fail_field(const std::string& field, const std::string& problem);

/// Reads one JSON object field by field and, in `finish()`, rejects any field
/// that was never read. Absent optional fields yield their default.
class ObjectReader {
 public:
  ObjectReader(const nlohmann::json& object, std::string path);

  const std::string& path() const { return path_; }
  std::string field(std::string_view key) const { return join_path(path_, key); }
  bool has(std::string_view key);

  std::string string(std::string_view key, std::size_t max_bytes);
  std::string required_string(std::string_view key, std::size_t max_bytes);
  std::string id(std::string_view key);           ///< Optional id; empty when absent.
  std::string required_id(std::string_view key);
  std::string language_tag(std::string_view key); ///< Required, canonicalised.
  std::string jurisdiction_code(std::string_view key, bool required);
  std::string practice_area_code(std::string_view key, bool required);
  bool boolean(std::string_view key, bool fallback);
  int integer(std::string_view key, int fallback, int min, int max);
  double number(std::string_view key, double fallback, double min, double max);
  std::optional<Date> date(std::string_view key);
  Date required_date(std::string_view key);

  /// Calls `each(item, item_path)` for every element of the array at `key`.
  template <typename F>
  void array(std::string_view key, F each) {
    const nlohmann::json* value = lookup(key);
    if (value == nullptr) return;
    const std::string array_path = field(key);
    check_array(*value, array_path);
    for (std::size_t i = 0; i < value->size(); ++i) each((*value)[i], index_path(array_path, i));
  }

  /// An array of strings, each checked by `convert(text, item_path)`.
  template <typename F>
  std::vector<std::string> strings(std::string_view key, F convert) {
    std::vector<std::string> out;
    array(key, [&](const nlohmann::json& item, const std::string& item_path) {
      out.push_back(convert(as_string(item, item_path, 512), item_path));
    });
    return out;
  }

  /// Rejects fields that no accessor asked for.
  void finish() const;

  static std::string as_string(const nlohmann::json& value, const std::string& path, std::size_t max_bytes);
  static void check_array(const nlohmann::json& value, const std::string& path);

 private:
  const nlohmann::json* lookup(std::string_view key);

  const nlohmann::json& object_;
  std::string path_;
  std::set<std::string, std::less<>> known_;
};

/// Shared converters for `ObjectReader::strings`.
std::string convert_language(const std::string& text, const std::string& path);
std::string convert_jurisdiction(const std::string& text, const std::string& path);
std::string convert_practice_area(const std::string& text, const std::string& path);
std::string convert_id(const std::string& text, const std::string& path);

}  // namespace detail
}  // namespace v1
}  // namespace atip
