// Coverage gaps: the constraint at which a matter's candidates ran out, in
// words a coordinator can act on.
#include <algorithm>

#include "matching/engine.hpp"

namespace atip {
inline namespace v1 {
namespace matching {

namespace {

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

bool needs_local(const MatterContext& context) {
  return std::any_of(context.needs.begin(), context.needs.end(),
                     [](const MatterContext::Need& need) { return need.rule == AdmissionRule::local; });
}

/// "12 lawyers are admitted in TH and pass the earlier checks".
std::string who_is_left(const MatterContext& context, Constraint binding, std::size_t count) {
  const bool one = count == 1;
  const std::string lawyers = std::to_string(count) + (one ? " lawyer " : " lawyers ");
  if (binding == Constraint::status) return lawyers + (one ? "is" : "are") + " in the network";
  if (binding > Constraint::admission) {
    const std::string where = needs_local(context) ? "admitted in " + context.matter.forum
                                                   : "allowed to do the work in " + context.matter.forum;
    return lawyers + (one ? "is " : "are ") + where + " and " + (one ? "passes" : "pass") + " the earlier checks";
  }
  return lawyers + (one ? "passes" : "pass") + " the earlier checks";
}

std::string language_gap(const Index& index, const MatterContext& context, const Evaluation& evaluation) {
  // Which half of the language check bound: the client's language or the court's?
  Bits before = evaluation.pass[0];
  for (std::size_t c = 1; c < static_cast<std::size_t>(Constraint::language); ++c) before.and_with(evaluation.pass[c]);
  std::size_t client_speakers = 0;
  before.for_each([&](std::size_t slot) {
    for (std::uint32_t language : context.needed_language_slots) {
      if (index.speaks[language].test(slot)) {
        ++client_speakers;
        return;
      }
    }
  });
  const std::string court = join(context.court_languages, " or ");
  if (context.language_required && client_speakers == 0) {
    std::string text = "none of them speaks " + join(context.matter.languages, " or ") + " at working level or above";
    if (context.court_language_required) text += " (the court also needs " + court + ")";
    return text;
  }
  const std::string speakers = context.language_required ? std::to_string(client_speakers) + " of them speak " +
                                                               join(context.matter.languages, " or ") + ", but "
                                                         : std::string();
  return speakers + "none of them speaks the court language " + court + " at working level or above";
}

std::string binding_text(const Index& index, const MatterContext& context, const Evaluation& evaluation,
                         const Policy& policy, Constraint binding) {
  switch (binding) {
    case Constraint::status:
      return policy.require_vetted ? "none of them is active and vetted" : "none of them is active";
    case Constraint::capacity: return "none of them has free capacity";
    case Constraint::unavailable:
      return "all of them are unavailable between " + Date::from_days(evaluation.window.from).to_string() + " and " +
             Date::from_days(evaluation.window.to).to_string();
    case Constraint::conflict: return "each of them has a conflict with a party of the matter";
    case Constraint::admission: {
      std::vector<std::string> activities;
      for (const MatterContext::Need& need : context.needs) {
        if (need.rule != AdmissionRule::any) activities.push_back(std::string(to_string(need.activity)));
      }
      if (activities.empty()) return "none of them holds an active admission";
      return "none of them is admitted in " + context.matter.forum + " (needed for " + join(activities, ", ") + ")";
    }
    case Constraint::language: return language_gap(index, context, evaluation);
    case Constraint::firm_exclusion:
      return "the firms of all of them exclude the matter's practice area, a party or the NGO";
    case Constraint::already_engaged: return "all of them are already engaged on the matter";
    case Constraint::min_score:
      return "none of them scores at least " + format_score(policy.min_score) + " (policy.min_score)";
  }
  return {};
}

/// Lawyers that a locally admitted team member would make eligible: they
/// pass every hard constraint once with_local admits them.
std::size_t waiting_for_local(const Evaluation& evaluation) {
  if (!evaluation.blocked_by_local_team) return 0;
  Bits waiting = evaluation.admission_beside_local;
  for (std::size_t c = 0; c < kHardConstraintCount; ++c) {
    if (c != static_cast<std::size_t>(Constraint::admission)) waiting.and_with(evaluation.pass[c]);
  }
  return waiting.count();
}

/// "63 of them pass every other check but are admitted outside KH; ...".
std::string local_team_text(const MatterContext& context, std::size_t waiting) {
  std::vector<std::string> activities;
  for (const MatterContext::Need& need : context.needs) {
    if (need.rule == AdmissionRule::with_local) activities.push_back(std::string(to_string(need.activity)));
  }
  const std::string& forum = context.matter.forum;
  return std::to_string(waiting) + " of them " + (waiting == 1 ? "passes" : "pass") +
         " every other check but " + (waiting == 1 ? "is" : "are") + " admitted outside " + forum + ", and " + forum +
         "'s with_local rule (for " + join(activities, ", ") +
         ") lets them work only beside a locally admitted lawyer who is accepted or active on the matter; "
         "none is";
}

}  // namespace

CoverageGap explain_gap(const Index& index, const MatterContext& context, const Evaluation& evaluation,
                        const Policy& policy, const std::vector<FunnelStep>& steps) {
  CoverageGap gap;
  gap.matter_id = context.matter.id;
  gap.funnel = steps;
  if (evaluation.present == 0) {
    gap.binding = Constraint::status;
    gap.explanation = "the network has no lawyers";
    return gap;
  }
  std::size_t before = evaluation.present;
  for (const FunnelStep& step : steps) {
    if (step.remaining == 0) {
      gap.binding = step.constraint;
      gap.remaining_before = before;
      break;
    }
    before = step.remaining;
  }
  // The funnel applies with_local's team requirement at admission, so when
  // it alone keeps out the lawyers who pass everything else, a later
  // constraint (often language) empties the funnel although the fix is a
  // local lawyer on the team. Name admission then.
  const std::size_t waiting = evaluation.remaining.back() == 0 ? waiting_for_local(evaluation) : 0;
  if (waiting > 0) {
    const auto admission = static_cast<std::size_t>(Constraint::admission);
    gap.binding = Constraint::admission;
    gap.remaining_before = admission == 0 ? evaluation.present : evaluation.remaining[admission - 1];
    gap.explanation =
        who_is_left(context, gap.binding, gap.remaining_before) + "; " + local_team_text(context, waiting);
    return gap;
  }
  gap.explanation = who_is_left(context, gap.binding, gap.remaining_before) + "; " +
                    binding_text(index, context, evaluation, policy, gap.binding);
  return gap;
}

}  // namespace matching
}  // namespace v1
}  // namespace atip
