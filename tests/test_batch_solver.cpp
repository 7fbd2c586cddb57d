// Tests of the exact batch-assignment solver: optimality against exhaustive
// search, column generation against the full network, determinism and input
// validation.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "atip/batch_solver.hpp"
#include "atip/error.hpp"

namespace {

using atip::BatchAssignment;
using atip::BatchProblem;
using atip::ScoredLawyer;
using atip::SolverOptions;

// An oracle that returns a stored table, in the stored order.
class TableOracle : public atip::EligibilityOracle {
 public:
  explicit TableOracle(std::vector<std::vector<ScoredLawyer>> table) : table_(std::move(table)) {}

  void eligible(std::int32_t matter, std::vector<ScoredLawyer>& out) const override {
    const auto& row = table_.at(static_cast<std::size_t>(matter));
    out.insert(out.end(), row.begin(), row.end());
  }

  const std::vector<std::vector<ScoredLawyer>>& table() const { return table_; }

 private:
  std::vector<std::vector<ScoredLawyer>> table_;
};

struct Instance {
  BatchProblem problem;
  TableOracle oracle;
};

// Counts the calls of another oracle, per matter.
class CountingOracle : public atip::EligibilityOracle {
 public:
  CountingOracle(const atip::EligibilityOracle& inner, std::size_t matters) : inner_(inner), calls_(matters) {}

  void eligible(std::int32_t matter, std::vector<ScoredLawyer>& out) const override {
    ++calls_.at(static_cast<std::size_t>(matter));
    inner_.eligible(matter, out);
  }

  int max_calls() const {
    int most = 0;
    for (const std::atomic<int>& calls : calls_) most = std::max(most, calls.load());
    return most;
  }

 private:
  const atip::EligibilityOracle& inner_;
  mutable std::vector<std::atomic<int>> calls_;
};

// Uniform integer in [low, high] from a seeded engine; written out so that the
// instances do not depend on the standard library's distributions.
int pick(std::mt19937_64& rng, int low, int high) {
  return low + static_cast<int>(rng() % static_cast<std::uint64_t>(high - low + 1));
}

bool chance(std::mt19937_64& rng, int percent) { return pick(rng, 1, 100) <= percent; }

// Scores drawn from a short list so that ties and zeros are frequent, or
// uniformly at random on a grid of 1e-3.
double pick_score(std::mt19937_64& rng) {
  static const double common[] = {0.0, 0.0, 0.25, 0.5, 0.5, 0.75, 1.0};
  if (chance(rng, 60)) return common[pick(rng, 0, 6)];
  return pick(rng, 0, 1000) / 1000.0;
}

std::vector<std::vector<ScoredLawyer>> random_table(std::mt19937_64& rng, int matters, int lawyers,
                                                     int eligible_percent) {
  std::vector<std::vector<ScoredLawyer>> table(static_cast<std::size_t>(matters));
  for (auto& row : table) {
    for (int l = 0; l < lawyers; ++l) {
      if (chance(rng, eligible_percent)) row.push_back({l, pick_score(rng)});
    }
    // The solver must not depend on the order in which the oracle lists lawyers.
    std::shuffle(row.begin(), row.end(), rng);
  }
  return table;
}

Instance small_instance(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const int matters = pick(rng, 1, 5);
  const int lawyers = pick(rng, 1, 5);
  BatchProblem problem;
  for (int m = 0; m < matters; ++m) problem.team_size.push_back(pick(rng, 1, 2));
  for (int l = 0; l < lawyers; ++l) {
    problem.capacity.push_back(pick(rng, 0, 2));
    problem.firm.push_back(pick(rng, -1, 1));
  }
  if (chance(rng, 60)) problem.firm_cap = pick(rng, 0, 2);
  return {problem, TableOracle(random_table(rng, matters, lawyers, 65))};
}

Instance medium_instance(std::uint64_t seed, int matters, int lawyers, int eligible_percent) {
  std::mt19937_64 rng(seed);
  BatchProblem problem;
  for (int m = 0; m < matters; ++m) problem.team_size.push_back(pick(rng, 1, 3));
  for (int l = 0; l < lawyers; ++l) {
    problem.capacity.push_back(pick(rng, 0, 3));
    problem.firm.push_back(chance(rng, 15) ? -1 : pick(rng, 0, 39));
  }
  problem.firm_cap = 6;
  return {problem, TableOracle(random_table(rng, matters, lawyers, eligible_percent))};
}

std::int64_t scaled(double score) { return std::llround(score * atip::batch_score_scale); }

// Exhaustive search: for each matter in turn, every subset of its eligible
// lawyers of at most team_size members that the remaining capacities and firm
// caps allow. Returns the maximum sum of scaled scores.
class BruteForce {
 public:
  BruteForce(const BatchProblem& problem, const TableOracle& oracle)
      : problem_(problem), table_(oracle.table()), capacity_left_(problem.capacity) {}

