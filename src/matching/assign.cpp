// Batch assignment: the matters of a batch and the lawyers of the index
// become a BatchProblem, the matcher's filters and score become the
// solver's EligibilityOracle, and the solver's pairs come back as matches.
#include <algorithm>
#include <cmath>
#include <set>

#include "atip/error.hpp"
#include "matching/matcher_impl.hpp"

namespace atip {
inline namespace v1 {

using matching::MatterContext;

namespace {

struct BatchMatter {
  std::shared_ptr<const MatterContext> context;
  int wanted = 0;
};

/// The matters of the batch, ordered by id.
std::vector<Matter> batch_matters(const Store& store, const std::vector<std::string>& ids) {
  if (ids.empty()) {
    std::vector<Matter> open = store.list_open_matters();
    std::sort(open.begin(), open.end(), [](const Matter& a, const Matter& b) { return a.id < b.id; });
    return open;
  }
  std::vector<Matter> out;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const std::string field = "options.matter_ids[" + std::to_string(i) + "]";
    if (!seen.insert(ids[i]).second) {
      fail(ErrorKind::invalid_argument, field + ": \"" + ids[i] + "\" appears twice (list each matter once)");
    }
    std::optional<Matter> matter = store.find_matter(ids[i]);
    if (!matter) fail(ErrorKind::not_found, field + ": \"" + ids[i] + "\" does not exist (check the id)");
    if (!is_open(matter->status)) {
      fail(ErrorKind::invalid_state, field + ": matter \"" + ids[i] + "\" is " + std::string(to_string(matter->status)) +
                                         " (only open matters are assigned)");
    }
    out.push_back(std::move(*matter));
  }
  std::sort(out.begin(), out.end(), [](const Matter& a, const Matter& b) { return a.id < b.id; });
  return out;
}

int team_members(const matching::Index& index, const std::string& matter_id) {
  const auto found = index.engagements_of_matter.find(matter_id);
  if (found == index.engagements_of_matter.end()) return 0;
  int count = 0;
  for (const std::string& id : found->second) {
    if (uses_capacity(index.engagements.at(id).status)) ++count;
  }
  return count;
}

/// The matcher's constraints and score, seen by the solver. Reads the index
/// only, so concurrent calls are safe.
class MatcherOracle final : public EligibilityOracle {
 public:
  MatcherOracle(const matching::Index& index, const matching::NameVariants& variants, const Policy& policy, Date as_of,
                const std::vector<BatchMatter>& matters, const std::vector<std::int32_t>& lawyer_of_slot)
      : index_(index), variants_(variants), policy_(policy), as_of_(as_of), matters_(matters),
        lawyer_of_slot_(lawyer_of_slot) {}

  // The solver keeps the best pairs of each matter after its first call, so
  // later calls are rare and nothing is cached here.
  void eligible(std::int32_t matter, std::vector<ScoredLawyer>& out) const override {
    const auto m = static_cast<std::size_t>(matter);
    const MatterContext& context = *matters_[m].context;
    const matching::Evaluation evaluation = this->evaluation(m);
    const matching::Scorer scorer(index_, context, policy_, as_of_);
    std::vector<std::pair<double, std::uint32_t>> scores;
    std::size_t below_floor = 0;
    matching::score_eligible(scorer, evaluation, policy_.min_score, scores, below_floor);
    out.reserve(scores.size());
    for (const auto& [score, slot] : scores) out.push_back({lawyer_of_slot_[slot], score});
  }

  matching::Evaluation evaluation(std::size_t m) const {
    return matching::evaluate(index_, *matters_[m].context, policy_, variants_, as_of_);
  }

 private:
  const matching::Index& index_;
  const matching::NameVariants& variants_;
  const Policy& policy_;
  Date as_of_;
  const std::vector<BatchMatter>& matters_;
  const std::vector<std::int32_t>& lawyer_of_slot_;
};

BatchProblem make_problem(const matching::Index& index, const std::vector<std::uint32_t>& lawyers,
                          const std::vector<BatchMatter>& matters, const Policy& policy) {
  BatchProblem problem;
  int wanted_total = 0;
  for (const BatchMatter& matter : matters) {
    problem.team_size.push_back(matter.wanted);
    wanted_total += matter.wanted;
  }
  for (std::uint32_t slot : lawyers) {
    const matching::LawyerRow& row = index.rows[slot];
    problem.capacity.push_back(std::max(0, row.max_active - row.active_engagements));
    problem.firm.push_back(row.firm);
  }
  if (policy.firm_share) {
    problem.firm_cap = std::max(1, static_cast<int>(std::ceil(*policy.firm_share * wanted_total - 1e-9)));
  }
  return problem;
}

UnfilledMatter unfilled_matter(const matching::Index& index, const MatcherOracle& oracle, const Policy& policy,
                               const BatchMatter& matter, std::size_t m, int assigned, std::size_t eligible) {
  UnfilledMatter out;
  out.matter_id = matter.context->matter.id;
  out.wanted = matter.wanted;
  out.assigned = assigned;
  out.eligible = eligible;
  if (eligible > static_cast<std::size_t>(assigned)) {
    out.reason = UnfilledReason::capacity_taken;
    out.detail = std::to_string(eligible) + " lawyers are eligible, but their capacity or their firm's share of the "
                 "batch went to other matters";
    return out;
  }
  out.reason = UnfilledReason::no_eligible_lawyer;
  if (eligible == 0) {
    const matching::Evaluation evaluation = oracle.evaluation(m);
    out.gap = matching::explain_gap(index, *matter.context, evaluation, policy, matching::funnel(evaluation, 0));
    out.detail = out.gap->explanation;
  } else {
    out.detail = "only " + std::to_string(eligible) + " of the " + std::to_string(matter.wanted) +
                 " lawyers wanted are eligible, and all of them were assigned";
  }
  return out;
}

}  // namespace

AssignmentResult Matcher::assign(const AssignOptions& options, const Policy& policy) {
  validate(policy);
  impl_->refresh();
  const Date as_of = as_of_or_today(options.as_of);
  matching::Index& index = impl_->index;

  AssignmentResult result;
  std::vector<BatchMatter> matters;
  for (const Matter& matter : batch_matters(impl_->store, options.matter_ids)) {
    const int wanted = matter.team_size - team_members(index, matter.id);
    if (wanted <= 0) {
      result.already_staffed.push_back(matter.id);
      continue;
    }
    matters.push_back({impl_->context_of(matter, true), wanted});
  }

  // Lawyers are numbered in id order, so the solver's tie-breaking on
  // indices is a tie-breaking on ids.
  const std::vector<std::uint32_t> lawyers = index.lawyers_by_id();
  std::vector<std::int32_t> lawyer_of_slot(index.slot_capacity, -1);
  for (std::size_t i = 0; i < lawyers.size(); ++i) lawyer_of_slot[lawyers[i]] = static_cast<std::int32_t>(i);

  const BatchProblem problem = make_problem(index, lawyers, matters, policy);
  result.firm_cap = problem.firm_cap;
  const MatcherOracle oracle(index, impl_->variants, policy, as_of, matters, lawyer_of_slot);
  const BatchAssignment solved = solve_batch(problem, oracle, options.solver);
  result.proved_optimal = solved.proved_optimal;

  std::vector<int> assigned(matters.size(), 0);
  std::size_t current = matters.size();
  std::optional<matching::Evaluation> evaluation;
  std::optional<matching::Scorer> scorer;
  for (const auto& [m, l] : solved.pairs) {
    const auto matter = static_cast<std::size_t>(m);
    if (matter != current) {
      current = matter;
      evaluation = oracle.evaluation(matter);
      scorer.emplace(index, *matters[matter].context, policy, as_of);
    }
    Assignment assignment;
    assignment.matter_id = matters[matter].context->matter.id;
    assignment.match = matching::make_match(index, *matters[matter].context, *scorer, *evaluation, impl_->variants,
                                            policy, lawyers[static_cast<std::size_t>(l)], true);
    result.total_score += assignment.match.score;
    result.assignments.push_back(std::move(assignment));
    ++assigned[matter];
  }
  for (std::size_t m = 0; m < matters.size(); ++m) {
    if (assigned[m] >= matters[m].wanted) continue;
    const auto eligible = static_cast<std::size_t>(solved.eligible_per_matter[m]);
    result.unfilled.push_back(unfilled_matter(index, oracle, policy, matters[m], m, assigned[m], eligible));
  }
  return result;
}

}  // namespace v1
}  // namespace atip
