// Tests of ranking: hard constraints and their reasons, score components and
// the reasons that state them, tie-breaking, coverage gaps, conflict checks,
// policy validation and the index following store writes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <memory>
#include <random>
#include <regex>
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

std::unique_ptr<Store> reference_store(const std::string& path = ":memory:") {
  auto store = Store::open(path);
  Dataset reference = reference_dataset();
  store->insert_dataset(reference);
  store->insert(make_ngo("ngo-a", "Hope Shelter"));
  store->insert(make_ngo("ngo-b", "Harbour Aid"));
  return store;
}

RankOptions at_today(std::size_t top = 10) {
  RankOptions options;
  options.top = top;
  options.as_of = kToday;
  return options;
}

Party person(std::vector<std::string> names) {
  Party party;
  for (const std::string& name : names) party.names.push_back({name, "", ""});
  party.kind = PartyKind::person;
  party.role = PartyRole::alleged_trafficker;
  return party;
}

ConflictEntry entry(std::vector<std::string> names) {
  ConflictEntry out;
  for (const std::string& name : names) out.names.push_back({name, "", ""});
  out.relation = "client";
  return out;
}

const Exclusion* exclusion_of(const Ranking& ranking, const std::string& lawyer) {
  for (const Exclusion& exclusion : ranking.exclusions) {
    if (exclusion.lawyer_id == lawyer) return &exclusion;
  }
  return nullptr;
}

std::vector<std::string> ids_of(const Ranking& ranking) {
  std::vector<std::string> ids;
  for (const Match& match : ranking.matches) ids.push_back(match.lawyer_id);
  return ids;
}

const Reason& reason_for(const Match& match, const std::string& topic) {
  for (const Reason& reason : match.reasons) {
    if (reason.topic == topic) return reason;
  }
  FAIL("no reason with topic " << topic << " for " << match.lawyer_id);
  throw std::logic_error("unreachable");
}

double component(const Match& match, Component which) {
  return match.components.at(static_cast<std::size_t>(which)).score;
}

std::string error_of(const std::function<void()>& work) {
  try {
    work();
  } catch (const Error& error) {
    return error.what();
  }
  return "no error";
}

// Checks that every component's reason states the quantity its score is
// computed from. The patterns follow the sentences of docs/matching.md.
void check_reasons_agree(const Match& match, const Policy& policy) {
  INFO("lawyer " << match.lawyer_id);
  REQUIRE(match.components.size() == 8);
  double weighted = 0;
  double weights = 0;
  for (std::size_t c = 0; c < 8; ++c) {
    CHECK(match.components[c].component == kAllComponents[c]);
    CHECK(match.components[c].score >= 0);
    CHECK(match.components[c].score <= 1);
    weighted += match.components[c].weight * match.components[c].score;
    weights += match.components[c].weight;
  }
  CHECK(match.score == Approx(weighted / weights).margin(1e-9));
  std::smatch parts;

  const std::string area = reason_for(match, "practice_area").text;
  const double area_score = component(match, Component::practice_area);
  if (area.find("the matter's area") != std::string::npos) CHECK(area_score == 1.0);
  else if (area.find("within the matter's area") != std::string::npos) CHECK(area_score == 0.8);
  else if (area.find("the broader area") != std::string::npos) CHECK(area_score == 0.6);
  else if (area.find("the same field") != std::string::npos) CHECK(area_score == 0.3);
  else CHECK(area_score == 0.0);

  const std::string years = reason_for(match, "experience").text;
  if (std::regex_search(years, parts, std::regex("^(\\d+) years? in "))) {
    const double expected = std::min(1.0, std::stod(parts[1]) / policy.experience_full_years);
    CHECK(component(match, Component::experience) == Approx(expected));
  } else {
    CHECK(component(match, Component::experience) == 0.0);
  }

  const std::string training = reason_for(match, "training").text;
  const double training_score = component(match, Component::training);
  if (training.rfind("no ATIP training", 0) == 0) CHECK(training_score == 0.0);
  else if (training.find("counts half") != std::string::npos) CHECK(training_score <= 0.5);
  else CHECK(training_score >= 0.6);
  if (training.find("another topic") != std::string::npos) CHECK(training_score <= 0.6);

  const std::string language = reason_for(match, "language").text;
  const double language_score = component(match, Component::language);
  if (language.find("native level") != std::string::npos) CHECK(language_score == 1.0);
  else if (language.find("professional level") != std::string::npos) CHECK(language_score == 0.85);
  else if (language.find("working level") != std::string::npos) CHECK(language_score == 0.6);
  else if (language.find("basic level") != std::string::npos) CHECK(language_score == 0.25);
  else if (language.find("names no language") != std::string::npos) CHECK(language_score == 1.0);
  else CHECK(language_score == 0.0);

  const std::string load = reason_for(match, "load").text;
  REQUIRE(std::regex_search(load, parts, std::regex("^(\\d+) of (\\d+) matters? active$")));
  const double active = std::stod(parts[1]);
  const double maximum = std::stod(parts[2]);
  CHECK(component(match, Component::load) == Approx(maximum == 0 ? 0.0 : (maximum - active) / maximum));

  const std::string outcomes = reason_for(match, "outcomes").text;
  if (outcomes.find("neutral") != std::string::npos) CHECK(component(match, Component::outcomes) == 0.5);

  const std::string ngo = reason_for(match, "ngo_history").text;
  if (std::regex_search(ngo, parts, std::regex("^(\\d+) earlier engagements? for "))) {
    CHECK(component(match, Component::ngo_history) == Approx(std::min(3.0, std::stod(parts[1])) / 3.0));
  } else {
    CHECK(component(match, Component::ngo_history) == 0.0);
  }

  const std::string response = reason_for(match, "responsiveness").text;
  REQUIRE(std::regex_search(response, parts, std::regex("about ([0-9.]+) days; .* asks for ([0-9.]+)$")));
  const double days = std::stod(parts[1]);
  const double target = std::stod(parts[2]);
  CHECK(component(match, Component::responsiveness) == Approx(days <= target ? 1.0 : target / days).epsilon(0.02));

  CHECK(reason_for(match, "admission").text.rfind("admitted in ", 0) == 0);
}

}  // namespace