  std::int64_t best() {
    search_matter(0, 0);
    return best_;
  }

 private:
  void search_matter(std::size_t matter, std::int64_t value) {
    if (matter == table_.size()) {
      best_ = std::max(best_, value);
      return;
    }
    choose(matter, 0, problem_.team_size[matter], value);
  }

  // Decides for the lawyers of `matter` from position `next` on.
  void choose(std::size_t matter, std::size_t next, int seats_left, std::int64_t value) {
    const auto& row = table_[matter];
    if (next == row.size() || seats_left == 0) {
      search_matter(matter + 1, value);
      return;
    }
    choose(matter, next + 1, seats_left, value);

    const ScoredLawyer& entry = row[next];
    const int firm = problem_.firm[static_cast<std::size_t>(entry.lawyer)];
    const bool firm_full = problem_.firm_cap && firm >= 0 && firm_used_[firm] >= *problem_.firm_cap;
    if (capacity_left_[static_cast<std::size_t>(entry.lawyer)] == 0 || firm_full) return;

    --capacity_left_[static_cast<std::size_t>(entry.lawyer)];
    ++firm_used_[firm];
    choose(matter, next + 1, seats_left - 1, value + scaled(entry.score));
    --firm_used_[firm];
    ++capacity_left_[static_cast<std::size_t>(entry.lawyer)];
  }

  const BatchProblem& problem_;
  const std::vector<std::vector<ScoredLawyer>>& table_;
  std::vector<int> capacity_left_;
  std::map<int, int> firm_used_;
  std::int64_t best_ = 0;
};

// Checks every constraint of the problem on `assignment` and that its totals
// match its pairs.
void require_feasible(const BatchProblem& problem, const TableOracle& oracle,
                      const BatchAssignment& assignment) {
  REQUIRE(std::is_sorted(assignment.pairs.begin(), assignment.pairs.end()));
  REQUIRE(std::adjacent_find(assignment.pairs.begin(), assignment.pairs.end()) ==
          assignment.pairs.end());

  std::vector<int> team(problem.team_size.size(), 0);
  std::vector<int> load(problem.capacity.size(), 0);
  std::map<int, int> firm_load;
  std::int64_t cost = 0;
  double score = 0.0;
  for (const auto& [matter, lawyer] : assignment.pairs) {
    const auto& row = oracle.table().at(static_cast<std::size_t>(matter));
    const auto entry = std::find_if(row.begin(), row.end(),
                                    // Captured by value: clang 14 cannot capture a structured binding.
                                    [wanted = lawyer](const ScoredLawyer& e) { return e.lawyer == wanted; });
    REQUIRE(entry != row.end());
    cost -= scaled(entry->score);
    score += entry->score;
    ++team[static_cast<std::size_t>(matter)];
    ++load[static_cast<std::size_t>(lawyer)];
    const int firm = problem.firm[static_cast<std::size_t>(lawyer)];
    if (firm >= 0) ++firm_load[firm];
  }

  for (std::size_t m = 0; m < team.size(); ++m) REQUIRE(team[m] <= problem.team_size[m]);
  for (std::size_t l = 0; l < load.size(); ++l) REQUIRE(load[l] <= problem.capacity[l]);
  if (problem.firm_cap) {
    for (const auto& [firm, count] : firm_load) REQUIRE(count <= *problem.firm_cap);
  }
  REQUIRE(assignment.total_cost == cost);
  REQUIRE(assignment.total_score == Approx(score).margin(1e-9));
}

// Runs `solve_batch` and returns the error it raises, failing if it returns.
atip::Error solve_error(const BatchProblem& problem, const atip::EligibilityOracle& oracle,
                        const SolverOptions& options = {}) {
  try {
    atip::solve_batch(problem, oracle, options);
  } catch (const atip::Error& error) {
    return error;
  }
  FAIL("solve_batch accepted invalid input");
  return atip::Error(atip::ErrorKind::internal, "unreachable");
}

void require_invalid(const atip::Error& error, const std::string& expected_text) {
  CHECK(error.kind() == atip::ErrorKind::invalid_argument);
  CHECK_THAT(error.what(), Catch::Contains(expected_text));
}

BatchProblem two_by_two() {
  BatchProblem problem;
  problem.team_size = {1, 1};
  problem.capacity = {1, 1};
  problem.firm = {-1, -1};
  return problem;
}

}  // namespace

