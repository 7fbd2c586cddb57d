// Disclosure: the two stages of a candidate's view of a matter, and the
// confidential matter fields in every export (records, data sets, audit
// entries, the facade).
#include <catch2/catch.hpp>

#include "atip/clearinghouse.hpp"
#include "workflow_fixture.hpp"

using namespace atip;
using atip_test::error_of;
using atip_test::WorkflowFixture;
using Catch::Matchers::Contains;

namespace {

using S = MatterStatus;

// Text that exists only in the confidential fields of draft_matter().
const std::string kFactsMarker = "passport confiscated";
const std::string kClientRef = "client-7f3a";
const std::string kAgeBand = "21--23";

/// Fails when `text` contains any confidential value of draft_matter().
void check_no_confidential_text(const std::string& text) {
  CHECK_THAT(text, !Contains(kFactsMarker));
  CHECK_THAT(text, !Contains(kClientRef));
  CHECK_THAT(text, !Contains(kAgeBand));
  CHECK_THAT(text, !Contains("client_profile"));
}

void check_all_confidential_text(const std::string& text) {
  CHECK_THAT(text, Contains(kFactsMarker));
  CHECK_THAT(text, Contains(kClientRef));
  CHECK_THAT(text, Contains(kAgeBand));
}

void check_summary_stage(const CandidateView& view) {
  CHECK(view.stage == DisclosureStage::summary);
  CHECK(view.facts.empty());
  CHECK(view.client_ref.empty());
  CHECK(view.summary == "Unpaid wages of fishing crew after rescue");
  REQUIRE(view.parties.size() == 1);
  CHECK(view.parties[0].names.at(0).value == "Siam Ocean Recruitment");
  const nlohmann::json j = to_json(view);
  CHECK_FALSE(j.contains("facts"));
  CHECK_FALSE(j.contains("client_ref"));
  CHECK(j.at("parties").at(0).at("names").at(0).at("value") == "Siam Ocean Recruitment");
  check_no_confidential_text(j.dump());
}

/// A matter in conflict_check with L-1's firm check requested (not answered).
std::string check_requested(WorkflowFixture& f) {
  f.drive_to("M-1", S::conflict_check, "L-1");
  return f.workflow->conflict_checks("M-1").at(0).id;
}

}  // namespace

// --- Candidate views ---------------------------------------------------------------------

TEST_CASE("disclosure: before clearance only summary and parties", "[disclosure]") {
  WorkflowFixture f;
  check_requested(f);

  const CandidateView view = f.workflow->candidate_view("M-1", "L-1");

  check_summary_stage(view);
  CHECK(view.withheld_until == std::vector<std::string>{"conflict_check_cleared", "engagement_accepted"});
  CHECK(view.matter == "M-1");
  CHECK(view.lawyer == "L-1");
  CHECK(view.forum == "TH");
  CHECK(view.status == S::conflict_check);
}

TEST_CASE("disclosure: circulated matter shows summary to anyone", "[disclosure]") {
  WorkflowFixture f;
  f.drive_to("M-1", S::circulated);
  check_summary_stage(f.workflow->candidate_view("M-1", "L-4"));
}

TEST_CASE("disclosure: clearance alone keeps the summary", "[disclosure]") {
  WorkflowFixture f;
  const std::string check = check_requested(f);
  f.workflow->record_conflict_check(check, ConflictCheckStatus::cleared, "firm-1-desk");

  const CandidateView cleared = f.workflow->candidate_view("M-1", "L-1");
  check_summary_stage(cleared);
  CHECK(cleared.withheld_until == std::vector<std::string>{"engagement_accepted"});

  f.offer("M-1", "L-1");
  const CandidateView offered = f.workflow->candidate_view("M-1", "L-1");
  check_summary_stage(offered);
  CHECK(offered.withheld_until == std::vector<std::string>{"engagement_accepted"});
}

