// Names of the matching enums and the JSON form of every result type.
#include <string>

#include "atip/error.hpp"
#include "atip/matching/results.hpp"

namespace atip {
inline namespace v1 {

using nlohmann::json;

namespace {

constexpr const char* kConstraintNames[] = {"status",     "capacity",       "unavailable",
                                            "conflict",   "admission",      "language",
                                            "firm_exclusion", "already_engaged", "min_score"};

template <typename T>
json array_of(const std::vector<T>& items) {
  json out = json::array();
  for (const T& item : items) out.push_back(to_json(item));
  return out;
}

json optional_gap(const std::optional<CoverageGap>& gap) { return gap ? to_json(*gap) : json(nullptr); }

}  // namespace

std::string_view to_string(Constraint value) { return kConstraintNames[static_cast<int>(value)]; }

Constraint parse_constraint(std::string_view text, std::string_view field) {
  for (Constraint constraint : kAllConstraints) {
    if (to_string(constraint) == text) return constraint;
  }
  std::string expected;
  for (const char* name : kConstraintNames) expected += std::string(expected.empty() ? "" : ", ") + name;
  fail(ErrorKind::invalid_argument, std::string(field) + ": \"" + std::string(text) +
                                        "\" is not a valid constraint (expected one of: " + expected + ")");
}

std::string_view to_string(NearMatchRule value) {
  switch (value) {
    case NearMatchRule::shared_romanisation: return "shared_romanisation";
    case NearMatchRule::word_order: return "word_order";
    case NearMatchRule::name_variant: return "name_variant";
    case NearMatchRule::edit_distance: return "edit_distance";
  }
  return "edit_distance";
}

std::string_view to_string(UnfilledReason value) {
  return value == UnfilledReason::no_eligible_lawyer ? "no_eligible_lawyer" : "capacity_taken";
}

json to_json(const ConflictReview& value) {
  return {{"party_name", value.party_name}, {"register_name", value.register_name}, {"source", value.source},
          {"owner_id", value.owner_id},     {"rule", to_string(value.rule)},       {"similarity", value.similarity}};
}

json to_json(const ComponentScore& value) {
  return {{"component", to_string(value.component)}, {"score", value.score}, {"weight", value.weight}};
}

json to_json(const Reason& value) { return {{"topic", value.topic}, {"text", value.text}}; }

json to_json(const Match& value) {
  return {{"lawyer_id", value.lawyer_id},
          {"lawyer_name", value.lawyer_name},
          {"firm_id", value.firm_id},
          {"score", value.score},
          {"components", array_of(value.components)},
          {"reasons", array_of(value.reasons)},
          {"conflict_reviews", array_of(value.conflict_reviews)},
          {"needs_local_co_counsel", value.needs_local_co_counsel}};
}

json to_json(const Exclusion& value) {
  json failed = json::array();
  for (Constraint constraint : value.failed) failed.push_back(to_string(constraint));
  return {{"lawyer_id", value.lawyer_id},
          {"constraint", to_string(value.constraint)},
          {"failed", failed},
          {"detail", value.detail}};
}

json to_json(const FunnelStep& value) {
  return {{"constraint", to_string(value.constraint)}, {"remaining", value.remaining}};
}

json to_json(const CoverageGap& value) {
  return {{"matter_id", value.matter_id},
          {"binding", to_string(value.binding)},
          {"remaining_before", value.remaining_before},
          {"funnel", array_of(value.funnel)},
          {"explanation", value.explanation}};
}

json to_json(const Ranking& value) {
  return {{"matter_id", value.matter_id},
          {"lawyers_considered", value.lawyers_considered},
          {"eligible", value.eligible},
          {"matches", array_of(value.matches)},
          {"funnel", array_of(value.funnel)},
          {"gap", optional_gap(value.gap)},
          {"exclusions", array_of(value.exclusions)}};
}

json to_json(const GapGroup& value) {
  json binding = json::array();
  for (const auto& [constraint, count] : value.binding) {
    binding.push_back({{"constraint", to_string(constraint)}, {"matters", count}});
  }
  return {{"forum", value.forum},
          {"practice_area", value.practice_area},
          {"languages", value.languages},
          {"matter_ids", value.matter_ids},
          {"binding", binding}};
}

json to_json(const CoverageReport& value) {
  return {{"open_matters", value.open_matters},
          {"matters_without_candidates", value.matters_without_candidates},
          {"groups", array_of(value.groups)},
          {"gaps", array_of(value.gaps)}};
}

json to_json(const Assignment& value) { return {{"matter_id", value.matter_id}, {"match", to_json(value.match)}}; }

json to_json(const UnfilledMatter& value) {
  return {{"matter_id", value.matter_id}, {"wanted", value.wanted},     {"assigned", value.assigned},
          {"reason", to_string(value.reason)}, {"eligible", value.eligible}, {"detail", value.detail},
          {"gap", optional_gap(value.gap)}};
}

json to_json(const AssignmentResult& value) {
  json already = value.already_staffed;
  return {{"assignments", array_of(value.assignments)},
          {"unfilled", array_of(value.unfilled)},
          {"already_staffed", already},
          {"total_score", value.total_score},
          {"firm_cap", value.firm_cap ? json(*value.firm_cap) : json(nullptr)},
          {"proved_optimal", value.proved_optimal}};
}

}  // namespace v1
}  // namespace atip
