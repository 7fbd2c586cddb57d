// The hard constraints of a matter as bit sets over lawyer slots, and the
// sentence that explains why a lawyer failed one.
#include <algorithm>
#include <set>
#include <tuple>

#include "matching/engine.hpp"

namespace atip {
inline namespace v1 {
namespace matching {

namespace {

constexpr char kSpellingPrefix = '\x01';

std::size_t at(Constraint constraint) { return static_cast<std::size_t>(constraint); }

// The helpers write into bit sets the caller keeps between calls: copying
// into a set of the same size reuses its memory, which spares an allocation
// (and, for large networks, fresh pages) per constraint and call.

void union_of(const std::vector<Bits>& sets, const std::vector<std::uint32_t>& slots, std::size_t size, Bits& out) {
  if (out.size() != size) out.resize(size);
  out.clear();
  for (std::uint32_t slot : slots) out.or_with(sets[slot]);
}

void status_pass(const Index& index, const Policy& policy, Bits& pass) {
  pass = index.active;
  if (policy.require_vetted) pass.and_with(index.vetted);
}

void available_pass(const Index& index, Window window, Bits& pass) {
  pass = index.present;
  if (!index.unavailability_dirty) {
    for (const Index::UnavailableRange& item : index.unavailability) {
      if (item.range.from <= window.to && window.from <= item.range.to) pass.reset(item.slot);
    }
    return;
  }
  index.has_unavailability.for_each([&](std::size_t slot) {
    const Span span = index.rows[slot].unavailable;
    for (std::uint32_t i = 0; i < span.count; ++i) {
      const RangeItem& range = index.range_pool[span.begin + i];
      if (range.from <= window.to && window.from <= range.to) {
        pass.reset(slot);
        return;
      }
    }
  });
}

bool latin_only(const NameSet& names) {
  return std::all_of(names.begin(), names.end(), [](const NameForm& form) { return form.script.empty(); });
}

std::size_t name_with_key(const NameSet& names, const std::string& key) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i].key == key) return i;
  }
  return 0;
}

/// Looks up every name of every party in the posted conflict keys and keeps
/// the exact matches: lawyers whose own or firm register contains the party,
/// and firms that exclude it.
void find_exact_conflicts(const Index& index, const MatterContext& context, const NameVariants& variants,
                          const Policy& policy, Evaluation& evaluation, Bits& conflict_pass, std::set<std::uint32_t>& firms) {
  auto record = [&](const ConflictHit& hit) {
    if (hit.owner == PostingOwner::firm_exclusion) {
      if (firms.insert(hit.owner_slot).second) {
        evaluation.firm_bars[hit.owner_slot].detail = conflict_detail(index, context, hit);
      }
      return;
    }
    auto exclude = [&](std::uint32_t lawyer) {
      if (!index.present.test(lawyer)) return;
      conflict_pass.reset(lawyer);
      evaluation.conflicts.emplace_back(lawyer, hit);
    };
    if (hit.owner == PostingOwner::lawyer_register) {
      exclude(hit.owner_slot);
    } else {
      for (std::uint32_t lawyer : index.organizations[hit.owner_slot].lawyers) exclude(lawyer);
    }
  };

  std::vector<std::pair<const Posting*, const std::string*>> found_postings;
  for (std::uint32_t p = 0; p < context.parties.size(); ++p) {
    const NameSet& party = context.parties[p];
    const bool party_latin_only = latin_only(party);
    // Two names of the party can lead to one entry: visit each entry once.
    found_postings.clear();
    std::vector<std::string> spellings;
    spellings.reserve(party.size());
    for (const NameForm& form : party) {
      if (!form.spelling.empty()) spellings.push_back(kSpellingPrefix + form.spelling);
    }
    auto collect = [&](const std::string& key) {
      const auto found = index.postings.find(key);
      if (found == index.postings.end()) return;
      for (const Posting& posting : found->second) found_postings.emplace_back(&posting, &found->first);
    };
    for (const NameForm& form : party) {
      if (!form.key.empty()) collect(form.key);
    }
    for (const std::string& spelling : spellings) collect(spelling);
    auto same_entry = [](const auto& a, const auto& b) {
      return a.first->owner == b.first->owner && a.first->slot == b.first->slot && a.first->entry == b.first->entry;
    };
    std::stable_sort(found_postings.begin(), found_postings.end(), [](const auto& a, const auto& b) {
      return std::tie(a.first->owner, a.first->slot, a.first->entry) < std::tie(b.first->owner, b.first->slot, b.first->entry);
    });
    found_postings.erase(std::unique(found_postings.begin(), found_postings.end(), same_entry), found_postings.end());
    {
      for (const auto& [posting_pointer, key_pointer] : found_postings) {
        const Posting& posting = *posting_pointer;
        const std::string& key = *key_pointer;
        if (posting.latin_only && party_latin_only) {
          // Without a second script nothing can contradict equal keys: an
          // exact match, found without reading the entry.
          record(ConflictHit{p, name_with_key(party, key), posting.owner, posting.slot, posting.entry, posting.name});
          continue;
        }
        const NameSet* names = nullptr;
        if (posting.owner == PostingOwner::lawyer_register) names = &index.infos[posting.slot].conflict_register[posting.entry];
        if (posting.owner == PostingOwner::firm_register) names = &index.organizations[posting.slot].conflict_register[posting.entry];
        if (posting.owner == PostingOwner::firm_exclusion) names = &index.organizations[posting.slot].excluded_parties[posting.entry];
        const NameMatch match = compare_name_sets(party, *names, variants, policy.near_conflict_threshold);
        if (match.kind != NameMatchKind::exact) continue;
        record(ConflictHit{p, match.left, posting.owner, posting.slot, posting.entry, match.right});
      }
    }
  }
  // Keep the first hit per lawyer, in slot order, for lookups by slot.
  auto& hits = evaluation.conflicts;
  std::stable_sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  hits.erase(std::unique(hits.begin(), hits.end(), [](const auto& a, const auto& b) { return a.first == b.first; }),
             hits.end());
}

