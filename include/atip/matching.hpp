// The matching engine: ranks lawyers for a matter with reasons, checks
// conflicts of interest, explains coverage gaps and assigns lawyers to a
// batch of matters. docs/matching.md describes the constraints, the score
// and the index.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "atip/batch_solver.hpp"
#include "atip/matching/policy.hpp"
#include "atip/matching/results.hpp"
#include "atip/model/common.hpp"
#include "atip/model/matter.hpp"

namespace atip {
inline namespace v1 {

class Store;

struct RankOptions {
  /// Maximum number of matches returned, 0 to 10000.
  std::size_t top = 10;
  /// Build reasons and conflict reviews for the returned matches.
  bool explain = true;
  /// List every excluded lawyer with the constraints it failed (slow on
  /// large networks: one entry per excluded lawyer).
  bool include_exclusions = false;
  /// The day the ranking is for: it sets the availability window of a matter
  /// without a period and the age of trainings. Absent means today (UTC).
  std::optional<Date> as_of;
};

struct AssignOptions {
  /// Matters of the batch; empty means every open matter. Each must exist and
  /// be open, and appear once.
  std::vector<std::string> matter_ids;
  std::optional<Date> as_of;  ///< As in RankOptions.
  SolverOptions solver;
};

struct CoverageOptions {
  std::optional<Date> as_of;  ///< As in RankOptions.
};

/// Sizes of the in-memory index, for monitoring.
struct MatcherStats {
  std::size_t lawyers = 0;          ///< Lawyers indexed.
  std::size_t firms = 0;            ///< Organizations indexed.
  std::size_t conflict_keys = 0;    ///< Distinct search keys of conflict registers and excluded parties.
  std::size_t full_builds = 0;      ///< Times the index was built from the whole store.
  std::size_t incremental_updates = 0;  ///< Records applied one by one since construction.
};

/// The matching engine over one store.
///
/// The Matcher keeps an in-memory index of the lawyers (bit sets per
/// jurisdiction and language, per-lawyer load, history and conflict keys).
/// It builds the index from the store on first use and keeps it current
/// through a store change listener: changes are queued when the store
/// commits and applied at the start of the next call.
///
/// Thread contract: a Matcher belongs to the thread that uses its Store (the
/// Store is single-threaded, and every call may read it to apply queued
/// changes). `assign` runs the solver's pricing on
/// `AssignOptions::solver.pricing_threads` threads, which only read the
/// index. The Store must outlive the Matcher.
class Matcher {
 public:
  /// Registers a change listener on `store`; does not read it yet.
  explicit Matcher(Store& store);
  ~Matcher();
  Matcher(const Matcher&) = delete;
  Matcher& operator=(const Matcher&) = delete;

  /// Ranks the lawyers for the stored matter `matter_id`, in any state.
  /// Ties break on lawyer id. Throws not_found for an unknown matter and
  /// invalid_argument for an invalid policy or options.
  Ranking rank(const std::string& matter_id, const Policy& policy, const RankOptions& options = {});

  /// Ranks the lawyers for a matter that need not be stored (an intake
  /// preview). The matter is validated as the store would validate it.
  Ranking rank(const Matter& matter, const Policy& policy, const RankOptions& options = {});

  /// Assigns lawyers to a batch of matters, maximising the total score with
  /// the exact min-cost-flow solver (atip/batch_solver.hpp). At most
  /// `team size - accepted or active engagements` lawyers per matter, at
  /// most each lawyer's free capacity, at most the policy's firm cap per
  /// firm. Under a `with_local` rule a foreign lawyer is eligible only when
  /// a locally admitted lawyer is already accepted or active on the matter.
  /// Deterministic: the same data and options give the same result. Writes
  /// nothing: offering the assignments is the caller's decision.
  AssignmentResult assign(const AssignOptions& options, const Policy& policy);

  /// Finds the open matters without an eligible candidate and groups them
  /// by forum, practice area and languages.
  CoverageReport coverage_gaps(const Policy& policy, const CoverageOptions& options = {});

  /// Registers groups of name spellings that may stand for the same name,
  /// such as the romanisations of one Chinese surname ({"黃", "Huang",
  /// "Wong", "Ng", "Ong"}). Words are compared by search key. Near conflict
  /// checks treat two words of one group as equal, and report the rule
  /// `name_variant`. Replaces earlier groups. Throws invalid_argument
  /// naming `groups[i][j]` for invalid UTF-8.
  void set_name_variants(const std::vector<std::vector<std::string>>& groups);

  /// Drops the index; the next call rebuilds it from the whole store.
  void invalidate();

  /// Brings the index up to date now (otherwise the next call does).
  void refresh();

  MatcherStats stats() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace v1
}  // namespace atip
