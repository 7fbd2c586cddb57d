// Benchmarks of exact batch assignment. Arguments: lawyers, matters.
//
// BM_ExactAssignment, BM_FullNetwork and BM_TopPairsOnly run the solver alone
// on seeded synthetic batches (bench/support/assignment_workload.hpp).
// BM_MatcherAssign runs Matcher::assign over a store in memory that contains a
// seeded network (bench/support/rank_workload.hpp): the matcher's
// constraints, scores and reasons, with every generated matter open.
//
// Counters: eligible_pct is the share of matter-lawyer pairs that are
// eligible. rounds, network_pairs, priced_pairs and read_pairs come from
// BatchAssignment, and proved is 1 when pricing proved the optimum.
// peak_rss_mib is the process's peak resident set so far (getrusage), so run
// one size alone with --benchmark_filter to read its own peak.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <chrono>
#include <map>
#include <memory>
#include <utility>

#include "atip/batch_solver.hpp"
#include "atip/matching.hpp"
#include "atip/store.hpp"
#include "support/assignment_workload.hpp"
#include "support/rank_workload.hpp"

namespace {

using atip::BatchAssignment;
using atip::SolverOptions;
using atip::bench::AssignmentWorkload;
using atip::bench::WorkloadShape;

constexpr std::uint64_t workload_seed = 20240611;

// Generates each batch once and keeps it for the later benchmarks, so that
// generation stays out of the timings.
const AssignmentWorkload& workload_for(const benchmark::State& state) {
  static std::map<std::pair<std::int64_t, std::int64_t>, std::unique_ptr<AssignmentWorkload>> cache;
  const auto key = std::make_pair(state.range(0), state.range(1));
  auto& entry = cache[key];
  if (!entry) {
    WorkloadShape shape;
    shape.lawyers = static_cast<std::int32_t>(state.range(0));
    shape.matters = static_cast<std::int32_t>(state.range(1));
    shape.seed = workload_seed;
    entry = std::make_unique<AssignmentWorkload>(shape);
  }
  return *entry;
}

double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

void report(benchmark::State& state, const AssignmentWorkload& workload, const BatchAssignment& result) {
  const double pairs = static_cast<double>(state.range(0)) * static_cast<double>(state.range(1));
  state.counters["eligible_pct"] = 100.0 * static_cast<double>(workload.count_eligible_pairs()) / pairs;
  state.counters["assigned"] = static_cast<double>(result.pairs.size());
  state.counters["total_score"] = result.total_score;
  state.counters["rounds"] = result.pricing_rounds;
  state.counters["network_pairs"] = static_cast<double>(result.pairs_in_final_network);
  state.counters["priced_pairs"] = static_cast<double>(result.pairs_priced);
  state.counters["read_pairs"] = static_cast<double>(result.pairs_read);
  state.counters["proved"] = result.proved_optimal ? 1 : 0;
  state.counters["peak_rss_mib"] = peak_rss_mib();
}

BatchAssignment run(benchmark::State& state, const AssignmentWorkload& workload,
                    const SolverOptions& options) {
  BatchAssignment result;
  for (auto _ : state) {
    result = atip::solve_batch(workload.problem(), workload, options);
    benchmark::DoNotOptimize(result.pairs.data());
  }
  return result;
}

// Column generation with the default options: the exact optimum, proved.
void BM_ExactAssignment(benchmark::State& state) {
  const AssignmentWorkload& workload = workload_for(state);
  report(state, workload, run(state, workload, SolverOptions{}));
}

// Every eligible pair in one network: the reference that column generation
// avoids building.
void BM_FullNetwork(benchmark::State& state) {
  const AssignmentWorkload& workload = workload_for(state);
  SolverOptions options;
  options.initial_pairs_per_matter = SolverOptions::all_pairs;
  report(state, workload, run(state, workload, options));
}

// The starting network alone, without pricing. missing_score is how much
// scaled score it falls short of the exact optimum.
void BM_TopPairsOnly(benchmark::State& state) {
  const AssignmentWorkload& workload = workload_for(state);
  SolverOptions options;
  options.max_pricing_rounds = 0;
  const BatchAssignment result = run(state, workload, options);
  const BatchAssignment exact = atip::solve_batch(workload.problem(), workload);
  report(state, workload, result);
  state.counters["missing_score"] = static_cast<double>(result.total_cost - exact.total_cost);
}

// A store with a generated network, and a matcher with its index built.
struct MatcherNetwork {
  atip::bench::RankWorkload workload;
  std::unique_ptr<atip::Matcher> matcher;
  double store_seconds = 0;
  double index_seconds = 0;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Generates and stores each network once, outside the timings.
MatcherNetwork& matcher_network_for(const benchmark::State& state) {
  static std::map<std::pair<std::int64_t, std::int64_t>, std::unique_ptr<MatcherNetwork>> cache;
  auto& entry = cache[std::make_pair(state.range(0), state.range(1))];
  if (!entry) {
    entry = std::make_unique<MatcherNetwork>();
    const atip::bench::RankShape shape{static_cast<std::int32_t>(state.range(0)),
                                       static_cast<std::int32_t>(state.range(1)), workload_seed};
    auto start = std::chrono::steady_clock::now();
    entry->workload = atip::bench::make_rank_workload(shape);
    entry->store_seconds = seconds_since(start);
    entry->matcher = std::make_unique<atip::Matcher>(*entry->workload.store);
    start = std::chrono::steady_clock::now();
    entry->matcher->refresh();
    entry->index_seconds = seconds_since(start);
  }
  return *entry;
}

// Matcher::assign over every open matter with the default policy: the
// solver, the matcher's oracle, and the matches with reasons and unfilled
// matters with their reasons that the result carries.
void BM_MatcherAssign(benchmark::State& state) {
  MatcherNetwork& network = matcher_network_for(state);
  atip::AssignOptions options;
  options.as_of = atip::Date::parse("2026-02-01", "as_of");
  const atip::Policy policy;
  atip::AssignmentResult result;
  for (auto _ : state) {
    result = network.matcher->assign(options, policy);
    benchmark::DoNotOptimize(result.assignments.data());
  }
  state.counters["assigned"] = static_cast<double>(result.assignments.size());
  state.counters["unfilled"] = static_cast<double>(result.unfilled.size());
  state.counters["total_score"] = result.total_score;
  state.counters["proved"] = result.proved_optimal ? 1 : 0;
  state.counters["store_s"] = network.store_seconds;
  state.counters["index_s"] = network.index_seconds;
  state.counters["peak_rss_mib"] = peak_rss_mib();
}

}  // namespace

BENCHMARK(BM_ExactAssignment)->Args({2'000, 500})->Args({20'000, 5'000})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ExactAssignment)->Args({200'000, 50'000})->Iterations(1)->Unit(benchmark::kSecond);
BENCHMARK(BM_FullNetwork)->Args({2'000, 500})->Args({20'000, 5'000})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TopPairsOnly)->Args({2'000, 500})->Args({20'000, 5'000})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MatcherAssign)->Args({20'000, 5'000})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MatcherAssign)->Args({200'000, 50'000})->Iterations(1)->Unit(benchmark::kSecond);

BENCHMARK_MAIN();
