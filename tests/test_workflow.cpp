// Workflow: the matter and engagement state machines, interests, conflict
// checks, offers and their guards, hours, feedback and attendance, on real
// SQLite files.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include <sqlite3.h>

#include "store/schema.hpp"
#include "workflow_fixture.hpp"

using namespace atip;
using atip_test::error_of;
using atip_test::WorkflowFixture;
using Catch::Matchers::Contains;

namespace {

using S = MatterStatus;
using E = EngagementStatus;

const std::vector<S> kAllMatterStates = {S::draft,  S::vetted,      S::circulated, S::interest_expressed,
                                         S::conflict_check, S::placed, S::in_progress, S::closed,
                                         S::withdrawn, S::expired};

const std::vector<E> kAllEngagementStates = {E::offered, E::accepted, E::declined,
                                             E::active,  E::completed, E::withdrawn};

/// The matter lifecycle written out by hand, independent of the library's table.
const std::map<S, std::set<S>>& expected_matter_moves() {
  static const std::map<S, std::set<S>> table = {
      {S::draft, {S::vetted, S::withdrawn}},
      {S::vetted, {S::circulated, S::withdrawn, S::expired}},
      {S::circulated, {S::interest_expressed, S::withdrawn, S::expired}},
      {S::interest_expressed, {S::circulated, S::conflict_check, S::withdrawn, S::expired}},
      {S::conflict_check, {S::circulated, S::placed, S::withdrawn, S::expired}},
      {S::placed, {S::circulated, S::in_progress, S::withdrawn}},
      {S::in_progress, {S::closed, S::withdrawn}},
      {S::closed, {}},
      {S::withdrawn, {}},
      {S::expired, {}},
  };
  return table;
}

const std::map<E, std::set<E>>& expected_engagement_moves() {
  static const std::map<E, std::set<E>> table = {
      {E::offered, {E::accepted, E::declined, E::withdrawn}},
      {E::accepted, {E::active, E::withdrawn}},
      {E::declined, {}},
      {E::active, {E::completed, E::withdrawn}},
      {E::completed, {}},
      {E::withdrawn, {}},
  };
  return table;
}

/// The allowed states as the error message lists them: table order, comma-separated.
std::string allowed_list(S from) {
  std::string out;
  for (const S state : allowed_transitions(from)) {
    if (!out.empty()) out += ", ";
    out += to_string(state);
  }
  return out.empty() ? "none" : out;
}

MatterTransition last_transition(WorkflowFixture& f, const std::string& matter) {
  const auto history = f.workflow->history(matter);
  REQUIRE_FALSE(history.empty());
  return history.back();
}

/// Brings an engagement to `state`: matter M-<state> placed with L-1, then
/// the engagement operations.
std::string engagement_in(WorkflowFixture& f, E state) {
  const std::string matter = "M-" + std::string(to_string(state));
  f.drive_to(matter, S::conflict_check);
  const auto checks = f.workflow->conflict_checks(matter);
  f.workflow->record_conflict_check(checks.at(0).id, ConflictCheckStatus::cleared, "conflicts-desk");
  const std::string id = f.offer(matter, "L-1").id;
  switch (state) {
    case E::offered: break;
    case E::accepted: f.workflow->accept(id, "lawyer-L-1"); break;
    case E::declined: f.workflow->decline(id, "too busy this quarter", "lawyer-L-1"); break;
    case E::active:
      f.workflow->accept(id, "lawyer-L-1");
      f.workflow->start(id, "lawyer-L-1");
      break;
    case E::completed:
      f.workflow->accept(id, "lawyer-L-1");
      f.workflow->start(id, "lawyer-L-1");
      f.workflow->complete(id, "advice_given", "lawyer-L-1");
      break;
    case E::withdrawn: f.workflow->withdraw(id, "client unreachable", "coordinator-1"); break;
  }
  REQUIRE(f.store->find_engagement(id)->status == state);
  return id;
}

/// Runs the engagement operation that moves to `to`.
void move_engagement(WorkflowFixture& f, const std::string& id, E to) {
  switch (to) {
    case E::offered: FAIL("no operation moves an engagement back to offered"); break;
    case E::accepted: f.workflow->accept(id, "lawyer-L-1"); break;
    case E::declined: f.workflow->decline(id, "no time", "lawyer-L-1"); break;
    case E::active: f.workflow->start(id, "lawyer-L-1"); break;
    case E::completed: f.workflow->complete(id, "advice_given", "lawyer-L-1"); break;
    case E::withdrawn: f.workflow->withdraw(id, "client moved abroad", "coordinator-1"); break;
  }
}

}  // namespace

// --- Matter lifecycle ----------------------------------------------------------------

TEST_CASE("workflow: matter table matches the lifecycle", "[workflow]") {
  for (const S from : kAllMatterStates) {
    const auto& allowed = allowed_transitions(from);
    INFO("from " << to_string(from));
    CHECK(std::set<S>(allowed.begin(), allowed.end()) == expected_matter_moves().at(from));
    CHECK(is_terminal(from) == expected_matter_moves().at(from).empty());
  }
}

TEST_CASE("workflow: engagement table matches the lifecycle", "[workflow]") {
  for (const E from : kAllEngagementStates) {
    const auto& allowed = allowed_transitions(from);
    INFO("from " << to_string(from));
    CHECK(std::set<E>(allowed.begin(), allowed.end()) == expected_engagement_moves().at(from));
    CHECK(is_terminal(from) == expected_engagement_moves().at(from).empty());
  }
}

