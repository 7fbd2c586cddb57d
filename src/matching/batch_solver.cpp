// Exact batch assignment by column generation. LEMON's network simplex
// solves a min-cost circulation over some of the eligible matter-lawyer pairs
// (src/matching/batch_network.cpp). The pairs left out are priced against its
// potentials, and those that could improve the total join the network, until
// none is left. docs/matching.md ("Batch assignment") describes the network
// and the optimality argument.
#include "atip/batch_solver.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <limits>
#include <mutex>
#include <numeric>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "atip/error.hpp"
#include "matching/batch_network.hpp"

namespace atip {
inline namespace v1 {
namespace {

using batch::Column;
using batch::Instance;
using batch::NetworkColumns;
using batch::RoundSolution;
using batch::scaled_score;

// Below this many matters, a second pricing thread costs more than it saves.
constexpr std::int32_t min_matters_for_threads = 256;
// Matters handed to a pricing thread at a time.
constexpr std::int32_t matters_per_block = 32;
// Value of Columns::unread_bound for a matter whose usable eligible pairs are
// all in the network or the pool. Scaled scores are never negative.
constexpr std::int64_t no_unread_pair = -1;

// ---------------------------------------------------------------------------
// Validation

std::string format_score(double score) {
  std::ostringstream text;
  text << score;
  return text.str();
}

void validate_sizes(const BatchProblem& problem) {
  constexpr auto max_index = static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max());
  if (problem.team_size.size() > max_index) {
    fail(ErrorKind::limit_exceeded, "team_size: " + std::to_string(problem.team_size.size()) +
                                        " matters exceed the limit of " + std::to_string(max_index));
  }
  if (problem.capacity.size() > max_index) {
    fail(ErrorKind::limit_exceeded, "capacity: " + std::to_string(problem.capacity.size()) +
                                        " lawyers exceed the limit of " + std::to_string(max_index));
  }
  if (problem.firm.size() != problem.capacity.size()) {
    fail(ErrorKind::invalid_argument,
         "firm: has " + std::to_string(problem.firm.size()) + " entries but capacity has " +
             std::to_string(problem.capacity.size()) + "; both need one entry per lawyer");
  }
}

void validate_problem(const BatchProblem& problem) {
  validate_sizes(problem);
  for (std::size_t m = 0; m < problem.team_size.size(); ++m) {
    if (problem.team_size[m] < 1) {
      fail(ErrorKind::invalid_argument, "team_size[" + std::to_string(m) + "]: " +
                                            std::to_string(problem.team_size[m]) +
                                            " is invalid; a team size must be at least 1");
    }
  }
  for (std::size_t l = 0; l < problem.capacity.size(); ++l) {
    if (problem.capacity[l] < 0) {
      fail(ErrorKind::invalid_argument, "capacity[" + std::to_string(l) + "]: " +
                                            std::to_string(problem.capacity[l]) +
                                            " is invalid; a capacity must be at least 0");
    }
    if (problem.firm[l] < -1) {
      fail(ErrorKind::invalid_argument,
           "firm[" + std::to_string(l) + "]: " + std::to_string(problem.firm[l]) +
               " is invalid; use a firm index >= 0, or -1 for a lawyer without a firm");
    }
  }
  if (problem.firm_cap && *problem.firm_cap < 0) {
    fail(ErrorKind::invalid_argument, "firm_cap: " + std::to_string(*problem.firm_cap) +
                                          " is invalid; a firm cap must be at least 0");
  }
}

void validate_options(const SolverOptions& options) {
  const auto reject = [](const char* field, int value, const char* expected) {
    fail(ErrorKind::invalid_argument, std::string("options.") + field + ": " +
                                          std::to_string(value) + " is invalid; expected " +
                                          expected);
  };
  if (options.initial_pairs_per_matter < 1) {
    reject("initial_pairs_per_matter", options.initial_pairs_per_matter, "at least 1");
  }
  if (options.pairs_added_before_lawyer_limit < 0) {
    reject("pairs_added_before_lawyer_limit", options.pairs_added_before_lawyer_limit, "at least 0");
  }
  if (options.pairs_added_per_round < 1) {
    reject("pairs_added_per_round", options.pairs_added_per_round, "at least 1");
  }
  if (options.max_pricing_rounds < 0) {
    reject("max_pricing_rounds", options.max_pricing_rounds, "at least 0");
  }
  if (options.pricing_threads < 1 || options.pricing_threads > 64) {
    reject("pricing_threads", options.pricing_threads, "1 to 64");
  }
  if (options.pool_pairs_per_matter < 0) {
    reject("pool_pairs_per_matter", options.pool_pairs_per_matter, "at least 0");
  }
  if (!(options.pricing_margin >= 0.0 && options.pricing_margin <= 1.0)) {
    fail(ErrorKind::invalid_argument, "options.pricing_margin: " + format_score(options.pricing_margin) +
                                          " is invalid; expected 0 to 1");
  }
  if (options.max_pool_pairs < 0) {
    fail(ErrorKind::invalid_argument, "options.max_pool_pairs: " + std::to_string(options.max_pool_pairs) +
                                          " is invalid; expected at least 0");
  }
}

// ---------------------------------------------------------------------------
// Problem data derived once per solve

Instance derive_instance(const BatchProblem& problem) {
  Instance instance;
  instance.matter_count = static_cast<std::int32_t>(problem.team_size.size());
  instance.lawyer_count = static_cast<std::int32_t>(problem.capacity.size());

  instance.team_size.reserve(problem.team_size.size());
  for (int size : problem.team_size) {
    instance.team_size.push_back(std::min<std::int64_t>(size, instance.lawyer_count));
  }

  instance.capacity.reserve(problem.capacity.size());
  instance.capped_firm.assign(problem.capacity.size(), -1);
  instance.usable.assign(problem.capacity.size(), 0);
  instance.firm_cap = problem.firm_cap.value_or(0);
  std::vector<std::pair<int, std::int32_t>> dense_ids;  // (firm, dense id), sorted by firm
  for (std::int32_t l = 0; l < instance.lawyer_count; ++l) {
    instance.capacity.push_back(std::min<std::int64_t>(problem.capacity[l], instance.matter_count));
    const bool has_capped_firm = problem.firm_cap.has_value() && problem.firm[l] >= 0;
    instance.usable[l] = instance.capacity[l] > 0 && !(has_capped_firm && instance.firm_cap == 0);
    if (!has_capped_firm || !instance.usable[l]) continue;

    const auto found = std::lower_bound(dense_ids.begin(), dense_ids.end(),
                                        std::pair<int, std::int32_t>(problem.firm[l], -1));
    if (found != dense_ids.end() && found->first == problem.firm[l]) {
      instance.capped_firm[l] = found->second;
    } else {
      instance.capped_firm[l] = instance.capped_firm_count;
      dense_ids.insert(found, {problem.firm[l], instance.capped_firm_count++});
    }
  }
  return instance;
}

// ---------------------------------------------------------------------------
// Where the pairs are kept

Column make_column(const ScoredLawyer& entry) {
  return {entry.lawyer, static_cast<std::int32_t>(scaled_score(entry.score)), entry.score};
}

bool lower_lawyer(const Column& a, const Column& b) { return a.lawyer < b.lawyer; }

// Where the solver keeps the pairs of each matter. Every usable eligible pair
// is in exactly one of three places:
// - the network of the next solve;
// - the matter's pool: read from the oracle and kept in memory, so that
//   pricing it needs no oracle call;
// - unread: dropped after the last oracle call for the matter, with a scaled
//   score of at most the matter's unread_bound.
struct Columns {
  NetworkColumns network;                    // per matter, sorted by lawyer
  std::vector<std::vector<Column>> pool;     // per matter, in no particular order
  std::vector<std::int64_t> unread_bound;    // per matter, or no_unread_pair
  // Per matter: the pool size that the next oracle call for the matter keeps.
  std::vector<std::int64_t> pool_limit;
};

// ---------------------------------------------------------------------------
// Calling the oracle on several threads

// Runs `visit(thread_index, matter)` for every matter, on up to `thread_count`
// threads. Each thread takes blocks of consecutive matters in increasing order.
// When visits throw, the exception of the lowest failing matter is rethrown:
// blocks are handed out in order and every thread keeps going until it passes
// the lowest failure seen so far, so the choice does not depend on timing.
template <typename Visit>
void for_each_matter(std::int32_t matter_count, int thread_count, Visit&& visit) {
  std::atomic<std::int32_t> next_block{0};
  std::atomic<std::int32_t> lowest_failure{matter_count};
  std::mutex failure_mutex;
  std::exception_ptr failure;

  const auto run_thread = [&](int thread_index) {
    for (;;) {
      const std::int64_t first =
          static_cast<std::int64_t>(next_block.fetch_add(1)) * matters_per_block;
      if (first >= lowest_failure.load()) return;
      const auto last = static_cast<std::int32_t>(
          std::min<std::int64_t>(first + matters_per_block, matter_count));
      for (auto m = static_cast<std::int32_t>(first); m < last; ++m) {
        if (m >= lowest_failure.load()) return;
        try {
          visit(thread_index, m);
        } catch (...) {
          const std::lock_guard<std::mutex> lock(failure_mutex);
          if (m < lowest_failure.load()) {
            lowest_failure.store(m);
            failure = std::current_exception();
          }
          return;
        }
      }
    }
  };

  if (thread_count <= 1 || matter_count < min_matters_for_threads) {
    run_thread(0);
  } else {
    std::vector<std::thread> helpers;
    for (int t = 1; t < thread_count; ++t) helpers.emplace_back(run_thread, t);
    run_thread(0);
    for (auto& helper : helpers) helper.join();
  }
  if (failure) std::rethrow_exception(failure);
}

// A hash of a pair (the splitmix64 finaliser) that orders pairs of equal
// score. The matcher's components take few distinct values, so matters often
// score many lawyers alike. With ties broken by index, they would all pick the
// same lowest-indexed lawyers, and pricing would find the others a few per
// round. Hashed ties spread the picks over the tied lawyers.
std::uint64_t tie_break(std::int32_t matter, std::int32_t lawyer) {
  std::uint64_t x = (std::uint64_t{static_cast<std::uint32_t>(matter)} << 32) | static_cast<std::uint32_t>(lawyer);
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return (x ^ (x >> 31)) >> 32;
}

// Orders the pairs of one matter, or of one lawyer: the scaled score in the
// high bits and the tie-breaking hash in the low 32 bits.
std::int64_t pair_key(const Column& column, std::int32_t matter) {
  return (std::int64_t{column.scaled} << 32) | static_cast<std::int64_t>(tie_break(matter, column.lawyer));
}

// A pair of one matter waiting for selection.
struct Candidate {
  std::int64_t key;  // pair_key
  Column column;
};

// The higher key first; equal keys (a hash collision) by lower lawyer index.
bool ranks_higher(const Candidate& a, const Candidate& b) {
  if (a.key != b.key) return a.key > b.key;
  return a.column.lawyer < b.column.lawyer;
}

// Selects the `keep` candidates of one matter that rank highest, in time
// linear in the number offered, and remembers the highest scaled score that
// it drops.
class BestCandidates {
 public:
  BestCandidates(std::vector<Candidate>& buffer, std::int32_t matter, std::int64_t keep)
      : buffer_(buffer), matter_(matter), keep_(static_cast<std::size_t>(keep)),
        flush_at_(keep_ + std::max<std::size_t>(keep_, 256)) {
    buffer_.clear();
  }

  void offer(const Column& column) {
    const Candidate candidate{pair_key(column, matter_), column};
    if (has_cutoff_ && !ranks_higher(candidate, cutoff_)) {
      drop(candidate);
      return;
    }
    buffer_.push_back(candidate);
    if (buffer_.size() >= flush_at_) cut_back();
  }

  // Returns the kept candidates in no particular order.
  std::vector<Candidate>& finish() {
    if (buffer_.size() > keep_) cut_back();
    return buffer_;
  }

  // Highest scaled score among the candidates dropped, or no_unread_pair.
  std::int64_t dropped_bound() const { return dropped_bound_; }

 private:
  // Candidates that do not rank above the new cutoff cannot be among the
  // best `keep`.
  void cut_back() {
    if (keep_ == 0) {
      for (const Candidate& candidate : buffer_) drop(candidate);
      buffer_.clear();
      return;
    }
    std::nth_element(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(keep_ - 1), buffer_.end(),
                     ranks_higher);
    cutoff_ = buffer_[keep_ - 1];
    has_cutoff_ = true;
    for (std::size_t i = keep_; i < buffer_.size(); ++i) drop(buffer_[i]);
    buffer_.resize(keep_);
  }

  void drop(const Candidate& candidate) {
    dropped_bound_ = std::max<std::int64_t>(dropped_bound_, candidate.column.scaled);
  }

  std::vector<Candidate>& buffer_;
  std::int32_t matter_;
  std::size_t keep_;
  std::size_t flush_at_;
  Candidate cutoff_{};
  bool has_cutoff_ = false;
  std::int64_t dropped_bound_ = no_unread_pair;
};

// A pair found by pricing of one matter, ordered by reduced cost (lowest
// first), then by the tie-breaking hash and the lawyer index.
struct PricedColumn {
  std::int64_t reduced_cost;
  std::uint64_t tie;  // tie_break(matter, lawyer)
  Column column;
};

PricedColumn make_priced(std::int64_t reduced_cost, std::int32_t matter, const Column& column) {
  return {reduced_cost, tie_break(matter, column.lawyer), column};
}

bool more_negative(const PricedColumn& a, const PricedColumn& b) {
  if (a.reduced_cost != b.reduced_cost) return a.reduced_cost < b.reduced_cost;
  if (a.tie != b.tie) return a.tie < b.tie;
  return a.column.lawyer < b.column.lawyer;
}

// A set of lawyer indices that clears in constant time: a lawyer is in the
// set when its stamp equals the current one.
class LawyerSet {
 public:
  explicit LawyerSet(std::int32_t lawyer_count) : stamps_(static_cast<std::size_t>(lawyer_count), 0) {}

  void clear() {
    if (++current_ == 0) {
      std::fill(stamps_.begin(), stamps_.end(), 0);
      current_ = 1;
    }
  }
  void insert(std::int32_t lawyer) { stamps_[static_cast<std::size_t>(lawyer)] = current_; }
  bool contains(std::int32_t lawyer) const { return stamps_[static_cast<std::size_t>(lawyer)] == current_; }

 private:
  std::vector<std::uint32_t> stamps_;
  std::uint32_t current_ = 1;
};

// Per-thread buffers for reading and pricing one matter at a time.
struct OracleScratch {
  std::vector<ScoredLawyer> answer;
  std::vector<Candidate> candidates;
  std::vector<PricedColumn> priced;
  std::vector<Column> columns;
  LawyerSet seen;
  LawyerSet in_network;
  LawyerSet in_pool;
  std::int64_t pairs_read = 0;
  std::int64_t pairs_priced = 0;

  explicit OracleScratch(std::int32_t lawyer_count)
      : seen(lawyer_count), in_network(lawyer_count), in_pool(lawyer_count) {}
};

std::string answer_field(std::int32_t matter, std::size_t index, const char* member) {
  return "eligible(" + std::to_string(matter) + ")[" + std::to_string(index) + "]." + member + ": ";
}

// Raises invalid_argument at the first entry the oracle returned for
// `matter` that names a lawyer out of range, repeats a lawyer, or has a score
// outside [0, 1] or NaN. Oracles usually list lawyers in increasing order,
// which rules out repeats without touching the per-lawyer stamps; they are
// filled from the first entry out of order on.
void validate_answer(std::int32_t matter, const std::vector<ScoredLawyer>& answer, std::int32_t lawyer_count,
                     LawyerSet& seen) {
  std::int32_t previous = -1;
  bool increasing = true;
  for (std::size_t i = 0; i < answer.size(); ++i) {
    const ScoredLawyer& entry = answer[i];
    if (entry.lawyer < 0 || entry.lawyer >= lawyer_count) {
      fail(ErrorKind::invalid_argument, answer_field(matter, i, "lawyer") + std::to_string(entry.lawyer) +
                                            " is out of range; the problem has " +
                                            std::to_string(lawyer_count) + " lawyers");
    }
    if (!(entry.score >= 0.0 && entry.score <= 1.0)) {
      fail(ErrorKind::invalid_argument, answer_field(matter, i, "score") + format_score(entry.score) +
                                            " is invalid; a score must be in [0, 1]");
    }
    if (increasing && entry.lawyer > previous) {
      previous = entry.lawyer;
      continue;
    }
    if (increasing) {
      increasing = false;
      seen.clear();
      for (std::size_t j = 0; j < i; ++j) seen.insert(answer[j].lawyer);
    }
    if (seen.contains(entry.lawyer)) {
      fail(ErrorKind::invalid_argument, answer_field(matter, i, "lawyer") + std::to_string(entry.lawyer) +
                                            " is listed twice; each lawyer may appear once per matter");
    }
    seen.insert(entry.lawyer);
  }
}

// ---------------------------------------------------------------------------
// Starting columns and pricing

// Chooses the pairs of the first network, prices the pairs left out after
// every round and moves those that could improve the total into the network.
class ColumnGenerator {
 public:
  ColumnGenerator(const Instance& instance, const EligibilityOracle& oracle, const SolverOptions& options)
      : instance_(instance), oracle_(oracle), options_(options),
        margin_(scaled_score(options.pricing_margin)) {
    scratches_.reserve(static_cast<std::size_t>(options.pricing_threads));
    for (int t = 0; t < options.pricing_threads; ++t) scratches_.emplace_back(instance.lawyer_count);
  }

  // Reads every matter's eligible pairs once. By score (ties by tie_break),
  // the best initial_pairs_per_matter usable pairs form the first network and
  // the next ones the pool; the rest stay unread.
  Columns select_initial_columns() {
    const auto matter_count = static_cast<std::size_t>(instance_.matter_count);
    Columns columns;
    columns.network.resize(matter_count);
    columns.pool.resize(matter_count);
    columns.unread_bound.assign(matter_count, no_unread_pair);
    columns.pool_limit.assign(matter_count, initial_pool_limit());
    eligible_per_matter_.assign(matter_count, 0);
    for_each_matter(instance_.matter_count, options_.pricing_threads, [&](int thread, std::int32_t m) {
      select_for_matter(scratches_[static_cast<std::size_t>(thread)], m, columns);
    });
    return columns;
  }

  // Adds pairs with negative reduced cost to the network: from the pools
  // while they contain any, and otherwise from oracle calls for the matters
  // whose unread pairs the bound cannot rule out. Returns the number of pairs
  // added. Zero proves the round's flow optimal over all eligible pairs, because
  // then every pair outside the network was priced or bounded.
  // NOTE: when most matters rank the same lawyers first, pricing finds the
  // lawyers with free capacity a few per matter and round: through the
  // matcher at 200,000 lawyers it took 11 rounds, and LEMON's solves about
  // 50 s (docs/bench-matching.md).
  std::int64_t price_and_add(Columns& columns, const RoundSolution& solution) {
    if (pools_hold_negative_pair(columns, solution)) return add_from_pools(columns, solution);
    return price_unread(columns, solution);
  }

  std::int64_t pairs_priced() const { return sum_over_scratches(&OracleScratch::pairs_priced); }
  std::int64_t pairs_read() const { return sum_over_scratches(&OracleScratch::pairs_read); }
  std::vector<std::int64_t>& eligible_per_matter() { return eligible_per_matter_; }

 private:
  std::int64_t initial_pool_limit() const {
    const std::int64_t share = options_.max_pool_pairs / std::max<std::int64_t>(instance_.matter_count, 1);
    return std::min<std::int64_t>(options_.pool_pairs_per_matter, share);
  }

  std::int64_t sum_over_scratches(std::int64_t OracleScratch::*counter) const {
    std::int64_t total = 0;
    for (const OracleScratch& scratch : scratches_) total += scratch.*counter;
    return total;
  }

  // Runs `price(scratch, matter)` for every matter on the pricing threads and
  // returns the sum of what it returned.
  template <typename Price>
  std::int64_t sum_over_matters(Price&& price) {
    std::vector<std::int64_t> sums(scratches_.size(), 0);
    for_each_matter(instance_.matter_count, options_.pricing_threads, [&](int thread, std::int32_t m) {
      const auto t = static_cast<std::size_t>(thread);
      sums[t] += price(scratches_[t], m);
    });
    return std::accumulate(sums.begin(), sums.end(), std::int64_t{0});
  }

  // Calls the oracle for `matter`, validates the pairs it returns and leaves
  // them in scratch.answer.
  void read_oracle(OracleScratch& scratch, std::int32_t matter) const {
    scratch.answer.clear();
    oracle_.eligible(matter, scratch.answer);
    validate_answer(matter, scratch.answer, instance_.lawyer_count, scratch.seen);
    scratch.pairs_read += static_cast<std::int64_t>(scratch.answer.size());
  }

  void select_for_matter(OracleScratch& scratch, std::int32_t m, Columns& columns) {
    read_oracle(scratch, m);
    const auto matter = static_cast<std::size_t>(m);
    eligible_per_matter_[matter] = static_cast<std::int64_t>(scratch.answer.size());
    const auto network_size = static_cast<std::int64_t>(options_.initial_pairs_per_matter);
    BestCandidates best(scratch.candidates, m, network_size + columns.pool_limit[matter]);
    for (const ScoredLawyer& entry : scratch.answer) {
      if (instance_.usable[entry.lawyer]) best.offer(make_column(entry));
    }

    // The best network_size candidates go into the network, sorted by lawyer;
    // the order of the pool never matters.
    std::vector<Candidate>& kept = best.finish();
    const auto split = std::min(network_size, static_cast<std::int64_t>(kept.size()));
    if (split < static_cast<std::int64_t>(kept.size())) {
      std::nth_element(kept.begin(), kept.begin() + split, kept.end(), ranks_higher);
    }
    for (std::int64_t i = 0; i < static_cast<std::int64_t>(kept.size()); ++i) {
      const Column& column = kept[static_cast<std::size_t>(i)].column;
      (i < split ? columns.network[matter] : columns.pool[matter]).push_back(column);
    }
    std::sort(columns.network[matter].begin(), columns.network[matter].end(), lower_lawyer);
    columns.unread_bound[matter] = best.dropped_bound();
  }

  static std::int64_t reduced_cost(const Column& column, std::int64_t matter_potential, const RoundSolution& solution) {
    return -std::int64_t{column.scaled} + matter_potential -
           solution.lawyer_potential[static_cast<std::size_t>(column.lawyer)];
  }

  // Moves the pairs of `priced` with the lowest reduced costs, up to
  // pairs_added_per_round, into the matter's network, and leaves the others
  // in `priced`. Returns the number moved.
  std::int64_t add_lowest(std::vector<PricedColumn>& priced, std::vector<Column>& network) const {
    const std::size_t limit = std::min(priced.size(), static_cast<std::size_t>(options_.pairs_added_per_round));
    if (limit == 0) return 0;
    const auto end_of_added = priced.begin() + static_cast<std::ptrdiff_t>(limit);
    std::partial_sort(priced.begin(), end_of_added, priced.end(), more_negative);
    std::vector<Column> added;
    added.reserve(limit);
    for (auto entry = priced.begin(); entry != end_of_added; ++entry) added.push_back(entry->column);
    std::sort(added.begin(), added.end(), lower_lawyer);

    std::vector<Column> merged;
    merged.reserve(network.size() + added.size());
    std::merge(network.begin(), network.end(), added.begin(), added.end(), std::back_inserter(merged), lower_lawyer);
    network = std::move(merged);
    priced.erase(priced.begin(), end_of_added);
    return static_cast<std::int64_t>(limit);
  }

  static void mark_network(OracleScratch& scratch, const std::vector<Column>& network) {
    scratch.in_network.clear();
    for (const Column& column : network) scratch.in_network.insert(column.lawyer);
  }

  // ---- Pricing the pools

  // Prices every pool pair; counted once per round in pairs_priced.
  bool pools_hold_negative_pair(const Columns& columns, const RoundSolution& solution) {
    const std::int64_t negative = sum_over_matters([&](OracleScratch& scratch, std::int32_t m) {
      const auto matter = static_cast<std::size_t>(m);
      std::int64_t count = 0;
      for (const Column& column : columns.pool[matter]) {
        count += reduced_cost(column, solution.matter_potential[matter], solution) < 0 ? 1 : 0;
      }
      scratch.pairs_priced += static_cast<std::int64_t>(columns.pool[matter].size());
      return count;
    });
    return negative > 0;
  }

  // Moves, per matter, up to pairs_added_per_round pool pairs with reduced cost
  // below the pricing margin into the network, the lowest first. Pairs just
  // above zero are likely to turn negative once the next solve has moved the
  // potentials, so adding them now saves the solves of a long tail of rounds
  // that add a few pairs each.
  std::int64_t add_from_pools(Columns& columns, const RoundSolution& solution) {
    std::vector<std::vector<PricedColumn>> candidates(static_cast<std::size_t>(instance_.matter_count));
    sum_over_matters([&](OracleScratch& scratch, std::int32_t m) {
      list_pool_candidates(scratch, m, columns, solution, candidates[static_cast<std::size_t>(m)]);
      return std::int64_t{0};
    });
    apply_lawyer_limit(candidates);
    return sum_over_matters([&](OracleScratch& scratch, std::int32_t m) {
      const auto matter = static_cast<std::size_t>(m);
      const std::int64_t added = add_lowest(candidates[matter], columns.network[matter]);
      if (added > 0) {
        mark_network(scratch, columns.network[matter]);
        std::erase_if(columns.pool[matter], [&](const Column& column) { return scratch.in_network.contains(column.lawyer); });
      }
      return added;
    });
  }

  // Lists the pool pairs of `m` with reduced cost below the margin, the lowest
  // first, up to four times pairs_added_per_round: enough to choose from when
  // the lawyer limit turns some down.
  void list_pool_candidates(OracleScratch& scratch, std::int32_t m, const Columns& columns,
                              const RoundSolution& solution, std::vector<PricedColumn>& candidates) const {
    const auto matter = static_cast<std::size_t>(m);
    auto& priced = scratch.priced;
    priced.clear();
    for (const Column& column : columns.pool[matter]) {
      const std::int64_t reduced = reduced_cost(column, solution.matter_potential[matter], solution);
      if (reduced < margin_) priced.push_back(make_priced(reduced, m, column));
    }
    const std::size_t limit = std::min(priced.size(), 4 * static_cast<std::size_t>(options_.pairs_added_per_round));
    const auto end = priced.begin() + static_cast<std::ptrdiff_t>(limit);
    std::partial_sort(priced.begin(), end, priced.end(), more_negative);
    candidates.assign(priced.begin(), end);
  }

  // Keeps, per matter in index order, the first pairs_added_per_round
  // candidates that the lawyer limit allows: the first
  // pairs_added_before_lawyer_limit always, later ones only while their lawyer
  // has joined fewer than capacity + 1 pairs in this round. Matters that rank
  // the same lawyers first, as the matcher's mostly lawyer-based components
  // make them do, then spread over more lawyers. On the 200,000-lawyer
  // benchmarks the final network shrank from 1.6 to 1.3 million pairs
  // (synthetic oracle) and from 7.1 to 4.9 million (matcher).
  void apply_lawyer_limit(std::vector<std::vector<PricedColumn>>& candidates) const {
    std::vector<std::int64_t> joins_left(instance_.capacity.begin(), instance_.capacity.end());
    for (std::int64_t& left : joins_left) ++left;
    const auto per_round = static_cast<std::size_t>(options_.pairs_added_per_round);
    const auto before_limit = static_cast<std::size_t>(options_.pairs_added_before_lawyer_limit);
    for (std::vector<PricedColumn>& pairs : candidates) {
      std::size_t kept = 0;
      std::erase_if(pairs, [&](const PricedColumn& pair) {
        std::int64_t& left = joins_left[static_cast<std::size_t>(pair.column.lawyer)];
        if (kept == per_round || (left <= 0 && kept >= before_limit)) return true;
        --left;
        ++kept;
        return false;
      });
    }
  }

  // ---- Pricing the unread pairs

  // Whether the bound shows that no unread pair of `matter` has negative
  // reduced cost. An unread pair has scaled score <= unread_bound and its
  // lawyer a potential <= max_lawyer_potential, so its reduced cost is at
  // least potential(matter) - unread_bound - max_lawyer_potential.
  static bool bound_rules_out_unread(const Columns& columns, const RoundSolution& solution, std::size_t matter) {
    return solution.matter_potential[matter] - columns.unread_bound[matter] - solution.max_lawyer_potential >= 0;
  }

  static bool needs_reread(const Columns& columns, const RoundSolution& solution, std::size_t matter) {
    return columns.unread_bound[matter] != no_unread_pair && !bound_rules_out_unread(columns, solution, matter);
  }

  std::int64_t price_unread(Columns& columns, const RoundSolution& solution) {
    const bool pools_grow = pools_may_grow(columns, solution);
    return sum_over_matters([&](OracleScratch& scratch, std::int32_t m) -> std::int64_t {
      const auto matter = static_cast<std::size_t>(m);
      if (needs_reread(columns, solution, matter)) {
        if (pools_grow) columns.pool_limit[matter] = grown_pool_limit(columns, matter);
        return reread_matter(scratch, m, columns, solution);
      }
      if (options_.price_every_pair && columns.unread_bound[matter] != no_unread_pair) {
        return check_unread(scratch, m, columns, solution);
      }
      return 0;
    });
  }

  // Twice the pool limit, but no more than the matter's eligible pairs, which
  // also keeps repeated doubling from overflowing.
  std::int64_t grown_pool_limit(const Columns& columns, std::size_t matter) const {
    return std::max(columns.pool_limit[matter], std::min(2 * columns.pool_limit[matter], eligible_per_matter_[matter]));
  }

  // Decides, before the threads start, whether the matters to be read again
  // double their pool limit. All of them do when the pools stay within
  // max_pool_pairs, and none otherwise. Deciding up front keeps the result
  // independent of the order in which threads finish.
  bool pools_may_grow(const Columns& columns, const RoundSolution& solution) const {
    std::int64_t total = 0;
    for (std::size_t m = 0; m < columns.pool.size(); ++m) {
      total += needs_reread(columns, solution, m) ? grown_pool_limit(columns, m)
                                                  : static_cast<std::int64_t>(columns.pool[m].size());
    }
    return total <= options_.max_pool_pairs;
  }

  // Reads matter `m` again: adds its most negative pairs outside the network
  // and refills its pool with the best of the others by score, up to its
  // pool limit. The others stay unread under a new bound.
  std::int64_t reread_matter(OracleScratch& scratch, std::int32_t m, Columns& columns,
                             const RoundSolution& solution) const {
    const auto matter = static_cast<std::size_t>(m);
    mark_network(scratch, columns.network[matter]);
    read_oracle(scratch, m);

    auto& negative = scratch.priced;
    negative.clear();
    auto& others = scratch.columns;
    others.clear();
    for (const ScoredLawyer& entry : scratch.answer) {
      if (!instance_.usable[entry.lawyer] || scratch.in_network.contains(entry.lawyer)) continue;
      const Column column = make_column(entry);
      const std::int64_t reduced = reduced_cost(column, solution.matter_potential[matter], solution);
      if (reduced < 0) {
        negative.push_back(make_priced(reduced, m, column));
      } else {
        others.push_back(column);
      }
    }
    scratch.pairs_priced += static_cast<std::int64_t>(negative.size() + others.size());
    const std::int64_t added = add_lowest(negative, columns.network[matter]);

    BestCandidates best(scratch.candidates, m, columns.pool_limit[matter]);
    for (const PricedColumn& left : negative) best.offer(left.column);
    for (const Column& column : others) best.offer(column);
    std::vector<Column>& pool = columns.pool[matter];
    pool.clear();
    for (const Candidate& candidate : best.finish()) pool.push_back(candidate.column);
    columns.unread_bound[matter] = best.dropped_bound();
    return added;
  }

  // Prices the unread pairs of a matter that the bound ruled out, to
  // cross-check the bound (SolverOptions::price_every_pair). Pairs found with
  // negative reduced cost, which a correct bound never leaves, are added; the
  // pool and the bound stay as they are.
  std::int64_t check_unread(OracleScratch& scratch, std::int32_t m, Columns& columns,
                            const RoundSolution& solution) const {
    const auto matter = static_cast<std::size_t>(m);
    mark_network(scratch, columns.network[matter]);
    scratch.in_pool.clear();
    for (const Column& column : columns.pool[matter]) scratch.in_pool.insert(column.lawyer);
    read_oracle(scratch, m);

    auto& negative = scratch.priced;
    negative.clear();
    for (const ScoredLawyer& entry : scratch.answer) {
      if (!instance_.usable[entry.lawyer] || scratch.in_network.contains(entry.lawyer) ||
          scratch.in_pool.contains(entry.lawyer)) {
        continue;
      }
      ++scratch.pairs_priced;
      const Column column = make_column(entry);
      const std::int64_t reduced = reduced_cost(column, solution.matter_potential[matter], solution);
      if (reduced < 0) negative.push_back(make_priced(reduced, m, column));
    }
    return add_lowest(negative, columns.network[matter]);
  }

  const Instance& instance_;
  const EligibilityOracle& oracle_;
  const SolverOptions& options_;
  const std::int64_t margin_;  // pricing_margin, scaled
  std::vector<OracleScratch> scratches_;
  std::vector<std::int64_t> eligible_per_matter_;
};

// ---------------------------------------------------------------------------
// Result

BatchAssignment collect_assignment(const Columns& columns, const RoundSolution& solution) {
  BatchAssignment assignment;
  std::size_t index = 0;
  std::int64_t cost = 0;
  for (std::size_t m = 0; m < columns.network.size(); ++m) {
    for (const Column& column : columns.network[m]) {
      if (solution.column_used[index++] == 0) continue;
      assignment.pairs.emplace_back(static_cast<std::int32_t>(m), column.lawyer);
      assignment.total_score += column.score;
      cost -= column.scaled;
    }
  }
  if (cost != solution.total_cost) {
    fail(ErrorKind::internal, "solve_batch: the chosen pairs cost " + std::to_string(cost) +
                                  " but LEMON reports a total cost of " +
                                  std::to_string(solution.total_cost));
  }
  assignment.total_cost = cost;
  assignment.pairs_in_final_network = static_cast<std::int64_t>(index);
  return assignment;
}

}  // namespace

BatchAssignment solve_batch(const BatchProblem& problem, const EligibilityOracle& oracle,
                            const SolverOptions& options) {
  validate_problem(problem);
  validate_options(options);
  const Instance instance = derive_instance(problem);

  ColumnGenerator generator(instance, oracle, options);
  Columns columns = generator.select_initial_columns();
  int rounds = 0;
  RoundSolution solution;
  for (;;) {
    solution = batch::solve_round(instance, columns.network, rounds, rounds == 0 ? nullptr : &solution);
    const bool may_price = rounds < options.max_pricing_rounds;
    const std::int64_t added = may_price ? generator.price_and_add(columns, solution) : 0;
    if (may_price) ++rounds;

    if (!may_price || added == 0) {
      BatchAssignment assignment = collect_assignment(columns, solution);
      assignment.pricing_rounds = rounds;
      assignment.pairs_priced = generator.pairs_priced();
      assignment.pairs_read = generator.pairs_read();
      assignment.eligible_per_matter = std::move(generator.eligible_per_matter());
      assignment.proved_optimal = may_price;
      return assignment;
    }
  }
}

}  // namespace v1
}  // namespace atip
