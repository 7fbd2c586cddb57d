// Benchmarks of atip::SearchIndex::search over a directory of lawyers with
// multilingual names (bench/support/search_workload.hpp), indexed in an
// SQLite file opened with the store's settings (32 MiB page cache, WAL).
//
// One benchmark per query class ("BM_Search/thai", "BM_Search/thai+filter",
// ...) runs that class's queries in turn, one per iteration, and
// "BM_Search/mixed" runs every class interleaved. Counters: p50_ms and p95_ms
// are the median and 95th percentile of the wall-clock time of single search
// calls (the target is p95 under 10 ms at 200,000 lawyers); cpu_p50_ms and
// cpu_p95_ms are the same for the thread's CPU time, which leaves out waits
// for a core on a loaded machine; hits is the mean number of hits per query
// (limit 20). The mixed benchmark adds build_s, the time to index the
// directory in one transaction (0 when a kept file was reused), and db_mib,
// the file size.
//
// Environment:
//   ATIP_BENCH_SEARCH_LAWYERS  directory size (default 200000)
//   ATIP_BENCH_SEARCH_DB       keep the index in this file and reuse it when
//                              it already holds that many documents; without
//                              it the index goes to a temporary file that is
//                              deleted at exit. A kept file is not rebuilt
//                              when the tokenisation code changes: delete it.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <sqlite3.h>
#include <unistd.h>

#include "atip/search.hpp"
#include "support/search_workload.hpp"

namespace {

using atip::bench::QueryClass;
using atip::bench::SearchShape;
using atip::bench::SearchWorkload;

constexpr std::uint64_t kSeed = 20261204;
constexpr std::int32_t kDefaultLawyers = 200'000;

std::int32_t lawyer_count() {
  const char* value = std::getenv("ATIP_BENCH_SEARCH_LAWYERS");
  return value != nullptr ? static_cast<std::int32_t>(std::stol(value)) : kDefaultLawyers;
}

void execute(sqlite3* db, const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string detail = message != nullptr ? message : sqlite3_errmsg(db);
    sqlite3_free(message);
    throw std::runtime_error(std::string("bench_search: \"") + sql + "\" failed: " + detail);
  }
}

std::int64_t count_documents(sqlite3* db) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT count(*) FROM search_documents", -1, &statement, nullptr) != SQLITE_OK) {
    return 0;
  }
  const std::int64_t count = sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int64(statement, 0) : 0;
  sqlite3_finalize(statement);
  return count;
}

/// The indexed directory, built on first use and shared by every benchmark.
class Directory {
 public:
  Directory(const SearchWorkload& workload, std::int32_t lawyers) {
    const char* kept_path = std::getenv("ATIP_BENCH_SEARCH_DB");
    temporary_ = kept_path == nullptr;
    path_ = temporary_ ? (std::filesystem::temp_directory_path() /
                          ("atip_bench_search_" + std::to_string(::getpid()) + ".sqlite"))
                             .string()
                       : std::string(kept_path);
    if (sqlite3_open(path_.c_str(), &db_) != SQLITE_OK) throw std::runtime_error("bench_search: cannot open " + path_);
    execute(db_, "PRAGMA cache_size = -32768");
    execute(db_, "PRAGMA journal_mode = WAL");
    execute(db_, "PRAGMA synchronous = FULL");
    index_ = std::make_unique<atip::SearchIndex>(db_);
    index_->create_schema();
    if (count_documents(db_) != lawyers) build(workload);
  }

  ~Directory() {
    index_.reset();
    sqlite3_close(db_);
    if (!temporary_) return;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }

  Directory(const Directory&) = delete;
  Directory& operator=(const Directory&) = delete;

  const atip::SearchIndex& index() const { return *index_; }
  double build_seconds() const { return build_seconds_; }
  double size_mib() const {
    std::error_code error;
    const auto bytes = std::filesystem::file_size(path_, error) + std::filesystem::file_size(path_ + "-wal", error);
    return static_cast<double>(bytes) / (1024.0 * 1024.0);
  }