TEST_CASE("disclosure: clearance and acceptance give full facts", "[disclosure]") {
  WorkflowFixture f;
  const std::string check = check_requested(f);
  f.workflow->record_conflict_check(check, ConflictCheckStatus::cleared, "firm-1-desk");
  const Engagement engagement = f.offer("M-1", "L-1");
  f.workflow->accept(engagement.id, "lawyer-L-1");

  const CandidateView view = f.workflow->candidate_view("M-1", "L-1");

  CHECK(view.stage == DisclosureStage::full);
  CHECK(view.withheld_until.empty());
  CHECK_THAT(view.facts, Contains(kFactsMarker));
  CHECK(view.client_ref == kClientRef);
  const nlohmann::json j = to_json(view);
  CHECK(j.at("stage") == "full");
  CHECK_THAT(j.at("facts").get<std::string>(), Contains(kFactsMarker));
  CHECK(j.at("client_ref") == kClientRef);
  // The client profile is for aggregate reporting only, never for a candidate.
  CHECK_FALSE(j.contains("client_profile"));
  CHECK_THAT(j.dump(), !Contains(kAgeBand));

  // Full facts stay while the work goes on and after it is done.
  f.workflow->start(engagement.id, "lawyer-L-1");
  CHECK(f.workflow->candidate_view("M-1", "L-1").stage == DisclosureStage::full);
  f.workflow->complete(engagement.id, "advice_given", "lawyer-L-1");
  CHECK(f.workflow->candidate_view("M-1", "L-1").stage == DisclosureStage::full);
}

TEST_CASE("disclosure: colleagues of the engaged lawyer see the summary", "[disclosure]") {
  WorkflowFixture f;
  f.drive_to("M-1", S::placed, "L-1");

  // L-2 is in firm-1, whose check cleared, but holds no engagement.
  const CandidateView colleague = f.workflow->candidate_view("M-1", "L-2");
  check_summary_stage(colleague);
  CHECK(colleague.withheld_until == std::vector<std::string>{"engagement_accepted"});

  const CandidateView outsider = f.workflow->candidate_view("M-1", "L-4");
  check_summary_stage(outsider);
  CHECK(outsider.withheld_until == std::vector<std::string>{"conflict_check_cleared", "engagement_accepted"});
}

TEST_CASE("disclosure: the supervising lawyer sees what the team sees", "[disclosure]") {
  WorkflowFixture f;
  const std::string check = check_requested(f);
  f.workflow->record_conflict_check(check, ConflictCheckStatus::cleared, "firm-1-desk");
  OfferRequest request;
  request.matter = "M-1";
  request.lawyer = "L-1";
  request.supervising_lawyer = "L-2";
  request.decided_by = "coordinator-1";
  const Engagement engagement = f.workflow->offer(request);

  check_summary_stage(f.workflow->candidate_view("M-1", "L-2"));
  f.workflow->accept(engagement.id, "lawyer-L-1");
  CHECK(f.workflow->candidate_view("M-1", "L-2").stage == DisclosureStage::full);
}

TEST_CASE("disclosure: declined or withdrawn lawyers lose the facts", "[disclosure]") {
  WorkflowFixture f;
  const std::string check = check_requested(f);
  f.workflow->record_conflict_check(check, ConflictCheckStatus::cleared, "firm-1-desk");

  SECTION("declined") {
    const Engagement engagement = f.offer("M-1", "L-1");
    f.workflow->decline(engagement.id, "no capacity", "lawyer-L-1");
    check_summary_stage(f.workflow->candidate_view("M-1", "L-1"));
  }
  SECTION("withdrawn after acceptance") {
    const Engagement engagement = f.offer("M-1", "L-1");
    f.workflow->accept(engagement.id, "lawyer-L-1");
    REQUIRE(f.workflow->candidate_view("M-1", "L-1").stage == DisclosureStage::full);
    f.workflow->withdraw(engagement.id, "conflict discovered late", "coordinator-1");
    check_summary_stage(f.workflow->candidate_view("M-1", "L-1"));
  }
}

