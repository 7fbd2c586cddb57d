// Tests of batch assignment through the Matcher (optimality against
// exhaustive search on stored data, team sizes, firm caps, unfilled reasons)
// and of the coverage report over open matters.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "atip/error.hpp"
#include "atip/matching.hpp"
#include "atip/reference_data.hpp"
#include "atip/store.hpp"
#include "support.hpp"

namespace {

using namespace atip;
using atip_test::make_engagement;
using atip_test::make_firm;
using atip_test::make_lawyer;
using atip_test::make_matter;
using atip_test::make_ngo;

const Date kToday = Date::parse("2026-02-01", "today");

std::unique_ptr<Store> reference_store() {
  auto store = Store::open(":memory:");
  Dataset reference = reference_dataset();
  store->insert_dataset(reference);
  store->insert(make_ngo("ngo-a", "Hope Shelter"));
  return store;
}

AssignOptions today_options() {
  AssignOptions options;
  options.as_of = kToday;
  return options;
}

std::int64_t scaled(double score) { return std::llround(score * static_cast<double>(batch_score_scale)); }

int pick(std::mt19937_64& rng, int low, int high) {
  return low + static_cast<int>(rng() % static_cast<std::uint64_t>(high - low + 1));
}

/// A small random network and batch, written to a fresh store.
struct SmallInstance {
  std::unique_ptr<Store> store;
  Policy policy;
  std::vector<std::string> matters;
  std::map<std::string, int> wanted;        // by matter
  std::map<std::string, int> capacity;      // by lawyer: free places
  std::map<std::string, std::string> firm;  // by lawyer
};

SmallInstance small_instance(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  SmallInstance instance;
  instance.store = reference_store();
  Store& store = *instance.store;
  store.insert(make_firm("f-1", "Firm f-1"));
  store.insert(make_firm("f-2", "Firm f-2"));

  const std::vector<std::string> forums = {"TH", "VN"};
  const std::vector<std::string> languages = {"th", "vi"};
  const std::vector<std::string> areas = {"labour.wage_claims", "labour", "labour.forced_labour", "compensation"};
  const int lawyer_count = pick(rng, 2, 5);
  for (int i = 0; i < lawyer_count; ++i) {
    const int place = pick(rng, 0, 1);
    Lawyer lawyer = make_lawyer("l-" + std::to_string(i), "Lawyer " + std::to_string(i), forums[static_cast<std::size_t>(place)],
                                languages[static_cast<std::size_t>(place)]);
    if (pick(rng, 0, 2) == 0) lawyer.admissions.push_back({forums[static_cast<std::size_t>(1 - place)], std::nullopt, AdmissionStatus::active});
    if (pick(rng, 0, 2) == 0) lawyer.languages.push_back({languages[static_cast<std::size_t>(1 - place)], Proficiency::working});
    lawyer.practice_areas = {{areas[static_cast<std::size_t>(pick(rng, 0, 3))], pick(rng, 0, 12)}};
    lawyer.max_active_matters = pick(rng, 1, 3);
    lawyer.response_days = pick(rng, 1, 10);
    const int firm = pick(rng, 0, 2);
    if (firm > 0) lawyer.firm = "f-" + std::to_string(firm);
    instance.firm[lawyer.id] = lawyer.firm;
    instance.capacity[lawyer.id] = lawyer.max_active_matters;
    store.insert(lawyer);
  }
  const int matter_count = pick(rng, 1, 4);
  for (int i = 0; i < matter_count; ++i) {
    const int place = pick(rng, 0, 1);
    Matter matter = make_matter("m-" + std::to_string(i), "ngo-a", forums[static_cast<std::size_t>(place)],
                                languages[static_cast<std::size_t>(place)]);
    matter.practice_area = areas[static_cast<std::size_t>(pick(rng, 0, 3))];
    matter.team_size = pick(rng, 1, 3);
    matter.urgency = static_cast<Urgency>(pick(rng, 0, 3));
    store.insert(matter);
    instance.matters.push_back(matter.id);
    instance.wanted[matter.id] = matter.team_size;
  }
  // Some lawyers already work on a matter: it wants fewer, they have less room.
  for (int i = 0; i < lawyer_count; ++i) {
    if (pick(rng, 0, 3) != 0) continue;
    const std::string lawyer = "l-" + std::to_string(i);
    const std::string matter = instance.matters[static_cast<std::size_t>(pick(rng, 0, matter_count - 1))];
    store.insert(make_engagement("e-" + std::to_string(i), matter, lawyer, EngagementStatus::accepted));
    --instance.capacity[lawyer];
    --instance.wanted[matter];
  }
  const int cap_kind = pick(rng, 0, 2);
  if (cap_kind == 1) instance.policy.firm_share = 0.34;
  if (cap_kind == 2) instance.policy.firm_share = 0.5;
  return instance;
}

struct Pair {
  std::string matter;
  std::string lawyer;
  std::int64_t value;
};

/// The best total over every feasible subset of `pairs`.
class Exhaustive {
 public:
  Exhaustive(const SmallInstance& instance, std::vector<Pair> pairs, int firm_cap)
      : instance_(instance), pairs_(std::move(pairs)), firm_cap_(firm_cap) {}

