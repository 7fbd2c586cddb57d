// The flow network of one round of the batch-assignment solver, its solution
// with LEMON's network simplex, and the potentials that certify it; see
// batch_network.hpp.
#include "matching/batch_network.hpp"

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <algorithm>
#include <numeric>
#include <string>

#include "atip/error.hpp"

namespace atip {
inline namespace v1 {
namespace batch {
namespace {

using Graph = lemon::SmartDigraph;
using Simplex = lemon::NetworkSimplex<Graph, std::int64_t, std::int64_t>;

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
void add_lawyer_nodes(Network& network, const Instance& instance, const NetworkColumns& columns) {
  network.lawyer_node.assign(static_cast<std::size_t>(instance.lawyer_count), lemon::INVALID);
  for (const auto& matter_columns : columns) {
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

void build_network(Network& network, const Instance& instance, const NetworkColumns& columns) {
  std::size_t column_count = 0;
  for (const auto& matter_columns : columns) column_count += matter_columns.size();
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
    for (const Column& column : columns[static_cast<std::size_t>(m)]) {
      network.column_arc.push_back(add_arc(network, network.matter_node[m],
                                           network.lawyer_node[column.lawyer], 1,
                                           -std::int64_t{column.scaled}));
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
  // `shift` holds, per node id, what the costs given to LEMON were shifted by
  // (see shift_costs); it is added back to LEMON's potentials.
  Potentials(const Network& network, const Simplex& simplex, const std::vector<std::int64_t>& shift)
      : network_(network) {
    values_.resize(static_cast<std::size_t>(network.graph.maxNodeId() + 1));
    for (Graph::NodeIt node(network.graph); node != lemon::INVALID; ++node) {
      const auto id = static_cast<std::size_t>(Graph::id(node));
      values_[id] = simplex.potential(node) + shift[id];
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
                        const NetworkColumns& columns, const Simplex& simplex) {
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
  for (std::size_t m = 0; m < columns.size(); ++m) {
    for (const Column& column : columns[m]) {
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
  for (std::size_t m = 0; m < columns.size(); ++m) {
    std::int64_t highest = std::numeric_limits<std::int64_t>::max();
    for (const Column& column : columns[m]) {
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

// Per node id, the potential of the node in `previous`, or all zeros without
// one. A lawyer new to the network takes the potential that priced it.
std::vector<std::int64_t> previous_potentials(const Network& network, const Instance& instance,
                                              const RoundSolution* previous) {
  std::vector<std::int64_t> shift(static_cast<std::size_t>(network.graph.maxNodeId() + 1), 0);
  if (previous == nullptr) return shift;
  const auto at = [&](Graph::Node node) -> std::int64_t& { return shift[static_cast<std::size_t>(Graph::id(node))]; };
  at(network.source) = previous->source_potential;
  at(network.sink) = previous->sink_potential;
  for (std::int32_t m = 0; m < instance.matter_count; ++m) at(network.matter_node[m]) = previous->matter_potential[m];
  for (std::size_t f = 0; f < network.firm_node.size(); ++f) at(network.firm_node[f]) = previous->firm_potential[f];
  for (const std::int32_t lawyer : network.reached_lawyers) {
    at(network.lawyer_node[lawyer]) = previous->lawyer_potential[static_cast<std::size_t>(lawyer)];
  }
  return shift;
}

void copy_potentials(RoundSolution& solution, const Network& network, const Instance& instance,
                     const Potentials& potential) {
  solution.matter_potential.reserve(static_cast<std::size_t>(instance.matter_count));
  for (const Graph::Node node : network.matter_node) solution.matter_potential.push_back(potential[node]);

  solution.source_potential = potential[network.source];
  solution.sink_potential = potential[network.sink];
  for (const Graph::Node node : network.firm_node) solution.firm_potential.push_back(potential[node]);
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

// Costs for LEMON: cost(u->v) + shift(u) - shift(v). Every cycle has the same
// cost as before, so a circulation has the same total cost and the optimal
// flows are the same. With the previous round's potentials as the shift,
// the arcs that carried flow look cheap and the others expensive, and LEMON
// needed fewer pivots: from about 4-9 s to 3.3 s per round on the
// 200,000-lawyer benchmark.
void shift_costs(Graph::ArcMap<std::int64_t>& shifted, const Network& network, const std::vector<std::int64_t>& shift) {
  for (Graph::ArcIt arc(network.graph); arc != lemon::INVALID; ++arc) {
    shifted[arc] = network.cost[arc] + shift[static_cast<std::size_t>(Graph::id(network.graph.source(arc)))] -
                   shift[static_cast<std::size_t>(Graph::id(network.graph.target(arc)))];
  }
}

}  // namespace

RoundSolution solve_round(const Instance& instance, const NetworkColumns& columns, int round,
                          const RoundSolution* previous) {
  Network network;
  build_network(network, instance, columns);

  // LEMON's network simplex cannot start from a given basis; shifted costs
  // are the warm start it allows.
  const std::vector<std::int64_t> shift = previous_potentials(network, instance, previous);
  Graph::ArcMap<std::int64_t> shifted_cost(network.graph);
  shift_costs(shifted_cost, network, shift);
  Simplex simplex(network.graph);
  simplex.upperMap(network.capacity).costMap(shifted_cost);
  // Zero supplies everywhere make this a circulation, which is always feasible
  // (no flow) and bounded (every cycle crosses a unit-capacity column arc).
  const Simplex::ProblemType outcome = simplex.run();
  if (outcome != Simplex::OPTIMAL) {
    fail(ErrorKind::internal, "solve_batch: LEMON NetworkSimplex returned problem type " +
                                  std::to_string(static_cast<int>(outcome)) +
                                  " for a circulation that is always feasible and bounded");
  }

  Potentials potential(network, simplex, shift);
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
  // The shifted costs give the same total, because the flow is a circulation.
  solution.total_cost = simplex.totalCost<std::int64_t>();
  return solution;
}

}  // namespace batch
}  // namespace v1
}  // namespace atip