TEST_CASE("disclosure: a conflict found keeps the summary", "[disclosure]") {
  WorkflowFixture f;
  const std::string check = check_requested(f);
  f.workflow->record_conflict_check(check, ConflictCheckStatus::conflict_found, "firm-1-desk");
  const CandidateView view = f.workflow->candidate_view("M-1", "L-1");
  check_summary_stage(view);
  CHECK(view.withheld_until.front() == "conflict_check_cleared");
}

TEST_CASE("disclosure: drafts are never shown to candidates", "[disclosure]") {
  WorkflowFixture f;
  f.drive_to("M-draft", S::draft);
  f.drive_to("M-vetted", S::vetted);
  for (const char* matter : {"M-draft", "M-vetted"}) {
    const auto error = error_of([&] { f.workflow->candidate_view(matter, "L-1"); });
    REQUIRE(error);
    CHECK(error->kind() == ErrorKind::invalid_state);
    CHECK_THAT(error->what(), Contains("only once it is circulated"));
  }
  const auto unknown = error_of([&] { f.workflow->candidate_view("M-draft", "L-404"); });
  REQUIRE(unknown);
  CHECK(unknown->kind() == ErrorKind::not_found);
}

// --- Exports ---------------------------------------------------------------------------------

TEST_CASE("disclosure: matter and data-set exports omit confidential fields", "[disclosure]") {
  WorkflowFixture f;
  f.drive_to("M-1", S::in_progress);
  const Matter matter = *f.store->find_matter("M-1");

  const nlohmann::json plain = to_json(matter);
  CHECK_FALSE(plain.contains("facts"));
  CHECK_FALSE(plain.contains("client_ref"));
  CHECK_FALSE(plain.contains("client_profile"));
  check_no_confidential_text(plain.dump());
  check_no_confidential_text(to_json(f.store->export_dataset()).dump());

  const ExportOptions confidential{true};
  const nlohmann::json full = to_json(matter, confidential);
  CHECK(full.at("client_ref") == kClientRef);
  CHECK(full.at("client_profile").at("age_band") == kAgeBand);
  check_all_confidential_text(to_json(f.store->export_dataset(), confidential).dump());
}

TEST_CASE("disclosure: audit exports redact matter snapshots", "[disclosure]") {
  WorkflowFixture f;
  f.drive_to("M-1", S::closed);
  const auto entries = f.audit->entries();
  REQUIRE_FALSE(entries.empty());

  std::string plain;
  std::string confidential;
  int redacted = 0;
  for (const AuditEntry& entry : entries) {
    const nlohmann::json j = to_json(entry);
    plain += j.dump();
    confidential += to_json(entry, ExportOptions{true}).dump();
    if (j.value("redacted", false)) ++redacted;
  }

  check_no_confidential_text(plain);
  CHECK(redacted > 0);
  check_all_confidential_text(confidential);
}

TEST_CASE("disclosure: facade exports honour the flag", "[disclosure]") {
  atip_test::TempDir dir;
  OpenOptions options;
  options.load_reference_data = false;
  auto clearinghouse = Clearinghouse::open(dir.file("facade.db"), options);
  clearinghouse->import_dataset(atip_test::workflow_network());
  clearinghouse->workflow().post_matter(atip_test::draft_matter("M-1"), "coordinator-1");

  check_no_confidential_text(clearinghouse->export_json());
  check_no_confidential_text(clearinghouse->get(EntityType::matter, "M-1").dump());
  for (const auto& record : clearinghouse->list(EntityType::matter)) check_no_confidential_text(record.dump());

  const ExportOptions confidential{true};
  check_all_confidential_text(clearinghouse->export_json(confidential));
  check_all_confidential_text(clearinghouse->get(EntityType::matter, "M-1", confidential).dump());
}
