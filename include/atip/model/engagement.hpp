// Engagements: one lawyer (or a firm team under a supervising lawyer) on one matter.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "atip/model/common.hpp"

namespace atip {
inline namespace v1 {

enum class EngagementStatus { offered, accepted, declined, active, completed, withdrawn };

std::string_view to_string(EngagementStatus value);
EngagementStatus parse_engagement_status(std::string_view text, std::string_view field);

/// True for the states that use up a lawyer's capacity (accepted, active).
bool uses_capacity(EngagementStatus status);

struct HoursEntry {
  Date date;
  double hours = 0;   ///< Hours worked that day, (0, 24].
  std::string activity;
  std::string note;
  bool operator==(const HoursEntry&) const = default;
};

struct Engagement {
  std::string id;
  std::string matter;
  std::string lawyer;
  std::string supervising_lawyer;  ///< Lawyer id, or empty.
  EngagementStatus status = EngagementStatus::offered;
  Date offered_on;
  std::optional<Date> decided_on;
  std::string decline_reason;
  std::vector<HoursEntry> hours;
  std::string outcome;             ///< e.g. "conviction", "compensation_awarded", "advice_given".
  std::optional<int> feedback;     ///< NGO rating 1-5.

  double total_hours() const;
  bool operator==(const Engagement&) const = default;
};

}  // namespace v1
}  // namespace atip