TEST_CASE("batch_solver: matches exhaustive search on small instances", "[batch_solver]") {
  SolverOptions minimal_start;
  minimal_start.initial_pairs_per_matter = 1;
  minimal_start.pairs_added_per_round = 1;
  SolverOptions minimal_start_full_pricing = minimal_start;
  minimal_start_full_pricing.price_every_pair = true;

  int instances_with_pricing = 0;
  for (std::uint64_t seed = 1; seed <= 600; ++seed) {
    INFO("seed " << seed);
    const Instance instance = small_instance(seed);
    const std::int64_t best = BruteForce(instance.problem, instance.oracle).best();

    const BatchAssignment full = atip::solve_batch(instance.problem, instance.oracle);
    require_feasible(instance.problem, instance.oracle, full);
    CHECK(-full.total_cost == best);
    CHECK(full.proved_optimal);

    const BatchAssignment generated = atip::solve_batch(instance.problem, instance.oracle, minimal_start);
    require_feasible(instance.problem, instance.oracle, generated);
    CHECK(-generated.total_cost == best);
    CHECK(generated.proved_optimal);
    if (generated.pricing_rounds > 1) ++instances_with_pricing;

    const BatchAssignment fully_priced =
        atip::solve_batch(instance.problem, instance.oracle, minimal_start_full_pricing);
    require_feasible(instance.problem, instance.oracle, fully_priced);
    CHECK(-fully_priced.total_cost == best);
  }
  // With one starting pair per matter, many instances need pairs added by pricing.
  CHECK(instances_with_pricing > 100);
}