  std::int64_t best() {
    std::map<std::string, int> matter_load;
    std::map<std::string, int> lawyer_load;
    std::map<std::string, int> firm_load;
    best_ = 0;
    search(0, 0, matter_load, lawyer_load, firm_load);
    return best_;
  }

 private:
  void search(std::size_t next, std::int64_t total, std::map<std::string, int>& matters, std::map<std::string, int>& lawyers,
              std::map<std::string, int>& firms) {
    if (next == pairs_.size()) {
      best_ = std::max(best_, total);
      return;
    }
    search(next + 1, total, matters, lawyers, firms);
    const Pair& pair = pairs_[next];
    const std::string& firm = instance_.firm.at(pair.lawyer);
    if (matters[pair.matter] >= instance_.wanted.at(pair.matter)) return;
    if (lawyers[pair.lawyer] >= instance_.capacity.at(pair.lawyer)) return;
    if (!firm.empty() && firm_cap_ >= 0 && firms[firm] >= firm_cap_) return;
    ++matters[pair.matter];
    ++lawyers[pair.lawyer];
    if (!firm.empty()) ++firms[firm];
    search(next + 1, total + pair.value, matters, lawyers, firms);
    --matters[pair.matter];
    --lawyers[pair.lawyer];
    if (!firm.empty()) --firms[firm];
  }

  const SmallInstance& instance_;
  std::vector<Pair> pairs_;
  int firm_cap_;
  std::int64_t best_ = 0;
};

}  // namespace

