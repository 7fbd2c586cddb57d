// A store with a small network, an audit log on a hand-moved clock and a
// workflow over both, shared by the workflow, disclosure, audit and report
// suites.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "atip/audit.hpp"
#include "atip/error.hpp"
#include "atip/reference_data.hpp"
#include "atip/store.hpp"
#include "atip/workflow.hpp"
#include "support.hpp"

namespace atip_test {

/// A clock that moves only when the test moves it. Starts at 09:00 UTC.
class ManualClock {
 public:
  explicit ManualClock(const std::string& date) { set(date); }

  void set(const std::string& date, int hour = 9) {
    const atip::Date day = atip::Date::parse(date, "date");
    now_ = std::chrono::sys_days{std::chrono::days{day.days()}} + std::chrono::hours{hour};
  }
  void advance_days(int days) { now_ += std::chrono::days{days}; }
  void advance_seconds(int seconds) { now_ += std::chrono::seconds{seconds}; }

  atip::Clock clock() {
    return [this] { return now_; };
  }
  atip::Date date() const { return atip::utc_date(now_); }

 private:
  std::chrono::system_clock::time_point now_;
};

/// Returns the error `action` throws, or nothing when it succeeds.
inline std::optional<atip::Error> error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const atip::Error& error) {
    return error;
  }
  return std::nullopt;
}

/// The network every workflow suite starts from:
///   ngo-1, ngo-2          NGOs
///   firm-1                law firm of L-1 and L-2
///   firm-2                law firm of L-4
///   L-3                   a lawyer without a firm
///   L-5                   inactive;  L-6  not vetted
/// All lawyers are admitted in TH, speak Thai, practise labour.wage_claims
/// and take up to 20 matters at once.
inline atip::Dataset workflow_network() {
  atip::Dataset data = atip::reference_dataset();
  data.organizations = {make_ngo("ngo-1", "Hope Foundation"), make_ngo("ngo-2", "Mekong Rights"),
                        make_firm("firm-1", "Baker Lane"), make_firm("firm-2", "Chao Phraya Partners")};
  auto lawyer = [](const std::string& id, const std::string& name, const std::string& firm) {
    atip::Lawyer value = make_lawyer(id, name, "TH", "th");
    value.firm = firm;
    value.max_active_matters = 20;  // the suites drive many matters with one lawyer
    return value;
  };
  data.lawyers = {lawyer("L-1", "Anong Srisuk", "firm-1"), lawyer("L-2", "Boonsri Kaew", "firm-1"),
                  lawyer("L-3", "Chanida Phet", ""), lawyer("L-4", "Duangjai Chai", "firm-2"),
                  lawyer("L-5", "Ekkachai Ruang", ""), lawyer("L-6", "Fah Sombat", "")};
  data.lawyers[4].status = atip::LawyerStatus::inactive;
  data.lawyers[5].vetted = false;
  return data;
}

/// A draft matter of ngo-1 in TH with confidential fields filled in.
inline atip::Matter draft_matter(const std::string& id) {
  atip::Matter matter = make_matter(id, "ngo-1", "TH", "th");
  matter.status = atip::MatterStatus::draft;
  matter.summary = "Unpaid wages of fishing crew after rescue";
  matter.facts = "Crew member held on a vessel for 14 months; passport confiscated by the broker.";
  matter.client_ref = "client-7f3a";
  matter.client_profile.gender = "male";
  matter.client_profile.age_band = "21--23";
  matter.client_profile.citizenship = "KH";
  matter.client_profile.exploitation_type = "forced_labour";
  atip::Party party;
  party.names = {{"Siam Ocean Recruitment", "", ""}};
  party.kind = atip::PartyKind::organization;
  party.role = atip::PartyRole::recruitment_agency;
  matter.parties = {party};
  matter.estimated_hours = 40;
  return matter;
}

class WorkflowFixture {
 public:
  explicit WorkflowFixture(const std::string& key = "", const std::string& start = "2026-03-02")
      : clock(start), path(dir.file("workflow.db")) {
    store = atip::Store::open(path);
    atip::Dataset data = workflow_network();
    store->insert_dataset(data);
    atip::AuditOptions options;
    options.clock = clock.clock();
    options.key = key;
    audit = std::make_unique<atip::AuditLog>(*store, options);
    workflow = std::make_unique<atip::Workflow>(*store, *audit);
  }

  /// Closes the workflow, the audit log and the store, so that the test can
  /// write to the file with raw SQLite.
  void close() {
    workflow.reset();
    audit.reset();
    store.reset();
  }

  std::string post(const std::string& id) { return workflow->post_matter(draft_matter(id), "coordinator-1"); }

  void move(const std::string& matter, atip::MatterStatus to, const std::string& outcome = "") {
    atip::TransitionRequest request;
    request.matter = matter;
    request.to = to;
    request.actor = "coordinator-1";
    request.outcome = outcome;
    workflow->transition(request);
  }

  atip::ConflictCheck request_check(const std::string& matter, const std::string& lawyer) {
    atip::ConflictCheckRequest request;
    request.matter = matter;
    request.lawyer = lawyer;
    request.actor = "coordinator-1";
    return workflow->request_conflict_check(request);
  }

  atip::Engagement offer(const std::string& matter, const std::string& lawyer) {
    atip::OfferRequest request;
    request.matter = matter;
    request.lawyer = lawyer;
    request.decided_by = "coordinator-1";
    request.reason = "best match";
    return workflow->offer(request);
  }

  /// Brings a newly posted matter to `target` along the usual path with
  /// `lawyer` as the candidate. Records the engagement, once there is one,
  /// in `engagement_of`.
  void drive_to(const std::string& matter, atip::MatterStatus target, const std::string& lawyer = "L-1") {
    using S = atip::MatterStatus;
    post(matter);
    if (target == S::draft) return;
    if (target == S::withdrawn) return move(matter, S::withdrawn);
    move(matter, S::vetted);
    if (target == S::vetted) return;
    move(matter, S::circulated);
    if (target == S::circulated) return;
    if (target == S::expired) return move(matter, S::expired);
    workflow->express_interest(atip::InterestRequest{matter, lawyer, "", "lawyer-" + lawyer, ""});
    if (target == S::interest_expressed) return;
    const atip::ConflictCheck check = request_check(matter, lawyer);
    if (target == S::conflict_check) return;
    workflow->record_conflict_check(check.id, atip::ConflictCheckStatus::cleared, "conflicts-desk");
    const std::string engagement = offer(matter, lawyer).id;
    engagement_of[matter] = engagement;
    workflow->accept(engagement, "lawyer-" + lawyer);
    if (target == S::placed) return;
    workflow->start(engagement, "lawyer-" + lawyer);
    if (target == S::in_progress) return;
    workflow->complete(engagement, "advice_given", "lawyer-" + lawyer);
    move(matter, S::closed, "advice_given");
  }

  TempDir dir;
  ManualClock clock;
  std::string path;
  std::map<std::string, std::string> engagement_of;
  // Declared after the store so that they are destroyed before it.
  std::unique_ptr<atip::Store> store;
  std::unique_ptr<atip::AuditLog> audit;
  std::unique_ptr<atip::Workflow> workflow;
};

}  // namespace atip_test
