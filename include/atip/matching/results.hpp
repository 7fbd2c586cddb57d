// What matching returns: ranked matches with their reasons, exclusions,
// coverage gaps and batch assignments. Every type has a to_json.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "atip/matching/policy.hpp"

namespace atip {
inline namespace v1 {

/// A hard constraint, in the order the matcher applies them. `min_score` is
/// the policy's score floor, reported like a constraint.
enum class Constraint {
  status,           ///< The lawyer is active and (unless the policy says otherwise) vetted.
  capacity,         ///< Accepted and active engagements are below the lawyer's maximum.
  unavailable,      ///< The lawyer is unavailable over the matter's period.
  conflict,         ///< A party of the matter matches the lawyer's or the firm's conflict register.
  admission,        ///< An activity needs an admission the lawyer does not hold.
  language,         ///< The lawyer does not speak a needed language, or the court language.
  firm_exclusion,   ///< The firm excludes the practice area, a party or the NGO.
  already_engaged,  ///< The lawyer already has an offered, accepted or active engagement on the matter.
  min_score,        ///< The score is below Policy::min_score.
};

/// Every constraint, in the order they are applied.
inline constexpr Constraint kAllConstraints[] = {
    Constraint::status,   Constraint::capacity,       Constraint::unavailable,
    Constraint::conflict, Constraint::admission,      Constraint::language,
    Constraint::firm_exclusion, Constraint::already_engaged, Constraint::min_score};

std::string_view to_string(Constraint value);
/// Throws invalid_argument naming `field` for an unknown name.
Constraint parse_constraint(std::string_view text, std::string_view field);

/// How a near conflict match was found.
enum class NearMatchRule {
  /// The search keys are equal, but both names also exist in a script whose
  /// spellings differ (黃志明 and 王志明 both romanise as "Wong Chi Ming").
  shared_romanisation,
  /// The names have the same words in another order.
  word_order,
  /// Words differ only by romanisation variants registered with
  /// Matcher::set_name_variants ("Wong" and "Huang" for 黃), and maybe small edits.
  name_variant,
  /// The search keys differ by a few edits (Damerau-Levenshtein distance).
  edit_distance,
};

std::string_view to_string(NearMatchRule value);

/// A name of a matter party that nearly matches a conflict register name.
/// The candidate stays eligible, and a person must review the pair.
struct ConflictReview {
  std::string party_name;     ///< The matter party's name, as stored.
  std::string register_name;  ///< The register's name, as stored.
  /// Whose list holds the name: "lawyer_register", "firm_register" or
  /// "firm_exclusion" (a party the firm will not act against or for).
  std::string source;
  std::string owner_id;       ///< Lawyer id or firm id of that list.
  NearMatchRule rule = NearMatchRule::edit_distance;
  double similarity = 0;      ///< In [0, 1]; 1 for shared_romanisation and word_order.
  bool operator==(const ConflictReview&) const = default;
};

/// The score of one component for one candidate, with the weight used.
struct ComponentScore {
  Component component = Component::practice_area;
  double score = 0;   ///< In [0, 1].
  double weight = 0;  ///< From the policy, in [0, 1].
  bool operator==(const ComponentScore&) const = default;
};

/// A sentence for a coordinator. `topic` is a component name ("load") or a
/// constraint name ("admission", "conflict").
struct Reason {
  std::string topic;
  std::string text;
  bool operator==(const Reason&) const = default;
};

/// A ranked candidate.
struct Match {
  std::string lawyer_id;
  std::string lawyer_name;  ///< Display name.
  std::string firm_id;      ///< Empty when the lawyer has no firm.
  double score = 0;         ///< Weighted mean of the components, in [0, 1].
  /// Every component, in the order of kAllComponents.
  std::vector<ComponentScore> components;
  /// One reason per component and one for the admission that qualifies the
  /// lawyer, plus one per near conflict; empty unless RankOptions::explain.
  std::vector<Reason> reasons;
  std::vector<ConflictReview> conflict_reviews;
  /// The lawyer qualifies only under a `with_local` rule: the work needs a
  /// locally admitted lawyer beside this one.
  bool needs_local_co_counsel = false;
  bool operator==(const Match&) const = default;
};

/// A lawyer ruled out for a matter.
struct Exclusion {
  std::string lawyer_id;
  Constraint constraint = Constraint::status;  ///< The first constraint that failed.
  std::vector<Constraint> failed;              ///< Every constraint that failed, in order.
  std::string detail;                          ///< Why the first constraint failed.
  bool operator==(const Exclusion&) const = default;
};

/// Candidates left after applying the constraints up to and including one.
struct FunnelStep {
  Constraint constraint = Constraint::status;
  std::size_t remaining = 0;
  bool operator==(const FunnelStep&) const = default;
};

/// Why a matter has no eligible candidate: the constraint at which the
/// candidate count dropped to zero when applied in order.
struct CoverageGap {
  std::string matter_id;
  Constraint binding = Constraint::status;
  /// Candidates that passed every constraint before the binding one.
  std::size_t remaining_before = 0;
  std::vector<FunnelStep> funnel;
  /// "12 lawyers are admitted in TH and pass the earlier checks; none of
  /// them speaks km at working level or above".
  std::string explanation;
  bool operator==(const CoverageGap&) const = default;
};

/// The ranking of one matter.
struct Ranking {
  std::string matter_id;
  std::size_t lawyers_considered = 0;  ///< Lawyers in the network.
  std::size_t eligible = 0;            ///< Lawyers that pass every constraint.
  std::vector<Match> matches;          ///< Best first, at most RankOptions::top.
  std::vector<FunnelStep> funnel;      ///< One step per constraint, in order.
  std::optional<CoverageGap> gap;      ///< Set when `eligible` is 0.
  /// Every excluded lawyer, ordered by id; empty unless
  /// RankOptions::include_exclusions.
  std::vector<Exclusion> exclusions;
  bool operator==(const Ranking&) const = default;
};

/// Matters without an eligible candidate that share a forum, practice area
/// and set of languages.
struct GapGroup {
  std::string forum;
  std::string practice_area;
  std::vector<std::string> languages;  ///< Sorted.
  std::vector<std::string> matter_ids; ///< Sorted.
  /// How often each constraint was the binding one, most frequent first.
  std::vector<std::pair<Constraint, std::size_t>> binding;
  bool operator==(const GapGroup&) const = default;
};

/// Coverage of the open matters.
struct CoverageReport {
  std::size_t open_matters = 0;
  std::size_t matters_without_candidates = 0;
  /// Most matters first; ties by forum, practice area, languages.
  std::vector<GapGroup> groups;
  /// One gap per matter without candidates, ordered by matter id.
  std::vector<CoverageGap> gaps;
  bool operator==(const CoverageReport&) const = default;
};

/// Why a matter of a batch did not get every lawyer it wanted.
enum class UnfilledReason {
  /// Fewer lawyers are eligible than the matter wanted, and all of them were assigned.
  no_eligible_lawyer,
  /// Eligible lawyers exist, but their capacity (or their firm's share of the
  /// batch) went to other matters.
  capacity_taken,
};

std::string_view to_string(UnfilledReason value);

/// One lawyer assigned to one matter by a batch.
struct Assignment {
  std::string matter_id;
  Match match;  ///< With reasons and conflict reviews.
  bool operator==(const Assignment&) const = default;
};

/// A matter of a batch with fewer lawyers than it wanted.
struct UnfilledMatter {
  std::string matter_id;
  int wanted = 0;    ///< Team size minus lawyers already accepted or active.
  int assigned = 0;
  UnfilledReason reason = UnfilledReason::no_eligible_lawyer;
  std::size_t eligible = 0;  ///< Lawyers eligible for the matter before the batch.
  std::string detail;
  std::optional<CoverageGap> gap;  ///< Set when no lawyer was eligible.
  bool operator==(const UnfilledMatter&) const = default;
};

/// The result of a batch assignment. Nothing is written to the store.
struct AssignmentResult {
  std::vector<Assignment> assignments;  ///< Ordered by matter id, then lawyer id.
  std::vector<UnfilledMatter> unfilled; ///< Ordered by matter id.
  /// Matters whose team is already complete; they were left out.
  std::vector<std::string> already_staffed;
  double total_score = 0;
  std::optional<int> firm_cap;  ///< The per-firm cap applied, from Policy::firm_share.
  /// True when the solver proved the assignment optimal over every eligible pair.
  bool proved_optimal = false;
  bool operator==(const AssignmentResult&) const = default;
};

nlohmann::json to_json(const ConflictReview& value);
nlohmann::json to_json(const ComponentScore& value);
nlohmann::json to_json(const Reason& value);
nlohmann::json to_json(const Match& value);
nlohmann::json to_json(const Exclusion& value);
nlohmann::json to_json(const FunnelStep& value);
nlohmann::json to_json(const CoverageGap& value);
nlohmann::json to_json(const Ranking& value);
nlohmann::json to_json(const GapGroup& value);
nlohmann::json to_json(const CoverageReport& value);
nlohmann::json to_json(const Assignment& value);
nlohmann::json to_json(const UnfilledMatter& value);
nlohmann::json to_json(const AssignmentResult& value);

}  // namespace v1
}  // namespace atip