TEST_CASE("matching: each hard constraint excludes with its reason", "[matching]") {
  auto store = reference_store();
  Organization firm = make_firm("firm-x", "Exclusive LLP");
  firm.exclusions.practice_areas = {"labour"};
  store->insert(firm);

  store->insert(make_lawyer("l-ok", "Anong Saelee", "TH", "th"));
  Lawyer suspended = make_lawyer("l-status", "Boonmee Chai", "TH", "th");
  suspended.status = LawyerStatus::suspended;
  store->insert(suspended);
  Lawyer unvetted = make_lawyer("l-vetting", "Chanida Wong", "TH", "th");
  unvetted.vetted = false;
  store->insert(unvetted);
  Lawyer full = make_lawyer("l-capacity", "Decha Pong", "TH", "th");
  full.max_active_matters = 1;
  store->insert(full);
  Lawyer away = make_lawyer("l-away", "Ekachai Sri", "TH", "th");
  away.unavailable = {{Date::parse("2026-03-10", "from"), Date::parse("2026-04-10", "to")}};
  store->insert(away);
  Lawyer conflicted = make_lawyer("l-conflict", "Fah Rattana", "TH", "th");
  conflicted.conflict_register = {entry({"Somchai Jaidee"})};
  store->insert(conflicted);
  store->insert(make_lawyer("l-admission", "Grace Lam", "HK", "th"));
  store->insert(make_lawyer("l-language", "Henry Moore", "TH", "en"));
  Lawyer barred = make_lawyer("l-firm", "Intira Kaew", "TH", "th");
  barred.firm = "firm-x";
  store->insert(barred);
  store->insert(make_lawyer("l-engaged", "Jira Tong", "TH", "th"));

  Matter matter = make_matter("m-1", "ngo-a", "TH", "th");
  matter.period = DateRange{Date::parse("2026-03-01", "from"), Date::parse("2026-03-31", "to")};
  matter.parties = {person({"SOMCHAI JAIDEE"})};
  store->insert(matter);
  store->insert(make_matter("m-other", "ngo-a", "TH", "th"));
  store->insert(make_engagement("e-1", "m-other", "l-capacity", EngagementStatus::accepted));
  store->insert(make_engagement("e-2", "m-1", "l-engaged", EngagementStatus::offered));

  Matcher matcher(*store);
  RankOptions options = at_today();
  options.include_exclusions = true;
  const Ranking ranking = matcher.rank("m-1", Policy{}, options);

  CHECK(ids_of(ranking) == std::vector<std::string>{"l-ok"});
  CHECK(ranking.lawyers_considered == 10);
  CHECK(ranking.eligible == 1);
  CHECK_FALSE(ranking.gap.has_value());
  REQUIRE(ranking.exclusions.size() == 9);
  CHECK(std::is_sorted(ranking.exclusions.begin(), ranking.exclusions.end(),
                       [](const Exclusion& a, const Exclusion& b) { return a.lawyer_id < b.lawyer_id; }));

  const std::vector<std::pair<std::string, Constraint>> expected = {
      {"l-status", Constraint::status},       {"l-vetting", Constraint::status},
      {"l-capacity", Constraint::capacity},   {"l-away", Constraint::unavailable},
      {"l-conflict", Constraint::conflict},   {"l-admission", Constraint::admission},
      {"l-language", Constraint::language},   {"l-firm", Constraint::firm_exclusion},
      {"l-engaged", Constraint::already_engaged}};
  for (const auto& [lawyer, constraint] : expected) {
    INFO(lawyer);
    const Exclusion* exclusion = exclusion_of(ranking, lawyer);
    REQUIRE(exclusion != nullptr);
    CHECK(exclusion->constraint == constraint);
    CHECK(exclusion->failed == std::vector<Constraint>{constraint});
    CHECK_FALSE(exclusion->detail.empty());
  }
  CHECK(exclusion_of(ranking, "l-status")->detail == "status is suspended");
  CHECK(exclusion_of(ranking, "l-vetting")->detail == "not vetted yet");
  CHECK(exclusion_of(ranking, "l-capacity")->detail == "1 of 1 matters active");
  CHECK(exclusion_of(ranking, "l-conflict")->detail ==
        "party \"SOMCHAI JAIDEE\" matches \"Somchai Jaidee\" in the lawyer's conflict register");
  CHECK(exclusion_of(ranking, "l-admission")->detail ==
        "appear_in_court in TH needs an admission in TH; admitted in HK");
  CHECK(exclusion_of(ranking, "l-firm")->detail == "firm \"Exclusive LLP\" excludes the practice area labour");
  CHECK(exclusion_of(ranking, "l-engaged")->detail == "engagement e-2 on the matter is offered");
  CHECK(exclusion_of(ranking, "l-away")->detail.find("2026-03-10 to 2026-04-10") != std::string::npos);

  // The funnel applies the constraints in order and ends with the eligible count.
  REQUIRE(ranking.funnel.size() == 9);
  const std::vector<std::size_t> remaining = {8, 7, 6, 5, 4, 3, 2, 1, 1};
  for (std::size_t i = 0; i < 9; ++i) {
    CHECK(ranking.funnel[i].constraint == kAllConstraints[i]);
    CHECK(ranking.funnel[i].remaining == remaining[i]);
  }

  SECTION("a lawyer failing several constraints lists them all") {
    Lawyer both = make_lawyer("l-both", "Kanya Pim", "HK", "en");
    both.status = LawyerStatus::inactive;
    store->insert(both);
    const Ranking again = matcher.rank("m-1", Policy{}, options);
    const Exclusion* exclusion = exclusion_of(again, "l-both");
    REQUIRE(exclusion != nullptr);
    CHECK(exclusion->failed == std::vector<Constraint>{Constraint::status, Constraint::admission, Constraint::language});
  }

  SECTION("the score floor excludes as min_score") {
    Policy strict;
    strict.min_score = 0.99;
    const Ranking floored = matcher.rank("m-1", strict, options);
    CHECK(floored.matches.empty());
    CHECK(floored.eligible == 0);
    const Exclusion* exclusion = exclusion_of(floored, "l-ok");
    REQUIRE(exclusion != nullptr);
    CHECK(exclusion->constraint == Constraint::min_score);
    REQUIRE(floored.gap.has_value());
    CHECK(floored.gap->binding == Constraint::min_score);
    CHECK(floored.gap->remaining_before == 1);
  }

  SECTION("previewing unvetted lawyers") {
    Policy preview;
    preview.require_vetted = false;
    const Ranking ranked = matcher.rank("m-1", preview, options);
    CHECK(ids_of(ranked) == std::vector<std::string>{"l-ok", "l-vetting"});
  }

  SECTION("firm exclusions of the NGO and of a party") {
    Organization by_ngo = make_firm("firm-y", "No Hope LLP");
    by_ngo.exclusions.ngos = {"ngo-a"};
    store->insert(by_ngo);
    Organization by_party = make_firm("firm-z", "Careful LLP");
    by_party.exclusions.parties = {"Somchai  Jaidee"};
    store->insert(by_party);
    Lawyer one = make_lawyer("l-firm-ngo", "Lamai Dee", "TH", "th");
    one.firm = "firm-y";
    store->insert(one);
    Lawyer two = make_lawyer("l-firm-party", "Mali Suk", "TH", "th");
    two.firm = "firm-z";
    store->insert(two);
    const Ranking ranked = matcher.rank("m-1", Policy{}, options);
    CHECK(exclusion_of(ranked, "l-firm-ngo")->constraint == Constraint::firm_exclusion);
    CHECK(exclusion_of(ranked, "l-firm-ngo")->detail == "firm \"No Hope LLP\" excludes the NGO ngo-a");
    CHECK(exclusion_of(ranked, "l-firm-party")->constraint == Constraint::firm_exclusion);
    CHECK(exclusion_of(ranked, "l-firm-party")->detail.find("the parties the firm excludes") != std::string::npos);
  }
}

