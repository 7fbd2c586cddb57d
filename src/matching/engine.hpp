// Internal: the steps of matching one matter against the index. A matter is
// compiled once into a MatterContext (slots, area fit, party names); the
// hard constraints then become bit sets over lawyer slots (filters.cpp), the
// lawyers left are scored (scoring.cpp), and the conflict reviews and
// explanations are built only for what is returned (conflicts.cpp, gaps.cpp).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "atip/matching.hpp"
#include "matching/index.hpp"

namespace atip {
inline namespace v1 {
namespace matching {

inline constexpr std::size_t kConstraintCount = 9;
inline constexpr std::size_t kHardConstraintCount = 8;  ///< Every constraint but min_score.
inline constexpr std::size_t kComponentCount = 8;

/// Relation of the matter's area to one of the lawyer's areas.
enum class AreaRelation : std::uint8_t { none, exact, narrower, broader, same_family };

/// Returns the practice_area component for a relation.
inline double area_fit(AreaRelation relation) {
  switch (relation) {
    case AreaRelation::exact: return 1.0;
    case AreaRelation::narrower: return 0.8;
    case AreaRelation::broader: return 0.6;
    case AreaRelation::same_family: return 0.3;
    case AreaRelation::none: return 0.0;
  }
  return 0.0;
}

/// A matter compiled against the index's vocabulary.
struct MatterContext {
  Matter matter;
  std::uint64_t generation = 0;  ///< Index::vocabulary_generation it was built for.

  std::uint32_t forum = kNoSlot;
  std::vector<std::uint32_t> forum_chain;  ///< The forum and its ancestors.
  std::vector<std::uint8_t> in_forum_chain;  ///< By jurisdiction slot.

  struct Need {
    Activity activity;
    AdmissionRule rule;
  };
  std::vector<Need> needs;  ///< One per distinct activity, with the forum's rule.
  bool has_with_local = false;

  std::vector<std::uint8_t> language_needed;  ///< By language slot: serves a language the matter needs.
  std::vector<std::uint32_t> needed_language_slots;
  bool language_required = false;  ///< Needs a language and accepts no interpreter.
  std::vector<std::uint32_t> court_language_slots;
  std::vector<std::string> court_languages;  ///< Tags, for messages.
  bool court_language_required = false;

  std::uint32_t area = kNoSlot;
  std::vector<AreaRelation> area_relation;  ///< By area slot.
  std::vector<double> area_fit;             ///< By area slot: area_fit(area_relation).
  std::vector<std::uint8_t> area_family;    ///< By area slot: same root as the matter's area.
  std::vector<std::uint8_t> area_excluded;  ///< By area slot: the matter's area or an ancestor of it.

  std::vector<NameSet> parties;
  double response_target_days = 7;  ///< From the urgency.
};

/// Compiles a matter. Unknown codes raise no error: they match no lawyer.
std::shared_ptr<const MatterContext> build_context(const Index& index, const Matter& matter);

/// The window over which a lawyer must be available, in days since epoch.
struct Window {
  std::int32_t from = 0;
  std::int32_t to = 0;
};
Window availability_window(const Matter& matter, Date as_of);

/// An exact conflict that excludes a lawyer.
struct ConflictHit {
  std::uint32_t party = 0;
  std::size_t party_name = 0;
  PostingOwner owner = PostingOwner::lawyer_register;
  std::uint32_t owner_slot = 0;
  std::uint32_t entry = 0;
  std::size_t register_name = 0;
};

/// The reason a firm's lawyers are excluded.
struct FirmBar {
  std::string detail;
};

/// The hard constraints of one matter as bit sets over lawyer slots.
struct Evaluation {
  /// By constraint (status .. already_engaged): the present lawyers that pass it.
  std::array<Bits, kHardConstraintCount> pass;
  Bits eligible;  ///< Present lawyers that pass every hard constraint.
  /// Remaining after each hard constraint, applied in order.
  std::array<std::size_t, kHardConstraintCount> remaining{};
  std::size_t present = 0;
  Bits co_counsel;  ///< Lawyers admitted only under a with_local rule, beside a local team member.
  /// True when a with_local need keeps foreign lawyers out only because no
  /// locally admitted lawyer is accepted or active on the matter.
  bool blocked_by_local_team = false;
  /// When blocked_by_local_team: the admission pass with such a team member.
  Bits admission_beside_local;
  /// Exact hits by lawyer slot, sorted; the first hit found per lawyer.
  std::vector<std::pair<std::uint32_t, ConflictHit>> conflicts;
  std::unordered_map<std::uint32_t, FirmBar> firm_bars;       ///< By organization slot.
  std::unordered_map<std::uint32_t, std::string> engaged;     ///< Lawyer slot -> engagement id.
  Window window;
  Bits local, scratch;  ///< Working space, kept to reuse its memory.
};

Evaluation evaluate(const Index& index, const MatterContext& context, const Policy& policy, const NameVariants& variants,
                    Date as_of);
/// The same into an evaluation kept between calls, whose memory is reused.
void evaluate(const Index& index, const MatterContext& context, const Policy& policy, const NameVariants& variants,
              Date as_of, Evaluation& out);

/// The reason a lawyer failed one hard constraint.
std::string exclusion_detail(const Index& index, const MatterContext& context, const Evaluation& evaluation,
                             const Policy& policy, std::uint32_t lawyer, Constraint constraint);

/// Scores of the components of one lawyer, in kAllComponents order.
using ComponentArray = std::array<double, kComponentCount>;

/// Scores lawyers for one matter; safe to share between threads once built.
class Scorer {
 public:
  Scorer(const Index& index, const MatterContext& context, const Policy& policy, Date as_of);

  /// Every component of `lawyer`. `ngo_count` is the lawyer's earlier
  /// engagements for the matter's NGO.
  ComponentArray components(std::uint32_t lawyer, int ngo_count) const;
  /// The weighted mean.
  double combine(const ComponentArray& components) const;
  /// combine(components(lawyer, ngo_count)), for the scoring loop.
  double score(std::uint32_t lawyer, int ngo_count) const;
  int ngo_count(std::uint32_t lawyer) const;
  /// The (slot, count) pairs of the matter's NGO, by slot.
  const std::vector<std::pair<std::uint32_t, int>>& ngo_counts() const { return *ngo_counts_; }
  const ScoreCard* cards() const { return index_.cards.data(); }

  std::vector<Reason> reasons(std::uint32_t lawyer, const ComponentArray& components, int ngo_count,
                              bool co_counsel) const;

 private:
  ComponentArray compute(std::uint32_t lawyer, int ngo_count) const;
  const Index& index_;
  const MatterContext& context_;
  const Policy& policy_;
  std::int32_t today_;
  std::array<double, kComponentCount> weights_{};
  double weight_sum_ = 1;
  const std::vector<std::pair<std::uint32_t, int>>* ngo_counts_;
};

/// Scores every eligible lawyer and keeps those at or above the policy's
/// floor; `scores` gets (score, slot) pairs in slot order.
void score_eligible(const Scorer& scorer, const Evaluation& evaluation, double min_score,
                    std::vector<std::pair<double, std::uint32_t>>& scores, std::size_t& below_floor);

/// The near conflicts between the matter's parties and the lists that
/// apply to `lawyer` (its register, its firm's register and excluded parties).
std::vector<ConflictReview> conflict_reviews(const Index& index, const MatterContext& context, std::uint32_t lawyer,
                                             const NameVariants& variants, double threshold);

/// Text of an exact conflict hit.
std::string conflict_detail(const Index& index, const MatterContext& context, const ConflictHit& hit);

/// A match with its components and, when `explain`, reasons and reviews.
Match make_match(const Index& index, const MatterContext& context, const Scorer& scorer, const Evaluation& evaluation,
                 const NameVariants& variants, const Policy& policy, std::uint32_t lawyer, bool explain);

/// The funnel of an evaluation, with the min_score step.
std::vector<FunnelStep> funnel(const Evaluation& evaluation, std::size_t eligible);

/// The gap of a matter without eligible lawyers.
CoverageGap explain_gap(const Index& index, const MatterContext& context, const Evaluation& evaluation,
                        const Policy& policy, const std::vector<FunnelStep>& steps);

std::string format_score(double value);

}  // namespace matching
}  // namespace v1
}  // namespace atip
