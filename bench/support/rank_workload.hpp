// Seeded synthetic networks for benchmarking the ranking of one matter
// through atip::Matcher over a real store.
//
// Lawyers are based in Hong Kong, Myanmar, Vietnam, Thailand and Cambodia
// (a few also admitted elsewhere), speak the local language at working level
// or above with a probability of about one third, and English; they practise
// 1-3 areas of the reference taxonomy, have capacities 1-5, some engagements,
// trainings, unavailable periods and conflict register entries. Matters need
// a local admission (court work or advice on local law) and the local
// language, so that about 6 % of matter-lawyer pairs are eligible.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "atip/model/dataset.hpp"

namespace atip {
inline namespace v1 {

class Store;

namespace bench {

struct RankShape {
  std::int32_t lawyers = 0;
  std::int32_t matters = 0;  ///< Open matters to rank.
  std::uint64_t seed = 1;
};

/// The records of a generated network: reference data, NGOs, firms,
/// lawyers, open matters, closed matters with engagements.
Dataset make_rank_dataset(const RankShape& shape);

/// A store (":memory:") holding make_rank_dataset(shape), and the ids of the
/// open matters.
struct RankWorkload {
  std::unique_ptr<Store> store;
  std::vector<std::string> open_matters;
};

RankWorkload make_rank_workload(const RankShape& shape);

}  // namespace bench
}  // namespace v1
}  // namespace atip