TEST_CASE("matching assign: optimal against exhaustive search on stored instances", "[matching][assign]") {
  int instances_with_assignments = 0;
  int instances_with_capped_firms = 0;
  for (std::uint64_t seed = 1; seed <= 520; ++seed) {
    INFO("seed " << seed);
    const SmallInstance instance = small_instance(seed);
    Matcher matcher(*instance.store);

    // The eligible pairs and their scores, as ranking reports them.
    std::vector<Pair> pairs;
    for (const std::string& matter : instance.matters) {
      if (instance.wanted.at(matter) <= 0) continue;
      RankOptions rank_options;
      rank_options.top = 100;
      rank_options.explain = false;
      rank_options.as_of = kToday;
      for (const Match& match : matcher.rank(matter, instance.policy, rank_options).matches) {
        pairs.push_back({matter, match.lawyer_id, scaled(match.score)});
      }
    }
    const AssignmentResult result = matcher.assign(today_options(), instance.policy);
    const int firm_cap = result.firm_cap ? *result.firm_cap : -1;
    const std::int64_t best = Exhaustive(instance, pairs, firm_cap).best();

    std::int64_t total = 0;
    std::map<std::string, int> per_matter;
    std::map<std::string, int> per_lawyer;
    std::map<std::string, int> per_firm;
    for (const Assignment& assignment : result.assignments) {
      total += scaled(assignment.match.score);
      ++per_matter[assignment.matter_id];
      ++per_lawyer[assignment.match.lawyer_id];
      if (!assignment.match.firm_id.empty()) ++per_firm[assignment.match.firm_id];
      const bool eligible = std::any_of(pairs.begin(), pairs.end(), [&](const Pair& pair) {
        return pair.matter == assignment.matter_id && pair.lawyer == assignment.match.lawyer_id;
      });
      CHECK(eligible);
    }
    for (const auto& [matter, count] : per_matter) CHECK(count <= instance.wanted.at(matter));
    for (const auto& [lawyer, count] : per_lawyer) CHECK(count <= instance.capacity.at(lawyer));
    for (const auto& [firm, count] : per_firm) {
      if (firm_cap >= 0) CHECK(count <= firm_cap);
      if (firm_cap >= 0 && count == firm_cap) ++instances_with_capped_firms;
    }
    CHECK(total == best);
    CHECK(result.proved_optimal);
    CHECK(result.total_score == Approx(static_cast<double>(total) / batch_score_scale).margin(1e-5));
    CHECK(std::is_sorted(result.assignments.begin(), result.assignments.end(), [](const Assignment& a, const Assignment& b) {
      return std::tie(a.matter_id, a.match.lawyer_id) < std::tie(b.matter_id, b.match.lawyer_id);
    }));
    if (!result.assignments.empty()) ++instances_with_assignments;
  }
  CHECK(instances_with_assignments > 300);
  CHECK(instances_with_capped_firms > 20);
}

