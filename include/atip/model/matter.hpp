// Matters: legal requests posted by NGOs, and the parties involved.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "atip/model/common.hpp"

namespace atip {
inline namespace v1 {

enum class MatterStatus {
  draft, vetted, circulated, interest_expressed, conflict_check,
  placed, in_progress, closed, withdrawn, expired
};
enum class HelpKind { representation, advice, training };
enum class Urgency { low, normal, high, critical };
enum class PartyRole { alleged_trafficker, employer, recruitment_agency, victim_family, witness, other };
enum class PartyKind { person, organization };

std::string_view to_string(MatterStatus value);
std::string_view to_string(HelpKind value);
std::string_view to_string(Urgency value);
std::string_view to_string(PartyRole value);
std::string_view to_string(PartyKind value);
MatterStatus parse_matter_status(std::string_view text, std::string_view field);
HelpKind parse_help_kind(std::string_view text, std::string_view field);
Urgency parse_urgency(std::string_view text, std::string_view field);
PartyRole parse_party_role(std::string_view text, std::string_view field);
PartyKind parse_party_kind(std::string_view text, std::string_view field);

/// True for the states in which a matter still wants a lawyer
/// (vetted, circulated, interest_expressed, conflict_check).
bool is_open(MatterStatus status);

/// A person or organization involved in a matter, used for conflict checks.
struct Party {
  std::vector<Name> names;  ///< At least one; every name and alias is checked.
  PartyKind kind = PartyKind::person;
  PartyRole role = PartyRole::other;
  bool operator==(const Party&) const = default;
};

/// De-identified profile of the client for reporting; confidential.
struct ClientProfile {
  std::string gender;            ///< "female", "male", "other" or empty.
  std::string age_band;          ///< e.g. "18--20", as in CTDC data.
  std::string citizenship;       ///< ISO 3166-1 alpha-2.
  std::string exploitation_type; ///< e.g. "forced_labour", "sexual_exploitation".
  bool operator==(const ClientProfile&) const = default;
};

/// A legal request. `facts`, `client_ref` and `client_profile` are confidential:
/// they leave the library only when the caller asks for confidential fields.
struct Matter {
  std::string id;
  std::string ngo;                               ///< Organization id of the posting NGO.
  std::string title;
  std::string summary;                           ///< Redacted summary shown before conflict clearance.
  std::string facts;                             ///< Full facts (confidential).
  std::string practice_area;                     ///< Taxonomy code.
  std::string forum;                             ///< Forum jurisdiction code.
  std::vector<std::string> related_jurisdictions;
  std::vector<std::string> languages;            ///< Canonical BCP 47 tags the client needs.
  bool interpreter_accepted = false;
  std::vector<Activity> activities;              ///< At least one.
  HelpKind help = HelpKind::advice;
  Urgency urgency = Urgency::normal;
  std::optional<Date> deadline;
  std::optional<DateRange> period;               ///< When the work happens, for availability.
  double estimated_hours = 0;                    ///< 0-10000.
  int team_size = 1;                             ///< Lawyers wanted, 1-20.
  MatterStatus status = MatterStatus::draft;
  std::string outcome;                           ///< Set when closed.
  std::vector<Party> parties;
  std::string client_ref;                        ///< Pseudonymous client reference (confidential).
  ClientProfile client_profile;                  ///< Confidential.
  Date created;

  bool operator==(const Matter&) const = default;
};

}  // namespace v1
}  // namespace atip