TEST_CASE("batch_solver: column generation equals full network", "[batch_solver]") {
  SolverOptions full_network;
  full_network.initial_pairs_per_matter = SolverOptions::all_pairs;
  SolverOptions sparse_start;
  sparse_start.initial_pairs_per_matter = 2;
  sparse_start.pairs_added_per_round = 2;
  SolverOptions sparse_start_full_pricing = sparse_start;
  sparse_start_full_pricing.price_every_pair = true;

  for (std::uint64_t seed = 11; seed <= 16; ++seed) {
    INFO("seed " << seed);
    const Instance instance = medium_instance(seed, 300, 700, 25);
    std::int64_t eligible_pairs = 0;
    for (const auto& row : instance.oracle.table()) eligible_pairs += static_cast<std::int64_t>(row.size());

    const BatchAssignment reference = atip::solve_batch(instance.problem, instance.oracle, full_network);
    const BatchAssignment generated = atip::solve_batch(instance.problem, instance.oracle, sparse_start);
    const BatchAssignment defaults = atip::solve_batch(instance.problem, instance.oracle);
    const BatchAssignment fully_priced =
        atip::solve_batch(instance.problem, instance.oracle, sparse_start_full_pricing);

    require_feasible(instance.problem, instance.oracle, reference);
    require_feasible(instance.problem, instance.oracle, generated);
    require_feasible(instance.problem, instance.oracle, defaults);
    CHECK(reference.pricing_rounds == 1);
    CHECK(reference.proved_optimal);
    CHECK(generated.proved_optimal);
    CHECK(defaults.proved_optimal);
    CHECK(generated.total_cost == reference.total_cost);
    CHECK(defaults.total_cost == reference.total_cost);
    CHECK(fully_priced.total_cost == reference.total_cost);
    // Skipping matters by the bound changes the work, never the pairs.
    CHECK(fully_priced.pairs == generated.pairs);
    CHECK(fully_priced.pairs_priced >= generated.pairs_priced);
    CHECK(generated.pricing_rounds > 1);
    CHECK(generated.pairs_in_final_network < eligible_pairs / 2);
  }
}

TEST_CASE("batch_solver: any pool size keeps the optimum", "[batch_solver]") {
  SolverOptions full_network;
  full_network.initial_pairs_per_matter = SolverOptions::all_pairs;

  for (std::uint64_t seed = 21; seed <= 23; ++seed) {
    const Instance instance = medium_instance(seed, 300, 700, 25);
    const BatchAssignment reference = atip::solve_batch(instance.problem, instance.oracle, full_network);

    // Pools of 0 and 1 pair force oracle calls in most rounds; 1,000 pairs
    // hold every eligible pair. A budget of 300 pairs in all stops the pools
    // from growing.
    for (const auto& [pool_size, budget] : std::vector<std::pair<int, std::int64_t>>{
             {0, 1'000'000}, {1, 1'000'000}, {4, 1'000'000}, {4, 300}, {40, 1'000'000}, {1000, 1'000'000}}) {
      INFO("seed " << seed << ", pool " << pool_size << ", budget " << budget);
      SolverOptions options;
      options.initial_pairs_per_matter = 2;
      options.pairs_added_per_round = 2;
      options.pool_pairs_per_matter = pool_size;
      options.max_pool_pairs = budget;
      SolverOptions fully_priced_options = options;
      fully_priced_options.price_every_pair = true;

      const BatchAssignment generated = atip::solve_batch(instance.problem, instance.oracle, options);
      const BatchAssignment fully_priced = atip::solve_batch(instance.problem, instance.oracle, fully_priced_options);

      require_feasible(instance.problem, instance.oracle, generated);
      CHECK(generated.proved_optimal);
      CHECK(generated.total_cost == reference.total_cost);
      // Pricing the pairs that the bound ruled out finds nothing to add.
      CHECK(fully_priced.pairs == generated.pairs);
      CHECK(fully_priced.pricing_rounds == generated.pricing_rounds);
      CHECK(fully_priced.pairs_read >= generated.pairs_read);
    }
  }
}

TEST_CASE("batch_solver: any pricing margin keeps the optimum", "[batch_solver]") {
  SolverOptions full_network;
  full_network.initial_pairs_per_matter = SolverOptions::all_pairs;

  for (std::uint64_t seed = 41; seed <= 43; ++seed) {
    const Instance instance = medium_instance(seed, 300, 700, 25);
    const BatchAssignment reference = atip::solve_batch(instance.problem, instance.oracle, full_network);
    for (const double margin : {0.0, 0.005, 0.05, 1.0}) {
      INFO("seed " << seed << ", margin " << margin);
      SolverOptions options;
      options.initial_pairs_per_matter = 1;
      options.pricing_margin = margin;
      const BatchAssignment result = atip::solve_batch(instance.problem, instance.oracle, options);

      require_feasible(instance.problem, instance.oracle, result);
      CHECK(result.proved_optimal);
      CHECK(result.total_cost == reference.total_cost);
    }
  }
}