TEST_CASE("workflow: every illegal matter move is rejected", "[workflow]") {
  WorkflowFixture f;
  int checked = 0;
  for (const S from : kAllMatterStates) {
    const std::string matter = "M-" + std::string(to_string(from));
    f.drive_to(matter, from);
    REQUIRE(f.store->find_matter(matter)->status == from);
    const std::size_t history_size = f.workflow->history(matter).size();

    for (const S to : kAllMatterStates) {
      if (expected_matter_moves().at(from).count(to) > 0) continue;
      INFO(to_string(from) << " -> " << to_string(to));
      const auto error = error_of([&] { f.move(matter, to, to == S::closed ? "advice_given" : ""); });
      REQUIRE(error);
      CHECK(error->kind() == ErrorKind::invalid_state);
      const std::string expected = "matter \"" + matter + "\": cannot move from " + std::string(to_string(from)) +
                                   " to " + std::string(to_string(to)) + " (allowed from " +
                                   std::string(to_string(from)) + ": " +
                                   allowed_list(from);
      CHECK_THAT(error->what(), Contains(expected));
      if (is_terminal(from)) CHECK_THAT(error->what(), Contains(std::string(to_string(from)) + " is final"));
      ++checked;
    }
    CHECK(f.store->find_matter(matter)->status == from);
    CHECK(f.workflow->history(matter).size() == history_size);
  }
  CHECK(checked == 100 - 21);
}

TEST_CASE("workflow: manual matter moves record actor and date", "[workflow]") {
  WorkflowFixture f;
  f.post("M-1");
  f.clock.advance_days(1);
  f.move("M-1", S::vetted);
  f.clock.advance_days(2);
  TransitionRequest request{"M-1", S::circulated, "coordinator-2", "", "sent to the TH list"};
  const MatterTransition circulated = f.workflow->transition(request);

  const auto history = f.workflow->history("M-1");
  REQUIRE(history.size() == 3);
  CHECK_FALSE(history[0].from.has_value());
  CHECK(history[0].to == S::draft);
  CHECK(history[0].date.to_string() == "2026-03-02");
  CHECK(history[0].actor == "coordinator-1");
  CHECK(history[1].from == S::draft);
  CHECK(history[1].to == S::vetted);
  CHECK(history[1].date.to_string() == "2026-03-03");
  CHECK(history[2].from == S::vetted);
  CHECK(history[2].to == S::circulated);
  CHECK(history[2].date.to_string() == "2026-03-05");
  CHECK(history[2].time == "2026-03-05T09:00:00.000Z");
  CHECK(history[2].actor == "coordinator-2");
  CHECK(history[2].note == "sent to the TH list");
  CHECK(history[2].id == circulated.id);
  CHECK(history[0].id < history[1].id);
  CHECK(history[1].id < history[2].id);
  CHECK(f.store->find_matter("M-1")->status == S::circulated);
}

TEST_CASE("workflow: withdrawn and expired from each open state", "[workflow]") {
  WorkflowFixture f;
  for (const S from : kAllMatterStates) {
    for (const S to : {S::withdrawn, S::expired}) {
      if (expected_matter_moves().at(from).count(to) == 0) continue;
      const std::string matter = "M-" + std::string(to_string(from)) + "-" + std::string(to_string(to));
      f.drive_to(matter, from);
      f.move(matter, to);
      INFO(to_string(from) << " -> " << to_string(to));
      const MatterTransition last = last_transition(f, matter);
      CHECK(last.from == from);
      CHECK(last.to == to);
      CHECK(last.actor == "coordinator-1");
      // No engagement stays live on a matter that ended.
      for (const auto& engagement : f.store->list_engagements_of_matter(matter)) {
        CHECK(engagement.status == E::withdrawn);
      }
    }
  }
}

TEST_CASE("workflow: operations move the matter forward", "[workflow]") {
  WorkflowFixture f;
  f.drive_to("M-1", S::circulated);

  f.clock.advance_days(1);
  f.workflow->express_interest(InterestRequest{"M-1", "L-1", "", "lawyer-L-1", ""});
  CHECK(last_transition(f, "M-1").to == S::interest_expressed);
  CHECK(last_transition(f, "M-1").actor == "lawyer-L-1");
  CHECK(last_transition(f, "M-1").date.to_string() == "2026-03-03");

  const ConflictCheck check = f.request_check("M-1", "L-1");
  CHECK(last_transition(f, "M-1").from == S::interest_expressed);
  CHECK(last_transition(f, "M-1").to == S::conflict_check);

  f.workflow->record_conflict_check(check.id, ConflictCheckStatus::cleared, "conflicts-desk");
  CHECK(f.store->find_matter("M-1")->status == S::conflict_check);  // clearance alone does not place
  const Engagement offered = f.offer("M-1", "L-1");
  CHECK(f.store->find_matter("M-1")->status == S::conflict_check);

  f.clock.advance_days(1);
  f.workflow->accept(offered.id, "lawyer-L-1");
  CHECK(last_transition(f, "M-1").from == S::conflict_check);
  CHECK(last_transition(f, "M-1").to == S::placed);
  CHECK(last_transition(f, "M-1").date.to_string() == "2026-03-04");
  CHECK(last_transition(f, "M-1").note == "engagement " + offered.id + " accepted");

  f.workflow->start(offered.id, "lawyer-L-1");
  CHECK(last_transition(f, "M-1").to == S::in_progress);

  f.workflow->complete(offered.id, "compensation_awarded", "lawyer-L-1");
  CHECK(f.store->find_matter("M-1")->status == S::in_progress);  // the coordinator closes the matter
  const MatterTransition closed = f.workflow->transition(
      TransitionRequest{"M-1", S::closed, "coordinator-1", "compensation_awarded", ""});
  CHECK(closed.outcome == "compensation_awarded");
  CHECK(f.store->find_matter("M-1")->outcome == "compensation_awarded");
  CHECK(f.store->find_matter("M-1")->status == S::closed);
}