TEST_CASE("matching: reasons agree with component scores", "[matching]") {
  auto store = reference_store();
  store->insert(make_matter("m-past", "ngo-a", "TH", "th"));
  store->insert(make_matter("m-past-2", "ngo-a", "TH", "th"));

  const std::vector<Proficiency> levels = {Proficiency::native, Proficiency::professional, Proficiency::working};
  const std::vector<std::string> areas = {"labour.wage_claims", "labour", "labour.forced_labour", "compensation"};
  std::mt19937_64 rng(7);
  for (int i = 0; i < 24; ++i) {
    Lawyer lawyer = make_lawyer("l-" + std::to_string(100 + i), "Lawyer " + std::to_string(i), "TH", "th");
    lawyer.languages = {{"th", levels[static_cast<std::size_t>(i) % levels.size()]}};
    lawyer.practice_areas = {{areas[static_cast<std::size_t>(i) % areas.size()], static_cast<int>(rng() % 15)}};
    lawyer.max_active_matters = 1 + static_cast<int>(rng() % 4);
    lawyer.response_days = static_cast<double>(rng() % 12) + 0.5;
    lawyer.admissions[0].since = Date::parse("2015-06-01", "since");
    if (i % 3 == 0) {
      lawyer.trainings = {{i % 2 == 0 ? "labour.forced_labour" : "immigration", "TH",
                           Date::parse(i % 4 == 0 ? "2025-05-01" : "2021-05-01", "date"), ""}};
    }
    store->insert(lawyer);
  }
  // Engagements give load, outcomes and history to some lawyers.
  store->insert(make_engagement("e-a", "m-past", "l-100", EngagementStatus::completed));
  Engagement rated = make_engagement("e-b", "m-past-2", "l-100", EngagementStatus::completed);
  rated.feedback = 5;
  store->insert(rated);
  store->insert(make_engagement("e-c", "m-past", "l-101", EngagementStatus::active));
  store->insert(make_engagement("e-d", "m-past", "l-104", EngagementStatus::withdrawn));

  Matter matter = make_matter("m-1", "ngo-a", "TH", "th");
  matter.urgency = Urgency::high;
  store->insert(matter);

  Matcher matcher(*store);
  for (const Policy& policy : {Policy{}, policy_from_json({{"weights", {{"training", 0.5}}}, {"experience_full_years", 4}})}) {
    const Ranking ranking = matcher.rank("m-1", policy, at_today(100));
    REQUIRE(ranking.matches.size() == 24);
    for (const Match& match : ranking.matches) check_reasons_agree(match, policy);
  }

  const Ranking ranking = matcher.rank("m-1", Policy{}, at_today(100));
  const auto found = std::find_if(ranking.matches.begin(), ranking.matches.end(),
                                  [](const Match& m) { return m.lawyer_id == "l-100"; });
  REQUIRE(found != ranking.matches.end());
  CHECK(reason_for(*found, "ngo_history").text == "2 earlier engagements for ngo-a");
  CHECK(reason_for(*found, "outcomes").text == "2 matters completed, 0 withdrawn, NGO rating 5.0 of 5");
  CHECK(reason_for(*found, "admission").text == "admitted in TH since 2015");
  CHECK(reason_for(*found, "language").text == "speaks th at native level");
  CHECK(component(*found, Component::outcomes) > 0.5);
}