TEST_CASE("batch_solver: matters ranking the same lawyers", "[batch_solver]") {
  // Every matter scores a lawyer by the lawyer's quality plus a little noise,
  // on a coarse grid: the shape of the matcher's scores, where most matters
  // want the same lawyers and many pairs tie.
  std::mt19937_64 rng(77);
  const int matters = 400;
  const int lawyers = 600;
  std::vector<int> quality(static_cast<std::size_t>(lawyers));
  for (int& q : quality) q = pick(rng, 0, 60);
  BatchProblem problem;
  std::vector<std::vector<ScoredLawyer>> table(static_cast<std::size_t>(matters));
  for (int m = 0; m < matters; ++m) {
    problem.team_size.push_back(pick(rng, 1, 2));
    for (int l = 0; l < lawyers; ++l) {
      if (!chance(rng, 40)) continue;
      const int points = quality[static_cast<std::size_t>(l)] + pick(rng, 0, 4);
      table[static_cast<std::size_t>(m)].push_back({l, points / 64.0});
    }
  }
  for (int l = 0; l < lawyers; ++l) {
    problem.capacity.push_back(pick(rng, 0, 3));
    problem.firm.push_back(-1);
  }
  const TableOracle oracle(table);
  SolverOptions full_network;
  full_network.initial_pairs_per_matter = SolverOptions::all_pairs;
  const BatchAssignment reference = atip::solve_batch(problem, oracle, full_network);

  for (const int before_limit : {0, 1, 8, 16}) {
    INFO("pairs added before the lawyer limit: " << before_limit);
    SolverOptions options;
    options.initial_pairs_per_matter = 2;
    options.pool_pairs_per_matter = 20;
    options.pairs_added_before_lawyer_limit = before_limit;
    SolverOptions one_thread = options;
    one_thread.pricing_threads = 1;

    const BatchAssignment result = atip::solve_batch(problem, oracle, options);
    const BatchAssignment single = atip::solve_batch(problem, oracle, one_thread);

    require_feasible(problem, oracle, result);
    CHECK(result.proved_optimal);
    CHECK(result.total_cost == reference.total_cost);
    CHECK(result.pricing_rounds > 1);
    CHECK(single.pairs == result.pairs);
  }
}

TEST_CASE("batch_solver: answer order does not matter", "[batch_solver]") {
  const Instance instance = medium_instance(51, 400, 500, 30);
  std::vector<std::vector<ScoredLawyer>> reversed = instance.oracle.table();
  for (auto& row : reversed) std::reverse(row.begin(), row.end());
  SolverOptions options;
  options.initial_pairs_per_matter = 2;
  options.pool_pairs_per_matter = 8;

  const BatchAssignment forward = atip::solve_batch(instance.problem, instance.oracle, options);
  const BatchAssignment backward = atip::solve_batch(instance.problem, TableOracle(reversed), options);

  REQUIRE_FALSE(forward.pairs.empty());
  CHECK(forward.pairs == backward.pairs);
  CHECK(forward.pricing_rounds == backward.pricing_rounds);
  CHECK(forward.pairs_in_final_network == backward.pairs_in_final_network);
}

