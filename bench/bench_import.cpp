// Import throughput: a data set of N lawyers as JSON text, imported into a
// new file database. Measures the whole pipeline (parse, strict validation,
// text cleaning, SQLite writes, search index) and the store alone.
#include <benchmark/benchmark.h>

#include <ctime>
#include <filesystem>
#include <random>

#include "atip/clearinghouse.hpp"
#include "atip/reference_data.hpp"

namespace {

using nlohmann::json;

/// A seeded data set of `count` lawyers with realistic field counts.
std::string make_lawyers_document(int count) {
  static const char* jurisdictions[] = {"TH", "VN", "KH", "MM", "HK"};
  static const char* languages[] = {"th", "vi", "km", "my", "yue", "en", "zh-Hant", "shn"};
  static const char* areas[] = {"labour.wage_claims", "compensation", "prosecution", "immigration.repatriation",
                                "victim_protection", "civil_claims", "general_advice"};
  static const char* given[] = {"Somchai", "Thanh", "Dara", "Aung", "Wai Man", "Malee", "Linh", "Sophea"};
  static const char* family[] = {"Srisuk", "Nguyen", "Sok", "Kyaw", "Wong", "Chan", "Tran", "Chea"};
  std::mt19937 random(20261204);
  json lawyers = json::array();
  for (int i = 0; i < count; ++i) {
    const std::string name = std::string(given[random() % 8]) + " " + family[random() % 8] + " " + std::to_string(i);
    json lawyer = {{"id", "L-" + std::to_string(i)},
                   {"names", {{{"value", name}}, {{"value", "Alias " + std::to_string(i)}, {"kind", "alias"}}}},
                   {"vetted", true},
                   {"max_active_matters", 1 + static_cast<int>(random() % 5)},
                   {"admissions", {{{"jurisdiction", jurisdictions[random() % 5]}, {"since", "2015-06-01"}}}},
                   {"languages", {{{"tag", languages[random() % 8]}, {"proficiency", "native"}},
                                  {{"tag", "en"}, {"proficiency", "working"}}}},
                   {"practice_areas", {{{"code", areas[random() % 7]}, {"years", static_cast<int>(random() % 20)}}}}};
    lawyers.push_back(std::move(lawyer));
  }
  return json{{"format", "atip-dataset"}, {"version", 1}, {"lawyers", std::move(lawyers)}}.dump();
}

/// Returns the CPU seconds used by the calling thread so far. The benchmarks
/// report process CPU time, and this measures the importing thread's share.
/// The rest is the second thread that reads records and tokenises names.
double thread_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

std::string fresh_path(const char* name) {
  const auto path = std::filesystem::temp_directory_path() / name;
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  return path.string();
}

void BM_ImportPipeline(benchmark::State& state) {
  const std::string document = make_lawyers_document(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    state.PauseTiming();
    const std::string path = fresh_path("atip-bench-import.db");
    auto clearinghouse = atip::Clearinghouse::open(path);
    state.ResumeTiming();
    const double start = thread_cpu_seconds();
    clearinghouse->import_json(document);
    state.counters["main_thread_cpu_s"] = thread_cpu_seconds() - start;
  }
  state.counters["lawyers"] = static_cast<double>(state.range(0));
  state.counters["MiB"] = static_cast<double>(document.size()) / (1024.0 * 1024.0);
}

void BM_ImportStoreOnly(benchmark::State& state) {
  const std::string document = make_lawyers_document(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    state.PauseTiming();
    const std::string path = fresh_path("atip-bench-store.db");
    auto store = atip::Store::open(path);
    atip::Dataset reference = atip::reference_dataset();
    store->insert_dataset(reference);
    state.ResumeTiming();
    const double start = thread_cpu_seconds();
    atip::Dataset data = atip::dataset_from_json(atip::parse_json_text(document));
    store->insert_dataset(data);
    state.counters["main_thread_cpu_s"] = thread_cpu_seconds() - start;
  }
  state.counters["lawyers"] = static_cast<double>(state.range(0));
}

}  // namespace

BENCHMARK(BM_ImportPipeline)->Arg(20000)->Arg(200000)->Unit(benchmark::kMillisecond)->Iterations(1)->MeasureProcessCPUTime()->UseRealTime();
BENCHMARK(BM_ImportStoreOnly)->Arg(20000)->Arg(200000)->Unit(benchmark::kMillisecond)->Iterations(1)->MeasureProcessCPUTime()->UseRealTime();
BENCHMARK_MAIN();