TEST_CASE("matching: same data in any insertion order gives the same ranking", "[matching]") {
  std::mt19937_64 rng(2026);
  const std::vector<std::string> languages = {"th", "km", "en", "my"};
  std::vector<Lawyer> lawyers;
  for (int i = 0; i < 60; ++i) {
    Lawyer lawyer = make_lawyer("l-" + std::to_string(1000 - i), "Name " + std::to_string(i), i % 5 == 0 ? "HK" : "TH",
                                languages[rng() % languages.size()]);
    lawyer.languages.push_back({"th", i % 2 == 0 ? Proficiency::working : Proficiency::native});
    // Every fourth lawyer is a copy of the previous one apart from the id and
    // name, so that ties are common.
    if (i % 4 == 3) {
      Lawyer copy = lawyers.back();
      copy.id = lawyer.id;
      copy.names = lawyer.names;
      lawyer = copy;
    } else {
      lawyer.practice_areas = {{i % 3 == 0 ? "labour" : "labour.wage_claims", static_cast<int>(rng() % 12)}};
      lawyer.max_active_matters = 1 + static_cast<int>(rng() % 3);
      lawyer.response_days = static_cast<double>(rng() % 9);
    }
    lawyers.push_back(lawyer);
  }

  auto ranking_for = [&](std::uint64_t seed) {
    std::vector<Lawyer> order = lawyers;
    std::shuffle(order.begin(), order.end(), std::mt19937_64(seed));
    auto store = reference_store();
    for (const Lawyer& lawyer : order) store->insert(lawyer);
    store->insert(make_matter("m-1", "ngo-a", "TH", "th"));
    Matcher matcher(*store);
    RankOptions options = at_today(100);
    options.include_exclusions = true;
    return matcher.rank("m-1", Policy{}, options);
  };

  const Ranking first = ranking_for(1);
  REQUIRE(first.matches.size() > 20);
  for (std::uint64_t seed = 2; seed <= 4; ++seed) {
    const Ranking other = ranking_for(seed);
    CHECK(other == first);
    CHECK(to_json(other) == to_json(first));
  }
  int ties = 0;
  for (std::size_t i = 1; i < first.matches.size(); ++i) {
    const Match& before = first.matches[i - 1];
    const Match& after = first.matches[i];
    CHECK(before.score >= after.score);
    if (before.score == after.score) {
      ++ties;
      CHECK(before.lawyer_id < after.lawyer_id);
    }
  }
  CHECK(ties >= 10);
}

TEST_CASE("matching: a coverage gap names the binding constraint with counts", "[matching]") {
  auto store = reference_store();
  for (int i = 0; i < 12; ++i) store->insert(make_lawyer("l-th-" + std::to_string(i), "Thai " + std::to_string(i), "TH", "th"));
  store->insert(make_lawyer("l-km", "Sok Dara", "KH", "km"));
  Matter matter = make_matter("m-km", "ngo-a", "TH", "km");
  matter.activities = {Activity::advise_local_law};
  store->insert(matter);

  Matcher matcher(*store);
  const Ranking ranking = matcher.rank("m-km", Policy{}, at_today());
  CHECK(ranking.matches.empty());
  REQUIRE(ranking.gap.has_value());
  CHECK(ranking.gap->binding == Constraint::language);
  CHECK(ranking.gap->remaining_before == 12);
  CHECK(ranking.gap->explanation ==
        "12 lawyers are admitted in TH and pass the earlier checks; none of them speaks km at working level or above");

  SECTION("in court the court language is named too") {
    Matter in_court = matter;
    in_court.id = "m-km-court";
    in_court.activities = {Activity::appear_in_court};
    store->insert(in_court);
    const Ranking court = matcher.rank("m-km-court", Policy{}, at_today());
    REQUIRE(court.gap.has_value());
    CHECK(court.gap->explanation == "12 lawyers are admitted in TH and pass the earlier checks; none of them speaks km "
                                    "at working level or above (the court also needs th)");
  }

  SECTION("an interpreter lifts the client-language requirement") {
    Matter interpreted = matter;
    interpreted.id = "m-km-interp";
    interpreted.interpreter_accepted = true;
    store->insert(interpreted);
    const Ranking ranked = matcher.rank("m-km-interp", Policy{}, at_today(20));
    CHECK(ranked.matches.size() == 12);
    CHECK(reason_for(ranked.matches[0], "language").text == "speaks none of km; an interpreter is accepted");
    CHECK(component(ranked.matches[0], Component::language) == 0.0);
  }

  SECTION("admission binds when nobody is admitted in the forum") {
    Matter vietnam = make_matter("m-vn", "ngo-a", "VN", "vi");
    store->insert(vietnam);
    const Ranking ranked = matcher.rank("m-vn", Policy{}, at_today());
    REQUIRE(ranked.gap.has_value());
    CHECK(ranked.gap->binding == Constraint::admission);
    CHECK(ranked.gap->explanation ==
          "13 lawyers pass the earlier checks; none of them is admitted in VN (needed for appear_in_court)");
  }
}

