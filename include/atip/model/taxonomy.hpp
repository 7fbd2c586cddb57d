// The practice-area taxonomy: a tree of stable string codes.
#pragma once

#include <string>
#include <vector>

namespace atip {
inline namespace v1 {

/// One node of the taxonomy. Codes are stable: lowercase ASCII letters, digits,
/// '_' and '.', 1-64 bytes; a code never changes meaning once published.
struct PracticeArea {
  std::string code;
  std::string parent;  ///< Code of the parent node, empty for a root.
  std::string name;    ///< English display name.
  std::string description;
  bool operator==(const PracticeArea&) const = default;
};

bool is_practice_area_code(std::string_view code);

}  // namespace v1
}  // namespace atip