TEST_CASE("workflow: matter guards name what is missing", "[workflow]") {
  WorkflowFixture f;

  SECTION("interest_expressed without an interest") {
    f.drive_to("M-1", S::circulated);
    const auto error = error_of([&] { f.move("M-1", S::interest_expressed); });
    REQUIRE(error);
    CHECK(error->kind() == ErrorKind::invalid_state);
    CHECK_THAT(error->what(), Contains("no active expression of interest"));
  }
  SECTION("back to interest_expressed with an active interest") {
    f.drive_to("M-1", S::interest_expressed);
    f.move("M-1", S::circulated);
    f.move("M-1", S::interest_expressed);
    CHECK(last_transition(f, "M-1").from == S::circulated);
  }
  SECTION("conflict_check without a request") {
    f.drive_to("M-1", S::interest_expressed);
    const auto error = error_of([&] { f.move("M-1", S::conflict_check); });
    REQUIRE(error);
    CHECK_THAT(error->what(), Contains("no conflict check was requested"));
  }
  SECTION("conflict_check again after stepping back") {
    f.drive_to("M-1", S::conflict_check);
    f.move("M-1", S::circulated);
    f.move("M-1", S::interest_expressed);
    f.move("M-1", S::conflict_check);
    CHECK(last_transition(f, "M-1").to == S::conflict_check);
  }
  SECTION("placed without an accepted engagement") {
    f.drive_to("M-1", S::conflict_check);
    const auto error = error_of([&] { f.move("M-1", S::placed); });
    REQUIRE(error);
    CHECK_THAT(error->what(), Contains("no engagement is accepted or active"));
  }
  SECTION("in_progress without an active engagement") {
    f.drive_to("M-1", S::placed);
    const auto error = error_of([&] { f.move("M-1", S::in_progress); });
    REQUIRE(error);
    CHECK_THAT(error->what(), Contains("no engagement is active"));
  }
  SECTION("placed back to circulated needs the engagement withdrawn") {
    f.drive_to("M-1", S::placed);
    const auto error = error_of([&] { f.move("M-1", S::circulated); });
    REQUIRE(error);
    CHECK_THAT(error->what(), Contains("still accepted or active"));

    f.workflow->withdraw(f.engagement_of["M-1"], "lawyer fell ill", "coordinator-1");
    f.move("M-1", S::circulated);
    CHECK(last_transition(f, "M-1").from == S::placed);
    CHECK(last_transition(f, "M-1").to == S::circulated);
  }
  SECTION("closing needs an outcome and no live engagement") {
    f.drive_to("M-1", S::in_progress);
    const auto without_outcome = error_of([&] { f.move("M-1", S::closed); });
    REQUIRE(without_outcome);
    CHECK_THAT(without_outcome->what(), Contains("outcome is required"));

    const auto live = error_of([&] { f.move("M-1", S::closed, "advice_given"); });
    REQUIRE(live);
    CHECK_THAT(live->what(), Contains("still offered, accepted or active"));

    f.workflow->complete(f.engagement_of["M-1"], "advice_given", "lawyer-L-1");
    f.move("M-1", S::closed, "advice_given");
    CHECK(f.store->find_matter("M-1")->status == S::closed);
  }
  SECTION("outcome only on closing") {
    f.drive_to("M-1", S::draft);
    const auto error = error_of([&] { f.move("M-1", S::vetted, "advice_given"); });
    REQUIRE(error);
    CHECK(error->kind() == ErrorKind::invalid_argument);
    CHECK_THAT(error->what(), Contains("request.outcome"));
  }
}

TEST_CASE("workflow: bad requests name the field", "[workflow]") {
  WorkflowFixture f;
  f.post("M-1");

  const auto unknown = error_of([&] { f.move("M-404", S::vetted); });
  REQUIRE(unknown);
  CHECK(unknown->kind() == ErrorKind::not_found);
  CHECK_THAT(unknown->what(), Contains("request.matter: matter \"M-404\" does not exist"));

  const auto no_actor = error_of([&] { f.workflow->transition(TransitionRequest{"M-1", S::vetted, "", "", ""}); });
  REQUIRE(no_actor);
  CHECK(no_actor->kind() == ErrorKind::invalid_argument);
  CHECK_THAT(no_actor->what(), Contains("request.actor"));

  Matter not_draft = atip_test::draft_matter("M-2");
  not_draft.status = S::circulated;
  const auto posted = error_of([&] { f.workflow->post_matter(not_draft, "coordinator-1"); });
  REQUIRE(posted);
  CHECK_THAT(posted->what(), Contains("matter.status: \"circulated\""));
  CHECK_FALSE(f.store->find_matter("M-2"));
}

TEST_CASE("workflow: expire_overdue expires open matters past deadline", "[workflow]") {
  WorkflowFixture f;
  auto with_deadline = [&](const std::string& id, const char* deadline) {
    Matter matter = atip_test::draft_matter(id);
    matter.deadline = Date::parse(deadline, "deadline");
    f.workflow->post_matter(matter, "coordinator-1");
    f.move(id, S::vetted);
    f.move(id, S::circulated);
  };
  with_deadline("M-past", "2026-03-01");
  with_deadline("M-today", "2026-03-02");
  with_deadline("M-future", "2026-04-01");
  f.drive_to("M-none", S::circulated);
  f.post("M-draft");

  const auto expired = f.workflow->expire_overdue("scheduler");

  REQUIRE(expired.size() == 1);
  CHECK(expired[0].matter == "M-past");
  CHECK(expired[0].actor == "scheduler");
  CHECK_THAT(expired[0].note, Contains("2026-03-01"));
  CHECK(f.store->find_matter("M-past")->status == S::expired);
  CHECK(f.store->find_matter("M-today")->status == S::circulated);
  CHECK(f.store->find_matter("M-future")->status == S::circulated);
  CHECK(f.store->find_matter("M-none")->status == S::circulated);
  CHECK(f.store->find_matter("M-draft")->status == S::draft);
}

TEST_CASE("workflow: expire_overdue withdraws live offers", "[workflow]") {
  WorkflowFixture f;
  Matter matter = atip_test::draft_matter("M-1");
  matter.deadline = Date::parse("2026-03-10", "deadline");
  f.workflow->post_matter(matter, "coordinator-1");
  f.move("M-1", S::vetted);
  f.move("M-1", S::circulated);
  f.workflow->express_interest(InterestRequest{"M-1", "L-1", "", "lawyer-L-1", ""});
  const ConflictCheck check = f.request_check("M-1", "L-1");
  f.workflow->record_conflict_check(check.id, ConflictCheckStatus::cleared, "conflicts-desk");
  const Engagement offered = f.offer("M-1", "L-1");

  f.clock.set("2026-03-11");
  f.workflow->expire_overdue("scheduler");

  CHECK(f.store->find_matter("M-1")->status == S::expired);
  CHECK(f.store->find_engagement(offered.id)->status == E::withdrawn);
  const auto history = f.workflow->engagement_history(offered.id);
  CHECK(history.back().reason == "matter expired");
  CHECK(history.back().actor == "scheduler");
}

