// The matching policy and its strict JSON form.
#include "atip/matching/policy.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <string>

#include "atip/error.hpp"

namespace atip {
inline namespace v1 {

using nlohmann::json;

namespace {

constexpr const char* kComponentNames[] = {"practice_area", "experience", "training",    "language",
                                           "load",          "outcomes",   "ngo_history", "responsiveness"};

/// A JSON value for a message, cut to 60 bytes.
std::string show(const json& value) {
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return text;
}

[[noreturn]] void reject(const std::string& field, const std::string& problem) {
  fail(ErrorKind::invalid_argument, field + ": " + problem);
}

/// Checks that `value` is a finite number in [min, max] (or (min, max] when
/// `min_exclusive`) and returns it.
double checked_number(const json& value, const std::string& field, double min, double max, bool min_exclusive,
                      const std::string& expected) {
  if (!value.is_number()) reject(field, show(value) + " is not a number (expected " + expected + ")");
  const double number = value.get<double>();
  const bool above_min = min_exclusive ? number > min : number >= min;
  if (!std::isfinite(number) || !above_min || number > max) {
    reject(field, show(value) + " is out of range (expected " + expected + ")");
  }
  return number;
}

bool checked_boolean(const json& value, const std::string& field) {
  if (!value.is_boolean()) reject(field, show(value) + " is not valid (expected true or false)");
  return value.get<bool>();
}

int checked_integer(const json& value, const std::string& field, int min, int max) {
  const std::string expected = "an integer " + std::to_string(min) + "-" + std::to_string(max);
  if (!value.is_number_integer()) reject(field, show(value) + " is not valid (expected " + expected + ")");
  // nlohmann stores every non-negative literal as unsigned, so both bounds
  // are checked on that branch too.
  bool in_range = false;
  if (value.is_number_unsigned()) {
    const std::uint64_t number = value.get<std::uint64_t>();
    in_range = number >= static_cast<std::uint64_t>(std::max(min, 0)) && number <= static_cast<std::uint64_t>(max);
  } else {
    in_range = value.get<std::int64_t>() >= min && value.get<std::int64_t>() <= max;
  }
  if (!in_range) reject(field, show(value) + " is out of range (expected " + expected + ")");
  return static_cast<int>(value.get<std::int64_t>());
}

void check_object(const json& value, const std::string& field) {
  if (!value.is_object()) reject(field, show(value) + " is not valid (expected a JSON object)");
}

void reject_unknown_fields(const json& object, const std::string& field, const std::set<std::string>& known) {
  for (const auto& item : object.items()) {
    if (known.count(item.key()) == 0) reject(field, "unknown field " + show(json(item.key())));
  }
}

constexpr const char* kUnitRange = "0-1";
constexpr const char* kPositiveUnitRange = "a number above 0 and at most 1";

ScoreWeights weights_from_json(const json& object, const std::string& field) {
  check_object(object, field);
  ScoreWeights weights;
  std::set<std::string> known;
  for (Component component : kAllComponents) {
    const std::string name(to_string(component));
    known.insert(name);
    const auto found = object.find(name);
    if (found != object.end()) weights.of(component) = checked_number(*found, field + "." + name, 0, 1, false, kUnitRange);
  }
  reject_unknown_fields(object, field, known);
  if (!(weights.sum() > 0)) reject(field, "every weight is 0 (at least one weight must be above 0)");
  return weights;
}

}  // namespace

std::string_view to_string(Component value) { return kComponentNames[static_cast<int>(value)]; }

Component parse_component(std::string_view text, std::string_view field) {
  for (Component component : kAllComponents) {
    if (to_string(component) == text) return component;
  }
  std::string expected;
  for (const char* name : kComponentNames) expected += std::string(expected.empty() ? "" : ", ") + name;
  fail(ErrorKind::invalid_argument, std::string(field) + ": \"" + std::string(text) +
                                        "\" is not a valid score component (expected one of: " + expected + ")");
}

double ScoreWeights::of(Component component) const {
  // The mutable overload only selects a member; reading through it is safe.
  return const_cast<ScoreWeights&>(*this).of(component);
}

double& ScoreWeights::of(Component component) {
  switch (component) {
    case Component::practice_area: return practice_area;
    case Component::experience: return experience;
    case Component::training: return training;
    case Component::language: return language;
    case Component::load: return load;
    case Component::outcomes: return outcomes;
    case Component::ngo_history: return ngo_history;
    case Component::responsiveness: break;
  }
  return responsiveness;
}

double ScoreWeights::sum() const {
  double total = 0;
  for (Component component : kAllComponents) total += of(component);
  return total;
}

Policy policy_from_json(const json& j) {
  const std::string root = "policy";
  check_object(j, root);
  reject_unknown_fields(j, root,
                        {"weights", "require_vetted", "allow_with_local_rule", "near_conflict_threshold", "firm_share",
                         "min_score", "experience_full_years"});
  Policy policy;
  if (j.contains("weights")) policy.weights = weights_from_json(j.at("weights"), root + ".weights");
  if (j.contains("require_vetted")) policy.require_vetted = checked_boolean(j.at("require_vetted"), root + ".require_vetted");
  if (j.contains("allow_with_local_rule")) {
    policy.allow_with_local_rule = checked_boolean(j.at("allow_with_local_rule"), root + ".allow_with_local_rule");
  }
  if (j.contains("near_conflict_threshold")) {
    policy.near_conflict_threshold = checked_number(j.at("near_conflict_threshold"),
                                                    root + ".near_conflict_threshold", 0, 1, true, kPositiveUnitRange);
  }
  if (j.contains("firm_share") && !j.at("firm_share").is_null()) {
    policy.firm_share = checked_number(j.at("firm_share"), root + ".firm_share", 0, 1, true,
                                       std::string(kPositiveUnitRange) + ", or null for no cap");
  }
  if (j.contains("min_score")) policy.min_score = checked_number(j.at("min_score"), root + ".min_score", 0, 1, false, kUnitRange);
  if (j.contains("experience_full_years")) {
    policy.experience_full_years = checked_integer(j.at("experience_full_years"), root + ".experience_full_years", 1, 70);
  }
  return policy;
}

json to_json(const Policy& policy) {
  json weights = json::object();
  for (Component component : kAllComponents) weights[std::string(to_string(component))] = policy.weights.of(component);
  json j = json::object();
  j["weights"] = weights;
  j["require_vetted"] = policy.require_vetted;
  j["allow_with_local_rule"] = policy.allow_with_local_rule;
  j["near_conflict_threshold"] = policy.near_conflict_threshold;
  j["firm_share"] = policy.firm_share ? json(*policy.firm_share) : json(nullptr);
  j["min_score"] = policy.min_score;
  j["experience_full_years"] = policy.experience_full_years;
  return j;
}

void validate(const Policy& policy) {
  // Reading the JSON form back runs every check with the same messages.
  json j = to_json(policy);
  // to_json turns NaN and infinities into null; catch them first.
  for (Component component : kAllComponents) {
    if (!std::isfinite(policy.weights.of(component))) {
      reject("policy.weights." + std::string(to_string(component)), "is not a finite number (expected 0-1)");
    }
  }
  if (!std::isfinite(policy.near_conflict_threshold)) {
    reject("policy.near_conflict_threshold", std::string("is not a finite number (expected ") + kPositiveUnitRange + ")");
  }
  if (policy.firm_share && !std::isfinite(*policy.firm_share)) {
    reject("policy.firm_share", std::string("is not a finite number (expected ") + kPositiveUnitRange + ")");
  }
  if (!std::isfinite(policy.min_score)) reject("policy.min_score", "is not a finite number (expected 0-1)");
  policy_from_json(j);
}

}  // namespace v1
}  // namespace atip
