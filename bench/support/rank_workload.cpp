// Generator of the ranking benchmark's networks; see rank_workload.hpp.
#include "support/rank_workload.hpp"

#include <random>

#include "atip/reference_data.hpp"
#include "atip/store.hpp"

namespace atip {
inline namespace v1 {
namespace bench {

namespace {

struct Place {
  const char* code;
  const char* language;  // the local language, also a court language
};

constexpr Place kPlaces[] = {{"HK", "yue"}, {"MM", "my"}, {"VN", "vi"}, {"TH", "th"}, {"KH", "km"}};
constexpr const char* kAbroad[] = {"SG", "MY", "PH"};
constexpr const char* kAreas[] = {"labour.wage_claims", "labour.forced_labour", "labour", "compensation.civil_compensation",
                                  "compensation", "prosecution.victim_representation", "prosecution",
                                  "immigration.repatriation", "immigration.status", "victim_protection.identification",
                                  "civil_claims", "strategic_litigation", "general_advice"};
constexpr const char* kGiven[] = {"Somchai", "Thanh", "Dara", "Aung", "Wai Man", "Malee", "Linh", "Sophea", "Kyaw", "Mei"};
constexpr const char* kFamily[] = {"Srisuk", "Nguyen", "Sok", "Htun", "Wong", "Chan", "Tran", "Chea", "Lim", "Saelee"};

class Dice {
 public:
  explicit Dice(std::uint64_t seed) : engine_(seed) {}
  /// Uniform in [0, n).
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(engine_() % n); }
  bool chance(double p) { return static_cast<double>(engine_() % 1'000'000) < p * 1'000'000; }
  template <typename T, std::size_t N>
  const T& pick(const T (&items)[N]) { return items[below(N)]; }

 private:
  std::mt19937_64 engine_;
};

std::string person_name(Dice& dice) { return std::string(dice.pick(kGiven)) + " " + dice.pick(kFamily); }

Date day(int days_since_epoch) { return Date::from_days(days_since_epoch); }

Lawyer make_lawyer(Dice& dice, int i, int firms) {
  const Place& home = dice.pick(kPlaces);
  Lawyer lawyer;
  lawyer.id = "L" + std::to_string(1'000'000 + i);
  lawyer.names = {{person_name(dice) + " " + std::to_string(i), "", ""}};
  if (dice.chance(0.7)) lawyer.firm = "F" + std::to_string(dice.below(static_cast<std::size_t>(firms)));
  lawyer.status = dice.chance(0.95) ? LawyerStatus::active : LawyerStatus::inactive;
  lawyer.vetted = dice.chance(0.9);
  lawyer.admissions.push_back({home.code, day(15'000 + static_cast<int>(dice.below(5'000))), AdmissionStatus::active});
  if (dice.chance(0.1)) lawyer.admissions.push_back({dice.pick(kAbroad), std::nullopt, AdmissionStatus::active});
  // Most lawyers of the network are expatriates or work in English: about a
  // third speak the local language well enough for court work.
  if (dice.chance(0.37)) {
    lawyer.languages.push_back({home.language, dice.chance(0.5) ? Proficiency::native : Proficiency::working});
  } else if (dice.chance(0.3)) {
    lawyer.languages.push_back({home.language, Proficiency::basic});
  }
  lawyer.languages.push_back({"en", dice.chance(0.5) ? Proficiency::professional : Proficiency::working});
  const std::size_t areas = 1 + dice.below(3);
  for (std::size_t a = 0; a < areas; ++a) {
    const std::string code = dice.pick(kAreas);
    bool seen = false;
    for (const PracticeExperience& p : lawyer.practice_areas) seen = seen || p.code == code;
    if (!seen) lawyer.practice_areas.push_back({code, static_cast<int>(dice.below(25))});
  }
  if (dice.chance(0.2)) {
    lawyer.trainings.push_back({dice.pick(kAreas), home.code, day(19'000 + static_cast<int>(dice.below(1'500))), ""});
  }
  if (dice.chance(0.05)) {
    const int from = 20'400 + static_cast<int>(dice.below(200));
    lawyer.unavailable.push_back({day(from), day(from + 14 + static_cast<int>(dice.below(30)))});
  }
  if (dice.chance(0.1)) lawyer.conflict_register.push_back({{{person_name(dice), "", ""}}, "client", ""});
  lawyer.max_active_matters = 1 + static_cast<int>(dice.below(5));
  lawyer.response_days = 0.5 + static_cast<double>(dice.below(20)) / 2;
  return lawyer;
}

