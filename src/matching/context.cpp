// Compiling a matter against the index: jurisdiction chain and admission
// rules, language slots, practice-area fit and party names.
#include <algorithm>

#include "matching/engine.hpp"

namespace atip {
inline namespace v1 {
namespace matching {

namespace {

/// A lawyer's language `have` serves a need for `needed` when the tags are
/// equal or one is the bare language of the other ("zh" and "zh-Hant"), but
/// not across scripts or variants ("zh-Hans" and "zh-Hant").
bool serves(const std::string& needed, const std::string& have) {
  if (needed == have) return true;
  const std::string needed_primary = primary_language(needed);
  const std::string have_primary = primary_language(have);
  if (needed_primary != have_primary) return false;
  return needed == needed_primary || have == have_primary;
}

std::vector<std::uint32_t> area_chain(const Index& index, std::uint32_t slot) {
  std::vector<std::uint32_t> chain;
  while (slot != kNoSlot && chain.size() <= index.areas.size()) {
    chain.push_back(slot);
    slot = index.areas[slot].parent;
  }
  return chain;
}

void compile_admission(const Index& index, const Matter& matter, MatterContext& context) {
  context.forum = index.find_jurisdiction(matter.forum);
  context.forum_chain = context.forum == kNoSlot ? std::vector<std::uint32_t>{} : index.jurisdiction_chain(context.forum);
  context.in_forum_chain.assign(index.jurisdictions.size(), 0);
  for (std::uint32_t slot : context.forum_chain) context.in_forum_chain[slot] = 1;

  std::vector<Activity> activities = matter.activities;
  std::sort(activities.begin(), activities.end());
  activities.erase(std::unique(activities.begin(), activities.end()), activities.end());
  for (Activity activity : activities) {
    // A subdivision without its own rule for the activity inherits its country's.
    AdmissionRule rule = AdmissionRule::any;
    const auto bit = static_cast<std::uint8_t>(1U << static_cast<unsigned>(activity));
    for (std::uint32_t slot : context.forum_chain) {
      if (index.jurisdictions[slot].listed_rules & bit) {
        rule = index.jurisdictions[slot].rules[static_cast<std::size_t>(activity)];
        break;
      }
    }
    context.needs.push_back({activity, rule});
    if (rule == AdmissionRule::with_local) context.has_with_local = true;
  }
}

void compile_languages(const Index& index, const Matter& matter, MatterContext& context) {
  context.language_needed.assign(index.languages.size(), 0);
  for (std::uint32_t slot = 0; slot < index.languages.size(); ++slot) {
    for (const std::string& needed : matter.languages) {
      if (serves(needed, index.languages[slot])) {
        context.language_needed[slot] = 1;
        context.needed_language_slots.push_back(slot);
        break;
      }
    }
  }
  context.language_required = !matter.languages.empty() && !matter.interpreter_accepted;

  const bool in_court = std::find(matter.activities.begin(), matter.activities.end(), Activity::appear_in_court) !=
                        matter.activities.end();
  if (!in_court) return;
  for (std::uint32_t slot : context.forum_chain) {
    const JurisdictionRow& row = index.jurisdictions[slot];
    if (row.court_languages.empty()) continue;
    for (std::uint32_t court : row.court_languages) {
      context.court_languages.push_back(index.languages[court]);
      for (std::uint32_t have = 0; have < index.languages.size(); ++have) {
        if (serves(index.languages[court], index.languages[have])) context.court_language_slots.push_back(have);
      }
    }
    break;
  }
  std::sort(context.court_language_slots.begin(), context.court_language_slots.end());
  context.court_language_slots.erase(std::unique(context.court_language_slots.begin(), context.court_language_slots.end()),
                                     context.court_language_slots.end());
  context.court_language_required = !context.court_languages.empty();
}

void compile_area(const Index& index, const Matter& matter, MatterContext& context) {
  const std::size_t count = index.areas.size();
  context.area = index.find_area(matter.practice_area);
  context.area_relation.assign(count, AreaRelation::none);
  context.area_fit.assign(count, 0.0);
  context.area_family.assign(count, 0);
  context.area_excluded.assign(count, 0);
  if (context.area == kNoSlot) return;
  const std::vector<std::uint32_t> matter_chain = area_chain(index, context.area);
  const std::uint32_t matter_root = matter_chain.back();
  for (std::uint32_t slot : matter_chain) context.area_excluded[slot] = 1;
  for (std::uint32_t slot = 0; slot < count; ++slot) {
    const std::vector<std::uint32_t> chain = area_chain(index, slot);
    const bool narrower = std::find(chain.begin(), chain.end(), context.area) != chain.end();
    const bool broader = std::find(matter_chain.begin(), matter_chain.end(), slot) != matter_chain.end();
    AreaRelation relation = AreaRelation::none;
    if (slot == context.area) relation = AreaRelation::exact;
    else if (narrower) relation = AreaRelation::narrower;
    else if (broader) relation = AreaRelation::broader;
    else if (chain.back() == matter_root) relation = AreaRelation::same_family;
    context.area_relation[slot] = relation;
    context.area_fit[slot] = area_fit(relation);
    context.area_family[slot] = chain.back() == matter_root ? 1 : 0;
  }
}

double response_target(Urgency urgency) {
  switch (urgency) {
    case Urgency::low: return 14;
    case Urgency::normal: return 7;
    case Urgency::high: return 3;
    case Urgency::critical: return 1;
  }
  return 7;
}

}  // namespace

std::shared_ptr<const MatterContext> build_context(const Index& index, const Matter& matter) {
  auto context = std::make_shared<MatterContext>();
  context->matter = matter;
  context->generation = index.vocabulary_generation;
  compile_admission(index, matter, *context);
  compile_languages(index, matter, *context);
  compile_area(index, matter, *context);
  for (const Party& party : matter.parties) context->parties.push_back(name_set(party.names));
  context->response_target_days = response_target(matter.urgency);
  return context;
}

Window availability_window(const Matter& matter, Date as_of) {
  if (matter.period) return {matter.period->from.days(), matter.period->to.days()};
  // Without a period the work starts now and lasts until the deadline, or
  // at least the day itself.
  Window window{as_of.days(), as_of.days()};
  if (matter.deadline && matter.deadline->days() > window.from) window.to = matter.deadline->days();
  return window;
}

}  // namespace matching
}  // namespace v1
}  // namespace atip
