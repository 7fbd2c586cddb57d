// Benchmarks of ranking one matter through atip::Matcher on seeded networks
// (bench/support/rank_workload.hpp) held in an in-memory store.
// Argument: lawyers; every network has 500 open matters, ranked in turn.
//
// Counters: p50_us and p90_us are the median and 90th percentile of single
// calls (the target is p50 under 500 us at 200,000 lawyers, reasons
// included); eligible_pct is the mean share of lawyers eligible per matter;
// build_s is the time of the index's full build from the store.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>

#include "atip/matching.hpp"
#include "atip/store.hpp"
#include "support/rank_workload.hpp"

namespace {

using atip::bench::RankShape;
using atip::bench::RankWorkload;

constexpr std::uint64_t kSeed = 20261204;
constexpr std::int32_t kMatters = 500;

struct Prepared {
  RankWorkload workload;
  std::unique_ptr<atip::Matcher> matcher;
  double build_seconds = 0;
};

// Generates and stores each network once, and builds the matcher's index,
// so that neither is timed by the ranking benchmarks.
Prepared& prepared(std::int64_t lawyers) {
  static std::map<std::int64_t, std::unique_ptr<Prepared>> cache;
  auto& entry = cache[lawyers];
  if (!entry) {
    entry = std::make_unique<Prepared>();
    entry->workload = atip::bench::make_rank_workload(RankShape{static_cast<std::int32_t>(lawyers), kMatters, kSeed});
    entry->matcher = std::make_unique<atip::Matcher>(*entry->workload.store);
    const auto start = std::chrono::steady_clock::now();
    entry->matcher->refresh();
    entry->build_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  return *entry;
}

double percentile(std::vector<double> values, double share) {
  if (values.empty()) return 0;
  const auto k = static_cast<std::size_t>(share * static_cast<double>(values.size() - 1));
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
  return values[k];
}

void rank_matters(benchmark::State& state, bool explain) {
  Prepared& network = prepared(state.range(0));
  atip::RankOptions options;
  options.top = 10;
  options.explain = explain;
  options.as_of = atip::Date::parse("2026-02-01", "as_of");
  const atip::Policy policy;
  std::vector<double> micros;
  double eligible = 0;
  std::size_t next = 0;
  for (auto _ : state) {
    const std::string& matter = network.workload.open_matters[next++ % network.workload.open_matters.size()];
    const auto start = std::chrono::steady_clock::now();
    const atip::Ranking ranking = network.matcher->rank(matter, policy, options);
    micros.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
    eligible += static_cast<double>(ranking.eligible);
    benchmark::DoNotOptimize(ranking.matches.data());
  }
  const double calls = static_cast<double>(micros.size());
  state.counters["p50_us"] = percentile(micros, 0.5);
  state.counters["p90_us"] = percentile(micros, 0.9);
  state.counters["eligible_pct"] = calls == 0 ? 0 : 100.0 * eligible / calls / static_cast<double>(state.range(0));
  state.counters["build_s"] = network.build_seconds;
}

// The top 10 with every component, reasons and conflict reviews.
void BM_RankWithReasons(benchmark::State& state) { rank_matters(state, true); }

// The same ranking with components only.
void BM_RankScoresOnly(benchmark::State& state) { rank_matters(state, false); }

// A full build of the index from the store.
void BM_IndexBuild(benchmark::State& state) {
  Prepared& network = prepared(state.range(0));
  for (auto _ : state) {
    network.matcher->invalidate();
    network.matcher->refresh();
  }
  state.counters["lawyers"] = static_cast<double>(network.matcher->stats().lawyers);
}

}  // namespace

BENCHMARK(BM_RankWithReasons)->Arg(2'000)->Arg(20'000)->Arg(200'000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_RankScoresOnly)->Arg(2'000)->Arg(20'000)->Arg(200'000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_IndexBuild)->Arg(2'000)->Arg(20'000)->Arg(200'000)->Iterations(2)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