TEST_CASE("matching assign: team sizes, firm caps and unfilled reasons", "[matching][assign]") {
  auto store = reference_store();
  store->insert(make_firm("f-big", "Firm f-big"));
  for (int i = 0; i < 4; ++i) {
    Lawyer lawyer = make_lawyer("l-big-" + std::to_string(i), "Big " + std::to_string(i), "TH", "th");
    lawyer.firm = "f-big";
    lawyer.max_active_matters = 1;
    store->insert(lawyer);
  }
  Lawyer solo = make_lawyer("l-solo", "Solo", "TH", "th");
  solo.max_active_matters = 1;
  store->insert(solo);

  Matter team = make_matter("m-team", "ngo-a", "TH", "th");
  team.team_size = 3;
  store->insert(team);
  Matter pair = make_matter("m-pair", "ngo-a", "TH", "th");
  pair.team_size = 2;
  store->insert(pair);
  store->insert(make_matter("m-vn", "ngo-a", "VN", "vi"));
  Matter staffed = make_matter("m-staffed", "ngo-a", "TH", "th");
  store->insert(staffed);
  Lawyer busy = make_lawyer("l-busy", "Busy", "TH", "th");
  busy.max_active_matters = 3;
  store->insert(busy);
  store->insert(make_engagement("e-1", "m-staffed", "l-busy", EngagementStatus::active));
  store->insert(make_engagement("e-2", "m-team", "l-busy", EngagementStatus::accepted));
  Matter closed = make_matter("m-closed", "ngo-a", "TH", "th");
  closed.status = MatterStatus::closed;
  store->insert(closed);

  Matcher matcher(*store);
  const AssignmentResult result = matcher.assign(today_options(), Policy{});
  CHECK(result.already_staffed == std::vector<std::string>{"m-staffed"});
  CHECK(result.proved_optimal);
  std::map<std::string, int> per_matter;
  for (const Assignment& assignment : result.assignments) ++per_matter[assignment.matter_id];
  // m-team wants 3 - 1 accepted = 2; l-busy has 1 place left, and every
  // other lawyer one place: 6 places for 4 wanted.
  CHECK(per_matter["m-team"] == 2);
  CHECK(per_matter["m-pair"] == 2);
  REQUIRE(result.unfilled.size() == 1);
  CHECK(result.unfilled[0].matter_id == "m-vn");
  CHECK(result.unfilled[0].reason == UnfilledReason::no_eligible_lawyer);
  REQUIRE(result.unfilled[0].gap.has_value());
  CHECK(result.unfilled[0].gap->binding == Constraint::admission);
  for (const Assignment& assignment : result.assignments) CHECK_FALSE(assignment.match.reasons.empty());

  SECTION("a firm cap leaves a matter unfilled for capacity") {
    Policy capped;
    capped.firm_share = 0.2;  // ceil(0.2 x 5 wanted) = 1 lawyer of f-big
    const AssignmentResult limited = matcher.assign(today_options(), capped);
    REQUIRE(limited.firm_cap.has_value());
    CHECK(*limited.firm_cap == 1);
    int from_big = 0;
    for (const Assignment& assignment : limited.assignments) from_big += assignment.match.firm_id == "f-big" ? 1 : 0;
    CHECK(from_big == 1);
    // Three places remain (l-busy, l-solo and one f-big lawyer) for the four
    // lawyers the Thai matters want.
    CHECK(limited.assignments.size() == 3);
    const auto unfilled = std::find_if(limited.unfilled.begin(), limited.unfilled.end(),
                                       [](const UnfilledMatter& m) { return m.reason == UnfilledReason::capacity_taken; });
    REQUIRE(unfilled != limited.unfilled.end());
    CHECK(unfilled->eligible > static_cast<std::size_t>(unfilled->assigned));
  }

  SECTION("a matter with fewer eligible lawyers than wanted") {
    Matter big = make_matter("m-big", "ngo-a", "VN", "vi");
    big.team_size = 2;
    store->insert(big);
    store->insert(make_lawyer("l-vn", "Nguyen", "VN", "vi"));
    AssignOptions options = today_options();
    options.matter_ids = {"m-big"};
    const AssignmentResult partial = matcher.assign(options, Policy{});
    REQUIRE(partial.assignments.size() == 1);
    REQUIRE(partial.unfilled.size() == 1);
    CHECK(partial.unfilled[0].reason == UnfilledReason::no_eligible_lawyer);
    CHECK(partial.unfilled[0].wanted == 2);
    CHECK(partial.unfilled[0].assigned == 1);
    CHECK(partial.unfilled[0].eligible == 1);
    CHECK_FALSE(partial.unfilled[0].gap.has_value());
  }

  SECTION("the matter list is checked") {
    AssignOptions options = today_options();
    options.matter_ids = {"m-pair", "m-pair"};
    CHECK_THROWS_WITH(matcher.assign(options, Policy{}),
                      "options.matter_ids[1]: \"m-pair\" appears twice (list each matter once)");
    options.matter_ids = {"m-404"};
    CHECK_THROWS_WITH(matcher.assign(options, Policy{}), "options.matter_ids[0]: \"m-404\" does not exist (check the id)");
    options.matter_ids = {"m-closed"};
    CHECK_THROWS_WITH(matcher.assign(options, Policy{}),
                      "options.matter_ids[0]: matter \"m-closed\" is closed (only open matters are assigned)");
  }
}

TEST_CASE("matching assign: with_local needs a local lawyer on the team", "[matching][assign]") {
  auto store = reference_store();
  store->insert(make_lawyer("l-th", "Foreign", "TH", "km"));
  Lawyer local = make_lawyer("l-kh", "Local", "KH", "km");
  store->insert(local);
  Matter advice = make_matter("m-kh", "ngo-a", "KH", "km");
  advice.activities = {Activity::advise_local_law};
  advice.team_size = 2;
  store->insert(advice);

  Matcher matcher(*store);
  AssignmentResult result = matcher.assign(today_options(), Policy{});
  REQUIRE(result.assignments.size() == 1);
  CHECK(result.assignments[0].match.lawyer_id == "l-kh");

  store->insert(make_engagement("e-1", "m-kh", "l-kh", EngagementStatus::accepted));
  result = matcher.assign(today_options(), Policy{});
  REQUIRE(result.assignments.size() == 1);
  CHECK(result.assignments[0].match.lawyer_id == "l-th");
  CHECK(result.assignments[0].match.needs_local_co_counsel);
}