/// The lawyers whose admissions allow every activity of the matter. A
/// with_local need admits a foreign lawyer only when `foreign_allowed`.
void admission_bits(const Index& index, const MatterContext& context, const Bits& local, bool foreign_allowed,
                    Bits& pass) {
  pass = index.present;
  for (const MatterContext::Need& need : context.needs) {
    const bool needs_local =
        need.rule == AdmissionRule::local || (need.rule == AdmissionRule::with_local && !foreign_allowed);
    pass.and_with(needs_local ? local : index.has_admission);
  }
}

/// Applies the forum's admission rules. A with_local need admits a foreign
/// lawyer only beside a locally admitted lawyer who is accepted or active on
/// the matter, and only while the policy allows the rule. When that team
/// requirement alone keeps foreign lawyers out, `evaluation.admission_beside_local`
/// gets the pass a local team member would give, for the gap explanation.
void admission_pass(const Index& index, const MatterContext& context, const Policy& policy, bool local_on_team,
                    Evaluation& evaluation, Bits& pass) {
  const std::size_t size = index.slot_capacity;
  Bits& local = evaluation.local;
  Bits& co_counsel = evaluation.co_counsel;
  union_of(index.admitted_in, context.forum_chain, size, local);
  const bool rule_applies = policy.allow_with_local_rule && context.has_with_local;
  admission_bits(index, context, local, rule_applies && local_on_team, pass);

  evaluation.blocked_by_local_team = rule_applies && !local_on_team;
  if (evaluation.blocked_by_local_team) {
    admission_bits(index, context, local, true, evaluation.admission_beside_local);
  } else {
    evaluation.admission_beside_local.clear();
  }

  if (co_counsel.size() != size) co_counsel.resize(size);
  co_counsel.clear();
  if (rule_applies && local_on_team) {
    co_counsel = pass;
    co_counsel.and_not(local);
  }
}

void language_pass(const Index& index, const MatterContext& context, Bits& scratch, Bits& pass) {
  const std::size_t size = index.slot_capacity;
  pass = index.present;
  if (context.language_required) {
    union_of(index.speaks, context.needed_language_slots, size, scratch);
    pass.and_with(scratch);
  }
  if (context.court_language_required) {
    union_of(index.speaks, context.court_language_slots, size, scratch);
    pass.and_with(scratch);
  }
}

std::string quoted(const std::string& text) { return "\"" + text + "\""; }

/// Returns why a firm will not take the matter, or an empty string.
std::string firm_bar(const Index& index, const MatterContext& context, const OrganizationRow& firm) {
  for (std::uint32_t area : firm.excluded_areas) {
    if (area < context.area_excluded.size() && context.area_excluded[area]) {
      return "firm " + quoted(firm.name) + " excludes the practice area " + index.areas[area].code;
    }
  }
  for (const std::string& ngo : firm.excluded_ngos) {
    if (ngo == context.matter.ngo) return "firm " + quoted(firm.name) + " excludes the NGO " + ngo;
  }
  return {};
}