TEST_CASE("matching: Cambodia's with_local rule flags foreign lawyers", "[matching]") {
  auto store = reference_store();
  store->insert(make_lawyer("l-kh", "Sok Dara", "KH", "km"));
  store->insert(make_lawyer("l-kh-2", "Chan Vuthy", "KH", "km"));
  Lawyer foreign = make_lawyer("l-th", "Anong Saelee", "TH", "km");
  foreign.languages[0].proficiency = Proficiency::working;
  store->insert(foreign);
  Matter advice = make_matter("m-kh", "ngo-a", "KH", "km");
  advice.activities = {Activity::advise_local_law, Activity::draft};
  store->insert(advice);
  Matter court = make_matter("m-kh-court", "ngo-a", "KH", "km");
  store->insert(court);

  Matcher matcher(*store);
  // Without a locally admitted lawyer on the team, the foreign one waits.
  CHECK(ids_of(matcher.rank("m-kh", Policy{}, at_today())) == std::vector<std::string>{"l-kh", "l-kh-2"});
  // Court work needs a local admission whatever the policy.
  CHECK(ids_of(matcher.rank("m-kh-court", Policy{}, at_today())) == std::vector<std::string>{"l-kh", "l-kh-2"});

  store->insert(make_engagement("e-1", "m-kh", "l-kh", EngagementStatus::active));
  const Ranking ranking = matcher.rank("m-kh", Policy{}, at_today());
  REQUIRE(ids_of(ranking) == std::vector<std::string>{"l-kh-2", "l-th"});
  CHECK_FALSE(ranking.matches[0].needs_local_co_counsel);
  CHECK(ranking.matches[1].needs_local_co_counsel);
  CHECK(reason_for(ranking.matches[1], "admission").text ==
        "admitted in TH; works in KH only beside a locally admitted lawyer");

  Policy strict;
  strict.allow_with_local_rule = false;
  CHECK(ids_of(matcher.rank("m-kh", strict, at_today())) == std::vector<std::string>{"l-kh-2"});
}

TEST_CASE("matching: legal forms do not make near conflicts", "[matching]") {
  auto store = reference_store();
  struct Case {
    const char* lawyer;
    const char* register_name;
    bool flagged;
  };
  const std::vector<Case> cases = {
      {"l-other-company", "Angkor Recruitment Co., Ltd.", false},
      {"l-vietnamese-form", "Cong ty TNHH Angkor Recruitment", false},
      {"l-only-forms", "Co., Ltd.", false},
      {"l-no-form", "Kampot Recruitment", true},
      {"l-word-order", "Recruitment Kampot Company Limited", true},
      {"l-small-edit", "Kampott Recruitment Co., Ltd.", true},
      {"l-form-in-front", "Cong ty TNHH Kampot Recruitment", true},
  };
  for (const Case& test : cases) {
    Lawyer lawyer = make_lawyer(test.lawyer, "Lawyer", "KH", "km");
    lawyer.conflict_register = {entry({test.register_name})};
    store->insert(lawyer);
  }
  Lawyer exact = make_lawyer("l-exact", "Lawyer", "KH", "km");
  exact.conflict_register = {entry({"KAMPOT RECRUITMENT CO LTD"})};
  store->insert(exact);

  Matter matter = make_matter("m-kh", "ngo-a", "KH", "km");
  Party company = person({"Kampot Recruitment Co., Ltd."});
  company.kind = PartyKind::organization;
  matter.parties = {company};
  store->insert(matter);

  Matcher matcher(*store);
  RankOptions options = at_today(20);
  options.include_exclusions = true;
  const Ranking ranking = matcher.rank("m-kh", Policy{}, options);
  REQUIRE(exclusion_of(ranking, "l-exact") != nullptr);
  CHECK(exclusion_of(ranking, "l-exact")->constraint == Constraint::conflict);
  for (const Case& test : cases) {
    INFO(test.lawyer << ": " << test.register_name);
    const auto match = std::find_if(ranking.matches.begin(), ranking.matches.end(),
                                    [&](const Match& candidate) { return candidate.lawyer_id == test.lawyer; });
    REQUIRE(match != ranking.matches.end());
    CHECK(match->conflict_reviews.empty() == !test.flagged);
  }

  SECTION("Thai legal forms in ICU's keys") {
    Lawyer thai = make_lawyer("l-thai", "Lawyer", "KH", "km");
    thai.conflict_register = {entry({"บริษัท ไทย จำกัด"}), entry({"Syam Co., Ltd."})};
    store->insert(thai);
    Matter siam = make_matter("m-siam", "ngo-a", "KH", "km");
    Party siam_company = person({"บริษัท สยาม จำกัด"});
    siam_company.kind = PartyKind::organization;
    siam.parties = {siam_company};
    store->insert(siam);
    const Ranking thai_ranking = matcher.rank("m-siam", Policy{}, options);
    const auto match = std::find_if(thai_ranking.matches.begin(), thai_ranking.matches.end(),
                                    [](const Match& candidate) { return candidate.lawyer_id == "l-thai"; });
    REQUIRE(match != thai_ranking.matches.end());
    // The other Thai company shares only บริษัท and จำกัด; the Latin name is
    // the same company.
    REQUIRE(match->conflict_reviews.size() == 1);
    CHECK(match->conflict_reviews[0].register_name == "Syam Co., Ltd.");
  }
}