// --- Engagement lifecycle ----------------------------------------------------------------

TEST_CASE("workflow: every illegal engagement move is rejected", "[workflow]") {
  WorkflowFixture f;
  int checked = 0;
  for (const E from : kAllEngagementStates) {
    const std::string id = engagement_in(f, from);
    for (const E to : kAllEngagementStates) {
      if (to == E::offered || expected_engagement_moves().at(from).count(to) > 0) continue;
      INFO(to_string(from) << " -> " << to_string(to));
      const auto error = error_of([&] { move_engagement(f, id, to); });
      REQUIRE(error);
      CHECK(error->kind() == ErrorKind::invalid_state);
      std::string allowed;
      for (const E state : allowed_transitions(from)) {
        allowed += (allowed.empty() ? "" : ", ") + std::string(to_string(state));
      }
      const std::string expected = "engagement \"" + id + "\": cannot move from " + std::string(to_string(from)) +
                                   " to " + std::string(to_string(to)) + " (allowed from " +
                                   std::string(to_string(from)) + ": " + (allowed.empty() ? "none" : allowed);
      CHECK_THAT(error->what(), Contains(expected));
      CHECK(f.store->find_engagement(id)->status == from);
      ++checked;
    }
  }
  // 6 states x 5 targets other than offered, minus the 7 legal moves.
  CHECK(checked == 30 - 7);
}

TEST_CASE("workflow: every legal engagement move is recorded", "[workflow]") {
  WorkflowFixture f;
  for (const auto& [from, targets] : expected_engagement_moves()) {
    for (const E to : targets) {
      WorkflowFixture fresh;
      const std::string id = engagement_in(fresh, from);
      fresh.clock.advance_days(1);
      move_engagement(fresh, id, to);

      INFO(to_string(from) << " -> " << to_string(to));
      const Engagement engagement = *fresh.store->find_engagement(id);
      CHECK(engagement.status == to);
      const auto history = fresh.workflow->engagement_history(id);
      REQUIRE(history.size() >= 2);
      CHECK(history.back().from == from);
      CHECK(history.back().to == to);
      CHECK(history.back().date == fresh.clock.date());
      const std::string actor = to == E::withdrawn ? "coordinator-1" : "lawyer-L-1";
      CHECK(history.back().actor == actor);
    }
  }
}

TEST_CASE("workflow: offer records decider and reason", "[workflow]") {
  WorkflowFixture f;
  f.drive_to("M-1", S::conflict_check);
  f.workflow->record_conflict_check(f.workflow->conflict_checks("M-1").at(0).id, ConflictCheckStatus::cleared,
                                    "conflicts-desk");
  f.clock.advance_days(3);
  const Engagement engagement = f.offer("M-1", "L-1");

  CHECK(engagement.status == E::offered);
  CHECK(engagement.offered_on.to_string() == "2026-03-05");
  const auto history = f.workflow->engagement_history(engagement.id);
  REQUIRE(history.size() == 1);
  CHECK_FALSE(history[0].from.has_value());
  CHECK(history[0].to == E::offered);
  CHECK(history[0].actor == "coordinator-1");
  CHECK(history[0].reason == "best match");
}

TEST_CASE("workflow: decline needs a reason and keeps it", "[workflow]") {
  WorkflowFixture f;
  const std::string id = engagement_in(f, E::offered);

  const auto no_reason = error_of([&] { f.workflow->decline(id, "", "lawyer-L-1"); });
  REQUIRE(no_reason);
  CHECK(no_reason->kind() == ErrorKind::invalid_argument);
  CHECK_THAT(no_reason->what(), Contains("reason: is required"));

  f.clock.advance_days(2);
  f.workflow->decline(id, "conflict with a current client", "lawyer-L-1");
  const Engagement declined = *f.store->find_engagement(id);
  CHECK(declined.status == E::declined);
  CHECK(declined.decline_reason == "conflict with a current client");
  REQUIRE(declined.decided_on);
  CHECK(declined.decided_on->to_string() == "2026-03-04");
  CHECK(f.workflow->engagement_history(id).back().reason == "conflict with a current client");
  // The matter still waits for a lawyer.
  CHECK(f.store->find_matter("M-offered")->status == S::conflict_check);
}

TEST_CASE("workflow: withdrawing needs a reason", "[workflow]") {
  WorkflowFixture f;
  const std::string id = engagement_in(f, E::active);
  const auto no_reason = error_of([&] { f.workflow->withdraw(id, "", "coordinator-1"); });
  REQUIRE(no_reason);
  CHECK(no_reason->kind() == ErrorKind::invalid_argument);
  CHECK(f.store->find_engagement(id)->status == E::active);
}

TEST_CASE("workflow: complete needs an outcome", "[workflow]") {
  WorkflowFixture f;
  const std::string id = engagement_in(f, E::active);
  const auto no_outcome = error_of([&] { f.workflow->complete(id, "", "lawyer-L-1"); });
  REQUIRE(no_outcome);
  CHECK_THAT(no_outcome->what(), Contains("outcome: is required"));
  f.workflow->complete(id, "settlement", "lawyer-L-1");
  CHECK(f.store->find_engagement(id)->outcome == "settlement");
}

// --- Expressions of interest ------------------------------------------------------------------