void firm_pass(const Index& index, const MatterContext& context, std::set<std::uint32_t>& barred, Evaluation& evaluation,
               Bits& pass) {
  for (std::uint32_t slot = 0; slot < index.organizations.size(); ++slot) {
    const OrganizationRow& firm = index.organizations[slot];
    if (!firm.present || !firm.has_exclusions || firm.lawyers.empty()) continue;
    std::string detail = firm_bar(index, context, firm);
    if (detail.empty()) continue;
    barred.insert(slot);
    evaluation.firm_bars[slot].detail = std::move(detail);  // an area or NGO bar outranks a party bar
  }
  pass = index.present;
  for (std::uint32_t slot : barred) {
    for (std::uint32_t lawyer : index.organizations[slot].lawyers) pass.reset(lawyer);
  }
}

void engaged_pass(const Index& index, const MatterContext& context, Evaluation& evaluation, bool& local_on_team,
                  Bits& pass) {
  pass = index.present;
  local_on_team = false;
  const auto found = index.engagements_of_matter.find(context.matter.id);
  if (context.matter.id.empty() || found == index.engagements_of_matter.end()) return;
  for (const std::string& id : found->second) {
    const EngagementRow& engagement = index.engagements.at(id);
    if (engagement.lawyer == kNoSlot) continue;
    const bool pending_or_working = engagement.status == EngagementStatus::offered || uses_capacity(engagement.status);
    if (!pending_or_working) continue;
    pass.reset(engagement.lawyer);
    auto [slot, inserted] = evaluation.engaged.emplace(engagement.lawyer, id);
    if (!inserted && id < slot->second) slot->second = id;
    if (uses_capacity(engagement.status) && index.admitted_in_any(engagement.lawyer, context.forum_chain)) {
      local_on_team = true;
    }
  }
}

}  // namespace

Evaluation evaluate(const Index& index, const MatterContext& context, const Policy& policy, const NameVariants& variants,
                    Date as_of) {
  Evaluation evaluation;
  evaluate(index, context, policy, variants, as_of, evaluation);
  return evaluation;
}

void evaluate(const Index& index, const MatterContext& context, const Policy& policy, const NameVariants& variants,
              Date as_of, Evaluation& evaluation) {
  evaluation.conflicts.clear();
  evaluation.firm_bars.clear();
  evaluation.engaged.clear();
  evaluation.window = availability_window(context.matter, as_of);
  auto& pass = evaluation.pass;

  bool local_on_team = false;
  engaged_pass(index, context, evaluation, local_on_team, pass[at(Constraint::already_engaged)]);
  status_pass(index, policy, pass[at(Constraint::status)]);
  pass[at(Constraint::capacity)] = index.has_capacity;
  available_pass(index, evaluation.window, pass[at(Constraint::unavailable)]);

  Bits& conflict = pass[at(Constraint::conflict)];
  conflict = index.present;
  std::set<std::uint32_t> barred_firms;
  find_exact_conflicts(index, context, variants, policy, evaluation, conflict, barred_firms);
  admission_pass(index, context, policy, local_on_team, evaluation, pass[at(Constraint::admission)]);
  language_pass(index, context, evaluation.scratch, pass[at(Constraint::language)]);
  firm_pass(index, context, barred_firms, evaluation, pass[at(Constraint::firm_exclusion)]);

  Bits& remaining = evaluation.eligible;
  remaining = index.present;
  evaluation.present = remaining.count();
  for (std::size_t c = 0; c < kHardConstraintCount; ++c) {
    pass[c].and_with(index.present);
    remaining.and_with(pass[c]);
    evaluation.remaining[c] = remaining.count();
  }
}

std::vector<FunnelStep> funnel(const Evaluation& evaluation, std::size_t eligible) {
  std::vector<FunnelStep> steps;
  for (std::size_t c = 0; c < kHardConstraintCount; ++c) {
    steps.push_back({kAllConstraints[c], evaluation.remaining[c]});
  }
  steps.push_back({Constraint::min_score, eligible});
  return steps;
}

