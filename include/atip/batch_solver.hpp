// Exact batch assignment of lawyers to matters as a min-cost flow, solved with
// LEMON's network simplex and column generation over the eligible pairs.
//
// The solver works on indices only: matters 0..M-1 and lawyers 0..L-1. The
// ranking engine decides which pairs are eligible and how they score, and
// feeds them through an EligibilityOracle.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

namespace atip {
inline namespace v1 {

/// Number of integer cost units per unit of score. A pair with score s costs
/// -round(s * batch_score_scale) in the flow network, so scores are compared
/// to a resolution of 1e-6 and the optimum is exact in that integer objective.
inline constexpr std::int64_t batch_score_scale = 1'000'000;

/// Sizes and limits of one batch, indexed by matter and by lawyer.
struct BatchProblem {
  /// Per matter: the maximum number of lawyers the matter may receive (>= 1).
  std::vector<int> team_size;
  /// Per lawyer: the number of further assignments the lawyer can take (>= 0).
  std::vector<int> capacity;
  /// Per lawyer: the lawyer's firm as any index >= 0, or -1 for no firm.
  /// Must have the same length as `capacity`.
  std::vector<int> firm;
  /// Maximum number of assignments any one firm receives in this batch (>= 0).
  /// Lawyers without a firm are not limited by it. Empty means no limit.
  std::optional<int> firm_cap;
};

/// One eligible lawyer of a matter, with the pair's score in [0, 1].
struct ScoredLawyer {
  std::int32_t lawyer;
  double score;
};

/// Source of the eligible lawyers of each matter and of the pairs' scores.
///
/// The solver calls `eligible` once per matter to pick the starting pairs and
/// the pool (SolverOptions::pool_pairs_per_matter), and again in a pricing
/// round only for a matter whose pairs outside the network and the pool might
/// improve the total. It never keeps all eligible pairs in memory at once.
/// Contract:
/// - every call for the same matter returns the same lawyers with the same
///   scores (order does not matter);
/// - a lawyer appears at most once per matter;
/// - `eligible` may run concurrently on two or more threads for different
///   matters (see SolverOptions::pricing_threads), so an implementation must
///   be safe for concurrent const calls.
/// The solver validates every answer; a lawyer index out of range, a repeated
/// lawyer or a score outside [0, 1] (or NaN) raises invalid_argument.
class EligibilityOracle {
 public:
  virtual ~EligibilityOracle() = default;

  /// Appends the eligible lawyers of `matter` to `out`, which arrives empty
  /// (its capacity is kept between calls to save allocations).
  virtual void eligible(std::int32_t matter, std::vector<ScoredLawyer>& out) const = 0;
};

/// Tuning of the column generation. The defaults were tuned on the seeded
/// batches of bench/bench_assignment.cpp, up to 50,000 matters over 200,000
/// lawyers. Every setting keeps the result exact unless `max_pricing_rounds`
/// stops the solver early.
struct SolverOptions {
  /// Pairs per matter in the first network: the best by score, ties broken by
  /// a fixed hash of the pair. Pass `all_pairs` to build the full network,
  /// which makes a single pricing round confirm the result.
  int initial_pairs_per_matter = 8;
  /// Pairs per matter, after the starting ones, that the solver keeps in
  /// memory as the matter's pool, so that pricing them needs no oracle call.
  /// A matter read again because the bound cannot rule out its other pairs
  /// doubles its pool, within max_pool_pairs. 0 keeps no pool.
  int pool_pairs_per_matter = 256;
  /// Limit on the pairs held in all pools together (16 bytes each). The
  /// starting pools shrink to fit it, and pools stop doubling when they
  /// would exceed it.
  std::int64_t max_pool_pairs = std::int64_t{32} << 20;
  /// Maximum number of pairs that one pricing round adds per matter, the
  /// lowest reduced cost first.
  int pairs_added_per_round = 16;
  /// How many of a matter's pairs from the pool in one round are added
  /// whatever other matters add. Beyond them, a lawyer joins at most its
  /// capacity + 1 new pairs per round, granted to the matters in index order,
  /// so that matters that rank the same lawyers first spread their further
  /// pairs over more lawyers.
  int pairs_added_before_lawyer_limit = 8;
  /// In a round where a pool pair has negative reduced cost, pool pairs whose
  /// reduced cost is below this margin (in score units, 0 to 1) join the
  /// network too, within pairs_added_per_round. They would often turn
  /// negative after the next solve; adding them early saves rounds.
  double pricing_margin = 0.005;
  /// Upper bound on pricing rounds. When it is reached while pairs with
  /// negative reduced cost remain, the solver returns the best assignment of
  /// the current network with `proved_optimal == false`.
  int max_pricing_rounds = 1000;
  /// Threads that call the oracle during the selection of starting pairs and
  /// during pricing (1 = the calling thread only). Batches of fewer than
  /// 256 matters always use one thread.
  int pricing_threads = 2;
  /// Also calls the oracle, in every round that reaches the unread pairs, for
  /// the matters whose unread pairs the bound rules out (docs/matching.md,
  /// "Batch assignment"). The result is the same, so this setting exists to
  /// cross-check the bound.
  bool price_every_pair = false;

  /// Value of `initial_pairs_per_matter` that puts every eligible pair into
  /// the first network.
  static constexpr int all_pairs = std::numeric_limits<int>::max();
};

/// An optimal (or, if stopped early, best found) assignment and how it was found.
struct BatchAssignment {
  /// Chosen (matter, lawyer) pairs, sorted by matter and then by lawyer.
  std::vector<std::pair<std::int32_t, std::int32_t>> pairs;
  /// Cost of the flow: minus the sum of the chosen pairs' scaled scores
  /// (see batch_score_scale). Zero when nothing is assigned.
  std::int64_t total_cost = 0;
  /// Sum of the chosen pairs' scores as the oracle returned them.
  double total_score = 0.0;
  /// Pricing rounds run, counting the last one that found nothing to add.
  int pricing_rounds = 0;
  /// Matter-lawyer pairs in the network of the last solve.
  std::int64_t pairs_in_final_network = 0;
  /// Eligible pairs outside the network whose reduced cost was computed,
  /// summed over all pricing rounds: pool pairs, and pairs of matters read
  /// again. Unread pairs that the bound ruled out are not counted.
  std::int64_t pairs_priced = 0;
  /// Pairs that the oracle returned, summed over all its calls.
  std::int64_t pairs_read = 0;
  /// Per matter, the number of lawyers that the oracle listed, usable or not.
  std::vector<std::int64_t> eligible_per_matter;
  /// True when the last pricing round showed that no eligible pair outside
  /// the network has negative reduced cost, by computing it or by the bound:
  /// the assignment is then optimal over all eligible pairs. False only when
  /// max_pricing_rounds stopped the solver first.
  bool proved_optimal = false;
};

/// Chooses pairs that maximise the total scaled score, with at most
/// `team_size[m]` lawyers per matter, at most `capacity[l]` matters per
/// lawyer, at most `*firm_cap` assignments per firm and each pair at most once.
///
/// Validates `problem` and `options` first and every oracle answer as it
/// arrives; throws atip::Error with ErrorKind::invalid_argument naming the
/// field and value. Exceptions thrown by the oracle propagate unchanged (from
/// the lowest matter index that failed, even when pricing runs on several
/// threads). The same input and options always give the same pairs.
BatchAssignment solve_batch(const BatchProblem& problem, const EligibilityOracle& oracle,
                            const SolverOptions& options = {});

}  // namespace v1
}  // namespace atip