TEST_CASE("workflow: interests from lawyers and firms", "[workflow]") {
  WorkflowFixture f;
  f.drive_to("M-1", S::circulated);

  const auto first = f.workflow->express_interest(InterestRequest{"M-1", "L-3", "", "lawyer-L-3", "speaks Khmer"});
  CHECK(first.lawyer == "L-3");
  CHECK(first.firm.empty());
  CHECK(first.status == InterestStatus::active);
  CHECK(first.date.to_string() == "2026-03-02");
  CHECK(first.actor == "lawyer-L-3");
  CHECK(first.note == "speaks Khmer");
  const std::size_t transitions = f.workflow->history("M-1").size();

  const auto second = f.workflow->express_interest(InterestRequest{"M-1", "", "firm-2", "firm-2-desk", ""});
  CHECK(second.firm == "firm-2");
  CHECK(second.id != first.id);
  // Only the first interest moves the matter.
  CHECK(f.workflow->history("M-1").size() == transitions);

  const auto listed = f.workflow->interests("M-1");
  REQUIRE(listed.size() == 2);
  CHECK(listed[0].id == first.id);
  CHECK(listed[1].id == second.id);
}

TEST_CASE("workflow: interest requests are validated", "[workflow]") {
  WorkflowFixture f;
  f.drive_to("M-1", S::circulated);
  f.drive_to("M-draft", S::draft);

  auto kind_of = [&](const InterestRequest& request) {
    const auto error = error_of([&] { f.workflow->express_interest(request); });
    REQUIRE(error);
    return error->kind();
  };
  CHECK(kind_of({"M-1", "", "", "x", ""}) == ErrorKind::invalid_argument);           // neither
  CHECK(kind_of({"M-1", "L-1", "firm-1", "x", ""}) == ErrorKind::invalid_argument);  // both
  CHECK(kind_of({"M-1", "L-404", "", "x", ""}) == ErrorKind::not_found);
  CHECK(kind_of({"M-1", "L-5", "", "x", ""}) == ErrorKind::invalid_state);           // inactive
  CHECK(kind_of({"M-1", "", "ngo-2", "x", ""}) == ErrorKind::invalid_argument);      // not a law firm
  CHECK(kind_of({"M-draft", "L-1", "", "x", ""}) == ErrorKind::invalid_state);

  f.workflow->express_interest({"M-1", "L-1", "", "lawyer-L-1", ""});
  CHECK(kind_of({"M-1", "L-1", "", "lawyer-L-1", ""}) == ErrorKind::already_exists);

  const auto draft = error_of([&] { f.workflow->express_interest({"M-draft", "L-1", "", "x", ""}); });
  REQUIRE(draft);
  CHECK_THAT(draft->what(), Contains("while it is draft (allowed in: circulated, interest_expressed, conflict_check)"));
}

TEST_CASE("workflow: withdrawn interest can be renewed", "[workflow]") {
  WorkflowFixture f;
  f.drive_to("M-1", S::circulated);
  const auto interest = f.workflow->express_interest({"M-1", "L-1", "", "lawyer-L-1", ""});

  const auto withdrawn = f.workflow->withdraw_interest(interest.id, "lawyer-L-1");
  CHECK(withdrawn.status == InterestStatus::withdrawn);
  const auto again = error_of([&] { f.workflow->withdraw_interest(interest.id, "lawyer-L-1"); });
  REQUIRE(again);
  CHECK(again->kind() == ErrorKind::invalid_state);
  const auto unknown = error_of([&] { f.workflow->withdraw_interest("interest-404", "lawyer-L-1"); });
  REQUIRE(unknown);
  CHECK(unknown->kind() == ErrorKind::not_found);

  const auto renewed = f.workflow->express_interest({"M-1", "L-1", "", "lawyer-L-1", ""});
  CHECK(renewed.id != interest.id);
  CHECK(f.workflow->interests("M-1").size() == 2);
}

// --- Conflict checks --------------------------------------------------------------------------

TEST_CASE("workflow: conflict checks run per firm", "[workflow]") {
  WorkflowFixture f;
  f.drive_to("M-1", S::interest_expressed);

  const ConflictCheck by_firm = f.request_check("M-1", "L-1");
  CHECK(by_firm.firm == "firm-1");
  CHECK(by_firm.lawyer.empty());
  CHECK(by_firm.status == ConflictCheckStatus::requested);
  CHECK(by_firm.requested_on.to_string() == "2026-03-02");
  CHECK(by_firm.remind_on.to_string() == "2026-03-07");
  CHECK(by_firm.requested_by == "coordinator-1");

  // L-2 is in the same firm: the firm's check covers them.
  const auto same_firm = error_of([&] { f.request_check("M-1", "L-2"); });
  REQUIRE(same_firm);
  CHECK(same_firm->kind() == ErrorKind::already_exists);
  CHECK_THAT(same_firm->what(), Contains("firm \"firm-1\""));

  const ConflictCheck individual = f.request_check("M-1", "L-3");
  CHECK(individual.firm.empty());
  CHECK(individual.lawyer == "L-3");

  ConflictCheckRequest direct;
  direct.matter = "M-1";
  direct.firm = "firm-2";
  direct.actor = "coordinator-1";
  direct.reminder_days = 10;
  const ConflictCheck by_id = f.workflow->request_conflict_check(direct);
  CHECK(by_id.firm == "firm-2");
  CHECK(by_id.remind_on.to_string() == "2026-03-12");

  CHECK(f.workflow->conflict_checks("M-1").size() == 3);
}

TEST_CASE("workflow: conflict check requests are validated", "[workflow]") {
  WorkflowFixture f;
  f.drive_to("M-1", S::interest_expressed);
  f.drive_to("M-2", S::circulated);

  auto error_for = [&](ConflictCheckRequest request) {
    request.actor = "coordinator-1";
    return error_of([&] { f.workflow->request_conflict_check(request); });
  };
  ConflictCheckRequest both;
  both.matter = "M-1";
  both.firm = "firm-1";
  both.lawyer = "L-3";
  CHECK(error_for(both)->kind() == ErrorKind::invalid_argument);

  ConflictCheckRequest ngo;
  ngo.matter = "M-1";
  ngo.firm = "ngo-1";
  CHECK(error_for(ngo)->kind() == ErrorKind::invalid_argument);

  for (const int days : {0, 91}) {
    ConflictCheckRequest reminder;
    reminder.matter = "M-1";
    reminder.lawyer = "L-3";
    reminder.reminder_days = days;
    const auto error = error_for(reminder);
    REQUIRE(error);
    CHECK_THAT(error->what(), Contains("request.reminder_days: " + std::to_string(days)));
  }

  ConflictCheckRequest too_early;
  too_early.matter = "M-2";
  too_early.lawyer = "L-3";
  const auto early = error_for(too_early);
  REQUIRE(early);
  CHECK(early->kind() == ErrorKind::invalid_state);
  CHECK_THAT(early->what(), Contains("while it is circulated"));
}