namespace {

std::string status_detail(const Index& index, const Policy& policy, std::uint32_t lawyer) {
  const LawyerRow& row = index.rows[lawyer];
  if (row.status != LawyerStatus::active) return "status is " + std::string(to_string(row.status));
  if (policy.require_vetted && !row.vetted) return "not vetted yet";
  return "status check failed";
}

std::string admission_detail(const Index& index, const MatterContext& context, std::uint32_t lawyer) {
  const LawyerRow& row = index.rows[lawyer];
  std::string held;
  for (std::uint32_t i = 0; i < row.admissions.count; ++i) {
    held += (held.empty() ? "" : ", ") + index.jurisdictions[index.admission_pool[row.admissions.begin + i].jurisdiction].code;
  }
  const bool local = index.admitted_in_any(lawyer, context.forum_chain);
  const bool anywhere = row.admissions.count > 0;
  // A with_local need fails only when nothing stricter did, so look at it last.
  const MatterContext::Need* failed = nullptr;
  for (const MatterContext::Need& need : context.needs) {
    if (need.rule == AdmissionRule::local && !local) { failed = &need; break; }
    if (need.rule == AdmissionRule::any && !anywhere) { failed = &need; break; }
  }
  if (failed == nullptr) {
    for (const MatterContext::Need& need : context.needs) {
      if (need.rule == AdmissionRule::with_local && !local) { failed = &need; break; }
    }
  }
  if (failed != nullptr) {
    std::string text = std::string(to_string(failed->activity)) + " in " + context.matter.forum;
    if (failed->rule == AdmissionRule::any) text += " needs an admission somewhere";
    else if (failed->rule == AdmissionRule::local) text += " needs an admission in " + context.matter.forum;
    else text += " needs an admission in " + context.matter.forum + " or a locally admitted lawyer on the team";
    return text + (held.empty() ? "; holds no active admission" : "; admitted in " + held);
  }
  return "needs an admission in " + context.matter.forum;
}

std::string language_detail(const Index& index, const MatterContext& context, const Evaluation&, std::uint32_t lawyer) {
  auto speaks_any = [&](const std::vector<std::uint32_t>& slots) {
    return std::any_of(slots.begin(), slots.end(), [&](std::uint32_t slot) { return index.speaks[slot].test(lawyer); });
  };
  auto join = [](const std::vector<std::string>& tags) {
    std::string out;
    for (const std::string& tag : tags) out += (out.empty() ? "" : " or ") + tag;
    return out;
  };
  if (context.language_required && !speaks_any(context.needed_language_slots)) {
    return "speaks none of " + join(context.matter.languages) + " at working level or above";
  }
  return "does not speak the court language (" + join(context.court_languages) + ") at working level or above";
}

std::string day_text(std::int32_t days) { return Date::from_days(days).to_string(); }

}  // namespace

std::string exclusion_detail(const Index& index, const MatterContext& context, const Evaluation& evaluation,
                             const Policy& policy, std::uint32_t lawyer, Constraint constraint) {
  const LawyerRow& row = index.rows[lawyer];
  switch (constraint) {
    case Constraint::status:
      return status_detail(index, policy, lawyer);
    case Constraint::capacity:
      return std::to_string(row.active_engagements) + " of " + std::to_string(row.max_active) + " matters active";
    case Constraint::unavailable:
      for (std::uint32_t i = 0; i < row.unavailable.count; ++i) {
        const RangeItem& range = index.range_pool[row.unavailable.begin + i];
        if (range.from <= evaluation.window.to && evaluation.window.from <= range.to) {
          return "unavailable " + day_text(range.from) + " to " + day_text(range.to) + ", within the matter's dates " +
                 day_text(evaluation.window.from) + " to " + day_text(evaluation.window.to);
        }
      }
      return "unavailable over the matter's dates";
    case Constraint::conflict: {
      const auto& hits = evaluation.conflicts;
      const auto hit = std::lower_bound(hits.begin(), hits.end(), lawyer,
                                        [](const auto& item, std::uint32_t slot) { return item.first < slot; });
      return hit == hits.end() || hit->first != lawyer ? "conflict of interest" : conflict_detail(index, context, hit->second);
    }
    case Constraint::admission:
      return admission_detail(index, context, lawyer);
    case Constraint::language:
      return language_detail(index, context, evaluation, lawyer);
    case Constraint::firm_exclusion: {
      const auto bar = row.firm < 0 ? evaluation.firm_bars.end()
                                    : evaluation.firm_bars.find(static_cast<std::uint32_t>(row.firm));
      return bar == evaluation.firm_bars.end() ? "the firm excludes this matter" : bar->second.detail;
    }
    case Constraint::already_engaged: {
      const auto engaged = evaluation.engaged.find(lawyer);
      if (engaged == evaluation.engaged.end()) return "already engaged on the matter";
      const EngagementRow& engagement = index.engagements.at(engaged->second);
      return "engagement " + engaged->second + " on the matter is " + std::string(to_string(engagement.status));
    }
    case Constraint::min_score:
      return "score is below " + format_score(policy.min_score) + " (policy.min_score)";
  }
  return {};
}

}  // namespace matching
}  // namespace v1
}  // namespace atip
