// Batch assignment as a min-cost circulation solved with LEMON's network
// simplex, with column generation over the eligible matter-lawyer pairs.
// docs/matching.md ("Batch assignment") describes the network and the optimality argument.
//
// Reduced costs follow LEMON's convention (network_simplex.h, LEMON 1.3.1):
// rc(u->v) = cost(u->v) + potential(u) - potential(v). A flow is optimal when
// every arc at zero flow has rc >= 0, every saturated arc rc <= 0 and every
// other arc rc == 0.
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
// Value of Columns::absent_bound for a matter whose usable eligible pairs are
// all in the network. Scaled scores are never negative.
constexpr std::int64_t no_absent_pair = -1;

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

bool lower_lawyer(const Column& a, const Column& b) { return a.lawyer < b.lawyer; }

// The pairs of the network, and what is known of the pairs outside it.
struct Columns {
  // Per matter, sorted by lawyer.
  std::vector<std::vector<Column>> by_matter;
  // Per matter, the highest scaled score among usable eligible pairs outside
  // the network, or no_absent_pair. It only falls as pairs join the network.
  std::vector<std::int64_t> absent_bound;
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

// A pair waiting for selection, ordered by `key`: the scaled score in the high
// bits and the inverted lawyer index in the low 31 bits, so that a larger key
// means a higher score or, on equal scores, a lower lawyer index.
struct Candidate {
  std::int64_t key;
  Column column;
};

std::int64_t selection_key(std::int64_t scaled, std::int32_t lawyer) {
  return (scaled << 31) | (std::numeric_limits<std::int32_t>::max() - lawyer);
}

std::int64_t scaled_of_key(std::int64_t key) { return key >> 31; }

bool higher_key(const Candidate& a, const Candidate& b) { return a.key > b.key; }

// A pair found by pricing, ordered by reduced cost (most negative first) and
// then by lawyer index.
struct PricedColumn {
  std::int64_t reduced_cost;
  Column column;
};

bool more_negative(const PricedColumn& a, const PricedColumn& b) {
  if (a.reduced_cost != b.reduced_cost) return a.reduced_cost < b.reduced_cost;
  return a.column.lawyer < b.column.lawyer;
}

// Per-thread buffers for reading oracle results. Stamps mark lawyers without
// clearing an array of lawyer_count entries for every matter.
struct OracleScratch {
  std::vector<ScoredLawyer> answer;
  std::vector<Candidate> candidates;
  std::vector<PricedColumn> negative;
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

// Raises invalid_argument unless entry `index` of the oracle's answer for
// `matter` names a lawyer in range, not seen before for this matter, with a
// score in [0, 1].
void validate_entry(std::int32_t matter, std::size_t index, const ScoredLawyer& entry,
                    std::int32_t lawyer_count, OracleScratch& scratch, std::uint32_t stamp) {
  const auto field = [&](const char* member) {
    return "eligible(" + std::to_string(matter) + ")[" + std::to_string(index) + "]." + member + ": ";
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
  std::vector<Graph::Arc> matter_arc;    // source -> matter
  std::vector<Graph::Node> firm_node;
  std::vector<Graph::Arc> firm_arc;      // firm -> sink
  std::vector<std::int32_t> reached_lawyers;  // lawyers with a node, in node order
  std::vector<Graph::Node> lawyer_node;  // per lawyer; INVALID for lawyers no column reaches
  std::vector<Graph::Arc> lawyer_arc;    // per reached lawyer: lawyer -> firm or sink
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
void add_lawyer_nodes(Network& network, const Instance& instance, const Columns& columns) {
  network.lawyer_node.assign(static_cast<std::size_t>(instance.lawyer_count), lemon::INVALID);
  for (const auto& matter_columns : columns.by_matter) {
    for (const Column& column : matter_columns) {
      if (network.lawyer_node[column.lawyer] != lemon::INVALID) continue;
      network.lawyer_node[column.lawyer] = network.graph.addNode();
      network.reached_lawyers.push_back(column.lawyer);
    }
  }
}

Graph::Node next_node_of_lawyer(const Network& network, const Instance& instance,
                                std::int32_t lawyer) {
  const std::int32_t firm = instance.capped_firm[lawyer];
  return firm >= 0 ? network.firm_node[firm] : network.sink;
}

void build_network(Network& network, const Instance& instance, const Columns& columns) {
  std::size_t column_count = 0;
  for (const auto& matter_columns : columns.by_matter) column_count += matter_columns.size();
  network.graph.reserveArc(static_cast<int>(column_count + 2 * instance.matter_count + 1));

  add_fixed_nodes(network, instance);
  add_lawyer_nodes(network, instance, columns);

  const std::int64_t total_team_size =
      std::accumulate(instance.team_size.begin(), instance.team_size.end(), std::int64_t{0});
  add_arc(network, network.sink, network.source, total_team_size, 0);
  for (std::int32_t m = 0; m < instance.matter_count; ++m) {
    network.matter_arc.push_back(
        add_arc(network, network.source, network.matter_node[m], instance.team_size[m], 0));
  }

  network.column_arc.reserve(column_count);
  for (std::int32_t m = 0; m < instance.matter_count; ++m) {
    for (const Column& column : columns.by_matter[static_cast<std::size_t>(m)]) {
      network.column_arc.push_back(add_arc(network, network.matter_node[m],
                                           network.lawyer_node[column.lawyer], 1,
                                           -scaled_score(column.score)));
    }
  }

  for (std::int32_t lawyer : network.reached_lawyers) {
    network.lawyer_arc.push_back(add_arc(network, network.lawyer_node[lawyer],
                                         next_node_of_lawyer(network, instance, lawyer),
                                         instance.capacity[lawyer], 0));
  }
  for (const Graph::Node firm : network.firm_node) {
    network.firm_arc.push_back(add_arc(network, firm, network.sink, instance.firm_cap, 0));
  }
}

// ---------------------------------------------------------------------------
// Potentials

// Node potentials indexed by Graph::id(node), with helpers for reduced costs.
class Potentials {
 public:
  Potentials(const Network& network, const Simplex& simplex) : network_(network) {
    values_.resize(static_cast<std::size_t>(network.graph.maxNodeId() + 1));
    for (Graph::NodeIt node(network.graph); node != lemon::INVALID; ++node) {
      values_[static_cast<std::size_t>(Graph::id(node))] = simplex.potential(node);
    }
  }

  std::int64_t& operator[](Graph::Node node) { return values_[static_cast<std::size_t>(Graph::id(node))]; }
  std::int64_t operator[](Graph::Node node) const {
    return values_[static_cast<std::size_t>(Graph::id(node))];
  }

  std::int64_t reduced_cost(Graph::Arc arc) const {
    return network_.cost[arc] + (*this)[network_.graph.source(arc)] - (*this)[network_.graph.target(arc)];
  }

 private:
  const Network& network_;
  std::vector<std::int64_t> values_;
};

// Moves LEMON's optimal potentials, within the range that keeps them optimal
// for the current network, towards the values that give pairs outside the
// network the highest reduced cost: lawyer potentials down, matter
// potentials up. The optimum is often degenerate, and LEMON may otherwise
// leave, for example, an idle lawyer's potential far above its sink's, which
// makes every absent pair into that lawyer look profitable.
//
// Each step keeps every arc's optimality condition; reduced_costs_certify
// checks the result. Firms and lawyers at zero flow take the potential of the
// next node; a saturated lawyer takes the largest potential(matter) - score
// over its assigned pairs. A matter below its team size takes the source's
// potential; a full matter the smallest score + potential(lawyer) over its
// assigned pairs.
void tighten_potentials(Potentials& potential, const Network& network, const Instance& instance,
                        const Columns& columns, const Simplex& simplex) {
  for (std::size_t f = 0; f < network.firm_node.size(); ++f) {
    if (simplex.flow(network.firm_arc[f]) == 0) potential[network.firm_node[f]] = potential[network.sink];
  }

  // Lower bound of each saturated lawyer's potential, from its assigned pairs
  // and the matter potentials as LEMON left them.
  std::vector<std::int64_t> lowest(network.reached_lawyers.size(), std::numeric_limits<std::int64_t>::min());
  std::vector<std::int32_t> reached_index(static_cast<std::size_t>(instance.lawyer_count), -1);
  for (std::size_t r = 0; r < network.reached_lawyers.size(); ++r) {
    reached_index[network.reached_lawyers[r]] = static_cast<std::int32_t>(r);
  }
  std::size_t index = 0;
  for (std::size_t m = 0; m < columns.by_matter.size(); ++m) {
    for (const Column& column : columns.by_matter[m]) {
      const Graph::Arc arc = network.column_arc[index++];
      if (simplex.flow(arc) == 0) continue;
      std::int64_t& bound = lowest[static_cast<std::size_t>(reached_index[column.lawyer])];
      bound = std::max(bound, potential[network.matter_node[m]] + network.cost[arc]);
    }
  }
  for (std::size_t r = 0; r < network.reached_lawyers.size(); ++r) {
    const std::int32_t lawyer = network.reached_lawyers[r];
    const Graph::Node node = network.lawyer_node[lawyer];
    const bool saturated = simplex.flow(network.lawyer_arc[r]) == instance.capacity[lawyer];
    potential[node] = saturated ? lowest[r] : potential[next_node_of_lawyer(network, instance, lawyer)];
  }

  index = 0;
  for (std::size_t m = 0; m < columns.by_matter.size(); ++m) {
    std::int64_t highest = std::numeric_limits<std::int64_t>::max();
    for (const Column& column : columns.by_matter[m]) {
      const Graph::Arc arc = network.column_arc[index++];
      if (simplex.flow(arc) == 0) continue;
      highest = std::min(highest, potential[network.lawyer_node[column.lawyer]] - network.cost[arc]);
    }
    // A matter can have no assigned pair and still be "full" when its team
    // size was clamped to zero lawyers; it keeps the source's potential.
    const std::int64_t flow = simplex.flow(network.matter_arc[m]);
    const bool full = flow > 0 && flow == instance.team_size[m];
    potential[network.matter_node[m]] = full ? highest : potential[network.source];
  }
}

// Checks the flow and potentials independently of LEMON: every arc at zero
// flow has rc >= 0, every saturated arc rc <= 0 and every other arc rc == 0.
bool reduced_costs_certify(const Network& network, const Simplex& simplex, const Potentials& potential) {
  for (Graph::ArcIt arc(network.graph); arc != lemon::INVALID; ++arc) {
    const std::int64_t reduced = potential.reduced_cost(arc);
    const std::int64_t flow = simplex.flow(arc);
    if (flow < network.capacity[arc] && reduced < 0) return false;
    if (flow > 0 && reduced > 0) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------
// Solving one round

// The optimal flow and potentials of one round, copied out of LEMON.
struct RoundSolution {
  std::vector<char> column_used;  // per column arc: carries one unit
  std::vector<std::int64_t> matter_potential;
  // Per lawyer, the potential that prices pairs into it. A lawyer without a
  // node has only its arc to its firm (or the sink), at zero flow, which stays
  // optimal for any potential at least that of the arc's head; the lowest such
  // value is taken.
  std::vector<std::int64_t> lawyer_potential;
  // Maximum of lawyer_potential over usable lawyers.
  std::int64_t max_lawyer_potential = std::numeric_limits<std::int64_t>::min();
  std::int64_t total_cost = 0;
};

void copy_potentials(RoundSolution& solution, const Network& network, const Instance& instance,
                     const Potentials& potential) {
  solution.matter_potential.reserve(static_cast<std::size_t>(instance.matter_count));
  for (const Graph::Node node : network.matter_node) solution.matter_potential.push_back(potential[node]);

  solution.lawyer_potential.resize(static_cast<std::size_t>(instance.lawyer_count), 0);
  for (std::int32_t l = 0; l < instance.lawyer_count; ++l) {
    const Graph::Node node = network.lawyer_node[l] != lemon::INVALID
                                 ? network.lawyer_node[l]
                                 : next_node_of_lawyer(network, instance, l);
    solution.lawyer_potential[l] = potential[node];
    if (instance.usable[l]) {
      solution.max_lawyer_potential = std::max(solution.max_lawyer_potential, potential[node]);
    }
  }
}

RoundSolution solve_round(const Instance& instance, const Columns& columns, int round) {
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

  Potentials potential(network, simplex);
  tighten_potentials(potential, network, instance, columns, simplex);
  if (!reduced_costs_certify(network, simplex, potential)) {
    fail(ErrorKind::internal, "solve_batch: the flow and potentials of round " + std::to_string(round) +
                                  " violate the reduced-cost optimality conditions");
  }

  RoundSolution solution;
  solution.column_used.reserve(network.column_arc.size());
  for (const Graph::Arc arc : network.column_arc) {
    solution.column_used.push_back(simplex.flow(arc) == 1 ? 1 : 0);
  }
  copy_potentials(solution, network, instance, potential);
  solution.total_cost = simplex.totalCost<std::int64_t>();
  return solution;
}

// ---------------------------------------------------------------------------
// Starting columns and pricing

class ColumnGenerator {
 public:
  ColumnGenerator(const Instance& instance, const EligibilityOracle& oracle, const SolverOptions& options)
      : instance_(instance), oracle_(oracle), options_(options) {
    scratches_.reserve(static_cast<std::size_t>(options.pricing_threads));
    for (int t = 0; t < options.pricing_threads; ++t) scratches_.emplace_back(instance.lawyer_count);
  }

  // Reads every matter's eligible pairs once and keeps the best
  // initial_pairs_per_matter usable ones by score, ties by lawyer index.
  Columns select_initial_columns() {
    Columns columns;
    columns.by_matter.resize(static_cast<std::size_t>(instance_.matter_count));
    columns.absent_bound.assign(static_cast<std::size_t>(instance_.matter_count), no_absent_pair);
    for_each_matter(instance_.matter_count, options_.pricing_threads, [&](int thread, std::int32_t m) {
      select_for_matter(scratches_[static_cast<std::size_t>(thread)], m, columns);
    });
    return columns;
  }

  // Prices the pairs outside the network and adds, per matter, up to
  // pairs_added_per_round with negative reduced cost. Returns the number of
  // pairs added; zero proves the round's flow optimal over all eligible pairs.
  std::int64_t price_and_add(Columns& columns, const RoundSolution& solution) {
    std::vector<std::vector<Column>> added(static_cast<std::size_t>(instance_.matter_count));
    std::vector<std::int64_t> priced(scratches_.size(), 0);
    for_each_matter(instance_.matter_count, options_.pricing_threads, [&](int thread, std::int32_t m) {
      if (!may_hold_negative_pairs(columns, solution, m)) return;
      priced[static_cast<std::size_t>(thread)] +=
          price_matter(scratches_[static_cast<std::size_t>(thread)], m, columns, solution,
                       added[static_cast<std::size_t>(m)]);
    });
    pairs_priced_ += std::accumulate(priced.begin(), priced.end(), std::int64_t{0});
    return merge_columns(columns, added);
  }

  std::int64_t pairs_priced() const { return pairs_priced_; }

 private:
  // Calls the oracle for `matter` and leaves its answer in scratch.answer.
  void read_oracle(OracleScratch& scratch, std::int32_t matter) const {
    scratch.answer.clear();
    oracle_.eligible(matter, scratch.answer);
  }

  void select_for_matter(OracleScratch& scratch, std::int32_t m, Columns& columns) const {
    const std::uint32_t stamp = scratch.next_stamp();
    read_oracle(scratch, m);

    // Candidates at or below `cutoff` cannot make the best `keep`; they only
    // raise the bound on absent scores. The buffer is cut back to `keep`
    // whenever it grows to `flush_at`, which keeps selection linear.
    const auto keep = static_cast<std::size_t>(options_.initial_pairs_per_matter);
    const std::size_t flush_at = keep + std::max<std::size_t>(keep, 256);
    std::int64_t cutoff = std::numeric_limits<std::int64_t>::min();
    std::int64_t absent_bound = no_absent_pair;
    auto& candidates = scratch.candidates;
    candidates.clear();

    const auto cut_back = [&] {
      std::nth_element(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(keep - 1),
                       candidates.end(), higher_key);
      cutoff = candidates[keep - 1].key;
      for (std::size_t i = keep; i < candidates.size(); ++i) {
        absent_bound = std::max(absent_bound, scaled_of_key(candidates[i].key));
      }
      candidates.resize(keep);
    };

    for (std::size_t i = 0; i < scratch.answer.size(); ++i) {
      const ScoredLawyer& entry = scratch.answer[i];
      validate_entry(m, i, entry, instance_.lawyer_count, scratch, stamp);
      if (!instance_.usable[entry.lawyer]) continue;
      const std::int64_t key = selection_key(scaled_score(entry.score), entry.lawyer);
      if (key <= cutoff) {
        absent_bound = std::max(absent_bound, scaled_of_key(key));
        continue;
      }
      candidates.push_back({key, {entry.lawyer, entry.score}});
      if (candidates.size() >= flush_at) cut_back();
    }
    if (candidates.size() > keep) cut_back();

    std::vector<Column>& kept = columns.by_matter[static_cast<std::size_t>(m)];
    kept.reserve(candidates.size());
    for (const Candidate& candidate : candidates) kept.push_back(candidate.column);
    std::sort(kept.begin(), kept.end(), lower_lawyer);
    columns.absent_bound[static_cast<std::size_t>(m)] = absent_bound;
  }

  // Whether some pair of `matter` outside the network may have negative
  // reduced cost. For such a pair, score <= absent_bound and
  // potential(lawyer) <= max_lawyer_potential, so its reduced cost is at least
  // potential(matter) - absent_bound - max_lawyer_potential; when that is not
  // negative, the matter needs no oracle call.
  bool may_hold_negative_pairs(const Columns& columns, const RoundSolution& solution,
                               std::int32_t matter) const {
    const std::int64_t absent_bound = columns.absent_bound[static_cast<std::size_t>(matter)];
    if (absent_bound == no_absent_pair) return false;
    if (options_.price_every_pair) return true;
    const std::int64_t lowest_reduced_cost = solution.matter_potential[static_cast<std::size_t>(matter)] -
                                             absent_bound - solution.max_lawyer_potential;
    return lowest_reduced_cost < 0;
  }

  // Prices the absent pairs of `m`, puts the best into `added` (sorted by
  // lawyer) and updates the matter's absent bound. Returns the pairs priced.
  std::int64_t price_matter(OracleScratch& scratch, std::int32_t m, Columns& columns,
                            const RoundSolution& solution, std::vector<Column>& added) const {
    const std::uint32_t stamp = scratch.next_stamp();
    for (const Column& column : columns.by_matter[static_cast<std::size_t>(m)]) {
      scratch.in_network_stamp[column.lawyer] = stamp;
    }
    read_oracle(scratch, m);

    auto& negative = scratch.negative;
    negative.clear();
    std::int64_t priced = 0;
    std::int64_t absent_bound = no_absent_pair;
    const std::int64_t matter_potential = solution.matter_potential[static_cast<std::size_t>(m)];
    for (std::size_t i = 0; i < scratch.answer.size(); ++i) {
      const ScoredLawyer& entry = scratch.answer[i];
      validate_entry(m, i, entry, instance_.lawyer_count, scratch, stamp);
      if (!instance_.usable[entry.lawyer] || scratch.in_network_stamp[entry.lawyer] == stamp) continue;
      ++priced;
      const std::int64_t scaled = scaled_score(entry.score);
      const std::int64_t reduced = -scaled + matter_potential - solution.lawyer_potential[entry.lawyer];
      if (reduced < 0) {
        negative.push_back({reduced, {entry.lawyer, entry.score}});
      } else {
        absent_bound = std::max(absent_bound, scaled);
      }
    }

    const std::size_t limit = std::min(negative.size(), static_cast<std::size_t>(options_.pairs_added_per_round));
    std::partial_sort(negative.begin(), negative.begin() + static_cast<std::ptrdiff_t>(limit), negative.end(),
                      more_negative);
    for (std::size_t i = 0; i < negative.size(); ++i) {
      if (i < limit) {
        added.push_back(negative[i].column);
      } else {
        absent_bound = std::max(absent_bound, scaled_score(negative[i].column.score));
      }
    }
    std::sort(added.begin(), added.end(), lower_lawyer);
    columns.absent_bound[static_cast<std::size_t>(m)] = absent_bound;
    return priced;
  }

  static std::int64_t merge_columns(Columns& columns, std::vector<std::vector<Column>>& added) {
    std::int64_t added_count = 0;
    for (std::size_t m = 0; m < added.size(); ++m) {
      if (added[m].empty()) continue;
      std::vector<Column>& existing = columns.by_matter[m];
      std::vector<Column> merged;
      merged.reserve(existing.size() + added[m].size());
      std::merge(existing.begin(), existing.end(), added[m].begin(), added[m].end(),
                 std::back_inserter(merged), lower_lawyer);
      existing = std::move(merged);
      added_count += static_cast<std::int64_t>(added[m].size());
    }
    return added_count;
  }

  const Instance& instance_;
  const EligibilityOracle& oracle_;
  const SolverOptions& options_;
  std::vector<OracleScratch> scratches_;
  std::int64_t pairs_priced_ = 0;
};

// ---------------------------------------------------------------------------
// Result

BatchAssignment collect_assignment(const Columns& columns, const RoundSolution& solution) {
  BatchAssignment assignment;
  std::size_t index = 0;
  std::int64_t cost = 0;
  for (std::size_t m = 0; m < columns.by_matter.size(); ++m) {
    for (const Column& column : columns.by_matter[m]) {
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

  ColumnGenerator generator(instance, oracle, options);
  Columns columns = generator.select_initial_columns();
  int rounds = 0;
  for (;;) {
    const RoundSolution solution = solve_round(instance, columns, rounds);
    const bool may_price = rounds < options.max_pricing_rounds;
    const std::int64_t added = may_price ? generator.price_and_add(columns, solution) : 0;
    if (may_price) ++rounds;

    if (!may_price || added == 0) {
      BatchAssignment assignment = collect_assignment(columns, solution);
      assignment.pricing_rounds = rounds;
      assignment.pairs_priced = generator.pairs_priced();
      assignment.proved_optimal = may_price;
      return assignment;
    }
  }
}

}  // namespace v1
}  // namespace atip
