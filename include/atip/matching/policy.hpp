// The matching policy: weights of the soft score components and the switches
// that change which lawyers are eligible. A policy is exchanged as JSON
// (docs/matching.md lists every field with its default).
#pragma once

#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

namespace atip {
inline namespace v1 {

/// A soft component of a match score. Each component scores a candidate in
/// [0, 1]; the match score is their weighted mean.
enum class Component {
  practice_area,   ///< Fit of the lawyer's practice areas to the matter's (exact node beats parent).
  experience,      ///< Years of practice in the best-fitting area.
  training,        ///< ATIP training for the forum jurisdiction.
  language,        ///< Best proficiency in a language the matter needs.
  load,            ///< Share of the lawyer's capacity still free.
  outcomes,        ///< Past finished engagements and the NGOs' feedback.
  ngo_history,     ///< Earlier engagements for the same NGO.
  responsiveness,  ///< Typical response time against the matter's urgency.
};

/// Every component, in declaration order (the order of Match::components).
inline constexpr Component kAllComponents[] = {
    Component::practice_area, Component::experience, Component::training,       Component::language,
    Component::load,          Component::outcomes,   Component::ngo_history,    Component::responsiveness};

std::string_view to_string(Component value);
/// Throws invalid_argument naming `field` for an unknown name.
Component parse_component(std::string_view text, std::string_view field);

/// Weights of the soft components, each in [0, 1]. Only their ratios matter:
/// the score divides by their sum. The defaults sum to 1.
struct ScoreWeights {
  double practice_area = 0.25;
  double experience = 0.10;
  double training = 0.10;
  double language = 0.15;
  double load = 0.15;
  double outcomes = 0.10;
  double ngo_history = 0.05;
  double responsiveness = 0.10;

  double of(Component component) const;
  double& of(Component component);
  double sum() const;
  bool operator==(const ScoreWeights&) const = default;
};

/// How matching ranks and filters candidates.
struct Policy {
  ScoreWeights weights;
  /// Only vetted lawyers are eligible (constraint `status`). Turning it off
  /// lets a coordinator preview lawyers still being vetted.
  bool require_vetted = true;
  /// Where a jurisdiction's rule for an activity is `with_local` (Cambodia:
  /// a foreign lawyer works only beside a Khmer one), a lawyer admitted
  /// elsewhere is eligible, flagged `needs_local_co_counsel`, while a locally
  /// admitted lawyer is accepted or active on the matter. When false, such
  /// activities always need a local admission.
  bool allow_with_local_rule = true;
  /// Name similarity in (0, 1] from which a party name and a conflict
  /// register name that are not an exact match are flagged for review.
  double near_conflict_threshold = 0.8;
  /// Largest share of one batch's assignments that one firm may receive, in
  /// (0, 1]; absent means no cap. The cap is ceil(firm_share x the lawyers
  /// the batch's matters want), so it never falls below 1.
  std::optional<double> firm_share;
  /// Candidates scoring below this, in [0, 1], are not eligible (reported
  /// with the pseudo-constraint `min_score`).
  double min_score = 0.0;
  /// Years of practice in the matter's area at which the experience
  /// component reaches 1, 1 to 70.
  int experience_full_years = 10;

  bool operator==(const Policy&) const = default;
};

/// Reads a policy. Absent fields keep their defaults; an unknown field, a
/// value of the wrong type or out of range, or weights that are all zero
/// throw Error(invalid_argument) naming the field and value
/// ("policy.weights.language: -1 is out of range (expected 0-1)").
Policy policy_from_json(const nlohmann::json& j);

/// Writes every field, so the output documents the policy in full and reads
/// back to an equal Policy.
nlohmann::json to_json(const Policy& policy);

/// Throws Error(invalid_argument) when a field of a policy built in C++ is
/// out of range, with the same messages as policy_from_json.
void validate(const Policy& policy);

}  // namespace v1
}  // namespace atip