TEST_CASE("matching: rank, gaps and assign agree on with_local", "[matching][assign][coverage]") {
  // Only the foreign lawyer speaks the client's language, and Cambodia lets
  // a foreign lawyer advise on local law only beside a locally admitted one.
  auto store = reference_store();
  store->insert(make_lawyer("l-kh", "Local", "KH", "km"));
  store->insert(make_lawyer("l-vn", "Foreign", "VN", "vi"));
  Matter advice = make_matter("m-kh", "ngo-a", "KH", "vi");
  advice.activities = {Activity::advise_local_law};
  advice.team_size = 2;
  store->insert(advice);

  Matcher matcher(*store);
  RankOptions rank_options;
  rank_options.as_of = kToday;
  CoverageOptions coverage_options;
  coverage_options.as_of = kToday;
  const std::string explanation =
      "2 lawyers pass the earlier checks; 1 of them passes every other check but is admitted outside KH, and KH's "
      "with_local rule (for advise_local_law) lets them work only beside a locally admitted lawyer who is accepted "
      "or active on the matter; none is";

  SECTION("without a local lawyer on the team nobody is eligible") {
    const Ranking ranking = matcher.rank("m-kh", Policy{}, rank_options);
    CHECK(ranking.eligible == 0);
    REQUIRE(ranking.gap.has_value());
    CHECK(ranking.gap->binding == Constraint::admission);
    CHECK(ranking.gap->remaining_before == 2);
    CHECK(ranking.gap->explanation == explanation);

    const CoverageReport report = matcher.coverage_gaps(Policy{}, coverage_options);
    REQUIRE(report.gaps.size() == 1);
    CHECK(report.gaps[0].binding == Constraint::admission);
    CHECK(report.gaps[0].explanation == explanation);

    const AssignmentResult result = matcher.assign(today_options(), Policy{});
    CHECK(result.assignments.empty());
    REQUIRE(result.unfilled.size() == 1);
    CHECK(result.unfilled[0].reason == UnfilledReason::no_eligible_lawyer);
    CHECK(result.unfilled[0].eligible == 0);
    REQUIRE(result.unfilled[0].gap.has_value());
    CHECK(result.unfilled[0].gap->binding == Constraint::admission);
    CHECK(result.unfilled[0].detail == explanation);
  }

  SECTION("a local lawyer on the team makes the foreign lawyer eligible") {
    store->insert(make_engagement("e-1", "m-kh", "l-kh", EngagementStatus::accepted));
    const Ranking ranking = matcher.rank("m-kh", Policy{}, rank_options);
    REQUIRE(ranking.matches.size() == 1);
    CHECK(ranking.matches[0].lawyer_id == "l-vn");
    CHECK(ranking.matches[0].needs_local_co_counsel);

    CHECK(matcher.coverage_gaps(Policy{}, coverage_options).gaps.empty());

    const AssignmentResult result = matcher.assign(today_options(), Policy{});
    REQUIRE(result.assignments.size() == 1);
    CHECK(result.assignments[0].match.lawyer_id == "l-vn");
    CHECK(result.unfilled.empty());
  }

  SECTION("an offered local lawyer is not yet on the team") {
    store->insert(make_engagement("e-1", "m-kh", "l-kh", EngagementStatus::offered));
    CHECK(matcher.rank("m-kh", Policy{}, rank_options).eligible == 0);
    CHECK(matcher.coverage_gaps(Policy{}, coverage_options).gaps.size() == 1);
  }
}