Matter make_matter(Dice& dice, const std::string& id, int ngos, MatterStatus status) {
  const Place& forum = dice.pick(kPlaces);
  Matter matter;
  matter.id = id;
  matter.ngo = "N" + std::to_string(dice.below(static_cast<std::size_t>(ngos)));
  matter.title = "Matter " + id;
  matter.practice_area = dice.pick(kAreas);
  matter.forum = forum.code;
  matter.languages = {forum.language};
  matter.activities = {dice.chance(0.6) ? Activity::appear_in_court : Activity::advise_local_law};
  if (dice.chance(0.3)) matter.activities.push_back(Activity::research);
  matter.urgency = static_cast<Urgency>(dice.below(4));
  matter.team_size = 1 + static_cast<int>(dice.below(2));
  matter.status = status;
  matter.created = day(20'400);
  const std::size_t parties = 1 + dice.below(2);
  for (std::size_t p = 0; p < parties; ++p) {
    Party party;
    party.names = {{person_name(dice), "", ""}};
    party.role = PartyRole::alleged_trafficker;
    matter.parties.push_back(std::move(party));
  }
  return matter;
}

}  // namespace

Dataset make_rank_dataset(const RankShape& shape) {
  Dice dice(shape.seed);
  Dataset data = reference_dataset();
  const int ngos = 40;
  const int firms = std::max(10, shape.lawyers / 400);
  for (int n = 0; n < ngos; ++n) {
    Organization ngo;
    ngo.id = "N" + std::to_string(n);
    ngo.kind = OrganizationKind::ngo;
    ngo.names = {{"NGO " + std::to_string(n), "", ""}};
    data.organizations.push_back(std::move(ngo));
  }
  for (int f = 0; f < firms; ++f) {
    Organization firm;
    firm.id = "F" + std::to_string(f);
    firm.kind = OrganizationKind::law_firm;
    firm.names = {{"Firm " + std::to_string(f), "", ""}};
    if (dice.chance(0.2)) firm.conflict_register.push_back({{{person_name(dice), "", ""}}, "client", ""});
    if (dice.chance(0.05)) firm.exclusions.practice_areas = {dice.pick(kAreas)};
    data.organizations.push_back(std::move(firm));
  }
  for (int i = 0; i < shape.lawyers; ++i) data.lawyers.push_back(make_lawyer(dice, i, firms));
  for (int m = 0; m < shape.matters; ++m) {
    data.matters.push_back(make_matter(dice, "M" + std::to_string(100'000 + m), ngos, MatterStatus::circulated));
  }
  // Closed matters give a fifth of the lawyers a history: engagements that
  // are active (load), completed with feedback (outcomes, NGO history) or withdrawn.
  const int past = std::max(1, shape.lawyers / 50);
  for (int m = 0; m < past; ++m) {
    data.matters.push_back(make_matter(dice, "P" + std::to_string(100'000 + m), ngos, MatterStatus::in_progress));
  }
  for (int e = 0; e < shape.lawyers / 5; ++e) {
    Engagement engagement;
    engagement.id = "E" + std::to_string(1'000'000 + e);
    engagement.matter = "P" + std::to_string(100'000 + static_cast<int>(dice.below(static_cast<std::size_t>(past))));
    engagement.lawyer = data.lawyers[dice.below(data.lawyers.size())].id;
    const std::size_t kind = dice.below(10);
    engagement.status = kind < 4 ? EngagementStatus::active : kind < 9 ? EngagementStatus::completed
                                                                        : EngagementStatus::withdrawn;
    if (engagement.status == EngagementStatus::completed) engagement.feedback = 1 + static_cast<int>(dice.below(5));
    engagement.offered_on = day(20'000);
    data.engagements.push_back(std::move(engagement));
  }
  return data;
}

RankWorkload make_rank_workload(const RankShape& shape) {
  RankWorkload workload;
  Dataset data = make_rank_dataset(shape);
  for (const Matter& matter : data.matters) {
    if (matter.status == MatterStatus::circulated) workload.open_matters.push_back(matter.id);
  }
  workload.store = Store::open(":memory:");
  workload.store->insert_dataset(data);
  return workload;
}

}  // namespace bench
}  // namespace v1
}  // namespace atip
