// The Matcher: keeps the index current with the store and ranks matters.
#include <algorithm>
#include <map>
#include <set>

#include <sqlite3.h>

#include "atip/error.hpp"
#include "matching/matcher_impl.hpp"
#include "store/sqlite.hpp"

namespace atip {
inline namespace v1 {

using matching::Evaluation;
using matching::MatterContext;

namespace {

/// More queued changes than this (and more than a quarter of the lawyers)
/// are applied by rebuilding the index: one pass over the store beats
/// thousands of single-record reads.
constexpr std::size_t kRebuildThreshold = 4096;
/// Compiled matters kept at most; the cache starts over beyond it.
constexpr std::size_t kContextCacheLimit = 100'000;
constexpr std::size_t kMaxTop = 10'000;

std::size_t type_order(EntityType type) { return static_cast<std::size_t>(type); }

}  // namespace

Date as_of_or_today(const std::optional<Date>& as_of) { return as_of ? *as_of : Date::today(); }

// --- Index maintenance ----------------------------------------------------

void Matcher::Impl::rebuild() {
  built = false;
  pending.clear();
  contexts.clear();
  index.build(store);
  built = true;
  ++full_builds;
}

namespace {

/// PRAGMA data_version of `db`: changes whenever another connection (thread
/// or process) commits to the file, and never for this connection's commits.
std::int64_t data_version(sqlite3* db) {
  // A lookup left stepped by an earlier call keeps a read transaction open, and
  // inside it data_version cannot move. Outside an explicit transaction no
  // statement is in the middle of its rows, so ending them is safe.
  if (sqlite3_get_autocommit(db) != 0) sql::reset_idle_statements(db);
  sqlite3_stmt* statement = nullptr;
  std::int64_t version = -1;
  if (sqlite3_prepare_v2(db, "PRAGMA data_version", -1, &statement, nullptr) == SQLITE_OK &&
      sqlite3_step(statement) == SQLITE_ROW) {
    version = sqlite3_column_int64(statement, 0);
  }
  sqlite3_finalize(statement);
  return version;
}

}  // namespace

void Matcher::Impl::refresh() {
  // Writes through other handles on the same file reach no listener of this
  // store, so any of them makes the index start over.
  const std::int64_t version = data_version(store.native_handle());
  if (version != seen_data_version) built = false;
  seen_data_version = version;
  if (!built) {
    rebuild();
    return;
  }
  if (pending.empty()) return;
  if (pending.size() > kRebuildThreshold && pending.size() > index.lawyer_count / 4) {
    rebuild();
    return;
  }
  std::vector<Change> changes = std::move(pending);
  pending.clear();
  try {
    apply(changes);
    index.settle();
  } catch (...) {
    // A half-applied batch leaves the index unknown: start over next time.
    built = false;
    throw;
  }
}

void Matcher::Impl::apply(const std::vector<Change>& queued) {
  // The last notice per record is enough, since the store is read afresh.
  std::map<std::pair<std::size_t, std::string>, EntityType> changes;
  for (const Change& change : queued) changes[{type_order(change.type), change.id}] = change.type;

  // Removals first, dependents before what they depend on; then inserts and
  // updates in dependency order, so that a lawyer exists before its engagements.
  std::vector<std::pair<EntityType, std::string>> removed;
  std::vector<std::pair<EntityType, std::string>> upserted;
  for (const auto& [key, type] : changes) {
    (store.exists(type, key.second) ? upserted : removed).emplace_back(type, key.second);
  }
  std::reverse(removed.begin(), removed.end());

  for (const auto& [type, id] : removed) {
    switch (type) {
      case EntityType::jurisdiction:
      case EntityType::practice_area: ++index.vocabulary_generation; break;
      case EntityType::organization: index.remove_organization(id); break;
      case EntityType::lawyer: index.remove_lawyer(id); break;
      case EntityType::matter: index.remove_matter(id); contexts.erase(id); break;
      case EntityType::engagement: index.remove_engagement(id); break;
      case EntityType::event: index.remove_event(id); break;
      case EntityType::service: break;
    }
    ++incremental_updates;
  }
  for (const auto& [type, id] : upserted) {
    switch (type) {
      case EntityType::jurisdiction: index.set_jurisdiction(*store.find_jurisdiction(id)); break;
      case EntityType::practice_area: index.set_area(*store.find_practice_area(id)); break;
      case EntityType::organization: index.upsert_organization(*store.find_organization(id)); break;
      case EntityType::lawyer: index.upsert_lawyer(*store.find_lawyer(id)); break;
      case EntityType::matter: index.upsert_matter(*store.find_matter(id)); contexts.erase(id); break;
      case EntityType::engagement: index.upsert_engagement(*store.find_engagement(id)); break;
      case EntityType::event: index.upsert_event(*store.find_event(id)); break;
      case EntityType::service: break;
    }
    ++incremental_updates;
  }
}

std::shared_ptr<const MatterContext> Matcher::Impl::context_of(const Matter& matter, bool cache) {
  auto context = matching::build_context(index, matter);
  if (cache && !matter.id.empty()) {
    if (contexts.size() >= kContextCacheLimit) contexts.clear();
    contexts[matter.id] = context;
  }
  return context;
}

std::shared_ptr<const MatterContext> Matcher::Impl::context_of(const std::string& matter_id) {
  const auto found = contexts.find(matter_id);
  if (found != contexts.end() && found->second->generation == index.vocabulary_generation) return found->second;
  std::optional<Matter> matter = store.find_matter(matter_id);
  if (!matter) fail(ErrorKind::not_found, "matter_id: \"" + matter_id + "\" does not exist (check the id)");
  return context_of(*matter, true);
}

// --- Ranking --------------------------------------------------------------

namespace {

void check_options(const RankOptions& options) {
  if (options.top > kMaxTop) {
    fail(ErrorKind::invalid_argument, "options.top: " + std::to_string(options.top) +
                                          " is out of range (expected 0-" + std::to_string(kMaxTop) + ")");
  }
}

std::vector<Exclusion> list_exclusions(matching::Index& index, const MatterContext& context,
                                       const Evaluation& evaluation, const Policy& policy, const matching::Bits& kept) {
  std::vector<Exclusion> out;
  for (std::uint32_t slot : index.lawyers_by_id()) {
    if (kept.test(slot)) continue;
    Exclusion exclusion;
    exclusion.lawyer_id = index.infos[slot].id;
    for (std::size_t c = 0; c < matching::kHardConstraintCount; ++c) {
      if (!evaluation.pass[c].test(slot)) exclusion.failed.push_back(kAllConstraints[c]);
    }
    // Passing every hard constraint and still out means the score floor.
    if (exclusion.failed.empty()) exclusion.failed.push_back(Constraint::min_score);
    exclusion.constraint = exclusion.failed.front();
    exclusion.detail = matching::exclusion_detail(index, context, evaluation, policy, slot, exclusion.constraint);
    out.push_back(std::move(exclusion));
  }
  return out;
}

}  // namespace

Ranking Matcher::Impl::rank(const MatterContext& context, const Policy& policy, const RankOptions& options) {
  const Date as_of = as_of_or_today(options.as_of);
  matching::evaluate(index, context, policy, variants, as_of, evaluation);
  const matching::Scorer scorer(index, context, policy, as_of);
  std::size_t below_floor = 0;
  matching::score_eligible(scorer, evaluation, policy.min_score, scores, below_floor);

  Ranking ranking;
  ranking.matter_id = context.matter.id;
  ranking.lawyers_considered = evaluation.present;
  ranking.eligible = scores.size();
  ranking.funnel = matching::funnel(evaluation, scores.size());

  // Best first; equal scores by lawyer id, so insertion order never shows.
  const auto better = [&](const std::pair<double, std::uint32_t>& a, const std::pair<double, std::uint32_t>& b) {
    if (a.first != b.first) return a.first > b.first;
    return index.infos[a.second].id < index.infos[b.second].id;
  };
  const std::size_t top = std::min(options.top, scores.size());
  std::partial_sort(scores.begin(), scores.begin() + static_cast<std::ptrdiff_t>(top), scores.end(), better);
  for (std::size_t i = 0; i < top; ++i) {
    ranking.matches.push_back(matching::make_match(index, context, scorer, evaluation, variants, policy,
                                                   scores[i].second, options.explain));
  }

  if (scores.empty()) ranking.gap = matching::explain_gap(index, context, evaluation, policy, ranking.funnel);
  if (options.include_exclusions) {
    matching::Bits kept(index.slot_capacity);
    for (const auto& [score, slot] : scores) kept.set(slot);
    ranking.exclusions = list_exclusions(index, context, evaluation, policy, kept);
  }
  return ranking;
}

// --- Public calls ---------------------------------------------------------

Matcher::Matcher(Store& store) : impl_(std::make_unique<Impl>(store)) {
  Impl* impl = impl_.get();
  impl_->listener = store.add_listener([impl](EntityType type, const std::string& id, ChangeKind) {
    impl->pending.push_back({type, id});
  });
}

Matcher::~Matcher() { impl_->store.remove_listener(impl_->listener); }

Ranking Matcher::rank(const std::string& matter_id, const Policy& policy, const RankOptions& options) {
  validate(policy);
  check_options(options);
  impl_->refresh();
  const auto context = impl_->context_of(matter_id);
  return impl_->rank(*context, policy, options);
}

Ranking Matcher::rank(const Matter& matter, const Policy& policy, const RankOptions& options) {
  validate(policy);
  check_options(options);
  // The JSON round trip applies the store's field checks with its messages.
  // An intake preview may have no id yet; a placeholder passes the id check.
  Matter copy = matter;
  if (copy.id.empty()) copy.id = "preview";
  Matter checked = matter_from_json(to_json(copy, ExportOptions{true}), "matter");
  checked.id = matter.id;
  if (!impl_->store.exists(EntityType::jurisdiction, checked.forum)) {
    fail(ErrorKind::invalid_argument, "matter.forum: \"" + checked.forum + "\" is not a known jurisdiction (add it first)");
  }
  if (!impl_->store.exists(EntityType::practice_area, checked.practice_area)) {
    fail(ErrorKind::invalid_argument,
         "matter.practice_area: \"" + checked.practice_area + "\" is not a known practice area (add it first)");
  }
  impl_->refresh();
  const auto context = impl_->context_of(checked, false);
  return impl_->rank(*context, policy, options);
}

void Matcher::set_name_variants(const std::vector<std::vector<std::string>>& groups) { impl_->variants.set(groups); }

void Matcher::invalidate() {
  impl_->built = false;
  impl_->contexts.clear();
}

void Matcher::refresh() { impl_->refresh(); }

MatcherStats Matcher::stats() const {
  MatcherStats stats;
  const matching::Index& index = impl_->index;
  stats.lawyers = index.lawyer_count;
  stats.firms = static_cast<std::size_t>(std::count_if(index.organizations.begin(), index.organizations.end(),
                                                       [](const matching::OrganizationRow& row) { return row.present; }));
  stats.conflict_keys = index.postings.size();
  stats.full_builds = impl_->full_builds;
  stats.incremental_updates = impl_->incremental_updates;
  return stats;
}

}  // namespace v1
}  // namespace atip