TEST_CASE("batch_solver: pool holding every pair reads once", "[batch_solver]") {
  const Instance instance = medium_instance(31, 300, 700, 25);
  std::int64_t eligible_pairs = 0;
  for (const auto& row : instance.oracle.table()) eligible_pairs += static_cast<std::int64_t>(row.size());
  SolverOptions large_pool;
  large_pool.initial_pairs_per_matter = 2;
  large_pool.pairs_added_per_round = 2;
  large_pool.pool_pairs_per_matter = 1000;
  SolverOptions no_pool = large_pool;
  no_pool.pool_pairs_per_matter = 0;

  const CountingOracle large_pool_oracle(instance.oracle, instance.oracle.table().size());
  const BatchAssignment pooled = atip::solve_batch(instance.problem, large_pool_oracle, large_pool);
  const CountingOracle no_pool_oracle(instance.oracle, instance.oracle.table().size());
  const BatchAssignment unpooled = atip::solve_batch(instance.problem, no_pool_oracle, no_pool);

  CHECK(pooled.pricing_rounds > 1);
  REQUIRE(pooled.eligible_per_matter.size() == instance.oracle.table().size());
  for (std::size_t m = 0; m < instance.oracle.table().size(); ++m) {
    CHECK(pooled.eligible_per_matter[m] == static_cast<std::int64_t>(instance.oracle.table()[m].size()));
  }
  CHECK(large_pool_oracle.max_calls() == 1);
  CHECK(pooled.pairs_read == eligible_pairs);
  CHECK(no_pool_oracle.max_calls() > 1);
  CHECK(unpooled.pairs_read > eligible_pairs);
  CHECK(unpooled.total_cost == pooled.total_cost);
}

TEST_CASE("batch_solver: scaled scores round half away from zero", "[batch_solver]") {
  // Matter i can take only lawyer i, so every pair is chosen (no scaled
  // score is 0) and the total cost is minus the sum of the scaled scores. Scores on and next to the
  // midpoints between two units of 1e-6 test the rounding.
  std::vector<double> scores;
  for (int units = 1; units < 1'000'000; units += 9'973) {
    const double midpoint = (units + 0.5) / static_cast<double>(atip::batch_score_scale);
    scores.push_back(midpoint);
    scores.push_back(std::nextafter(midpoint, 0.0));
    scores.push_back(std::nextafter(midpoint, 1.0));
    scores.push_back(units / static_cast<double>(atip::batch_score_scale));
  }
  scores.push_back(1.0);
  scores.push_back(std::nextafter(1.0, 0.0));

  BatchProblem problem;
  std::vector<std::vector<ScoredLawyer>> table;
  std::int64_t expected_cost = 0;
  for (std::size_t i = 0; i < scores.size(); ++i) {
    problem.team_size.push_back(1);
    problem.capacity.push_back(1);
    problem.firm.push_back(-1);
    table.push_back({{static_cast<std::int32_t>(i), scores[i]}});
    expected_cost -= std::llround(scores[i] * static_cast<double>(atip::batch_score_scale));
  }

  const BatchAssignment result = atip::solve_batch(problem, TableOracle(table));
  CHECK(result.pairs.size() == scores.size());
  CHECK(result.total_cost == expected_cost);
}

