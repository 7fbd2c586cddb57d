// Seeded synthetic batches for benchmarking the batch-assignment solver.
//
// The shape follows the clearinghouse's network: lawyers based in Hong Kong,
// Myanmar, Vietnam, Thailand and Cambodia plus a few abroad, 1-3 languages,
// 1-3 of 13 practice areas, capacities 1-5 and about 60 firms of very unequal
// size; matters with a forum jurisdiction, the languages the work needs and a
// practice area. About 6 % of matter-lawyer pairs are eligible.
#pragma once

#include <cstdint>
#include <vector>

#include "atip/batch_solver.hpp"

namespace atip {
inline namespace v1 {
namespace bench {

/// Sizes and seed of a generated batch.
struct WorkloadShape {
  std::int32_t lawyers = 0;
  std::int32_t matters = 0;
  std::uint64_t seed = 1;
};

/// A generated batch that is also its own eligibility oracle.
///
/// A lawyer is eligible for a matter when the lawyer is admitted in the
/// forum jurisdiction, speaks one of the needed languages at working level
/// or above, and practises in the same family of practice areas. The oracle
/// intersects precomputed bit sets (one per jurisdiction, language and
/// family) and scores only the lawyers left; it keeps no mutable state, so
/// concurrent calls are safe.
class AssignmentWorkload final : public EligibilityOracle {
 public:
  /// Generates the batch; the same shape always gives the same batch.
  explicit AssignmentWorkload(const WorkloadShape& shape);

  /// Team sizes 1-3, capacities 1-5, firms (or -1) and a firm cap of 5 % of
  /// the matters, which binds for the largest firms.
  const BatchProblem& problem() const { return problem_; }

  /// Appends every eligible lawyer with a score that mixes practice-area fit,
  /// current load, language level and a per-pair jitter derived from the seed.
  void eligible(std::int32_t matter, std::vector<ScoredLawyer>& out) const override;

  /// Counts the eligible pairs with population counts, without scoring them.
  std::int64_t count_eligible_pairs() const;

 private:
  using Bits = std::vector<std::uint64_t>;

  struct LanguageSkill {
    std::uint8_t language;
    std::uint8_t level;  // 1 basic, 2 working, 3 professional, 4 native
  };

  struct LawyerProfile {
    std::uint16_t practice_areas;  // bit i: practice area i
    float load;                    // share of the lawyer's usual caseload in use, 0..1
    std::uint8_t language_count;
    LanguageSkill languages[3];
  };

  struct MatterProfile {
    std::uint8_t forum;
    std::uint8_t practice_area;
    std::uint8_t language_count;
    std::uint8_t languages[2];
  };

  void generate_lawyers(std::uint64_t seed);
  void generate_matters(std::uint64_t seed);
  double score(const MatterProfile& matter, std::int32_t matter_index, std::int32_t lawyer) const;

  std::uint64_t seed_ = 0;
  std::size_t words_ = 0;
  BatchProblem problem_;
  std::vector<LawyerProfile> lawyers_;
  std::vector<MatterProfile> matters_;
  std::vector<Bits> admitted_in_;    // per jurisdiction
  std::vector<Bits> speaks_;         // per language, working level or above
  std::vector<Bits> practises_in_;   // per family of practice areas
};

}  // namespace bench
}  // namespace v1
}  // namespace atip
