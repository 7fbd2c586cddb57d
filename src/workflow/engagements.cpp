// Engagements: offers and the checks before them, acceptance, hours,
// outcomes and feedback.
#include <cmath>

#include "atip/error.hpp"
#include "atip/limits.hpp"
#include "atip/text.hpp"
#include "workflow/workflow_internal.hpp"

namespace atip {
inline namespace v1 {

using nlohmann::json;
using namespace workflow_detail;

namespace workflow_detail {

EngagementTransition move_engagement(Context& context, Engagement& engagement, EngagementStatus to,
                                     const std::string& actor, const std::string& reason) {
  check_move(engagement, to);
  const EngagementStatus from = engagement.status;
  engagement.status = to;
  context.store.update(engagement);

  EngagementTransition transition;
  transition.engagement = engagement.id;
  transition.from = from;
  transition.to = to;
  transition.time = context.now_time();
  transition.date = context.today();
  transition.actor = actor;
  transition.reason = reason;
  transition = insert_engagement_transition(context.db(), transition);

  json after{{"status", to_string(to)}, {"transition", transition.id}};
  if (!reason.empty()) after["reason"] = reason;
  context.audit.append(AuditRecord{"engagement", engagement.id, "transition", json{{"status", to_string(from)}}, after});
  return transition;
}

}  // namespace workflow_detail

namespace {

/// Depth past which a practice-area parent chain is taken to be a cycle.
constexpr int kMaxTaxonomyDepth = 64;

constexpr int kMaxHoursPerDay = 24;

// --- Checks before an offer ---------------------------------------------------------

void check_offerable(const Lawyer& lawyer, const std::string& field) {
  if (lawyer.status != LawyerStatus::active) {
    fail(ErrorKind::invalid_state, field + ": lawyer \"" + lawyer.id + "\" is " + std::string(to_string(lawyer.status)) +
                                       ", not active");
  }
  if (!lawyer.vetted) {
    fail(ErrorKind::invalid_state, field + ": lawyer \"" + lawyer.id + "\" is not vetted (vet the lawyer before any offer)");
  }
}

void check_cleared(sqlite3* db, const Matter& matter, const Lawyer& lawyer, const std::string& field) {
  const CheckSubject subject = check_subject_of(lawyer);
  const auto check = find_conflict_check(db, matter.id, subject);
  if (!check) {
    fail(ErrorKind::invalid_state, field + ": no conflict check of " + subject.describe() + " for matter \"" +
                                       matter.id + "\" (request one and wait for clearance)");
  }
  if (check->status != ConflictCheckStatus::cleared) {
    fail(ErrorKind::invalid_state, field + ": conflict check \"" + check->id + "\" of " + subject.describe() + " is " +
                                       std::string(to_string(check->status)) + ", not cleared");
  }
}

bool in_subtree(const Store& store, std::string code, const std::string& root) {
  for (int depth = 0; depth < kMaxTaxonomyDepth && !code.empty(); ++depth) {
    if (code == root) return true;
    const auto area = store.find_practice_area(code);
    if (!area) return false;
    code = area->parent;
  }
  return false;
}

std::vector<std::string> party_name_keys(const Party& party) {
  std::vector<std::string> names;
  for (const auto& name : party.names) names.push_back(name.value);
  return text::name_keys(names);
}

[[noreturn]] void excluded(const Organization& firm, const std::string& what) {
  fail(ErrorKind::invalid_state, "request.lawyer: firm \"" + firm.id + "\" excludes " + what);
}

void check_exclusions(const Store& store, const Matter& matter, const Lawyer& lawyer) {
  if (lawyer.firm.empty()) return;
  const Organization firm = load_organization(store, lawyer.firm, "lawyer.firm");
  for (const auto& code : firm.exclusions.practice_areas) {
    if (in_subtree(store, matter.practice_area, code)) {
      excluded(firm, "practice area \"" + code + "\", and matter \"" + matter.id + "\" is in \"" +
                         matter.practice_area + "\"");
    }
  }
  for (const auto& ngo : firm.exclusions.ngos) {
    if (ngo == matter.ngo) excluded(firm, "matters of NGO \"" + ngo + "\"");
  }
  for (const auto& excluded_party : firm.exclusions.parties) {
    const std::string excluded_key = text::search_key(excluded_party);
    for (const auto& party : matter.parties) {
      for (const auto& key : party_name_keys(party)) {
        if (!excluded_key.empty() && key == excluded_key) {
          excluded(firm, "party \"" + excluded_party + "\", a party of matter \"" + matter.id + "\"");
        }
      }
    }
  }
}

void check_no_live_engagement(const Store& store, const Matter& matter, const Lawyer& lawyer) {
  for (const auto& engagement : store.list_engagements_of_matter(matter.id)) {
    if (engagement.lawyer == lawyer.id && !is_terminal(engagement.status)) {
      fail(ErrorKind::already_exists, "request.lawyer: lawyer \"" + lawyer.id + "\" already has engagement \"" +
                                          engagement.id + "\" on matter \"" + matter.id + "\" (" +
                                          std::string(to_string(engagement.status)) + ")");
    }
  }
}

/// Rejects when the lawyer's accepted and active engagements, other than
/// `except_id`, already fill max_active_matters.
void check_capacity(const Store& store, const Lawyer& lawyer, const std::string& except_id, const std::string& field) {
  int load = 0;
  for (const auto& engagement : store.list_engagements_of_lawyer(lawyer.id)) {
    if (engagement.id != except_id && uses_capacity(engagement.status)) ++load;
  }
  if (load >= lawyer.max_active_matters) {
    fail(ErrorKind::invalid_state, field + ": lawyer \"" + lawyer.id + "\" is at capacity (" + std::to_string(load) +
                                       " accepted or active engagements, max_active_matters " +
                                       std::to_string(lawyer.max_active_matters) + ")");
  }
}

void check_available(const Matter& matter, const Lawyer& lawyer, const std::string& field) {
  if (!matter.period) return;
  for (const auto& range : lawyer.unavailable) {
    if (range.overlaps(*matter.period)) {
      fail(ErrorKind::invalid_state, field + ": lawyer \"" + lawyer.id + "\" is unavailable from " +
                                         range.from.to_string() + " to " + range.to.to_string() +
                                         ", which overlaps the matter's period " + matter.period->from.to_string() +
                                         " to " + matter.period->to.to_string());
    }
  }
}

void check_team_not_full(const Store& store, const Matter& matter, const std::string& except_id) {
  int team = 0;
  for (const auto& engagement : store.list_engagements_of_matter(matter.id)) {
    if (engagement.id != except_id && uses_capacity(engagement.status)) ++team;
  }
  if (team >= matter.team_size) {
    fail(ErrorKind::invalid_state, "matter \"" + matter.id + "\": the team is complete (" + std::to_string(team) +
                                       " accepted or active engagements, team_size " +
                                       std::to_string(matter.team_size) + ")");
  }
}

void check_supervisor(Context& context, const Matter& matter, const OfferRequest& request) {
  if (request.supervising_lawyer.empty()) return;
  if (request.supervising_lawyer == request.lawyer) {
    fail(ErrorKind::invalid_argument, "request.supervising_lawyer: \"" + request.lawyer +
                                          "\" cannot supervise their own engagement");
  }
  const Lawyer supervisor = load_lawyer(context.store, request.supervising_lawyer, "request.supervising_lawyer");
  check_offerable(supervisor, "request.supervising_lawyer");
  check_cleared(context.db(), matter, supervisor, "request.supervising_lawyer");
}

json offer_snapshot(const Engagement& engagement, const EngagementTransition& transition) {
  json j{{"status", to_string(engagement.status)}, {"transition", transition.id}, {"decided_by", transition.actor},
         {"matter", engagement.matter}, {"lawyer", engagement.lawyer}};
  if (!transition.reason.empty()) j["reason"] = transition.reason;
  return j;
}

}  // namespace

// --- Offer ------------------------------------------------------------------------------

Engagement Workflow::offer(const OfferRequest& request) {
  check_text(request.reason, "request.reason", kMaxTextBytes, false);
  Context context{store_, audit_, options_};
  Engagement engagement;
  run_as(context, request.decided_by, "request.decided_by", [&] {
    const Matter matter = load_matter(store_, request.matter, "request.matter");
    require_matter_state(matter, {MatterStatus::conflict_check, MatterStatus::placed, MatterStatus::in_progress},
                         "offer an engagement");
    const Lawyer lawyer = load_lawyer(store_, request.lawyer, "request.lawyer");
    check_offerable(lawyer, "request.lawyer");
    check_cleared(context.db(), matter, lawyer, "request.lawyer");
    check_exclusions(store_, matter, lawyer);
    check_no_live_engagement(store_, matter, lawyer);
    check_capacity(store_, lawyer, "", "request.lawyer");
    check_available(matter, lawyer, "request.lawyer");
    check_supervisor(context, matter, request);

    engagement.matter = matter.id;
    engagement.lawyer = lawyer.id;
    engagement.supervising_lawyer = request.supervising_lawyer;
    engagement.status = EngagementStatus::offered;
    engagement.offered_on = context.today();
    engagement.id = store_.insert(engagement);

    EngagementTransition offered;
    offered.engagement = engagement.id;
    offered.to = EngagementStatus::offered;
    offered.time = context.now_time();
    offered.date = engagement.offered_on;
    offered.actor = request.decided_by;
    offered.reason = request.reason;
    offered = insert_engagement_transition(context.db(), offered);
    audit_.append(AuditRecord{"engagement", engagement.id, "transition", nullptr, offer_snapshot(engagement, offered)});
  });
  return engagement;
}

// --- Decisions and progress ----------------------------------------------------------------

Engagement Workflow::accept(const std::string& engagement_id, const std::string& actor) {
  Context context{store_, audit_, options_};
  Engagement engagement;
  run_as(context, actor, "actor", [&] {
    engagement = load_engagement(store_, engagement_id, "engagement_id");
    check_move(engagement, EngagementStatus::accepted);
    Matter matter = load_matter(store_, engagement.matter, "engagement.matter");
    require_matter_state(matter, {MatterStatus::conflict_check, MatterStatus::placed, MatterStatus::in_progress},
                         "accept an engagement");
    check_capacity(store_, load_lawyer(store_, engagement.lawyer, "engagement.lawyer"), engagement.id, "engagement.lawyer");
    check_team_not_full(store_, matter, engagement.id);

    engagement.decided_on = context.today();
    move_engagement(context, engagement, EngagementStatus::accepted, actor, "");
    if (matter.status == MatterStatus::conflict_check) {
      move_matter(context, matter, MatterStatus::placed, actor, "", "engagement " + engagement.id + " accepted");
    }
  });
  return engagement;
}

Engagement Workflow::decline(const std::string& engagement_id, const std::string& reason, const std::string& actor) {
  check_text(reason, "reason", kMaxTextBytes, true);
  Context context{store_, audit_, options_};
  Engagement engagement;
  run_as(context, actor, "actor", [&] {
    engagement = load_engagement(store_, engagement_id, "engagement_id");
    check_move(engagement, EngagementStatus::declined);
    engagement.decided_on = context.today();
    engagement.decline_reason = reason;
    move_engagement(context, engagement, EngagementStatus::declined, actor, reason);
  });
  return engagement;
}

Engagement Workflow::start(const std::string& engagement_id, const std::string& actor) {
  Context context{store_, audit_, options_};
  Engagement engagement;
  run_as(context, actor, "actor", [&] {
    engagement = load_engagement(store_, engagement_id, "engagement_id");
    check_move(engagement, EngagementStatus::active);
    Matter matter = load_matter(store_, engagement.matter, "engagement.matter");
    require_matter_state(matter, {MatterStatus::placed, MatterStatus::in_progress}, "start an engagement");
    move_engagement(context, engagement, EngagementStatus::active, actor, "");
    if (matter.status == MatterStatus::placed) {
      move_matter(context, matter, MatterStatus::in_progress, actor, "", "engagement " + engagement.id + " started");
    }
  });
  return engagement;
}

Engagement Workflow::complete(const std::string& engagement_id, const std::string& outcome, const std::string& actor) {
  check_text(outcome, "outcome", kMaxNameBytes, true);
  Context context{store_, audit_, options_};
  Engagement engagement;
  run_as(context, actor, "actor", [&] {
    engagement = load_engagement(store_, engagement_id, "engagement_id");
    check_move(engagement, EngagementStatus::completed);
    engagement.outcome = outcome;
    move_engagement(context, engagement, EngagementStatus::completed, actor, "");
  });
  return engagement;
}

Engagement Workflow::withdraw(const std::string& engagement_id, const std::string& reason, const std::string& actor) {
  check_text(reason, "reason", kMaxTextBytes, true);
  Context context{store_, audit_, options_};
  Engagement engagement;
  run_as(context, actor, "actor", [&] {
    engagement = load_engagement(store_, engagement_id, "engagement_id");
    move_engagement(context, engagement, EngagementStatus::withdrawn, actor, reason);
  });
  return engagement;
}

// --- Hours and feedback ---------------------------------------------------------------------

namespace {

void check_hours_entry(const HoursEntry& entry) {
  if (!std::isfinite(entry.hours) || entry.hours <= 0 || entry.hours > kMaxHoursPerDay) {
    fail(ErrorKind::invalid_argument, "entry.hours: " + std::to_string(entry.hours) + " is outside (0, 24]");
  }
  check_text(entry.activity, "entry.activity", kMaxNameBytes, false);
  check_text(entry.note, "entry.note", kMaxTextBytes, false);
}

void check_hours_date(const Engagement& engagement, const HoursEntry& entry, Date today) {
  if (today < entry.date) {
    fail(ErrorKind::invalid_argument, "entry.date: " + entry.date.to_string() + " is after today (" + today.to_string() + ")");
  }
  if (entry.date < engagement.offered_on) {
    fail(ErrorKind::invalid_argument, "entry.date: " + entry.date.to_string() + " is before the offer of engagement \"" +
                                          engagement.id + "\" (" + engagement.offered_on.to_string() + ")");
  }
  double day_total = entry.hours;
  for (const auto& logged : engagement.hours) {
    if (logged.date == entry.date) day_total += logged.hours;
  }
  if (day_total > kMaxHoursPerDay) {
    fail(ErrorKind::invalid_argument, "entry.hours: would bring " + entry.date.to_string() + " to " +
                                          std::to_string(day_total) + " hours on engagement \"" + engagement.id +
                                          "\" (at most 24 a day)");
  }
}

}  // namespace

Engagement Workflow::log_hours(const std::string& engagement_id, const HoursEntry& entry, const std::string& actor) {
  check_hours_entry(entry);
  Context context{store_, audit_, options_};
  Engagement engagement;
  run_as(context, actor, "actor", [&] {
    engagement = load_engagement(store_, engagement_id, "engagement_id");
    require_engagement_state(engagement, {EngagementStatus::active, EngagementStatus::completed}, "log hours");
    check_hours_date(engagement, entry, context.today());
    engagement.hours.push_back(entry);
    store_.update(engagement);
  });
  return engagement;
}

Engagement Workflow::record_feedback(const std::string& engagement_id, int rating, const std::string& actor) {
  if (rating < 1 || rating > 5) {
    fail(ErrorKind::invalid_argument, "rating: " + std::to_string(rating) + " is outside 1-5");
  }
  Context context{store_, audit_, options_};
  Engagement engagement;
  run_as(context, actor, "actor", [&] {
    engagement = load_engagement(store_, engagement_id, "engagement_id");
    require_engagement_state(engagement, {EngagementStatus::completed, EngagementStatus::withdrawn},
                             "record feedback");
    engagement.feedback = rating;
    store_.update(engagement);
  });
  return engagement;
}

std::vector<EngagementTransition> Workflow::engagement_history(const std::string& engagement_id) const {
  load_engagement(store_, engagement_id, "engagement_id");
  return select_engagement_transitions(store_.native_handle(), engagement_id);
}

}  // namespace v1
}  // namespace atip
