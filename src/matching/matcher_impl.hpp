// Internal: the state behind atip::Matcher, shared by the files that
// implement its calls (matcher.cpp, assign.cpp, coverage.cpp).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "atip/matching.hpp"
#include "atip/store.hpp"
#include "matching/engine.hpp"

namespace atip {
inline namespace v1 {

struct Matcher::Impl {
  explicit Impl(Store& attached) : store(attached) {}

  struct Change {
    EntityType type;
    std::string id;
  };

  Store& store;
  int listener = -1;
  std::vector<Change> pending;  ///< Records the store committed since the last refresh.
  bool built = false;
  /// PRAGMA data_version when the index was last brought up to date. It
  /// moves when another connection commits, whose changes the listener
  /// never sees.
  std::int64_t seen_data_version = -1;
  matching::Index index;
  matching::NameVariants variants;
  /// Compiled stored matters by id; an entry is stale once the vocabulary
  /// generation moves on, and is erased when the matter changes.
  std::unordered_map<std::string, std::shared_ptr<const matching::MatterContext>> contexts;
  /// Working space of rank(), kept so that its memory is reused.
  matching::Evaluation evaluation;
  std::vector<std::pair<double, std::uint32_t>> scores;
  std::size_t full_builds = 0;
  std::size_t incremental_updates = 0;

  /// Builds the index on first use, then applies the queued changes.
  void refresh();
  void rebuild();

  /// The compiled form of a stored matter (fetched from the store when not cached).
  std::shared_ptr<const matching::MatterContext> context_of(const std::string& matter_id);
  /// The compiled form of `matter`, cached under its id when `cache` is set.
  std::shared_ptr<const matching::MatterContext> context_of(const Matter& matter, bool cache);

  Ranking rank(const matching::MatterContext& context, const Policy& policy, const RankOptions& options);

 private:
  void apply(const std::vector<Change>& changes);
};

/// The date a call works for: the option, or today in UTC.
Date as_of_or_today(const std::optional<Date>& as_of);

}  // namespace v1
}  // namespace atip