 private:
  void build(const SearchWorkload& workload) {
    const auto start = std::chrono::steady_clock::now();
    execute(db_, "BEGIN");
    index_->clear();
    for (const atip::SearchDocument& document : workload.documents) index_->upsert(document);
    execute(db_, "COMMIT");
    build_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }

  std::string path_;
  bool temporary_ = true;
  sqlite3* db_ = nullptr;
  std::unique_ptr<atip::SearchIndex> index_;
  double build_seconds_ = 0;  // 0 when a kept file was reused
};

const SearchWorkload& workload() {
  static const SearchWorkload instance = atip::bench::make_search_workload(
      SearchShape{lawyer_count(), kSeed, 256}, atip::bench::default_text_data_dir());
  return instance;
}

Directory& directory() {
  static Directory instance(workload(), lawyer_count());
  return instance;
}

/// Nearest-rank percentile of `values` (share in [0, 1]).
double percentile(std::vector<double> values, double share) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<std::size_t>(share * static_cast<double>(values.size()) + 0.5);
  return values[std::min(values.size() - 1, rank == 0 ? 0 : rank - 1)];
}

/// CPU time of the calling thread in milliseconds. On a loaded machine the
/// wall-clock time of a call includes the time the thread waited for a core.
double thread_cpu_millis() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

/// Runs `queries` in turn, one per iteration, timing each call.
void run_queries(benchmark::State& state, const std::vector<atip::SearchQuery>& queries, bool report_build) {
  const atip::SearchIndex& index = directory().index();
  std::vector<double> millis;
  std::vector<double> cpu_millis;
  double hits = 0;
  std::size_t next = 0;
  for (auto _ : state) {
    const atip::SearchQuery& query = queries[next++ % queries.size()];
    const double cpu_start = thread_cpu_millis();
    const auto start = std::chrono::steady_clock::now();
    const std::vector<atip::SearchHit> found = index.search(query);
    millis.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    cpu_millis.push_back(thread_cpu_millis() - cpu_start);
    hits += static_cast<double>(found.size());
    benchmark::DoNotOptimize(found.data());
  }
  state.counters["p50_ms"] = percentile(millis, 0.50);
  state.counters["p95_ms"] = percentile(millis, 0.95);
  state.counters["cpu_p50_ms"] = percentile(cpu_millis, 0.50);
  state.counters["cpu_p95_ms"] = percentile(cpu_millis, 0.95);
  state.counters["hits"] = millis.empty() ? 0 : hits / static_cast<double>(millis.size());
  if (report_build) {
    state.counters["build_s"] = directory().build_seconds();
    state.counters["db_mib"] = directory().size_mib();
  }
}

/// Every class's queries interleaved: the first of each class, then the
/// second of each, and so on.
std::vector<atip::SearchQuery> interleaved(const std::vector<QueryClass>& classes) {
  std::vector<atip::SearchQuery> out;
  std::size_t longest = 0;
  for (const QueryClass& query_class : classes) longest = std::max(longest, query_class.queries.size());
  for (std::size_t i = 0; i < longest; ++i) {
    for (const QueryClass& query_class : classes) {
      if (i < query_class.queries.size()) out.push_back(query_class.queries[i]);
    }
  }
  return out;
}

void register_benchmarks() {
  static const std::vector<atip::SearchQuery> mixed = interleaved(workload().query_classes);
  benchmark::RegisterBenchmark("BM_Search/mixed", [](benchmark::State& state) { run_queries(state, mixed, true); })
      ->Unit(benchmark::kMillisecond);
  for (const QueryClass& query_class : workload().query_classes) {
    const std::vector<atip::SearchQuery>* queries = &query_class.queries;
    benchmark::RegisterBenchmark(("BM_Search/" + query_class.name).c_str(),
                                 [queries](benchmark::State& state) { run_queries(state, *queries, false); })
        ->Unit(benchmark::kMillisecond);
  }
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  register_benchmarks();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