TEST_CASE("workflow: reminders list unanswered checks due", "[workflow]") {
  WorkflowFixture f;
  f.drive_to("M-1", S::interest_expressed);
  const ConflictCheck early = f.request_check("M-1", "L-1");  // reminds 2026-03-07
  f.clock.advance_days(3);
  const ConflictCheck late = f.request_check("M-1", "L-3");   // reminds 2026-03-10
  f.clock.advance_days(1);
  const ConflictCheck answered = f.request_check("M-1", "L-4");  // reminds 2026-03-11
  f.workflow->record_conflict_check(answered.id, ConflictCheckStatus::conflict_found, "firm-2-desk");

  CHECK(f.workflow->due_reminders(Date::parse("2026-03-06", "on")).empty());
  const auto on_7 = f.workflow->due_reminders(Date::parse("2026-03-07", "on"));
  REQUIRE(on_7.size() == 1);
  CHECK(on_7[0].id == early.id);
  const auto on_20 = f.workflow->due_reminders(Date::parse("2026-03-20", "on"));
  REQUIRE(on_20.size() == 2);
  CHECK(on_20[0].id == early.id);
  CHECK(on_20[1].id == late.id);

  f.workflow->record_conflict_check(early.id, ConflictCheckStatus::cleared, "firm-1-desk");
  const auto after = f.workflow->due_reminders(Date::parse("2026-03-20", "on"));
  REQUIRE(after.size() == 1);
  CHECK(after[0].id == late.id);
}

TEST_CASE("workflow: a conflict check is answered once", "[workflow]") {
  WorkflowFixture f;
  f.drive_to("M-1", S::interest_expressed);
  const ConflictCheck check = f.request_check("M-1", "L-1");

  const auto not_an_answer =
      error_of([&] { f.workflow->record_conflict_check(check.id, ConflictCheckStatus::requested, "desk"); });
  REQUIRE(not_an_answer);
  CHECK(not_an_answer->kind() == ErrorKind::invalid_argument);

  f.clock.advance_days(2);
  const ConflictCheck answered =
      f.workflow->record_conflict_check(check.id, ConflictCheckStatus::conflict_found, "firm-1-desk", "acts for the agency");
  CHECK(answered.status == ConflictCheckStatus::conflict_found);
  REQUIRE(answered.resolved_on);
  CHECK(answered.resolved_on->to_string() == "2026-03-04");
  CHECK(answered.resolved_by == "firm-1-desk");
  CHECK(answered.note == "acts for the agency");

  const auto twice =
      error_of([&] { f.workflow->record_conflict_check(check.id, ConflictCheckStatus::cleared, "firm-1-desk"); });
  REQUIRE(twice);
  CHECK(twice->kind() == ErrorKind::invalid_state);
  CHECK(f.workflow->conflict_checks("M-1").at(0).status == ConflictCheckStatus::conflict_found);
}

// --- Guards on offers ----------------------------------------------------------------------------

TEST_CASE("workflow: offers need a cleared check", "[workflow]") {
  WorkflowFixture f;
  f.drive_to("M-1", S::conflict_check);  // firm-1 check requested for L-1

  const auto pending = error_of([&] { f.offer("M-1", "L-1"); });
  REQUIRE(pending);
  CHECK(pending->kind() == ErrorKind::invalid_state);
  CHECK_THAT(pending->what(), Contains("is requested, not cleared"));

  const auto none = error_of([&] { f.offer("M-1", "L-3"); });
  REQUIRE(none);
  CHECK_THAT(none->what(), Contains("no conflict check of lawyer \"L-3\""));

  const std::string check = f.workflow->conflict_checks("M-1").at(0).id;
  f.workflow->record_conflict_check(check, ConflictCheckStatus::conflict_found, "firm-1-desk");
  const auto conflict = error_of([&] { f.offer("M-1", "L-2"); });
  REQUIRE(conflict);
  CHECK_THAT(conflict->what(), Contains("is conflict_found, not cleared"));
  CHECK(f.store->list_engagements_of_matter("M-1").empty());
}