TEST_CASE("matching coverage: gaps grouped by forum, area and languages", "[matching][coverage]") {
  auto store = reference_store();
  for (int i = 0; i < 3; ++i) store->insert(make_lawyer("l-th-" + std::to_string(i), "Thai", "TH", "th"));
  for (int i = 0; i < 3; ++i) {
    Matter matter = make_matter("m-km-" + std::to_string(i), "ngo-a", "TH", "km");
    matter.activities = {Activity::advise_local_law};
    store->insert(matter);
  }
  store->insert(make_matter("m-vn", "ngo-a", "VN", "vi"));
  store->insert(make_matter("m-ok", "ngo-a", "TH", "th"));

  Matcher matcher(*store);
  CoverageOptions options;
  options.as_of = kToday;
  const CoverageReport report = matcher.coverage_gaps(Policy{}, options);
  CHECK(report.open_matters == 5);
  CHECK(report.matters_without_candidates == 4);
  REQUIRE(report.groups.size() == 2);
  CHECK(report.groups[0].forum == "TH");
  CHECK(report.groups[0].practice_area == "labour.wage_claims");
  CHECK(report.groups[0].languages == std::vector<std::string>{"km"});
  CHECK(report.groups[0].matter_ids == std::vector<std::string>{"m-km-0", "m-km-1", "m-km-2"});
  CHECK(report.groups[0].binding == std::vector<std::pair<Constraint, std::size_t>>{{Constraint::language, 3}});
  CHECK(report.groups[1].forum == "VN");
  REQUIRE(report.gaps.size() == 4);
  CHECK(report.gaps[0].matter_id == "m-km-0");
  CHECK(report.gaps[0].explanation ==
        "3 lawyers are admitted in TH and pass the earlier checks; none of them speaks km at working level or above");
}

TEST_CASE("matching assign: same result in any insertion order", "[matching][assign]") {
  std::mt19937_64 rng(99);
  std::vector<Lawyer> lawyers;
  for (int i = 0; i < 30; ++i) {
    Lawyer lawyer = make_lawyer("l-" + std::to_string(100 + i), "Lawyer " + std::to_string(i), i % 3 == 0 ? "VN" : "TH",
                                i % 3 == 0 ? "vi" : "th");
    // Pairs of identical lawyers make ties that only the ids can break.
    if (i % 2 == 1) {
      lawyer.practice_areas = lawyers.back().practice_areas;
      lawyer.max_active_matters = lawyers.back().max_active_matters;
    } else {
      lawyer.practice_areas = {{i % 4 == 0 ? "labour" : "labour.wage_claims", pick(rng, 0, 12)}};
      lawyer.max_active_matters = pick(rng, 1, 2);
    }
    lawyers.push_back(lawyer);
  }
  std::vector<Matter> matters;
  for (int i = 0; i < 12; ++i) {
    Matter matter = make_matter("m-" + std::to_string(10 + i), "ngo-a", i % 3 == 0 ? "VN" : "TH", i % 3 == 0 ? "vi" : "th");
    matter.team_size = pick(rng, 1, 3);
    matters.push_back(matter);
  }

  auto assign_in_order = [&](std::uint64_t seed) {
    std::mt19937_64 shuffle(seed);
    std::vector<Lawyer> lawyer_order = lawyers;
    std::vector<Matter> matter_order = matters;
    std::shuffle(lawyer_order.begin(), lawyer_order.end(), shuffle);
    std::shuffle(matter_order.begin(), matter_order.end(), shuffle);
    auto store = reference_store();
    store->insert(make_firm("f-1", "Firm f-1"));
    for (const Lawyer& lawyer : lawyer_order) store->insert(lawyer);
    for (const Matter& matter : matter_order) store->insert(matter);
    Matcher matcher(*store);
    Policy policy;
    policy.firm_share = 0.5;
    return matcher.assign(today_options(), policy);
  };

  const AssignmentResult first = assign_in_order(1);
  CHECK(first.assignments.size() > 10);
  for (std::uint64_t seed = 2; seed <= 4; ++seed) {
    const AssignmentResult other = assign_in_order(seed);
    CHECK(other == first);
  }
}
