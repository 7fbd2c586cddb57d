// Coverage of the open matters: which have no eligible lawyer, and why,
// grouped by forum, practice area and languages.
#include <algorithm>
#include <map>
#include <tuple>

#include "matching/matcher_impl.hpp"

namespace atip {
inline namespace v1 {

namespace {

using GroupKey = std::tuple<std::string, std::string, std::vector<std::string>>;

std::vector<GapGroup> group_gaps(const std::vector<std::pair<GroupKey, CoverageGap>>& gaps) {
  std::map<GroupKey, GapGroup> groups;
  std::map<GroupKey, std::map<Constraint, std::size_t>> binding;
  for (const auto& [key, gap] : gaps) {
    GapGroup& group = groups[key];
    std::tie(group.forum, group.practice_area, group.languages) = key;
    group.matter_ids.push_back(gap.matter_id);
    ++binding[key][gap.binding];
  }
  std::vector<GapGroup> out;
  for (auto& [key, group] : groups) {
    std::sort(group.matter_ids.begin(), group.matter_ids.end());
    for (const auto& [constraint, count] : binding[key]) group.binding.emplace_back(constraint, count);
    std::stable_sort(group.binding.begin(), group.binding.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    out.push_back(std::move(group));
  }
  // The map already ordered ties by forum, area and languages.
  std::stable_sort(out.begin(), out.end(),
                   [](const GapGroup& a, const GapGroup& b) { return a.matter_ids.size() > b.matter_ids.size(); });
  return out;
}

}  // namespace

CoverageReport Matcher::coverage_gaps(const Policy& policy, const CoverageOptions& options) {
  validate(policy);
  impl_->refresh();
  const Date as_of = as_of_or_today(options.as_of);
  matching::Index& index = impl_->index;

  std::vector<Matter> open = impl_->store.list_open_matters();
  std::sort(open.begin(), open.end(), [](const Matter& a, const Matter& b) { return a.id < b.id; });
  CoverageReport report;
  report.open_matters = open.size();
  std::vector<std::pair<GroupKey, CoverageGap>> gaps;
  for (const Matter& matter : open) {
    const auto context = impl_->context_of(matter, true);
    const matching::Evaluation evaluation = matching::evaluate(index, *context, policy, impl_->variants, as_of);
    std::size_t eligible = evaluation.remaining.back();
    if (eligible > 0 && policy.min_score > 0) {
      // Only a score floor can still empty the list.
      const matching::Scorer scorer(index, *context, policy, as_of);
      std::vector<std::pair<double, std::uint32_t>> scores;
      std::size_t below_floor = 0;
      matching::score_eligible(scorer, evaluation, policy.min_score, scores, below_floor);
      eligible = scores.size();
    }
    if (eligible > 0) continue;
    std::vector<std::string> languages = matter.languages;
    std::sort(languages.begin(), languages.end());
    gaps.emplace_back(GroupKey{matter.forum, matter.practice_area, languages},
                      matching::explain_gap(index, *context, evaluation, policy, matching::funnel(evaluation, 0)));
  }
  report.matters_without_candidates = gaps.size();
  report.groups = group_gaps(gaps);
  for (auto& [key, gap] : gaps) report.gaps.push_back(std::move(gap));
  return report;
}

}  // namespace v1
}  // namespace atip