TEST_CASE("workflow: offers honour lawyer status and capacity", "[workflow]") {
  WorkflowFixture f;
  f.drive_to("M-1", S::conflict_check, "L-3");
  f.workflow->record_conflict_check(f.workflow->conflict_checks("M-1").at(0).id, ConflictCheckStatus::cleared, "desk");

  SECTION("unvetted and inactive lawyers") {
    f.workflow->express_interest({"M-1", "L-6", "", "lawyer-L-6", ""});
    f.workflow->record_conflict_check(f.request_check("M-1", "L-6").id, ConflictCheckStatus::cleared, "desk");
    const auto unvetted = error_of([&] { f.offer("M-1", "L-6"); });
    REQUIRE(unvetted);
    CHECK_THAT(unvetted->what(), Contains("is not vetted"));

    f.workflow->record_conflict_check(f.request_check("M-1", "L-5").id, ConflictCheckStatus::cleared, "desk");
    const auto inactive = error_of([&] { f.offer("M-1", "L-5"); });
    REQUIRE(inactive);
    CHECK_THAT(inactive->what(), Contains("is inactive, not active"));
  }
  SECTION("capacity counts accepted and active engagements") {
    Lawyer lawyer = *f.store->find_lawyer("L-3");
    lawyer.max_active_matters = 1;
    f.store->update(lawyer);
    f.drive_to("M-2", S::placed, "L-3");

    const auto full = error_of([&] { f.offer("M-1", "L-3"); });
    REQUIRE(full);
    CHECK_THAT(full->what(), Contains("at capacity (1 accepted or active engagements, max_active_matters 1)"));

    f.workflow->withdraw(f.engagement_of["M-2"], "client withdrew", "coordinator-1");
    CHECK(f.offer("M-1", "L-3").status == E::offered);
  }
  SECTION("unavailability over the matter's period") {
    Matter matter = *f.store->find_matter("M-1");
    matter.period = DateRange{Date::parse("2026-04-01", "from"), Date::parse("2026-04-30", "to")};
    f.store->update(matter);
    Lawyer lawyer = *f.store->find_lawyer("L-3");
    lawyer.unavailable = {{Date::parse("2026-04-20", "from"), Date::parse("2026-05-10", "to")}};
    f.store->update(lawyer);

    const auto away = error_of([&] { f.offer("M-1", "L-3"); });
    REQUIRE(away);
    CHECK_THAT(away->what(), Contains("is unavailable from 2026-04-20 to 2026-05-10"));
  }
  SECTION("one live engagement per lawyer and matter") {
    f.offer("M-1", "L-3");
    const auto twice = error_of([&] { f.offer("M-1", "L-3"); });
    REQUIRE(twice);
    CHECK(twice->kind() == ErrorKind::already_exists);
  }
  SECTION("the team size caps acceptances") {
    f.workflow->record_conflict_check(f.request_check("M-1", "L-1").id, ConflictCheckStatus::cleared, "desk");
    const Engagement first = f.offer("M-1", "L-3");
    const Engagement second = f.offer("M-1", "L-1");
    f.workflow->accept(first.id, "lawyer-L-3");
    const auto full = error_of([&] { f.workflow->accept(second.id, "lawyer-L-1"); });
    REQUIRE(full);
    CHECK_THAT(full->what(), Contains("the team is complete (1 accepted or active engagements, team_size 1)"));
  }
}

TEST_CASE("workflow: firm exclusions are honoured", "[workflow]") {
  WorkflowFixture f;
  f.drive_to("M-1", S::conflict_check, "L-1");
  f.workflow->record_conflict_check(f.workflow->conflict_checks("M-1").at(0).id, ConflictCheckStatus::cleared, "desk");
  Organization firm = *f.store->find_organization("firm-1");

  SECTION("a practice area excludes its subtree") {
    firm.exclusions.practice_areas = {"labour"};
    f.store->update(firm);
    const auto error = error_of([&] { f.offer("M-1", "L-1"); });
    REQUIRE(error);
    CHECK(error->kind() == ErrorKind::invalid_state);
    CHECK_THAT(error->what(), Contains("firm \"firm-1\" excludes practice area \"labour\""));
  }
  SECTION("a sibling practice area does not exclude") {
    firm.exclusions.practice_areas = {"labour.forced_labour"};
    f.store->update(firm);
    CHECK(f.offer("M-1", "L-1").status == E::offered);
  }
  SECTION("an NGO") {
    firm.exclusions.ngos = {"ngo-1"};
    f.store->update(firm);
    const auto error = error_of([&] { f.offer("M-1", "L-1"); });
    REQUIRE(error);
    CHECK_THAT(error->what(), Contains("excludes matters of NGO \"ngo-1\""));
  }
  SECTION("a party, compared by search key") {
    firm.exclusions.parties = {"SIAM  ocean recruitment"};
    f.store->update(firm);
    const auto error = error_of([&] { f.offer("M-1", "L-1"); });
    REQUIRE(error);
    CHECK_THAT(error->what(), Contains("excludes party \"SIAM  ocean recruitment\""));
  }
  SECTION("another firm's exclusions do not apply") {
    Organization other = *f.store->find_organization("firm-2");
    other.exclusions.ngos = {"ngo-1"};
    f.store->update(other);
    CHECK(f.offer("M-1", "L-1").status == E::offered);
  }
}

// --- Hours and feedback ------------------------------------------------------------------------

TEST_CASE("workflow: hours are logged on active work", "[workflow]") {
  WorkflowFixture f;
  const std::string offered = engagement_in(f, E::offered);
  const auto too_early = error_of([&] { f.workflow->log_hours(offered, {f.clock.date(), 2, "", ""}, "lawyer-L-1"); });
  REQUIRE(too_early);
  CHECK(too_early->kind() == ErrorKind::invalid_state);
  CHECK_THAT(too_early->what(), Contains("cannot log hours while it is offered (allowed in: active, completed)"));

  const std::string id = engagement_in(f, E::active);
  f.clock.advance_days(3);
  const Date today = f.clock.date();
  const Date yesterday = Date::from_days(today.days() - 1);
  f.workflow->log_hours(id, {yesterday, 2.5, "drafting", "claim form"}, "lawyer-L-1");
  f.workflow->log_hours(id, {today, 4, "court", ""}, "lawyer-L-1");
  const Engagement engagement = f.workflow->log_hours(id, {today, 1.25, "research", ""}, "lawyer-L-1");

  REQUIRE(engagement.hours.size() == 3);
  CHECK(engagement.total_hours() == Approx(7.75));
  CHECK(f.store->find_engagement(id)->total_hours() == Approx(7.75));
  CHECK(f.store->find_engagement(id)->hours[0].activity == "drafting");

  f.workflow->complete(id, "advice_given", "lawyer-L-1");
  CHECK(f.workflow->log_hours(id, {today, 1, "report", ""}, "lawyer-L-1").total_hours() == Approx(8.75));
}