TEST_CASE("matching: conflict checks tell exact from near matches", "[matching]") {
  auto store = reference_store();
  store->insert(make_firm("firm-a", "Alpha Partners"));
  Lawyer exact = make_lawyer("l-exact", "Ann One", "HK", "en");
  exact.conflict_register = {entry({"Wong Chi-Ming"})};
  store->insert(exact);
  Lawyer reordered = make_lawyer("l-order", "Ben Two", "HK", "en");
  reordered.conflict_register = {entry({"Chi Ming Wong"})};
  store->insert(reordered);
  Lawyer typo = make_lawyer("l-typo", "Cat Three", "HK", "en");
  typo.conflict_register = {entry({"Wong Chi Mingg"})};
  store->insert(typo);
  Lawyer other_character = make_lawyer("l-romanised", "Dan Four", "HK", "en");
  other_character.conflict_register = {entry({"王志明", "Wong Chi Ming"})};
  store->insert(other_character);
  Lawyer same_character = make_lawyer("l-script", "Eve Five", "HK", "en");
  same_character.conflict_register = {entry({"黃志明"})};
  store->insert(same_character);
  Lawyer member = make_lawyer("l-member", "Fay Six", "HK", "en");
  member.firm = "firm-a";
  store->insert(member);
  store->insert(make_lawyer("l-clear", "Gus Seven", "HK", "en"));

  Matter matter = make_matter("m-hk", "ngo-a", "HK", "en");
  matter.parties = {person({"黃志明", "Wong Chi Ming"})};
  store->insert(matter);

  Matcher matcher(*store);
  RankOptions options = at_today(20);
  options.include_exclusions = true;
  const Ranking ranking = matcher.rank("m-hk", Policy{}, options);

  CHECK(exclusion_of(ranking, "l-exact")->constraint == Constraint::conflict);
  CHECK(exclusion_of(ranking, "l-script")->constraint == Constraint::conflict);
  auto match_of = [&](const std::string& id) -> const Match& {
    for (const Match& match : ranking.matches) {
      if (match.lawyer_id == id) return match;
    }
    FAIL("no match for " << id);
    throw std::logic_error("unreachable");
  };
  CHECK(ids_of(ranking) == std::vector<std::string>{"l-clear", "l-member", "l-order", "l-romanised", "l-typo"});
  CHECK(match_of("l-clear").conflict_reviews.empty());

  const auto& order = match_of("l-order").conflict_reviews;
  REQUIRE(order.size() == 1);
  CHECK(order[0].rule == NearMatchRule::word_order);
  CHECK(order[0].party_name == "Wong Chi Ming");
  CHECK(order[0].register_name == "Chi Ming Wong");
  CHECK(order[0].source == "lawyer_register");
  CHECK(order[0].owner_id == "l-order");

  const auto& romanised = match_of("l-romanised").conflict_reviews;
  REQUIRE(romanised.size() == 1);
  CHECK(romanised[0].rule == NearMatchRule::shared_romanisation);
  CHECK(romanised[0].party_name == "黃志明");
  CHECK(romanised[0].register_name == "王志明");

  const auto& typos = match_of("l-typo").conflict_reviews;
  REQUIRE(typos.size() == 1);
  CHECK(typos[0].rule == NearMatchRule::edit_distance);
  CHECK(typos[0].similarity >= 0.8);
  CHECK(typos[0].similarity < 1.0);
  // Every near conflict is stated among the reasons, never passed silently.
  const auto conflict_reasons = std::count_if(match_of("l-typo").reasons.begin(), match_of("l-typo").reasons.end(),
                                              [](const Reason& reason) { return reason.topic == "conflict"; });
  CHECK(conflict_reasons == 1);

  SECTION("the firm's register excludes every member") {
    Organization firm = *store->find_organization("firm-a");
    firm.conflict_register = {entry({"wong chi ming"})};
    store->update(firm);
    const Ranking again = matcher.rank("m-hk", Policy{}, options);
    const Exclusion* exclusion = exclusion_of(again, "l-member");
    REQUIRE(exclusion != nullptr);
    CHECK(exclusion->constraint == Constraint::conflict);
    CHECK(exclusion->detail ==
          "party \"Wong Chi Ming\" matches \"wong chi ming\" in the firm's conflict register (Alpha Partners)");
  }

  SECTION("registered name variants are near matches") {
    Lawyer variant = make_lawyer("l-variant", "Hal Eight", "HK", "en");
    variant.conflict_register = {entry({"Huang Chi Ming"})};
    store->insert(variant);
    Policy policy;
    policy.near_conflict_threshold = 0.95;
    auto reviews_of_variant = [&] {
      for (const Match& match : matcher.rank("m-hk", policy, options).matches) {
        if (match.lawyer_id == "l-variant") return match.conflict_reviews;
      }
      FAIL("l-variant not ranked");
      return std::vector<ConflictReview>{};
    };
    CHECK(reviews_of_variant().empty());
    matcher.set_name_variants({{"黃", "Huang", "Wong", "Ng"}});
    const auto reviews = reviews_of_variant();
    REQUIRE(reviews.size() == 1);
    CHECK(reviews[0].rule == NearMatchRule::name_variant);
    CHECK(reviews[0].register_name == "Huang Chi Ming");
  }
}

TEST_CASE("matching: policy validation names the field", "[matching]") {
  CHECK(error_of([] { policy_from_json({{"weights", {{"language", -1}}}}); }) ==
        "policy.weights.language: -1 is out of range (expected 0-1)");
  CHECK(error_of([] { policy_from_json({{"wieghts", {}}}); }).rfind("policy: unknown field \"wieghts\"", 0) == 0);
  CHECK(error_of([] { policy_from_json({{"firm_share", 0}}); }).rfind("policy.firm_share: 0 is out of range", 0) == 0);
  CHECK(error_of([] { policy_from_json({{"require_vetted", "yes"}}); }).rfind("policy.require_vetted:", 0) == 0);
  CHECK(error_of([] { policy_from_json({{"experience_full_years", 0}}); }).rfind("policy.experience_full_years:", 0) == 0);
  // Parsed text stores 0 as an unsigned number (a fuzzer finding).
  CHECK(error_of([] { policy_from_json(nlohmann::json::parse(R"({"experience_full_years": 0})")); })
            .rfind("policy.experience_full_years: 0 is out of range", 0) == 0);

  nlohmann::json zero = nlohmann::json::object();
  for (Component c : kAllComponents) zero[std::string(to_string(c))] = 0;
  CHECK(error_of([&] { policy_from_json({{"weights", zero}}); }).rfind("policy.weights: every weight is 0", 0) == 0);

  Policy policy;
  policy.firm_share = 0.25;
  policy.min_score = 0.1;
  CHECK(policy_from_json(to_json(policy)) == policy);

  auto store = reference_store();
  store->insert(make_matter("m-1", "ngo-a", "TH", "th"));
  Matcher matcher(*store);
  Policy bad;
  bad.min_score = 2;
  CHECK(error_of([&] { matcher.rank("m-1", bad); }) == "policy.min_score: 2.0 is out of range (expected 0-1)");
  RankOptions huge;
  huge.top = 20'000;
  CHECK(error_of([&] { matcher.rank("m-1", Policy{}, huge); }) ==
        "options.top: 20000 is out of range (expected 0-10000)");
  CHECK(error_of([&] { matcher.rank("m-404", Policy{}); }) == "matter_id: \"m-404\" does not exist (check the id)");
}

