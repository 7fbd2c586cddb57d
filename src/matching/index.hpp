// Internal: the in-memory index the matcher filters and scores from.
//
// Lawyers live in slots numbered in insertion order; a removed lawyer's slot
// stays empty. Bit sets over the slots answer "admitted in J", "speaks L at
// working level or above", "active", "vetted", "has free capacity" with a
// few word-wise operations; per-slot rows hold what the score reads. Small
// per-lawyer lists (admissions, languages, practice areas, trainings,
// unavailable ranges) are stored in shared pools addressed by spans, so the
// score walks contiguous memory. Conflict register names are posted under
// their search keys, so an exact conflict check is one hash lookup per
// party name.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "atip/model/dataset.hpp"
#include "matching/bits.hpp"
#include "matching/names.hpp"

namespace atip {
inline namespace v1 {

class Store;

namespace matching {

inline constexpr std::uint32_t kNoSlot = 0xFFFFFFFFU;
/// `AdmissionItem::since_days` when the admission date is unknown.
inline constexpr std::int32_t kUnknownDay = INT32_MIN;

struct Span {
  std::uint32_t begin = 0;
  std::uint32_t count = 0;
};

struct AdmissionItem {
  std::uint32_t jurisdiction;
  std::int32_t since_days;  ///< Days since 1970-01-01, or kUnknownDay.
};
struct SkillItem {
  std::uint32_t language;
  Proficiency proficiency;
};
struct AreaItem {
  std::uint32_t area;
  std::int32_t years;
};
struct TrainingItem {
  std::uint32_t jurisdiction;
  std::uint32_t topic;  ///< Practice-area slot.
  std::int32_t days;
};
struct RangeItem {
  std::int32_t from;
  std::int32_t to;
};

/// Per-lawyer fields that the filters and the score read.
struct LawyerRow {
  Span admissions;  ///< Active admissions only.
  Span skills;      ///< Every language, at any level.
  Span areas;
  Span trainings;
  Span unavailable;
  std::int32_t firm = -1;  ///< Organization slot, or -1.
  std::int32_t max_active = 0;
  std::int32_t active_engagements = 0;  ///< Accepted or active.
  float response_days = 3;
  float outcomes = 0.5F;  ///< The outcomes component, precomputed from the history.
  LawyerStatus status = LawyerStatus::active;
  bool vetted = false;
  bool present = false;
};

/// Per-lawyer score inputs, packed into half a cache line so
/// that scoring thousands of eligible lawyers costs one memory access each.
/// Lawyers with more than three areas or languages, or with a slot above
/// 254, are marked `overflow` and scored from the pools instead.
struct alignas(32) ScoreCard {
  std::uint8_t area_count = 0;
  std::uint8_t skill_count = 0;
  bool overflow : 1 = true;
  bool has_training : 1 = false;
  /// The lawyer's only training is held below, as slots and days since
  /// 2000-01-01; other lawyers with trainings read the pool.
  bool training_inline : 1 = false;
  std::uint8_t area[3] = {};
  std::uint8_t years[3] = {};  ///< Capped at 70, the model's maximum.
  std::uint8_t language[3] = {};
  std::uint8_t proficiency[3] = {};
  std::uint8_t training_jurisdiction = 0;
  std::uint8_t training_topic = 0;  ///< 255: no topic.
  std::int16_t training_day = 0;
  float load = 0;         ///< The load component.
  float outcomes = 0.5F;  ///< The outcomes component.
  float response_days = 3;
};
static_assert(sizeof(ScoreCard) == 32);

/// Days from 1970-01-01 to 2000-01-01, the origin of ScoreCard::training_day.
inline constexpr std::int32_t kCardDayOrigin = 10957;

/// A lawyer's finished engagements, for the outcomes component.
struct LawyerHistory {
  int completed = 0;
  int withdrawn = 0;
  int rated = 0;
  double feedback_sum = 0;  ///< Sum of NGO ratings 1-5 of the rated ones.
};

/// Per-lawyer fields that only reasons, exclusions and conflict reviews read.
struct LawyerInfo {
  std::string id;
  std::string name;
  std::vector<NameSet> conflict_register;
  std::vector<std::string> posted_keys;
  std::vector<std::string> engagements;  ///< Engagement ids.
  std::vector<std::string> ngos;         ///< NGOs under which ngo_history counts this lawyer.
  LawyerHistory history;
  std::vector<TrainingItem> own_trainings;  ///< From the lawyer record; events add the rest.
};

/// An event's attendance, which counts as training for each attendee.
struct EventRow {
  std::uint32_t jurisdiction = kNoSlot;
  std::vector<std::uint32_t> topics;  ///< Practice-area slots.
  std::int32_t days = 0;
  std::vector<std::string> attendees;  ///< Lawyer ids.
};

struct OrganizationRow {
  bool present = false;
  std::string id;
  std::string name;
  std::vector<NameSet> conflict_register;
  std::vector<std::uint32_t> excluded_areas;  ///< Practice-area slots.
  std::vector<NameSet> excluded_parties;
  std::vector<std::string> excluded_ngos;
  std::vector<std::string> posted_keys;
  std::vector<std::uint32_t> lawyers;  ///< Lawyer slots of the firm's members.
  bool has_exclusions = false;
};

struct JurisdictionRow {
  std::string code;
  std::string name;
  std::uint32_t parent = kNoSlot;
  std::vector<std::uint32_t> court_languages;  ///< Language slots.
  std::array<AdmissionRule, 6> rules{};         ///< By Activity; `any` when not listed.
  std::uint8_t listed_rules = 0;                ///< Bit a: the jurisdiction lists a rule for Activity a.
  bool present = false;
};

struct AreaRow {
  std::string code;
  std::uint32_t parent = kNoSlot;
};

struct EngagementRow {
  std::uint32_t lawyer = kNoSlot;
  std::string matter;
  EngagementStatus status = EngagementStatus::offered;
  std::optional<int> feedback;
};

/// Whose list a posted conflict key comes from.
enum class PostingOwner : std::uint8_t { lawyer_register, firm_register, firm_exclusion };

struct Posting {
  PostingOwner owner;
  /// Every name of the entry is in Latin script only, so an equal search
  /// key is an exact match without comparing the rest of the entry.
  bool latin_only = false;
  std::uint16_t name = 0;  ///< Index of the name in the entry whose key this is.
  std::uint32_t slot;      ///< Lawyer slot or organization slot.
  std::uint32_t entry;     ///< Index in that list.
};

struct Index {
  // Vocabulary. A slot, once given, keeps its meaning until the next build.
  std::vector<JurisdictionRow> jurisdictions;
  std::vector<AreaRow> areas;
  std::vector<std::string> languages;  ///< Canonical BCP 47 tags.
  std::unordered_map<std::string, std::uint32_t> jurisdiction_slots, area_slots, language_slots;
  /// Grows whenever a jurisdiction, area or language gets a slot; cached
  /// matter contexts built against an older vocabulary are rebuilt.
  std::uint64_t vocabulary_generation = 0;

  // Lawyers.
  std::vector<LawyerRow> rows;
  std::vector<ScoreCard> cards;  ///< By slot, kept in step with `rows`.
  std::vector<LawyerInfo> infos;
  std::unordered_map<std::string, std::uint32_t> lawyer_slots;
  std::size_t lawyer_count = 0;
  std::vector<AdmissionItem> admission_pool;
  std::vector<SkillItem> skill_pool;
  std::vector<AreaItem> area_pool;
  std::vector<TrainingItem> training_pool;
  std::vector<RangeItem> range_pool;

  /// Every unavailable range of every present lawyer, in slot order, so
  /// that the availability check reads one array instead of a row per
  /// lawyer. Valid unless `unavailability_dirty`; settle() rebuilds it.
  struct UnavailableRange {
    std::uint32_t slot;
    RangeItem range;
  };
  std::vector<UnavailableRange> unavailability;
  bool unavailability_dirty = false;

  // Bit sets over lawyer slots, all of size `slot_capacity`.
  std::size_t slot_capacity = 0;
  Bits present, active, vetted, has_capacity, has_admission, has_unavailability;
  std::vector<Bits> admitted_in;  ///< By jurisdiction slot: holds an active admission there.
  std::vector<Bits> speaks;       ///< By language slot: working level or above.

  // Organizations.
  std::vector<OrganizationRow> organizations;
  std::unordered_map<std::string, std::uint32_t> organization_slots;

  // Conflict keys: search key -> the register entries with a name of that key.
  std::unordered_map<std::string, std::vector<Posting>> postings;

  // Engagements and the matters they belong to.
  std::unordered_map<std::string, EngagementRow> engagements;
  std::unordered_map<std::string, std::vector<std::string>> engagements_of_matter;
  std::unordered_map<std::string, std::string> ngo_of_matter;
  /// NGO id -> (lawyer slot, accepted, active or completed engagements on
  /// that NGO's matters), sorted by slot so that scoring can walk it beside
  /// the eligible bit set.
  std::unordered_map<std::string, std::vector<std::pair<std::uint32_t, int>>> ngo_history;

  // Events, for the trainings they give their attendees.
  std::unordered_map<std::string, EventRow> events;
  std::unordered_map<std::string, std::vector<std::string>> events_of_lawyer;

  /// Lawyer slots of present lawyers ordered by id; rebuilt on demand.
  std::vector<std::uint32_t> slots_by_id;
  bool slots_by_id_valid = false;

  /// Clears everything and reads the whole store.
  void build(const Store& store);
  /// Rebuilds what record-by-record updates leave stale; cheap when nothing is.
  void settle();

  std::uint32_t intern_jurisdiction(const std::string& code);
  std::uint32_t intern_area(const std::string& code);
  std::uint32_t intern_language(const std::string& tag);
  std::uint32_t intern_organization(const std::string& id);
  std::uint32_t find_jurisdiction(const std::string& code) const;
  std::uint32_t find_area(const std::string& code) const;

  void set_jurisdiction(const Jurisdiction& value);
  void set_area(const PracticeArea& value);

  void upsert_lawyer(const Lawyer& lawyer);
  void remove_lawyer(const std::string& id);
  void upsert_organization(const Organization& organization);
  void remove_organization(const std::string& id);
  /// Returns the ids of the matters whose engagements changed.
  std::vector<std::string> upsert_engagement(const Engagement& engagement);
  std::vector<std::string> remove_engagement(const std::string& id);
  void upsert_matter(const Matter& matter);
  void remove_matter(const std::string& id);
  void upsert_event(const Event& event);
  void remove_event(const std::string& id);

  /// The slot's jurisdiction and its ancestors, nearest first.
  std::vector<std::uint32_t> jurisdiction_chain(std::uint32_t slot) const;
  /// True when the lawyer holds an active admission in one of `chain`.
  bool admitted_in_any(std::uint32_t lawyer, const std::vector<std::uint32_t>& chain) const;
  const std::vector<std::uint32_t>& lawyers_by_id();
  /// The slot of a lawyer id, or kNoSlot.
  std::uint32_t find_lawyer(const std::string& id) const;

 private:
  std::uint32_t allocate_lawyer_slot(const std::string& id);
  void grow_bits(std::size_t slots);
  void unlink_lawyer(std::uint32_t slot);
  void unpost(const std::vector<std::string>& keys, PostingOwner owner, std::uint32_t slot);
  void post(const NameSet& names, PostingOwner owner, std::uint32_t slot, std::uint32_t entry,
            std::vector<std::string>& posted);
  void refresh_engagement_stats(std::uint32_t lawyer);
  void rebuild_trainings(std::uint32_t lawyer);
  void set_capacity_bit(std::uint32_t lawyer);
  void fill_card(std::uint32_t lawyer);
  void touch_vocabulary() { ++vocabulary_generation; }
};

/// Name forms of every name of a conflict entry or party.
NameSet name_set(const std::vector<Name>& names);

}  // namespace matching
}  // namespace v1
}  // namespace atip
