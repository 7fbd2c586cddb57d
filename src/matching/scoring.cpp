// The soft score components and the reasons that state them in words.
//
// Every component is in [0, 1]; the reason for a component is built from
// the same quantities as its score, so the two cannot disagree.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "matching/engine.hpp"

namespace atip {
inline namespace v1 {
namespace matching {

namespace {

/// Trainings older than this count half.
constexpr std::int32_t kRecentTrainingDays = 730;

std::size_t at(Component component) { return static_cast<std::size_t>(component); }

double proficiency_score(Proficiency level) {
  switch (level) {
    case Proficiency::native: return 1.0;
    case Proficiency::professional: return 0.85;
    case Proficiency::working: return 0.6;
    case Proficiency::basic: return 0.25;
  }
  return 0.0;
}

struct AreaChoice {
  AreaRelation relation = AreaRelation::none;
  std::uint32_t area = kNoSlot;
  std::int32_t years = 0;
};

/// Finds the lawyer's best-fitting area; among equal fits, the one with the most years.
AreaChoice best_area(const Index& index, const MatterContext& context, const LawyerRow& row) {
  AreaChoice best;
  double best_fit = 0;
  for (std::uint32_t i = 0; i < row.areas.count; ++i) {
    const AreaItem& item = index.area_pool[row.areas.begin + i];
    if (item.area >= context.area_relation.size()) continue;
    const AreaRelation relation = context.area_relation[item.area];
    const double fit = area_fit(relation);
    if (fit <= 0) continue;
    if (fit > best_fit || (fit == best_fit && item.years > best.years)) {
      best_fit = fit;
      best = {relation, item.area, item.years};
    }
  }
  return best;
}

struct TrainingChoice {
  double score = 0;
  const TrainingItem* item = nullptr;
};

/// The training component of one training: 1 on the forum and the matter's
/// field, 0.6 on the forum and another field, half that when older than two
/// years; 0 for another jurisdiction or a date after `today`.
double training_score(const MatterContext& context, std::uint32_t jurisdiction, std::uint32_t topic, std::int32_t days,
                      std::int32_t today) {
  if (days > today || jurisdiction >= context.in_forum_chain.size() || !context.in_forum_chain[jurisdiction]) return 0;
  const bool on_topic = topic < context.area_family.size() && context.area_family[topic];
  const double score = on_topic ? 1.0 : 0.6;
  return today - days > kRecentTrainingDays ? score * 0.5 : score;
}

TrainingChoice best_training(const Index& index, const MatterContext& context, const LawyerRow& row, std::int32_t today) {
  TrainingChoice best;
  for (std::uint32_t i = 0; i < row.trainings.count; ++i) {
    const TrainingItem& item = index.training_pool[row.trainings.begin + i];
    const double score = training_score(context, item.jurisdiction, item.topic, item.days, today);
    if (score <= 0) continue;
    if (score > best.score || (score == best.score && best.item != nullptr && item.days > best.item->days)) {
      best = {score, &item};
    }
  }
  return best;
}

const SkillItem* best_skill(const Index& index, const MatterContext& context, const LawyerRow& row) {
  const SkillItem* best = nullptr;
  for (std::uint32_t i = 0; i < row.skills.count; ++i) {
    const SkillItem& skill = index.skill_pool[row.skills.begin + i];
    if (skill.language >= context.language_needed.size() || !context.language_needed[skill.language]) continue;
    if (best == nullptr || skill.proficiency > best->proficiency ||
        (skill.proficiency == best->proficiency && index.languages[skill.language] < index.languages[best->language])) {
      best = &skill;
    }
  }
  return best;
}

double responsiveness_score(const ScoreCard& card, double target) {
  const double days = std::max(0.0, static_cast<double>(card.response_days));
  return days <= target ? 1.0 : target / days;
}

std::string plural(long long count, const std::string& one, const std::string& many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
}

std::string days_text(double days) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", std::round(days * 10) / 10);
  return buffer;
}

}  // namespace

std::string format_score(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  return buffer;
}

Scorer::Scorer(const Index& index, const MatterContext& context, const Policy& policy, Date as_of)
    : index_(index), context_(context), policy_(policy), today_(as_of.days()) {
  for (std::size_t c = 0; c < kComponentCount; ++c) weights_[c] = policy.weights.of(kAllComponents[c]);
  weight_sum_ = policy.weights.sum();
  static const std::vector<std::pair<std::uint32_t, int>> none;
  const auto found = index.ngo_history.find(context.matter.ngo);
  ngo_counts_ = found == index.ngo_history.end() ? &none : &found->second;
}

double Scorer::combine(const ComponentArray& components) const {
  double total = 0;
  for (std::size_t c = 0; c < kComponentCount; ++c) total += weights_[c] * components[c];
  return std::clamp(total / weight_sum_, 0.0, 1.0);
}

int Scorer::ngo_count(std::uint32_t lawyer) const {
  const auto found = std::lower_bound(ngo_counts_->begin(), ngo_counts_->end(), std::pair<std::uint32_t, int>{lawyer, 0});
  return found != ngo_counts_->end() && found->first == lawyer ? found->second : 0;
}

ComponentArray Scorer::components(std::uint32_t lawyer, int ngo_count) const { return compute(lawyer, ngo_count); }

double Scorer::score(std::uint32_t lawyer, int ngo_count) const { return combine(compute(lawyer, ngo_count)); }

inline ComponentArray Scorer::compute(std::uint32_t lawyer, int ngo_count) const {
  // Reads the lawyer's score card; only lawyers with many areas or languages
  // and those with trainings reach into the pools.
  const ScoreCard& card = index_.cards[lawyer];
  const MatterContext& context = context_;
  ComponentArray out{};

  double fit = 0;
  int years = 0;
  if (!card.overflow) {
    for (std::uint8_t i = 0; i < card.area_count; ++i) {
      const std::uint8_t area = card.area[i];
      if (area >= context.area_fit.size()) continue;
      const double area_score = context.area_fit[area];
      if (area_score <= 0) continue;
      if (area_score > fit || (area_score == fit && card.years[i] > years)) {
        fit = area_score;
        years = card.years[i];
      }
    }
  } else {
    const AreaChoice area = best_area(index_, context, index_.rows[lawyer]);
    fit = area_fit(area.relation);
    years = area.years;
  }
  out[at(Component::practice_area)] = fit;
  out[at(Component::experience)] = fit <= 0 ? 0.0 : std::min(1.0, static_cast<double>(years) / policy_.experience_full_years);
  double training = 0;
  if (card.training_inline) {
    const std::uint32_t topic = card.training_topic == 255 ? kNoSlot : card.training_topic;
    training = training_score(context, card.training_jurisdiction, topic, card.training_day + kCardDayOrigin, today_);
  } else if (card.has_training) {
    training = best_training(index_, context, index_.rows[lawyer], today_).score;
  }
  out[at(Component::training)] = training;

  if (context.matter.languages.empty()) {
    out[at(Component::language)] = 1.0;
  } else if (!card.overflow) {
    int best = 0;
    for (std::uint8_t i = 0; i < card.skill_count; ++i) {
      const std::uint8_t language = card.language[i];
      if (language < context.language_needed.size() && context.language_needed[language]) {
        best = std::max<int>(best, card.proficiency[i]);
      }
    }
    out[at(Component::language)] = best == 0 ? 0.0 : proficiency_score(static_cast<Proficiency>(best));
  } else {
    const SkillItem* skill = best_skill(index_, context, index_.rows[lawyer]);
    out[at(Component::language)] = skill == nullptr ? 0.0 : proficiency_score(skill->proficiency);
  }

  out[at(Component::load)] = card.load;
  out[at(Component::outcomes)] = card.outcomes;
  out[at(Component::ngo_history)] = std::min(ngo_count, 3) / 3.0;
  out[at(Component::responsiveness)] = responsiveness_score(card, context.response_target_days);
  return out;
}



void score_eligible(const Scorer& scorer, const Evaluation& evaluation, double min_score,
                    std::vector<std::pair<double, std::uint32_t>>& scores, std::size_t& below_floor) {
  scores.clear();
  below_floor = 0;
  // The slots first, so that each lawyer's score card can be fetched from
  // memory well before it is read: scoring waits on memory, not arithmetic.
  scores.reserve(evaluation.remaining.back());
  evaluation.eligible.for_each([&](std::size_t slot) { scores.emplace_back(0.0, static_cast<std::uint32_t>(slot)); });
  const ScoreCard* cards = scorer.cards();
  constexpr std::size_t kAhead = 12;

  // Eligible lawyers come in slot order, as do the NGO counts: walk both.
  const auto& counts = scorer.ngo_counts();
  std::size_t next_count = 0;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < scores.size(); ++i) {
    if (i + kAhead < scores.size()) __builtin_prefetch(cards + scores[i + kAhead].second);
    const std::uint32_t slot = scores[i].second;
    while (next_count < counts.size() && counts[next_count].first < slot) ++next_count;
    const int ngo = next_count < counts.size() && counts[next_count].first == slot ? counts[next_count].second : 0;
    const double score = scorer.score(slot, ngo);
    if (score < min_score) {
      ++below_floor;
      continue;
    }
    scores[kept++] = {score, slot};
  }
  scores.resize(kept);
}

std::vector<Reason> Scorer::reasons(std::uint32_t lawyer, const ComponentArray& components, int ngo_count,
                                    bool co_counsel) const {
  const LawyerRow& row = index_.rows[lawyer];
  const Matter& matter = context_.matter;
  std::vector<Reason> out;
  auto add = [&](Component component, std::string text) {
    out.push_back({std::string(to_string(component)), std::move(text)});
  };

  const AreaChoice area = best_area(index_, context_, row);
  const std::string area_code = area.area == kNoSlot ? std::string() : index_.areas[area.area].code;
  switch (area.relation) {
    case AreaRelation::exact: add(Component::practice_area, "practises " + area_code + ", the matter's area"); break;
    case AreaRelation::narrower:
      add(Component::practice_area, "practises " + area_code + ", within the matter's area " + matter.practice_area);
      break;
    case AreaRelation::broader:
      add(Component::practice_area, "practises " + area_code + ", the broader area of " + matter.practice_area);
      break;
    case AreaRelation::same_family:
      add(Component::practice_area, "practises " + area_code + ", in the same field as " + matter.practice_area);
      break;
    case AreaRelation::none:
      add(Component::practice_area, "no practice in " + matter.practice_area + " or a related area");
      break;
  }
  if (area.area == kNoSlot) {
    add(Component::experience, "no years of practice in a fitting area");
  } else {
    add(Component::experience, plural(area.years, "year", "years") + " in " + area_code + " (full score at " +
                                   std::to_string(policy_.experience_full_years) + ")");
  }

  const TrainingChoice training = best_training(index_, context_, row, today_);
  if (training.item == nullptr) {
    add(Component::training, "no ATIP training for " + matter.forum + " recorded");
  } else {
    std::string text = "ATIP training on " + index_.jurisdictions[training.item->jurisdiction].code;
    if (training.item->topic != kNoSlot) text += ", " + index_.areas[training.item->topic].code;
    text += ", " + Date::from_days(training.item->days).to_string();
    if (today_ - training.item->days > kRecentTrainingDays) text += " (over two years ago, counts half)";
    const bool on_topic = training.item->topic < context_.area_family.size() && context_.area_family[training.item->topic];
    if (!on_topic) text += " (another topic)";
    add(Component::training, text);
  }

  if (matter.languages.empty()) {
    add(Component::language, "the matter names no language");
  } else if (const SkillItem* skill = best_skill(index_, context_, row)) {
    add(Component::language,
        "speaks " + index_.languages[skill->language] + " at " + std::string(to_string(skill->proficiency)) + " level");
  } else {
    std::string tags;
    for (const std::string& tag : matter.languages) tags += (tags.empty() ? "" : ", ") + tag;
    add(Component::language, "speaks none of " + tags + "; an interpreter is accepted");
  }

  add(Component::load, std::to_string(row.active_engagements) + " of " +
                            plural(row.max_active, "matter", "matters") + " active");

  const LawyerHistory& history = index_.infos[lawyer].history;
  if (history.completed + history.withdrawn == 0) {
    add(Component::outcomes, "no finished matters yet (neutral score)");
  } else {
    std::string text = plural(history.completed, "matter", "matters") + " completed, " +
                       std::to_string(history.withdrawn) + " withdrawn";
    if (history.rated > 0) {
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%.1f", history.feedback_sum / history.rated);
      text += ", NGO rating " + std::string(buffer) + " of 5";
    }
    add(Component::outcomes, text);
  }

  if (ngo_count == 0) {
    add(Component::ngo_history, "no earlier engagement for " + matter.ngo);
  } else {
    add(Component::ngo_history, plural(ngo_count, "earlier engagement", "earlier engagements") + " for " + matter.ngo);
  }

  const std::string response_days = days_text(row.response_days);
  const char* day_unit = response_days == "1" ? " day; " : " days; ";
  add(Component::responsiveness, "answers offers in about " + response_days + day_unit +
                                     std::string(to_string(matter.urgency)) + " urgency asks for " +
                                     days_text(context_.response_target_days));

  // The admission that qualifies the lawyer: a local one, the earliest first.
  const AdmissionItem* local = nullptr;
  for (std::uint32_t i = 0; i < row.admissions.count; ++i) {
    const AdmissionItem& item = index_.admission_pool[row.admissions.begin + i];
    if (item.jurisdiction >= context_.in_forum_chain.size() || !context_.in_forum_chain[item.jurisdiction]) continue;
    if (local == nullptr || item.since_days < local->since_days) local = &item;
  }
  if (local != nullptr) {
    std::string text = "admitted in " + index_.jurisdictions[local->jurisdiction].code;
    if (local->since_days != kUnknownDay) text += " since " + std::to_string(Date::from_days(local->since_days).year());
    out.push_back({"admission", text});
  } else if (row.admissions.count > 0) {
    std::string held;
    for (std::uint32_t i = 0; i < row.admissions.count; ++i) {
      held += (held.empty() ? "" : ", ") +
              index_.jurisdictions[index_.admission_pool[row.admissions.begin + i].jurisdiction].code;
    }
    std::string text = "admitted in " + held;
    if (co_counsel) text += "; works in " + matter.forum + " only beside a locally admitted lawyer";
    out.push_back({"admission", text});
  }
  (void)components;
  return out;
}

}  // namespace matching
}  // namespace v1
}  // namespace atip
