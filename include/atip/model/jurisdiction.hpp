// Jurisdictions: legal systems with their own courts, bar and admission rules.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "atip/model/common.hpp"

namespace atip {
inline namespace v1 {

/// Who may carry out an activity in a jurisdiction.
enum class AdmissionRule {
  any,         ///< Any lawyer admitted somewhere may do it (training, research).
  local,       ///< Only a lawyer admitted in this jurisdiction.
  with_local,  ///< A foreign lawyer only beside a locally admitted one (e.g. Cambodia, Law on the Bar art. 5).
};

std::string_view to_string(AdmissionRule value);
AdmissionRule parse_admission_rule(std::string_view text, std::string_view field);

/// A statute relevant to anti-trafficking work.
struct Statute {
  std::string title;
  std::string citation;
  bool verified = true;  ///< False where the fact was not confirmed in a primary source.
  bool operator==(const Statute&) const = default;
};

struct Jurisdiction {
  std::string code;                          ///< ISO 3166-1 alpha-2 or ISO 3166-2 code ("TH", "HK", "TH-10").
  std::string name;                          ///< English name.
  std::string parent;                        ///< Country code for an ISO 3166-2 subdivision, else empty.
  std::vector<std::string> court_languages;  ///< Canonical BCP 47 tags.
  std::vector<std::string> official_languages;
  std::vector<Statute> statutes;
  std::map<Activity, AdmissionRule> activity_rules;  ///< Missing activities default to `any`.
  std::string admission_notes;               ///< Who may do what, in words, with sources.

  /// The rule for `activity`; `any` when the jurisdiction does not list it.
  AdmissionRule rule_for(Activity activity) const;
  bool operator==(const Jurisdiction&) const = default;
};

/// True when `code` is a syntactically valid ISO 3166-1 alpha-2 or 3166-2 code.
bool is_jurisdiction_code(std::string_view code);

}  // namespace v1
}  // namespace atip
