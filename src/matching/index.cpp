// The matcher's in-memory index: built from the whole store, then kept
// current record by record.
#include "matching/index.hpp"

#include <algorithm>

#include "atip/store.hpp"

namespace atip {
inline namespace v1 {
namespace matching {

namespace {

/// Prefix of a posted key that contains a non-Latin spelling rather than a
/// search key, so that the two kinds never collide.
constexpr char kSpellingPrefix = '\x01';

template <typename T>
Span append(std::vector<T>& pool, const std::vector<T>& items) {
  Span span{static_cast<std::uint32_t>(pool.size()), static_cast<std::uint32_t>(items.size())};
  pool.insert(pool.end(), items.begin(), items.end());
  return span;
}

bool counts_for_history(EngagementStatus status) {
  return status == EngagementStatus::accepted || status == EngagementStatus::active ||
         status == EngagementStatus::completed;
}

}  // namespace

NameSet name_set(const std::vector<Name>& names) {
  NameSet set;
  set.reserve(names.size());
  for (const Name& name : names) set.push_back(make_name_form(name.value));
  return set;
}

void Index::build(const Store& store) {
  const std::uint64_t generation = vocabulary_generation;
  *this = Index{};
  vocabulary_generation = generation + 1;

  for (const Jurisdiction& jurisdiction : store.list_jurisdictions()) set_jurisdiction(jurisdiction);
  for (const PracticeArea& area : store.list_practice_areas()) set_area(area);
  for (const Organization& organization : store.list_organizations()) upsert_organization(organization);
  // Events before lawyers, so that each lawyer picks up its attendance at once.
  for (const Event& event : store.list_events()) upsert_event(event);
  const std::vector<Lawyer> lawyers = store.list_lawyers();
  grow_bits(lawyers.size());
  for (const Lawyer& lawyer : lawyers) upsert_lawyer(lawyer);
  for (const Matter& matter : store.list_matters()) upsert_matter(matter);
  for (const Engagement& engagement : store.list_engagements()) upsert_engagement(engagement);
  settle();
}

void Index::settle() {
  if (!unavailability_dirty) return;
  unavailability.clear();
  has_unavailability.for_each([&](std::size_t slot) {
    const Span span = rows[slot].unavailable;
    for (std::uint32_t i = 0; i < span.count; ++i) {
      unavailability.push_back({static_cast<std::uint32_t>(slot), range_pool[span.begin + i]});
    }
  });
  unavailability_dirty = false;
}

// --- Vocabulary -----------------------------------------------------------

std::uint32_t Index::intern_jurisdiction(const std::string& code) {
  const auto found = jurisdiction_slots.find(code);
  if (found != jurisdiction_slots.end()) return found->second;
  const auto slot = static_cast<std::uint32_t>(jurisdictions.size());
  JurisdictionRow row;
  row.code = code;
  jurisdictions.push_back(std::move(row));
  jurisdiction_slots.emplace(code, slot);
  admitted_in.emplace_back(slot_capacity);
  touch_vocabulary();
  return slot;
}

std::uint32_t Index::intern_area(const std::string& code) {
  const auto found = area_slots.find(code);
  if (found != area_slots.end()) return found->second;
  const auto slot = static_cast<std::uint32_t>(areas.size());
  areas.push_back({code, kNoSlot});
  area_slots.emplace(code, slot);
  touch_vocabulary();
  return slot;
}

std::uint32_t Index::intern_language(const std::string& tag) {
  const auto found = language_slots.find(tag);
  if (found != language_slots.end()) return found->second;
  const auto slot = static_cast<std::uint32_t>(languages.size());
  languages.push_back(tag);
  language_slots.emplace(tag, slot);
  speaks.emplace_back(slot_capacity);
  touch_vocabulary();
  return slot;
}

std::uint32_t Index::intern_organization(const std::string& id) {
  const auto found = organization_slots.find(id);
  if (found != organization_slots.end()) return found->second;
  const auto slot = static_cast<std::uint32_t>(organizations.size());
  OrganizationRow row;
  row.id = id;
  organizations.push_back(std::move(row));
  organization_slots.emplace(id, slot);
  return slot;
}

std::uint32_t Index::find_jurisdiction(const std::string& code) const {
  const auto found = jurisdiction_slots.find(code);
  return found == jurisdiction_slots.end() ? kNoSlot : found->second;
}

std::uint32_t Index::find_area(const std::string& code) const {
  const auto found = area_slots.find(code);
  return found == area_slots.end() ? kNoSlot : found->second;
}

std::uint32_t Index::find_lawyer(const std::string& id) const {
  const auto found = lawyer_slots.find(id);
  return found == lawyer_slots.end() ? kNoSlot : found->second;
}

void Index::set_jurisdiction(const Jurisdiction& value) {
  const std::uint32_t slot = intern_jurisdiction(value.code);
  const std::uint32_t parent = value.parent.empty() ? kNoSlot : intern_jurisdiction(value.parent);
  std::vector<std::uint32_t> court;
  for (const std::string& tag : value.court_languages) court.push_back(intern_language(tag));
  JurisdictionRow& row = jurisdictions[slot];
  row.name = value.name;
  row.parent = parent;
  row.court_languages = std::move(court);
  row.rules.fill(AdmissionRule::any);
  row.listed_rules = 0;
  for (const auto& [activity, rule] : value.activity_rules) {
    row.rules[static_cast<std::size_t>(activity)] = rule;
    row.listed_rules |= static_cast<std::uint8_t>(1U << static_cast<unsigned>(activity));
  }
  row.present = true;
  touch_vocabulary();
}

void Index::set_area(const PracticeArea& value) {
  const std::uint32_t slot = intern_area(value.code);
  const std::uint32_t parent = value.parent.empty() ? kNoSlot : intern_area(value.parent);
  areas[slot].parent = parent;
  touch_vocabulary();
}

std::vector<std::uint32_t> Index::jurisdiction_chain(std::uint32_t slot) const {
  std::vector<std::uint32_t> chain;
  // The bound stops a parent cycle, which the store does not forbid.
  while (slot != kNoSlot && chain.size() < jurisdictions.size()) {
    chain.push_back(slot);
    slot = jurisdictions[slot].parent;
  }
  return chain;
}

// --- Lawyers --------------------------------------------------------------

void Index::grow_bits(std::size_t slots) {
  if (slots <= slot_capacity) return;
  std::size_t capacity = std::max<std::size_t>(64, slot_capacity);
  while (capacity < slots) capacity *= 2;
  slot_capacity = capacity;
  for (Bits* bits : {&present, &active, &vetted, &has_capacity, &has_admission, &has_unavailability}) {
    bits->resize(capacity);
  }
  for (Bits& bits : admitted_in) bits.resize(capacity);
  for (Bits& bits : speaks) bits.resize(capacity);
}

std::uint32_t Index::allocate_lawyer_slot(const std::string& id) {
  const auto found = lawyer_slots.find(id);
  if (found != lawyer_slots.end()) return found->second;
  const auto slot = static_cast<std::uint32_t>(rows.size());
  rows.emplace_back();
  cards.emplace_back();
  infos.emplace_back();
  infos[slot].id = id;
  lawyer_slots.emplace(id, slot);
  grow_bits(rows.size());
  return slot;
}

void Index::unlink_lawyer(std::uint32_t slot) {
  LawyerRow& row = rows[slot];
  if (!row.present) return;
  for (std::uint32_t i = 0; i < row.admissions.count; ++i) {
    admitted_in[admission_pool[row.admissions.begin + i].jurisdiction].reset(slot);
  }
  for (std::uint32_t i = 0; i < row.skills.count; ++i) speaks[skill_pool[row.skills.begin + i].language].reset(slot);
  if (has_unavailability.test(slot)) unavailability_dirty = true;
  for (Bits* bits : {&present, &active, &vetted, &has_capacity, &has_admission, &has_unavailability}) {
    bits->reset(slot);
  }
  if (row.firm >= 0) {
    auto& members = organizations[static_cast<std::size_t>(row.firm)].lawyers;
    members.erase(std::remove(members.begin(), members.end(), slot), members.end());
  }
  unpost(infos[slot].posted_keys, PostingOwner::lawyer_register, slot);
  infos[slot].posted_keys.clear();
  row.present = false;
  --lawyer_count;
  slots_by_id_valid = false;
}

void Index::upsert_lawyer(const Lawyer& lawyer) {
  const std::uint32_t slot = allocate_lawyer_slot(lawyer.id);
  unlink_lawyer(slot);

  std::vector<AdmissionItem> admissions;
  for (const Admission& admission : lawyer.admissions) {
    if (admission.status != AdmissionStatus::active) continue;
    admissions.push_back({intern_jurisdiction(admission.jurisdiction),
                          admission.since ? admission.since->days() : kUnknownDay});
  }
  std::vector<SkillItem> skills;
  for (const LanguageSkill& skill : lawyer.languages) skills.push_back({intern_language(skill.tag), skill.proficiency});
  std::vector<AreaItem> practice;
  for (const PracticeExperience& area : lawyer.practice_areas) practice.push_back({intern_area(area.code), area.years});
  std::vector<RangeItem> ranges;
  for (const DateRange& range : lawyer.unavailable) ranges.push_back({range.from.days(), range.to.days()});
  std::vector<TrainingItem> own;
  for (const Training& training : lawyer.trainings) {
    own.push_back({intern_jurisdiction(training.jurisdiction), intern_area(training.topic), training.date.days()});
  }

  // NOTE: the old spans stay in the pools until the next full build, so a
  // matcher that applies many updates grows them; invalidate() compacts.
  LawyerRow& row = rows[slot];
  row.admissions = append(admission_pool, admissions);
  row.skills = append(skill_pool, skills);
  row.areas = append(area_pool, practice);
  row.unavailable = append(range_pool, ranges);
  row.firm = lawyer.firm.empty() ? -1 : static_cast<std::int32_t>(intern_organization(lawyer.firm));
  row.max_active = lawyer.max_active_matters;
  row.response_days = static_cast<float>(lawyer.response_days);
  row.status = lawyer.status;
  row.vetted = lawyer.vetted;
  row.present = true;

  LawyerInfo& info = infos[slot];
  info.name = lawyer.display_name();
  info.own_trainings = std::move(own);
  info.conflict_register.clear();
  for (std::size_t entry = 0; entry < lawyer.conflict_register.size(); ++entry) {
    info.conflict_register.push_back(name_set(lawyer.conflict_register[entry].names));
    post(info.conflict_register.back(), PostingOwner::lawyer_register, slot, static_cast<std::uint32_t>(entry),
         info.posted_keys);
  }
  rebuild_trainings(slot);

  present.set(slot);
  active.assign(slot, lawyer.status == LawyerStatus::active);
  vetted.assign(slot, lawyer.vetted);
  has_admission.assign(slot, !admissions.empty());
  has_unavailability.assign(slot, !ranges.empty());
  if (!ranges.empty()) unavailability_dirty = true;
  for (const AdmissionItem& item : admissions) admitted_in[item.jurisdiction].set(slot);
  for (const SkillItem& skill : skills) {
    if (skill.proficiency >= Proficiency::working) speaks[skill.language].set(slot);
  }
  if (row.firm >= 0) organizations[static_cast<std::size_t>(row.firm)].lawyers.push_back(slot);
  ++lawyer_count;
  slots_by_id_valid = false;
  refresh_engagement_stats(slot);
}

void Index::remove_lawyer(const std::string& id) {
  const std::uint32_t slot = find_lawyer(id);
  if (slot == kNoSlot) return;
  unlink_lawyer(slot);
  // The slot stays reserved for the id until the next full build, so the
  // engagements that still name it keep a valid slot.
}

void Index::rebuild_trainings(std::uint32_t slot) {
  LawyerInfo& info = infos[slot];
  std::vector<TrainingItem> trainings = info.own_trainings;
  const auto attended = events_of_lawyer.find(info.id);
  if (attended != events_of_lawyer.end()) {
    for (const std::string& event_id : attended->second) {
      const EventRow& event = events.at(event_id);
      if (event.topics.empty()) trainings.push_back({event.jurisdiction, kNoSlot, event.days});
      for (std::uint32_t topic : event.topics) trainings.push_back({event.jurisdiction, topic, event.days});
    }
  }
  rows[slot].trainings = append(training_pool, trainings);
  fill_card(slot);
}

bool Index::admitted_in_any(std::uint32_t lawyer, const std::vector<std::uint32_t>& chain) const {
  for (std::uint32_t jurisdiction : chain) {
    if (admitted_in[jurisdiction].test(lawyer)) return true;
  }
  return false;
}

const std::vector<std::uint32_t>& Index::lawyers_by_id() {
  if (slots_by_id_valid) return slots_by_id;
  slots_by_id.clear();
  slots_by_id.reserve(lawyer_count);
  present.for_each([&](std::size_t slot) { slots_by_id.push_back(static_cast<std::uint32_t>(slot)); });
  std::sort(slots_by_id.begin(), slots_by_id.end(),
            [&](std::uint32_t a, std::uint32_t b) { return infos[a].id < infos[b].id; });
  slots_by_id_valid = true;
  return slots_by_id;
}

// --- Organizations and conflict keys --------------------------------------

void Index::post(const NameSet& names, PostingOwner owner, std::uint32_t slot, std::uint32_t entry,
                 std::vector<std::string>& posted) {
  const bool latin_only =
      std::all_of(names.begin(), names.end(), [](const NameForm& form) { return form.script.empty(); });
  std::uint16_t name = 0;
  auto add = [&](const std::string& key, bool spelling) {
    if (key.empty()) return;
    auto& list = postings[key];
    const Posting posting{owner, latin_only && !spelling, name, slot, entry};
    const bool seen = std::any_of(list.begin(), list.end(), [&](const Posting& p) {
      return p.owner == owner && p.slot == slot && p.entry == entry;
    });
    if (seen) return;
    list.push_back(posting);
    posted.push_back(key);
  };
  for (const NameForm& form : names) {
    add(form.key, false);
    if (!form.spelling.empty()) add(kSpellingPrefix + form.spelling, true);
    ++name;
  }
}

void Index::unpost(const std::vector<std::string>& keys, PostingOwner owner, std::uint32_t slot) {
  for (const std::string& key : keys) {
    const auto found = postings.find(key);
    if (found == postings.end()) continue;
    auto& list = found->second;
    list.erase(std::remove_if(list.begin(), list.end(),
                              [&](const Posting& p) { return p.owner == owner && p.slot == slot; }),
               list.end());
    if (list.empty()) postings.erase(found);
  }
}

void Index::upsert_organization(const Organization& organization) {
  const std::uint32_t slot = intern_organization(organization.id);
  OrganizationRow& row = organizations[slot];
  unpost(row.posted_keys, PostingOwner::firm_register, slot);
  unpost(row.posted_keys, PostingOwner::firm_exclusion, slot);
  row.posted_keys.clear();

  row.present = true;
  row.name = organization.display_name();
  row.conflict_register.clear();
  for (std::size_t entry = 0; entry < organization.conflict_register.size(); ++entry) {
    row.conflict_register.push_back(name_set(organization.conflict_register[entry].names));
  }
  row.excluded_areas.clear();
  for (const std::string& code : organization.exclusions.practice_areas) row.excluded_areas.push_back(intern_area(code));
  row.excluded_parties.clear();
  for (const std::string& party : organization.exclusions.parties) row.excluded_parties.push_back({make_name_form(party)});
  row.excluded_ngos = organization.exclusions.ngos;
  row.has_exclusions = !organization.exclusions.empty();

  for (std::size_t entry = 0; entry < row.conflict_register.size(); ++entry) {
    post(row.conflict_register[entry], PostingOwner::firm_register, slot, static_cast<std::uint32_t>(entry),
         row.posted_keys);
  }
  for (std::size_t entry = 0; entry < row.excluded_parties.size(); ++entry) {
    post(row.excluded_parties[entry], PostingOwner::firm_exclusion, slot, static_cast<std::uint32_t>(entry),
         row.posted_keys);
  }
}

void Index::remove_organization(const std::string& id) {
  const auto found = organization_slots.find(id);
  if (found == organization_slots.end()) return;
  OrganizationRow& row = organizations[found->second];
  unpost(row.posted_keys, PostingOwner::firm_register, found->second);
  unpost(row.posted_keys, PostingOwner::firm_exclusion, found->second);
  std::vector<std::uint32_t> members = std::move(row.lawyers);
  row = OrganizationRow{};
  row.id = id;
  row.lawyers = std::move(members);
}

// --- Engagements, matters and events --------------------------------------

void Index::set_capacity_bit(std::uint32_t lawyer) {
  const LawyerRow& row = rows[lawyer];
  has_capacity.assign(lawyer, row.present && row.active_engagements < row.max_active);
}

void Index::fill_card(std::uint32_t lawyer) {
  const LawyerRow& row = rows[lawyer];
  ScoreCard card;
  card.overflow = row.areas.count > 3 || row.skills.count > 3;
  card.area_count = static_cast<std::uint8_t>(std::min<std::uint32_t>(row.areas.count, 3));
  card.skill_count = static_cast<std::uint8_t>(std::min<std::uint32_t>(row.skills.count, 3));
  for (std::uint8_t i = 0; i < card.area_count; ++i) {
    const AreaItem& item = area_pool[row.areas.begin + i];
    if (item.area > 254) card.overflow = true;
    card.area[i] = static_cast<std::uint8_t>(std::min<std::uint32_t>(item.area, 255));
    card.years[i] = static_cast<std::uint8_t>(std::clamp(item.years, 0, 70));
  }
  for (std::uint8_t i = 0; i < card.skill_count; ++i) {
    const SkillItem& skill = skill_pool[row.skills.begin + i];
    if (skill.language > 254) card.overflow = true;
    card.language[i] = static_cast<std::uint8_t>(std::min<std::uint32_t>(skill.language, 255));
    card.proficiency[i] = static_cast<std::uint8_t>(skill.proficiency);
  }
  card.has_training = row.trainings.count > 0;
  if (row.trainings.count == 1) {
    const TrainingItem& item = training_pool[row.trainings.begin];
    const std::int32_t day = item.days - kCardDayOrigin;
    card.training_inline = item.jurisdiction < 255 && (item.topic < 255 || item.topic == kNoSlot) &&
                           day >= INT16_MIN && day <= INT16_MAX;
    card.training_jurisdiction = static_cast<std::uint8_t>(std::min<std::uint32_t>(item.jurisdiction, 255));
    card.training_topic = static_cast<std::uint8_t>(item.topic == kNoSlot ? 255 : std::min<std::uint32_t>(item.topic, 255));
    card.training_day = static_cast<std::int16_t>(std::clamp<std::int32_t>(day, INT16_MIN, INT16_MAX));
  }
  card.load = row.max_active <= 0 ? 0.0F
                                  : std::clamp(static_cast<float>(row.max_active - row.active_engagements) /
                                                   static_cast<float>(row.max_active), 0.0F, 1.0F);
  card.outcomes = row.outcomes;
  card.response_days = row.response_days;
  cards[lawyer] = card;
}

void Index::refresh_engagement_stats(std::uint32_t lawyer) {
  LawyerRow& row = rows[lawyer];
  LawyerInfo& info = infos[lawyer];
  for (const std::string& ngo : info.ngos) {
    const auto found = ngo_history.find(ngo);
    if (found == ngo_history.end()) continue;
    auto& counts = found->second;
    const auto entry = std::lower_bound(counts.begin(), counts.end(), std::pair<std::uint32_t, int>{lawyer, 0});
    if (entry != counts.end() && entry->first == lawyer) counts.erase(entry);
    if (counts.empty()) ngo_history.erase(found);
  }
  info.ngos.clear();
  info.history = {};
  row.active_engagements = 0;

  for (const std::string& engagement_id : info.engagements) {
    const EngagementRow& engagement = engagements.at(engagement_id);
    if (uses_capacity(engagement.status)) ++row.active_engagements;
    if (engagement.status == EngagementStatus::completed) ++info.history.completed;
    if (engagement.status == EngagementStatus::withdrawn) ++info.history.withdrawn;
    const bool finished = engagement.status == EngagementStatus::completed ||
                          engagement.status == EngagementStatus::withdrawn;
    if (finished && engagement.feedback) {
      ++info.history.rated;
      info.history.feedback_sum += *engagement.feedback;
    }
    if (counts_for_history(engagement.status)) {
      const auto ngo = ngo_of_matter.find(engagement.matter);
      if (ngo != ngo_of_matter.end() && !ngo->second.empty()) {
        auto& counts = ngo_history[ngo->second];
        const auto entry = std::lower_bound(counts.begin(), counts.end(), std::pair<std::uint32_t, int>{lawyer, 0});
        if (entry != counts.end() && entry->first == lawyer) ++entry->second;
        else counts.insert(entry, {lawyer, 1});
        if (std::find(info.ngos.begin(), info.ngos.end(), ngo->second) == info.ngos.end()) info.ngos.push_back(ngo->second);
      }
    }
  }

  // Outcomes: the completion rate, averaged with the NGOs' mean rating when
  // there is one, and pulled towards a neutral 0.5 by one imaginary matter so
  // that a single result does not decide the component.
  const LawyerHistory& h = info.history;
  const int finished = h.completed + h.withdrawn;
  if (finished == 0) {
    row.outcomes = 0.5F;
  } else {
    double raw = static_cast<double>(h.completed) / finished;
    if (h.rated > 0) raw = 0.5 * raw + 0.5 * ((h.feedback_sum / h.rated) - 1.0) / 4.0;
    row.outcomes = static_cast<float>((raw * finished + 0.5) / (finished + 1));
  }
  set_capacity_bit(lawyer);
  fill_card(lawyer);
}

std::vector<std::string> Index::upsert_engagement(const Engagement& engagement) {
  std::vector<std::string> changed = remove_engagement(engagement.id);
  EngagementRow row;
  row.lawyer = find_lawyer(engagement.lawyer);
  row.matter = engagement.matter;
  row.status = engagement.status;
  row.feedback = engagement.feedback;
  engagements[engagement.id] = row;
  engagements_of_matter[engagement.matter].push_back(engagement.id);
  if (row.lawyer != kNoSlot) {
    infos[row.lawyer].engagements.push_back(engagement.id);
    refresh_engagement_stats(row.lawyer);
  }
  if (std::find(changed.begin(), changed.end(), engagement.matter) == changed.end()) changed.push_back(engagement.matter);
  return changed;
}

std::vector<std::string> Index::remove_engagement(const std::string& id) {
  const auto found = engagements.find(id);
  if (found == engagements.end()) return {};
  const EngagementRow old = found->second;
  engagements.erase(found);
  auto& of_matter = engagements_of_matter[old.matter];
  of_matter.erase(std::remove(of_matter.begin(), of_matter.end(), id), of_matter.end());
  if (of_matter.empty()) engagements_of_matter.erase(old.matter);
  if (old.lawyer != kNoSlot) {
    auto& list = infos[old.lawyer].engagements;
    list.erase(std::remove(list.begin(), list.end(), id), list.end());
    refresh_engagement_stats(old.lawyer);
  }
  return {old.matter};
}

void Index::upsert_matter(const Matter& matter) {
  auto& ngo = ngo_of_matter[matter.id];
  if (ngo == matter.ngo) return;
  ngo = matter.ngo;
  // The NGO decides whose history the matter's engagements count in.
  const auto found = engagements_of_matter.find(matter.id);
  if (found == engagements_of_matter.end()) return;
  for (const std::string& engagement_id : found->second) {
    const std::uint32_t lawyer = engagements.at(engagement_id).lawyer;
    if (lawyer != kNoSlot) refresh_engagement_stats(lawyer);
  }
}

void Index::remove_matter(const std::string& id) { ngo_of_matter.erase(id); }

void Index::upsert_event(const Event& event) {
  remove_event(event.id);
  EventRow row;
  row.jurisdiction = intern_jurisdiction(event.jurisdiction);
  for (const std::string& topic : event.topics) row.topics.push_back(intern_area(topic));
  row.days = event.date.days();
  row.attendees = event.attendees;
  std::sort(row.attendees.begin(), row.attendees.end());
  row.attendees.erase(std::unique(row.attendees.begin(), row.attendees.end()), row.attendees.end());
  const std::vector<std::string> attendees = row.attendees;
  events[event.id] = std::move(row);
  for (const std::string& lawyer : attendees) {
    events_of_lawyer[lawyer].push_back(event.id);
    const std::uint32_t slot = find_lawyer(lawyer);
    if (slot != kNoSlot && rows[slot].present) rebuild_trainings(slot);
  }
}

void Index::remove_event(const std::string& id) {
  const auto found = events.find(id);
  if (found == events.end()) return;
  const std::vector<std::string> attendees = found->second.attendees;
  events.erase(found);
  for (const std::string& lawyer : attendees) {
    auto& list = events_of_lawyer[lawyer];
    list.erase(std::remove(list.begin(), list.end(), id), list.end());
    if (list.empty()) events_of_lawyer.erase(lawyer);
    const std::uint32_t slot = find_lawyer(lawyer);
    if (slot != kNoSlot && rows[slot].present) rebuild_trainings(slot);
  }
}

}  // namespace matching
}  // namespace v1
}  // namespace atip
