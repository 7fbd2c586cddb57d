// Organizations: NGOs, law firms, service providers and other bodies.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "atip/model/common.hpp"

namespace atip {
inline namespace v1 {

enum class OrganizationKind { ngo, law_firm, service_provider, government, other };

std::string_view to_string(OrganizationKind value);
OrganizationKind parse_organization_kind(std::string_view text, std::string_view field);

/// What a firm will not take matters for.
struct FirmExclusions {
  std::vector<std::string> practice_areas;  ///< Taxonomy codes; a code excludes its whole subtree.
  std::vector<std::string> parties;         ///< Party names, compared by search key.
  std::vector<std::string> ngos;            ///< Organization ids of NGOs.
  bool empty() const { return practice_areas.empty() && parties.empty() && ngos.empty(); }
  bool operator==(const FirmExclusions&) const = default;
};

struct Organization {
  std::string id;
  OrganizationKind kind = OrganizationKind::other;
  std::vector<Name> names;                  ///< The first is the display name.
  std::vector<std::string> jurisdictions;   ///< Where it works.
  std::string website;
  std::vector<ConflictEntry> conflict_register;
  FirmExclusions exclusions;
  std::vector<std::string> merged_from;     ///< Ids of duplicate records merged into this one.
  std::string notes;

  const std::string& display_name() const;
  bool operator==(const Organization&) const = default;
};

}  // namespace v1
}  // namespace atip