TEST_CASE("matching: the index follows store writes", "[matching]") {
  auto store = reference_store();
  store->insert(make_lawyer("l-1", "Sok Dara", "TH", "th"));
  Matter matter = make_matter("m-km", "ngo-a", "TH", "km");
  matter.activities = {Activity::advise_local_law};
  store->insert(matter);
  store->insert(make_matter("m-other", "ngo-a", "TH", "th"));

  Matcher matcher(*store);
  CHECK(matcher.rank("m-km", Policy{}, at_today()).eligible == 0);
  CHECK(matcher.stats().full_builds == 1);
  CHECK(matcher.stats().lawyers == 1);

  // A new language makes the lawyer eligible.
  Lawyer lawyer = *store->find_lawyer("l-1");
  lawyer.languages.push_back({"km", Proficiency::professional});
  store->update(lawyer);
  Ranking ranking = matcher.rank("m-km", Policy{}, at_today());
  REQUIRE(ranking.matches.size() == 1);
  CHECK(component(ranking.matches[0], Component::language) == 0.85);
  CHECK(component(ranking.matches[0], Component::load) == 1.0);

  // An accepted engagement elsewhere uses capacity; one on this matter's NGO counts as history.
  store->insert(make_engagement("e-1", "m-other", "l-1", EngagementStatus::accepted));
  ranking = matcher.rank("m-km", Policy{}, at_today());
  REQUIRE(ranking.matches.size() == 1);
  CHECK(component(ranking.matches[0], Component::load) == 0.5);
  CHECK(component(ranking.matches[0], Component::ngo_history) == Approx(1.0 / 3.0));

  // Attending an event on the forum jurisdiction counts as training.
  Event event;
  event.id = "ev-1";
  event.title = "Forced labour workshop";
  event.date = Date::parse("2025-11-01", "date");
  event.jurisdiction = "TH";
  event.topics = {"labour.forced_labour"};
  event.attendees = {"l-1"};
  store->insert(event);
  ranking = matcher.rank("m-km", Policy{}, at_today());
  REQUIRE(ranking.matches.size() == 1);
  CHECK(component(ranking.matches[0], Component::training) == 1.0);
  CHECK(reason_for(ranking.matches[0], "training").text == "ATIP training on TH, labour.forced_labour, 2025-11-01");

  // Finishing the engagement frees the capacity; suspending the lawyer excludes them.
  Engagement done = *store->find_engagement("e-1");
  done.status = EngagementStatus::completed;
  store->update(done);
  ranking = matcher.rank("m-km", Policy{}, at_today());
  REQUIRE(ranking.matches.size() == 1);
  CHECK(component(ranking.matches[0], Component::load) == 1.0);
  lawyer = *store->find_lawyer("l-1");
  lawyer.status = LawyerStatus::suspended;
  store->update(lawyer);
  CHECK(matcher.rank("m-km", Policy{}, at_today()).eligible == 0);

  // New and removed lawyers.
  Lawyer second = make_lawyer("l-2", "Chan Vuthy", "TH", "km");
  store->insert(second);
  CHECK(ids_of(matcher.rank("m-km", Policy{}, at_today())) == std::vector<std::string>{"l-2"});
  store->remove(EntityType::lawyer, "l-2");
  CHECK(matcher.rank("m-km", Policy{}, at_today()).lawyers_considered == 1);

  // An edited matter is compiled again.
  Matter edited = *store->find_matter("m-km");
  edited.languages = {"th"};
  store->update(edited);
  lawyer.status = LawyerStatus::active;
  store->update(lawyer);
  CHECK(ids_of(matcher.rank("m-km", Policy{}, at_today())) == std::vector<std::string>{"l-1"});

  CHECK(matcher.stats().full_builds == 1);
  CHECK(matcher.stats().incremental_updates >= 8);

  // A rebuilt index gives the same result as the updated one.
  const Ranking incremental = matcher.rank("m-km", Policy{}, at_today());
  matcher.invalidate();
  CHECK(matcher.rank("m-km", Policy{}, at_today()) == incremental);
  CHECK(matcher.stats().full_builds == 2);
}

TEST_CASE("matching: ranking a matter that is not stored", "[matching]") {
  auto store = reference_store();
  store->insert(make_lawyer("l-1", "Sok Dara", "TH", "th"));
  Matcher matcher(*store);
  Matter preview = make_matter("", "ngo-a", "TH", "th");
  CHECK(ids_of(matcher.rank(preview, Policy{}, at_today())) == std::vector<std::string>{"l-1"});
  preview.forum = "ZZ";
  CHECK(error_of([&] { matcher.rank(preview, Policy{}); }) ==
        "matter.forum: \"ZZ\" is not a known jurisdiction (add it first)");
  preview.forum = "TH";
  preview.team_size = 0;
  CHECK(error_of([&] { matcher.rank(preview, Policy{}); }).rfind("matter.team_size:", 0) == 0);
}

