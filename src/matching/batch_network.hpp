// One round of the batch-assignment solver (src/matching/batch_solver.cpp):
// the flow network over the pairs chosen so far, its solution by LEMON's
// network simplex, and the dual potentials that price the pairs left out.
//
// Reduced costs follow LEMON's convention (network_simplex.h, LEMON 1.3.1):
// rc(u->v) = cost(u->v) + potential(u) - potential(v). A flow is optimal when
// every arc at zero flow has rc >= 0, every saturated arc rc <= 0 and every
// other arc rc == 0.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "atip/batch_solver.hpp"

namespace atip {
inline namespace v1 {
namespace batch {

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

// Rounds score * batch_score_scale to the nearest integer, halves away from
// zero: the value of std::llround for a score in [0, 1], without its library
// call, which took 5 % of a large batch's run time. The subtraction is exact
// (Sterbenz lemma) because `whole` lies within a factor of two of `scaled`.
inline std::int64_t scaled_score(double score) {
  const double scaled = score * static_cast<double>(batch_score_scale);
  const auto whole = static_cast<std::int64_t>(scaled);
  return whole + (scaled - static_cast<double>(whole) >= 0.5 ? 1 : 0);
}

// One eligible matter-lawyer pair, stored under its matter.
struct Column {
  std::int32_t lawyer;
  std::int32_t scaled;  // scaled_score(score), so at most batch_score_scale
  double score;         // as the oracle returned it
};

// Per matter, the pairs of the network, sorted by lawyer.
using NetworkColumns = std::vector<std::vector<Column>>;

// The optimal flow of one round and potentials that certify it.
struct RoundSolution {
  std::vector<char> column_used;  // per column, matter by matter: carries one unit
  std::vector<std::int64_t> matter_potential;
  // Per lawyer, the potential that prices pairs into it. A lawyer without a
  // node has only its arc to its firm (or the sink), at zero flow. That arc
  // stays optimal for any potential at least that of the arc's head, and the
  // lowest such value is taken.
  std::vector<std::int64_t> lawyer_potential;
  // Maximum of lawyer_potential over usable lawyers.
  std::int64_t max_lawyer_potential = std::numeric_limits<std::int64_t>::min();
  std::int64_t source_potential = 0;
  std::int64_t sink_potential = 0;
  std::vector<std::int64_t> firm_potential;  // per capped firm
  std::int64_t total_cost = 0;
};

// Builds the network of `columns`, solves it with LEMON's network simplex and
// returns the flow with certified potentials. `previous`, the solution of the
// round before (or null), only speeds the solve up. Raises ErrorKind::internal
// if LEMON fails or its result does not certify, naming `round`.
RoundSolution solve_round(const Instance& instance, const NetworkColumns& columns, int round,
                          const RoundSolution* previous);

}  // namespace batch
}  // namespace v1
}  // namespace atip
