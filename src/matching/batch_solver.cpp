// Batch assignment as a min-cost circulation solved with LEMON's network
// simplex, with column generation over the eligible matter-lawyer pairs.
// docs/matching-flow.md describes the network and the optimality argument.
#include "atip/batch_solver.hpp"

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <mutex>
#include <numeric>
#include <sstream>
#include <string>
#include <thread>

#include "atip/error.hpp"

namespace atip {
inline namespace v1 {
namespace {

using Graph = lemon::SmartDigraph;
using Simplex = lemon::NetworkSimplex<Graph, std::int64_t, std::int64_t>;

// Below this many matters, a second pricing thread costs more than it saves.
constexpr std::int32_t min_matters_for_threads = 256;
// Matters handed to a pricing thread at a time.
constexpr std::int32_t matters_per_block = 32;

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
  if (options.pairs_added_per_round < 1) {
    reject("pairs_added_per_round", options.pairs_added_per_round, "at least 1");
  }
  if (options.max_pricing_rounds < 0) {
    reject("max_pricing_rounds", options.max_pricing_rounds, "at least 0");
  }
  if (options.pricing_threads < 1 || options.pricing_threads > 64) {
    reject("pricing_threads", options.pricing_threads, "1 to 64");
  }
}

// ---------------------------------------------------------------------------
// Problem data derived once per solve

// The problem with every limit clamped to what can be used, and the firms that
// a firm cap applies to renumbered 0..F-1 in order of first appearance.
struct Instance {
  std::int32_t matter_count = 0;
  std::int32_t lawyer_count = 0;
  std::vector<std::int64_t> team_size;   // min(team_size, lawyer_count)
  std::vector<std::int64_t> capacity;    // min(capacity, matter_count)
  std::vector<std::int32_t> capped_firm; // dense firm id, or -1 when no cap applies
  std::int32_t capped_firm_count = 0;
  std::int64_t firm_cap = 0;
  // A pair with an unusable lawyer can never carry flow: the lawyer has no
  // capacity, or belongs to a firm whose cap is 0. Such pairs stay out of the
  // network and need no pricing.
  std::vector<char> usable;
};

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

std::int64_t scaled_score(double score) {
  return std::llround(score * static_cast<double>(batch_score_scale));
}

// One matter-lawyer pair of the network, stored under its matter.
struct Column {
  std::int32_t lawyer;
  double score;
};

using ColumnsByMatter = std::vector<std::vector<Column>>;

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

// Per-thread buffers for reading oracle answers. Stamps mark lawyers without
// clearing an array of lawyer_count entries for every matter.
struct OracleScratch {
  std::vector<ScoredLawyer> answer;
  std::vector<std::uint32_t> seen_stamp;
  std::vector<std::uint32_t> in_network_stamp;
  std::uint32_t stamp = 0;

  explicit OracleScratch(std::int32_t lawyer_count)
      : seen_stamp(static_cast<std::size_t>(lawyer_count), 0),
        in_network_stamp(static_cast<std::size_t>(lawyer_count), 0) {}

  // Starts a new matter: returns a stamp that no lawyer carries yet.
  std::uint32_t next_stamp() {
    if (++stamp == 0) {
      std::fill(seen_stamp.begin(), seen_stamp.end(), 0);
      std::fill(in_network_stamp.begin(), in_network_stamp.end(), 0);
      stamp = 1;
    }
    return stamp;
  }
};

std::vector<OracleScratch> make_scratches(int thread_count, std::int32_t lawyer_count) {
  std::vector<OracleScratch> scratches;
  scratches.reserve(static_cast<std::size_t>(thread_count));
  for (int t = 0; t < thread_count; ++t) scratches.emplace_back(lawyer_count);
  return scratches;
}

// Calls the oracle for `matter` into `scratch.answer` and validates every
// entry: lawyer in range and listed once, score a number in [0, 1].
void read_oracle(const EligibilityOracle& oracle, std::int32_t matter, std::int32_t lawyer_count,
                 OracleScratch& scratch, std::uint32_t stamp) {
  scratch.answer.clear();
  oracle.eligible(matter, scratch.answer);

  for (std::size_t i = 0; i < scratch.answer.size(); ++i) {
    const ScoredLawyer& entry = scratch.answer[i];
    const auto field = [&](const char* member) {
      return "eligible(" + std::to_string(matter) + ")[" + std::to_string(i) + "]." + member + ": ";
    };
    if (entry.lawyer < 0 || entry.lawyer >= lawyer_count) {
      fail(ErrorKind::invalid_argument, field("lawyer") + std::to_string(entry.lawyer) +
                                            " is out of range; the problem has " +
                                            std::to_string(lawyer_count) + " lawyers");
    }
    if (!(entry.score >= 0.0 && entry.score <= 1.0)) {
      fail(ErrorKind::invalid_argument,
           field("score") + format_score(entry.score) + " is invalid; a score must be in [0, 1]");
    }
    if (scratch.seen_stamp[entry.lawyer] == stamp) {
      fail(ErrorKind::invalid_argument, field("lawyer") + std::to_string(entry.lawyer) +
                                            " is listed twice; each lawyer may appear once per matter");
    }
    scratch.seen_stamp[entry.lawyer] = stamp;
  }
}

// ---------------------------------------------------------------------------
// Starting columns

// Orders pairs by scaled score, best first, then by lawyer index.
bool better_by_score(const Column& a, const Column& b) {
  const std::int64_t score_a = scaled_score(a.score);
  const std::int64_t score_b = scaled_score(b.score);
  if (score_a != score_b) return score_a > score_b;
  return a.lawyer < b.lawyer;
}

bool lower_lawyer(const Column& a, const Column& b) { return a.lawyer < b.lawyer; }

// Keeps the best `limit` columns of `columns` and sorts them by lawyer.
void keep_best(std::vector<Column>& columns, std::size_t limit) {
  if (columns.size() > limit) {
    std::nth_element(columns.begin(), columns.begin() + static_cast<std::ptrdiff_t>(limit),
                     columns.end(), better_by_score);
    columns.resize(limit);
  }
  std::sort(columns.begin(), columns.end(), lower_lawyer);
}

ColumnsByMatter select_initial_columns(const Instance& instance, const EligibilityOracle& oracle,
                                       const SolverOptions& options) {
  ColumnsByMatter columns(static_cast<std::size_t>(instance.matter_count));
  std::vector<OracleScratch> scratches = make_scratches(options.pricing_threads, instance.lawyer_count);

  for_each_matter(instance.matter_count, options.pricing_threads, [&](int thread, std::int32_t m) {
    OracleScratch& scratch = scratches[static_cast<std::size_t>(thread)];
    read_oracle(oracle, m, instance.lawyer_count, scratch, scratch.next_stamp());

    std::vector<Column>& kept = columns[static_cast<std::size_t>(m)];
    for (const ScoredLawyer& entry : scratch.answer) {
      if (instance.usable[entry.lawyer]) kept.push_back({entry.lawyer, entry.score});
    }
    keep_best(kept, static_cast<std::size_t>(options.initial_pairs_per_matter));
    kept.shrink_to_fit();
  });
  return columns;
}

// ---------------------------------------------------------------------------
// The flow network of one round

// The circulation of one round. Nodes: source, sink, one per matter, one per
// capped firm, and one per lawyer that some column reaches. Arcs: sink ->
// source (the return arc that lets any amount of flow, including none,
// circulate), source -> matter, matter -> lawyer per column, lawyer -> firm
// or sink, firm -> sink.
struct Network {
  Graph graph;
  Graph::ArcMap<std::int64_t> capacity{graph};
  Graph::ArcMap<std::int64_t> cost{graph};
  Graph::Node source;
  Graph::Node sink;
  std::vector<Graph::Node> matter_node;
  std::vector<Graph::Node> firm_node;
  std::vector<Graph::Node> lawyer_node;  // INVALID for lawyers no column reaches
  std::vector<Graph::Arc> column_arc;    // in the order of the columns, matter by matter
};

Graph::Arc add_arc(Network& network, Graph::Node from, Graph::Node to, std::int64_t capacity,
                   std::int64_t cost) {
  const Graph::Arc arc = network.graph.addArc(from, to);
  network.capacity[arc] = capacity;
  network.cost[arc] = cost;
  return arc;
}

void add_fixed_nodes(Network& network, const Instance& instance) {
  network.source = network.graph.addNode();
  network.sink = network.graph.addNode();
  network.matter_node.reserve(static_cast<std::size_t>(instance.matter_count));
  for (std::int32_t m = 0; m < instance.matter_count; ++m) {
    network.matter_node.push_back(network.graph.addNode());
  }
  for (std::int32_t f = 0; f < instance.capped_firm_count; ++f) {
    network.firm_node.push_back(network.graph.addNode());
  }
}

// Adds a node for every lawyer that a column reaches, in order of first
// appearance, so that the node numbering depends on the columns alone.
std::vector<std::int32_t> add_lawyer_nodes(Network& network, const Instance& instance,
                                           const ColumnsByMatter& columns) {
  network.lawyer_node.assign(static_cast<std::size_t>(instance.lawyer_count), lemon::INVALID);
  std::vector<std::int32_t> reached;
  for (const auto& matter_columns : columns) {
    for (const Column& column : matter_columns) {
      if (network.lawyer_node[column.lawyer] != lemon::INVALID) continue;
      network.lawyer_node[column.lawyer] = network.graph.addNode();
      reached.push_back(column.lawyer);
    }
  }
  return reached;
}

void build_network(Network& network, const Instance& instance, const ColumnsByMatter& columns) {
  std::size_t column_count = 0;
  for (const auto& matter_columns : columns) column_count += matter_columns.size();
  network.graph.reserveArc(static_cast<int>(column_count + 2 * instance.matter_count + 1));

  add_fixed_nodes(network, instance);
  const std::vector<std::int32_t> reached = add_lawyer_nodes(network, instance, columns);

  const std::int64_t total_team_size =
      std::accumulate(instance.team_size.begin(), instance.team_size.end(), std::int64_t{0});
  add_arc(network, network.sink, network.source, total_team_size, 0);
  for (std::int32_t m = 0; m < instance.matter_count; ++m) {
    add_arc(network, network.source, network.matter_node[m], instance.team_size[m], 0);
  }

  network.column_arc.reserve(column_count);
  for (std::int32_t m = 0; m < instance.matter_count; ++m) {
    for (const Column& column : columns[static_cast<std::size_t>(m)]) {
      network.column_arc.push_back(add_arc(network, network.matter_node[m],
                                           network.lawyer_node[column.lawyer], 1,
                                           -scaled_score(column.score)));
    }
  }

  for (std::int32_t lawyer : reached) {
    const std::int32_t firm = instance.capped_firm[lawyer];
    const Graph::Node next = firm >= 0 ? network.firm_node[firm] : network.sink;
    add_arc(network, network.lawyer_node[lawyer], next, instance.capacity[lawyer], 0);
  }
  for (const Graph::Node firm : network.firm_node) {
    add_arc(network, firm, network.sink, instance.firm_cap, 0);
  }
}

// The optimal flow and potentials of one round, copied out of LEMON.
struct RoundSolution {
  std::vector<char> column_used;            // per column arc: carries one unit
  std::vector<std::int64_t> matter_potential;
  std::vector<std::int64_t> lawyer_potential;  // for every lawyer, see pricing_potentials
  std::int64_t total_cost = 0;
  bool certificate_holds = false;
};

// Checks LEMON's answer independently: with reduced cost
// rc(u->v) = cost + potential(u) - potential(v), every arc at zero flow has
// rc >= 0, every saturated arc rc <= 0 and every arc in between rc == 0.
bool reduced_costs_certify(const Network& network, const Simplex& simplex) {
  for (Graph::ArcIt arc(network.graph); arc != lemon::INVALID; ++arc) {
    const std::int64_t reduced = network.cost[arc] +
                                 simplex.potential(network.graph.source(arc)) -
                                 simplex.potential(network.graph.target(arc));
    const std::int64_t flow = simplex.flow(arc);
    if (flow < network.capacity[arc] && reduced < 0) return false;
    if (flow > 0 && reduced > 0) return false;
  }
  return true;
}

// Potentials used to price pairs into every lawyer. A lawyer without a node has
// only its arc to its firm (or to the sink) at zero flow, which stays optimal
// for any potential at least that of the arc's head. The lowest such value is
// taken because it prices new pairs the least favourably that the proof allows.
std::vector<std::int64_t> pricing_potentials(const Network& network, const Instance& instance,
                                             const Simplex& simplex) {
  std::vector<std::int64_t> potential(static_cast<std::size_t>(instance.lawyer_count), 0);
  const std::int64_t sink_potential = simplex.potential(network.sink);
  for (std::int32_t l = 0; l < instance.lawyer_count; ++l) {
    if (network.lawyer_node[l] != lemon::INVALID) {
      potential[l] = simplex.potential(network.lawyer_node[l]);
    } else if (instance.capped_firm[l] >= 0) {
      potential[l] = simplex.potential(network.firm_node[instance.capped_firm[l]]);
    } else {
      potential[l] = sink_potential;
    }
  }
  return potential;
}

RoundSolution solve_round(const Instance& instance, const ColumnsByMatter& columns) {
  Network network;
  build_network(network, instance, columns);

  Simplex simplex(network.graph);
  simplex.upperMap(network.capacity).costMap(network.cost);
  // Zero supplies everywhere make this a circulation, which is always feasible
  // (no flow) and bounded (every cycle crosses a unit-capacity column arc).
  const Simplex::ProblemType outcome = simplex.run();
  if (outcome != Simplex::OPTIMAL) {
    fail(ErrorKind::internal, "solve_batch: LEMON NetworkSimplex returned problem type " +
                                  std::to_string(static_cast<int>(outcome)) +
                                  " for a circulation that is always feasible and bounded");
  }

  RoundSolution solution;
  solution.column_used.reserve(network.column_arc.size());
  for (const Graph::Arc arc : network.column_arc) {
    solution.column_used.push_back(simplex.flow(arc) == 1 ? 1 : 0);
  }
  solution.matter_potential.reserve(static_cast<std::size_t>(instance.matter_count));
  for (const Graph::Node node : network.matter_node) {
    solution.matter_potential.push_back(simplex.potential(node));
  }
  solution.lawyer_potential = pricing_potentials(network, instance, simplex);
  solution.total_cost = simplex.totalCost<std::int64_t>();
  solution.certificate_holds = reduced_costs_certify(network, simplex);
  return solution;
}

// ---------------------------------------------------------------------------
// Pricing

// Orders new columns by reduced cost, most negative first, then by lawyer.
struct PricedColumn {
  std::int64_t reduced_cost;
  Column column;
};

bool more_negative(const PricedColumn& a, const PricedColumn& b) {
  if (a.reduced_cost != b.reduced_cost) return a.reduced_cost < b.reduced_cost;
  return a.column.lawyer < b.column.lawyer;
}

struct PricingResult {
  ColumnsByMatter new_columns;  // per matter, sorted by lawyer
  std::int64_t pairs_priced = 0;
  std::int64_t pairs_found = 0;  // with negative reduced cost, before the per-matter limit
};

// Prices every eligible pair outside the network against the round's
// potentials and keeps, per matter, the best `pairs_added_per_round` pairs
// whose reduced cost -scaled_score + potential(matter) - potential(lawyer)
// is negative.
PricingResult price_columns(const Instance& instance, const EligibilityOracle& oracle,
                            const SolverOptions& options, const ColumnsByMatter& columns,
                            const RoundSolution& solution) {
  PricingResult result;
  result.new_columns.resize(static_cast<std::size_t>(instance.matter_count));
  std::vector<OracleScratch> scratches = make_scratches(options.pricing_threads, instance.lawyer_count);
  std::vector<std::vector<PricedColumn>> candidates(static_cast<std::size_t>(options.pricing_threads));
  std::vector<std::int64_t> priced(static_cast<std::size_t>(options.pricing_threads), 0);
  std::vector<std::int64_t> found(static_cast<std::size_t>(options.pricing_threads), 0);

  for_each_matter(instance.matter_count, options.pricing_threads, [&](int thread, std::int32_t m) {
    OracleScratch& scratch = scratches[static_cast<std::size_t>(thread)];
    std::vector<PricedColumn>& negative = candidates[static_cast<std::size_t>(thread)];
    const std::uint32_t stamp = scratch.next_stamp();
    for (const Column& column : columns[static_cast<std::size_t>(m)]) {
      scratch.in_network_stamp[column.lawyer] = stamp;
    }
    read_oracle(oracle, m, instance.lawyer_count, scratch, stamp);

    negative.clear();
    const std::int64_t matter_potential = solution.matter_potential[static_cast<std::size_t>(m)];
    for (const ScoredLawyer& entry : scratch.answer) {
      if (!instance.usable[entry.lawyer] || scratch.in_network_stamp[entry.lawyer] == stamp) continue;
      ++priced[static_cast<std::size_t>(thread)];
      const std::int64_t reduced =
          -scaled_score(entry.score) + matter_potential - solution.lawyer_potential[entry.lawyer];
      if (reduced < 0) negative.push_back({reduced, {entry.lawyer, entry.score}});
    }
    if (negative.empty()) return;

    found[static_cast<std::size_t>(thread)] += static_cast<std::int64_t>(negative.size());
    const auto limit = std::min(negative.size(), static_cast<std::size_t>(options.pairs_added_per_round));
    std::partial_sort(negative.begin(), negative.begin() + static_cast<std::ptrdiff_t>(limit),
                      negative.end(), more_negative);
    std::vector<Column>& added = result.new_columns[static_cast<std::size_t>(m)];
    for (std::size_t i = 0; i < limit; ++i) added.push_back(negative[i].column);
    std::sort(added.begin(), added.end(), lower_lawyer);
  });

  result.pairs_priced = std::accumulate(priced.begin(), priced.end(), std::int64_t{0});
  result.pairs_found = std::accumulate(found.begin(), found.end(), std::int64_t{0});
  return result;
}

void merge_columns(ColumnsByMatter& columns, ColumnsByMatter& new_columns) {
  for (std::size_t m = 0; m < columns.size(); ++m) {
    if (new_columns[m].empty()) continue;
    std::vector<Column> merged;
    merged.reserve(columns[m].size() + new_columns[m].size());
    std::merge(columns[m].begin(), columns[m].end(), new_columns[m].begin(), new_columns[m].end(),
               std::back_inserter(merged), lower_lawyer);
    columns[m] = std::move(merged);
  }
}

// ---------------------------------------------------------------------------
// Result

BatchAssignment collect_assignment(const ColumnsByMatter& columns, const RoundSolution& solution) {
  BatchAssignment assignment;
  std::size_t index = 0;
  std::int64_t cost = 0;
  for (std::size_t m = 0; m < columns.size(); ++m) {
    for (const Column& column : columns[m]) {
      if (solution.column_used[index++] == 0) continue;
      assignment.pairs.emplace_back(static_cast<std::int32_t>(m), column.lawyer);
      assignment.total_score += column.score;
      cost -= scaled_score(column.score);
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

  ColumnsByMatter columns = select_initial_columns(instance, oracle, options);
  int rounds = 0;
  std::int64_t pairs_priced = 0;
  for (;;) {
    const RoundSolution solution = solve_round(instance, columns);
    if (!solution.certificate_holds) {
      fail(ErrorKind::internal, "solve_batch: LEMON's flow and potentials violate the reduced-cost "
                                "optimality conditions in pricing round " + std::to_string(rounds));
    }

    const bool may_price = rounds < options.max_pricing_rounds;
    PricingResult pricing;
    if (may_price) {
      pricing = price_columns(instance, oracle, options, columns, solution);
      ++rounds;
      pairs_priced += pricing.pairs_priced;
    }

    if (!may_price || pricing.pairs_found == 0) {
      BatchAssignment assignment = collect_assignment(columns, solution);
      assignment.pricing_rounds = rounds;
      assignment.pairs_priced = pairs_priced;
      assignment.proved_optimal = may_price;
      return assignment;
    }
    merge_columns(columns, pricing.new_columns);
  }
}

}  // namespace v1
}  // namespace atip
