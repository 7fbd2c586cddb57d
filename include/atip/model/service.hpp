// Services: entries of a community legal assistance directory.
#pragma once

#include <string>
#include <vector>

#include "atip/model/common.hpp"

namespace atip {
inline namespace v1 {

struct Service {
  std::string id;
  std::string provider;                     ///< Organization id, or empty.
  std::vector<Name> names;                  ///< The first is the display name.
  std::vector<std::string> practice_areas;  ///< Help offered, as taxonomy codes.
  std::string description;
  std::vector<std::string> languages;       ///< Canonical BCP 47 tags.
  std::string eligibility;
  std::string jurisdiction;
  std::string location;
  std::string hours;                        ///< Opening hours, free text.
  std::string cost;                         ///< "free", "low_cost", "fee" or free text.

  const std::string& display_name() const;
  bool operator==(const Service&) const = default;
};

}  // namespace v1
}  // namespace atip
