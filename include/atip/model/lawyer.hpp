// Lawyers: people in the network who take pro bono work.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "atip/model/common.hpp"

namespace atip {
inline namespace v1 {

enum class LawyerStatus { active, inactive, suspended };
enum class AdmissionStatus { active, inactive, suspended };

std::string_view to_string(LawyerStatus value);
std::string_view to_string(AdmissionStatus value);
LawyerStatus parse_lawyer_status(std::string_view text, std::string_view field);
AdmissionStatus parse_admission_status(std::string_view text, std::string_view field);

/// The right to practise in a jurisdiction.
struct Admission {
  std::string jurisdiction;
  std::optional<Date> since;
  AdmissionStatus status = AdmissionStatus::active;
  bool operator==(const Admission&) const = default;
};

struct LanguageSkill {
  std::string tag;  ///< Canonical BCP 47.
  Proficiency proficiency = Proficiency::working;
  bool operator==(const LanguageSkill&) const = default;
};

struct PracticeExperience {
  std::string code;  ///< Practice-area code.
  int years = 0;     ///< Years of experience in that area, 0-70.
  bool operator==(const PracticeExperience&) const = default;
};

/// A completed training (from an event's attendance or recorded by hand).
struct Training {
  std::string topic;         ///< Practice-area code.
  std::string jurisdiction;  ///< Jurisdiction the training was about.
  Date date;
  std::string event;         ///< Event id when it came from an attendance record.
  bool operator==(const Training&) const = default;
};

struct Lawyer {
  std::string id;
  std::vector<Name> names;                 ///< The first is the display name.
  std::string firm;                        ///< Organization id of the firm, or empty.
  LawyerStatus status = LawyerStatus::active;
  bool vetted = false;                     ///< Checked by the clearinghouse before any offer.
  std::vector<Admission> admissions;
  std::vector<LanguageSkill> languages;
  std::vector<PracticeExperience> practice_areas;
  std::vector<Training> trainings;
  int max_active_matters = 2;              ///< Capacity: engagements accepted or active at once, 0-100.
  std::vector<DateRange> unavailable;
  std::vector<ConflictEntry> conflict_register;
  double response_days = 3.0;              ///< Typical days to answer an offer, 0-365.
  std::string notes;

  const std::string& display_name() const;
  bool operator==(const Lawyer&) const = default;
};

}  // namespace v1
}  // namespace atip