TEST_CASE("matching: results convert to JSON", "[matching]") {
  auto store = reference_store();
  store->insert(make_lawyer("l-1", "Sok Dara", "TH", "th"));
  store->insert(make_matter("m-1", "ngo-a", "TH", "th"));
  store->insert(make_matter("m-2", "ngo-a", "VN", "vi"));
  Matcher matcher(*store);
  RankOptions options = at_today();
  options.include_exclusions = true;

  const nlohmann::json ranking = to_json(matcher.rank("m-1", Policy{}, options));
  CHECK(ranking["matter_id"] == "m-1");
  CHECK(ranking["eligible"] == 1);
  CHECK(ranking["gap"].is_null());
  CHECK(ranking["funnel"].size() == 9);
  CHECK(ranking["funnel"][0]["constraint"] == "status");
  const nlohmann::json& match = ranking["matches"][0];
  CHECK(match["lawyer_id"] == "l-1");
  CHECK(match["components"].size() == 8);
  CHECK(match["components"][3]["component"] == "language");
  CHECK(match["reasons"][0]["topic"] == "practice_area");
  CHECK(match["needs_local_co_counsel"] == false);

  const nlohmann::json gap = to_json(matcher.rank("m-2", Policy{}, options));
  CHECK(gap["gap"]["binding"] == "admission");
  CHECK(gap["exclusions"][0]["failed"] == nlohmann::json::array({"admission", "language"}));

  ConflictReview review{"A", "B", "lawyer_register", "l-1", NearMatchRule::word_order, 1.0};
  CHECK(to_json(review)["rule"] == "word_order");

  AssignOptions assign_options;
  assign_options.as_of = kToday;
  const nlohmann::json assigned = to_json(matcher.assign(assign_options, Policy{}));
  CHECK(assigned["assignments"][0]["matter_id"] == "m-1");
  CHECK(assigned["unfilled"][0]["reason"] == "no_eligible_lawyer");
  CHECK(assigned["firm_cap"].is_null());
  CHECK(assigned["proved_optimal"] == true);

  CoverageOptions coverage_options;
  coverage_options.as_of = kToday;
  const nlohmann::json coverage = to_json(matcher.coverage_gaps(Policy{}, coverage_options));
  CHECK(coverage["open_matters"] == 2);
  CHECK(coverage["groups"][0]["forum"] == "VN");
  CHECK(coverage["groups"][0]["binding"][0]["constraint"] == "admission");
  CHECK(parse_constraint("firm_exclusion", "x") == Constraint::firm_exclusion);
  CHECK(error_of([] { parse_constraint("nope", "filter.constraint"); }).rfind("filter.constraint: \"nope\"", 0) == 0);
}

TEST_CASE("matching: worked example of docs/matching.md", "[matching]") {
  auto store = reference_store();
  Lawyer a = make_lawyer("l-a", "Lawyer A", "TH", "th");
  a.admissions[0].since = Date::parse("2015-01-05", "since");
  a.practice_areas = {{"labour.wage_claims", 8}};
  a.trainings = {{"labour.forced_labour", "TH", Date::parse("2025-03-02", "date"), ""}};
  a.response_days = 2;
  store->insert(a);
  Lawyer b = make_lawyer("l-b", "Lawyer B", "HK", "th");
  b.practice_areas = {{"labour.wage_claims", 8}};
  b.response_days = 2;
  store->insert(b);
  Lawyer c = make_lawyer("l-c", "Lawyer C", "TH", "th");
  c.languages[0].proficiency = Proficiency::working;
  c.practice_areas = {{"labour", 3}};
  c.max_active_matters = 3;
  c.response_days = 10;
  store->insert(c);
  Matter matter = make_matter("m-1", "ngo-a", "TH", "th");
  matter.urgency = Urgency::high;
  store->insert(matter);
  store->insert(make_matter("m-0", "ngo-b", "TH", "th"));
  store->insert(make_engagement("e-1", "m-0", "l-a", EngagementStatus::active));

  Matcher matcher(*store);
  RankOptions options = at_today();
  options.include_exclusions = true;
  const Ranking ranking = matcher.rank("m-1", Policy{}, options);
  REQUIRE(ids_of(ranking) == std::vector<std::string>{"l-a", "l-c"});
  CHECK(ranking.matches[0].score == Approx(0.805));
  CHECK(ranking.matches[1].score == Approx(0.50));
  const std::vector<double> expected_a = {1, 0.8, 1, 1, 0.5, 0.5, 0, 1};
  const std::vector<double> expected_c = {0.6, 0.3, 0, 0.6, 1, 0.5, 0, 0.3};
  for (std::size_t i = 0; i < 8; ++i) {
    CHECK(ranking.matches[0].components[i].score == Approx(expected_a[i]));
    CHECK(ranking.matches[1].components[i].score == Approx(expected_c[i]));
  }
  std::vector<std::string> texts;
  for (const Reason& reason : ranking.matches[0].reasons) texts.push_back(reason.text);
  CHECK(texts == std::vector<std::string>{"practises labour.wage_claims, the matter's area",
                                          "8 years in labour.wage_claims (full score at 10)",
                                          "ATIP training on TH, labour.forced_labour, 2025-03-02",
                                          "speaks th at native level",
                                          "1 of 2 matters active",
                                          "no finished matters yet (neutral score)",
                                          "no earlier engagement for ngo-a",
                                          "answers offers in about 2 days; high urgency asks for 3",
                                          "admitted in TH since 2015"});
  REQUIRE(ranking.exclusions.size() == 1);
  CHECK(ranking.exclusions[0].detail == "appear_in_court in TH needs an admission in TH; admitted in HK");
}