TEST_CASE("workflow: bad hours entries are rejected", "[workflow]") {
  WorkflowFixture f;
  const std::string id = engagement_in(f, E::active);
  const Date today = f.clock.date();
  auto error_for = [&](HoursEntry entry) { return error_of([&] { f.workflow->log_hours(id, entry, "lawyer-L-1"); }); };

  CHECK_THAT(error_for({today, 0, "", ""})->what(), Contains("entry.hours"));
  CHECK_THAT(error_for({today, -1, "", ""})->what(), Contains("entry.hours"));
  CHECK_THAT(error_for({today, 24.5, "", ""})->what(), Contains("entry.hours"));
  CHECK_THAT(error_for({Date::from_days(today.days() + 1), 1, "", ""})->what(), Contains("is after today"));
  CHECK_THAT(error_for({Date::from_days(today.days() - 30), 1, "", ""})->what(), Contains("before the offer"));

  f.workflow->log_hours(id, {today, 20, "", ""}, "lawyer-L-1");
  CHECK_THAT(error_for({today, 5, "", ""})->what(), Contains("at most 24 a day"));
  CHECK(f.store->find_engagement(id)->total_hours() == Approx(20));
}

TEST_CASE("workflow: feedback after the work ends", "[workflow]") {
  WorkflowFixture f;
  const std::string active = engagement_in(f, E::active);
  const auto early = error_of([&] { f.workflow->record_feedback(active, 4, "ngo-1-staff"); });
  REQUIRE(early);
  CHECK(early->kind() == ErrorKind::invalid_state);

  const std::string completed = engagement_in(f, E::completed);
  for (const int bad : {0, 6}) {
    const auto error = error_of([&] { f.workflow->record_feedback(completed, bad, "ngo-1-staff"); });
    REQUIRE(error);
    CHECK(error->kind() == ErrorKind::invalid_argument);
  }
  CHECK(f.workflow->record_feedback(completed, 5, "ngo-1-staff").feedback == 5);
  CHECK(f.store->find_engagement(completed)->feedback == 5);

  const std::string withdrawn = engagement_in(f, E::withdrawn);
  CHECK(f.workflow->record_feedback(withdrawn, 2, "ngo-1-staff").feedback == 2);
}

// --- Attendance -------------------------------------------------------------------------------------

TEST_CASE("workflow: attendance becomes training records", "[workflow]") {
  WorkflowFixture f;
  Event event;
  event.id = "EV-1";
  event.title = "Compensation claims in Thai labour courts";
  event.date = Date::parse("2026-02-20", "date");
  event.jurisdiction = "TH";
  event.topics = {"labour.wage_claims", "compensation.civil_compensation"};
  f.store->insert(event);

  const Event recorded = f.workflow->record_attendance("EV-1", {"L-1", "L-3"}, "trainer-1");
  CHECK(recorded.attendees == std::vector<std::string>{"L-1", "L-3"});
  CHECK(f.store->find_event("EV-1")->attendees == std::vector<std::string>{"L-1", "L-3"});

  const Lawyer lawyer = *f.store->find_lawyer("L-1");
  REQUIRE(lawyer.trainings.size() == 2);
  CHECK(lawyer.trainings[0] == Training{"labour.wage_claims", "TH", event.date, "EV-1"});
  CHECK(lawyer.trainings[1] == Training{"compensation.civil_compensation", "TH", event.date, "EV-1"});
  CHECK(f.store->find_lawyer("L-2")->trainings.empty());

  // Recording again adds no attendee twice and no duplicate training.
  f.workflow->record_attendance("EV-1", {"L-1", "L-2"}, "trainer-1");
  CHECK(f.store->find_event("EV-1")->attendees == std::vector<std::string>{"L-1", "L-3", "L-2"});
  CHECK(f.store->find_lawyer("L-1")->trainings.size() == 2);
  CHECK(f.store->find_lawyer("L-2")->trainings.size() == 2);
}

TEST_CASE("workflow: attendance is all or nothing", "[workflow]") {
  WorkflowFixture f;
  Event event;
  event.id = "EV-1";
  event.title = "Roundtable";
  event.kind = EventKind::roundtable;
  event.date = Date::parse("2026-03-20", "date");
  event.jurisdiction = "TH";
  event.topics = {"labour"};
  f.store->insert(event);

  const auto future = error_of([&] { f.workflow->record_attendance("EV-1", {"L-1"}, "trainer-1"); });
  REQUIRE(future);
  CHECK(future->kind() == ErrorKind::invalid_state);

  f.clock.set("2026-03-21");
  const auto unknown = error_of([&] { f.workflow->record_attendance("EV-1", {"L-1", "L-404"}, "trainer-1"); });
  REQUIRE(unknown);
  CHECK(unknown->kind() == ErrorKind::not_found);
  CHECK_THAT(unknown->what(), Contains("lawyer_ids[1]"));
  CHECK(f.store->find_event("EV-1")->attendees.empty());
  CHECK(f.store->find_lawyer("L-1")->trainings.empty());

  const auto no_event = error_of([&] { f.workflow->record_attendance("EV-404", {"L-1"}, "trainer-1"); });
  REQUIRE(no_event);
  CHECK(no_event->kind() == ErrorKind::not_found);
}

TEST_CASE("workflow: version 1 data migrates to the workflow", "[workflow]") {
  atip_test::TempDir dir;
  const std::string path = dir.file("v1.db");
  {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    schema::migrate_to(db, 1);
    sqlite3_close(db);
  }
  {
    // A read-only connection cannot migrate, so opening a version 1
    // database read-only is rejected and leaves it at version 1.
    const auto rejected = error_of([&] { Store::open(path, StoreOptions{5000, true, false}); });
    REQUIRE(rejected);
    CHECK(rejected->kind() == ErrorKind::schema_version);
  }

  auto store = Store::open(path);
  REQUIRE(store->schema_version() == kSchemaVersion);
  Dataset data = atip_test::workflow_network();
  store->insert_dataset(data);
  AuditLog audit(*store);
  Workflow workflow(*store, audit);
  workflow.post_matter(atip_test::draft_matter("M-1"), "coordinator-1");
  workflow.transition(TransitionRequest{"M-1", S::vetted, "coordinator-1", "", ""});
  CHECK(workflow.history("M-1").size() == 2);
  CHECK(audit.verify().intact);
}
