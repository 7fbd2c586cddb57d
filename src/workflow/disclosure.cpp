// Two-stage disclosure of a matter to a candidate lawyer.
#include "atip/error.hpp"
#include "workflow/workflow_internal.hpp"

namespace atip {
inline namespace v1 {

using namespace workflow_detail;

namespace {

bool cleared_for(sqlite3* db, const Matter& matter, const Lawyer& lawyer) {
  const auto check = find_conflict_check(db, matter.id, check_subject_of(lawyer));
  return check && check->status == ConflictCheckStatus::cleared;
}

/// True when the lawyer, as engaged or as supervising lawyer, holds an
/// engagement on the matter that was accepted (and not declined or withdrawn).
bool accepted_by(const Store& store, const Matter& matter, const Lawyer& lawyer) {
  for (const auto& engagement : store.list_engagements_of_matter(matter.id)) {
    const bool involved = engagement.lawyer == lawyer.id || engagement.supervising_lawyer == lawyer.id;
    const bool accepted = engagement.status == EngagementStatus::accepted ||
                          engagement.status == EngagementStatus::active ||
                          engagement.status == EngagementStatus::completed;
    if (involved && accepted) return true;
  }
  return false;
}

CandidateView summary_view(const Matter& matter, const Lawyer& lawyer) {
  CandidateView view;
  view.matter = matter.id;
  view.lawyer = lawyer.id;
  view.title = matter.title;
  view.summary = matter.summary;
  view.practice_area = matter.practice_area;
  view.forum = matter.forum;
  view.related_jurisdictions = matter.related_jurisdictions;
  view.languages = matter.languages;
  view.interpreter_accepted = matter.interpreter_accepted;
  view.activities = matter.activities;
  view.help = matter.help;
  view.urgency = matter.urgency;
  view.deadline = matter.deadline;
  view.period = matter.period;
  view.estimated_hours = matter.estimated_hours;
  view.status = matter.status;
  view.parties = matter.parties;
  return view;
}

}  // namespace

CandidateView Workflow::candidate_view(const std::string& matter_id, const std::string& lawyer_id) const {
  const Matter matter = load_matter(store_, matter_id, "matter_id");
  const Lawyer lawyer = load_lawyer(store_, lawyer_id, "lawyer_id");
  if (matter.status == MatterStatus::draft || matter.status == MatterStatus::vetted) {
    fail(ErrorKind::invalid_state, "matter_id: matter \"" + matter.id + "\" is " +
                                       std::string(to_string(matter.status)) +
                                       "; candidates see a matter only once it is circulated");
  }

  CandidateView view = summary_view(matter, lawyer);
  if (!cleared_for(store_.native_handle(), matter, lawyer)) view.withheld_until.push_back("conflict_check_cleared");
  if (!accepted_by(store_, matter, lawyer)) view.withheld_until.push_back("engagement_accepted");
  if (view.withheld_until.empty()) {
    view.stage = DisclosureStage::full;
    view.facts = matter.facts;
    view.client_ref = matter.client_ref;
  }
  return view;
}

}  // namespace v1
}  // namespace atip