TEST_CASE("batch_solver: top pairs alone can miss the optimum", "[batch_solver]") {
  // Both matters rank lawyer 0 first, and lawyer 0 has room for one of them.
  // Without pricing, the network holds only lawyer 0 and one matter stays
  // empty; pricing adds lawyer 1 for the other.
  BatchProblem problem = two_by_two();
  const TableOracle oracle({{{0, 0.9}, {1, 0.8}}, {{0, 0.9}, {1, 0.1}}});
  SolverOptions top_only;
  top_only.initial_pairs_per_matter = 1;
  top_only.max_pricing_rounds = 0;
  SolverOptions one_pair_start;
  one_pair_start.initial_pairs_per_matter = 1;
  SolverOptions one_pair_start_no_pool = one_pair_start;
  one_pair_start_no_pool.pool_pairs_per_matter = 0;

  const BatchAssignment truncated = atip::solve_batch(problem, oracle, top_only);
  const BatchAssignment exact = atip::solve_batch(problem, oracle, one_pair_start);
  const CountingOracle counting(oracle, 2);
  const BatchAssignment exact_without_pool = atip::solve_batch(problem, counting, one_pair_start_no_pool);

  CHECK_FALSE(truncated.proved_optimal);
  CHECK(truncated.pricing_rounds == 0);
  CHECK(-truncated.total_cost == 900'000);
  CHECK(exact.proved_optimal);
  CHECK(-exact.total_cost == 1'700'000);
  CHECK(exact.pairs == std::vector<std::pair<std::int32_t, std::int32_t>>{{0, 1}, {1, 0}});
  // Without a pool, lawyer 1 stays unread until the bound sends pricing back
  // to the oracle.
  CHECK(exact_without_pool.pairs == exact.pairs);
  CHECK(counting.max_calls() == 2);
}

TEST_CASE("batch_solver: same input gives same pairs", "[batch_solver]") {
  // Many equal scores leave many optimal assignments to choose from.
  const Instance instance = medium_instance(42, 600, 900, 20);
  SolverOptions one_thread;
  one_thread.pricing_threads = 1;

  const BatchAssignment first = atip::solve_batch(instance.problem, instance.oracle);
  const BatchAssignment second = atip::solve_batch(instance.problem, instance.oracle);
  const BatchAssignment single = atip::solve_batch(instance.problem, instance.oracle, one_thread);

  REQUIRE_FALSE(first.pairs.empty());
  CHECK(first.pairs == second.pairs);
  CHECK(first.pairs == single.pairs);
  CHECK(first.pricing_rounds == single.pricing_rounds);
  CHECK(first.pairs_priced == single.pairs_priced);
}

TEST_CASE("batch_solver: empty batch and unusable lawyers", "[batch_solver]") {
  const TableOracle no_matters({});
  const BatchAssignment empty = atip::solve_batch(BatchProblem{}, no_matters);
  CHECK(empty.pairs.empty());
  CHECK(empty.total_cost == 0);
  CHECK(empty.proved_optimal);

  // Lawyer 0 has no capacity and lawyer 1 belongs to a firm capped at zero.
  BatchProblem problem;
  problem.team_size = {2};
  problem.capacity = {0, 3, 1};
  problem.firm = {-1, 7, -1};
  problem.firm_cap = 0;
  const TableOracle oracle({{{0, 1.0}, {1, 1.0}, {2, 0.2}}});
  const BatchAssignment result = atip::solve_batch(problem, oracle);
  CHECK(result.pairs == std::vector<std::pair<std::int32_t, std::int32_t>>{{0, 2}});
  CHECK(result.proved_optimal);
  // Unusable lawyers still count as eligible.
  CHECK(result.eligible_per_matter == std::vector<std::int64_t>{3});
}

TEST_CASE("batch_solver: rejects invalid problems", "[batch_solver]") {
  const TableOracle oracle({{}, {}});

  BatchProblem problem = two_by_two();
  problem.team_size[1] = -2;
  require_invalid(solve_error(problem, oracle), "team_size[1]: -2");

  problem = two_by_two();
  problem.team_size[0] = 0;
  require_invalid(solve_error(problem, oracle), "team_size[0]: 0");

  problem = two_by_two();
  problem.capacity[1] = -1;
  require_invalid(solve_error(problem, oracle), "capacity[1]: -1");

  problem = two_by_two();
  problem.firm.pop_back();
  require_invalid(solve_error(problem, oracle), "firm: has 1 entries but capacity has 2");

  problem = two_by_two();
  problem.firm[0] = -5;
  require_invalid(solve_error(problem, oracle), "firm[0]: -5");

  problem = two_by_two();
  problem.firm_cap = -1;
  require_invalid(solve_error(problem, oracle), "firm_cap: -1");
}

TEST_CASE("batch_solver: rejects invalid oracle answers", "[batch_solver]") {
  const BatchProblem problem = two_by_two();
  const double nan = std::numeric_limits<double>::quiet_NaN();

  require_invalid(solve_error(problem, TableOracle({{}, {{0, 0.5}, {2, 0.5}}})),
                  "eligible(1)[1].lawyer: 2 is out of range");
  require_invalid(solve_error(problem, TableOracle({{{-1, 0.5}}, {}})),
                  "eligible(0)[0].lawyer: -1 is out of range");
  require_invalid(solve_error(problem, TableOracle({{{0, 1.5}}, {}})), "eligible(0)[0].score: 1.5");
  require_invalid(solve_error(problem, TableOracle({{{0, -0.25}}, {}})),
                  "eligible(0)[0].score: -0.25");
  require_invalid(solve_error(problem, TableOracle({{{1, nan}}, {}})), "eligible(0)[0].score: nan");
  require_invalid(solve_error(problem, TableOracle({{}, {{1, 0.5}, {0, 0.5}, {1, 0.2}}})),
                  "eligible(1)[2].lawyer: 1 is listed twice");
  require_invalid(solve_error(problem, TableOracle({{{0, 0.5}, {0, 0.5}}, {}})),
                  "eligible(0)[1].lawyer: 0 is listed twice");

  BatchProblem six_lawyers = two_by_two();
  six_lawyers.capacity.assign(6, 1);
  six_lawyers.firm.assign(6, -1);
  require_invalid(solve_error(six_lawyers, TableOracle({{{2, 0.5}, {5, 0.5}, {3, 0.5}, {5, 0.1}}, {}})),
                  "eligible(0)[3].lawyer: 5 is listed twice");
  require_invalid(solve_error(six_lawyers, TableOracle({{{2, 0.5}, {1, 0.5}, {6, 0.5}}, {}})),
                  "eligible(0)[2].lawyer: 6 is out of range");
}

TEST_CASE("batch_solver: rejects invalid options", "[batch_solver]") {
  const BatchProblem problem = two_by_two();
  const TableOracle oracle({{}, {}});

  SolverOptions options;
  options.initial_pairs_per_matter = 0;
  require_invalid(solve_error(problem, oracle, options), "options.initial_pairs_per_matter: 0");

  options = {};
  options.pairs_added_per_round = -3;
  require_invalid(solve_error(problem, oracle, options), "options.pairs_added_per_round: -3");

  options = {};
  options.max_pricing_rounds = -1;
  require_invalid(solve_error(problem, oracle, options), "options.max_pricing_rounds: -1");

  options = {};
  options.pricing_threads = 0;
  require_invalid(solve_error(problem, oracle, options), "options.pricing_threads: 0");

  options = {};
  options.pairs_added_before_lawyer_limit = -1;
  require_invalid(solve_error(problem, oracle, options), "options.pairs_added_before_lawyer_limit: -1");

  options = {};
  options.pool_pairs_per_matter = -1;
  require_invalid(solve_error(problem, oracle, options), "options.pool_pairs_per_matter: -1");

  options = {};
  options.max_pool_pairs = -5;
  require_invalid(solve_error(problem, oracle, options), "options.max_pool_pairs: -5");

  options = {};
  options.pricing_margin = -0.5;
  require_invalid(solve_error(problem, oracle, options), "options.pricing_margin: -0.5");

  options = {};
  options.pricing_margin = std::numeric_limits<double>::quiet_NaN();
  require_invalid(solve_error(problem, oracle, options), "options.pricing_margin: nan");
}

TEST_CASE("batch_solver: oracle error of lowest matter wins", "[batch_solver]") {
  // Enough matters for two pricing threads; matters 700 and 300 both fail.
  class FailingOracle : public atip::EligibilityOracle {
   public:
    void eligible(std::int32_t matter, std::vector<ScoredLawyer>& out) const override {
      if (matter == 300 || matter == 700) throw std::runtime_error("oracle failed on matter " + std::to_string(matter));
      out.push_back({matter % 4, 0.5});
    }
  };
  BatchProblem problem;
  problem.team_size.assign(1000, 1);
  problem.capacity.assign(4, 10);
  problem.firm.assign(4, -1);

  for (int attempt = 0; attempt < 5; ++attempt) {
    CHECK_THROWS_WITH(atip::solve_batch(problem, FailingOracle()), "oracle failed on matter 300");
  }
}
