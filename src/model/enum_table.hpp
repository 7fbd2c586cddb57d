// Internal: string tables for enums, with parse errors that list the valid values.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "atip/error.hpp"

namespace atip {
inline namespace v1 {
namespace detail {

template <typename E, std::size_t N>
struct EnumTable {
  std::string_view type_name;  ///< Used in messages: "proficiency".
  std::array<std::pair<E, std::string_view>, N> entries;

  std::string_view name(E value) const {
    for (const auto& [entry, text] : entries) {
      if (entry == value) return text;
    }
    return "unknown";
  }

  E parse(std::string_view text, std::string_view field) const {
    for (const auto& [entry, name_text] : entries) {
      if (name_text == text) return entry;
    }
    std::string expected;
    for (const auto& entry : entries) {
      if (!expected.empty()) expected += ", ";
      expected += entry.second;
    }
    fail(ErrorKind::invalid_argument, std::string(field) + ": \"" + std::string(text) +
                                          "\" is not a valid " + std::string(type_name) +
                                          " (expected one of: " + expected + ")");
  }
};

}  // namespace detail
}  // namespace v1
}  // namespace atip
