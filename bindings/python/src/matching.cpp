// Matching in atip._atip: rank, assign and coverage_gaps on a clearinghouse,
// with the policy given as a JSON-compatible dict and the results returned
// as plain dicts (the library's to_json forms, atip/matching/results.hpp)
// that the package turns into typed objects.
#include <optional>
#include <string>
#include <vector>

#include <pybind11/stl.h>

#include "atip/clearinghouse.hpp"
#include "atip/error.hpp"
#include "atip/matching.hpp"
#include "bindings.hpp"
#include "clearinghouse_handle.hpp"

namespace atip_python {

using nlohmann::json;

/// Reads the policy argument. None means the default policy, and a dict goes
/// through the strict policy reader, whose messages name the field
/// ("policy.weights.language: ...").
atip::Policy policy_argument(const py::handle& policy) {
  if (policy.is_none()) return atip::Policy{};
  if (!py::isinstance<py::dict>(policy)) {
    atip::fail(atip::ErrorKind::invalid_argument,
               "policy: expected a dict or None, got " + py::repr(py::type::handle_of(policy)).cast<std::string>());
  }
  return atip::policy_from_json(json_from_python(policy, "policy"));
}

namespace {

// --- Arguments --------------------------------------------------------------------

/// Reads the as_of argument: "" means today (UTC), anything else must be "YYYY-MM-DD".
std::optional<atip::Date> as_of_argument(const std::string& as_of) {
  if (as_of.empty()) return std::nullopt;
  return atip::Date::parse(as_of, "as_of");
}

py::object rank(const ClearinghouseHandle& self, const std::string& matter_id, std::size_t top,
                const py::handle& policy, bool explain, bool include_exclusions, const std::string& as_of) {
  auto clearinghouse = self.get();
  const atip::Policy parsed_policy = policy_argument(policy);
  atip::RankOptions options;
  options.top = top;
  options.explain = explain;
  options.include_exclusions = include_exclusions;
  options.as_of = as_of_argument(as_of);
  json result;
  {
    py::gil_scoped_release release;
    result = atip::to_json(clearinghouse->rank(matter_id, parsed_policy, options));
  }
  return python_from_json(result);
}

py::object assign(const ClearinghouseHandle& self, const std::vector<std::string>& matter_ids,
                  const py::handle& policy, const std::string& as_of, int pricing_threads) {
  auto clearinghouse = self.get();
  const atip::Policy parsed_policy = policy_argument(policy);
  atip::AssignOptions options;
  options.matter_ids = matter_ids;
  options.as_of = as_of_argument(as_of);
  if (pricing_threads < 1 || pricing_threads > 64) {
    atip::fail(atip::ErrorKind::invalid_argument,
               "pricing_threads: " + std::to_string(pricing_threads) + " is out of range (expected 1-64)");
  }
  options.solver.pricing_threads = pricing_threads;
  json result;
  {
    py::gil_scoped_release release;
    result = atip::to_json(clearinghouse->assign(options, parsed_policy));
  }
  return python_from_json(result);
}

py::object coverage_gaps(const ClearinghouseHandle& self, const py::handle& policy, const std::string& as_of) {
  auto clearinghouse = self.get();
  const atip::Policy parsed_policy = policy_argument(policy);
  atip::CoverageOptions options;
  options.as_of = as_of_argument(as_of);
  json result;
  {
    py::gil_scoped_release release;
    result = atip::to_json(clearinghouse->coverage_gaps(parsed_policy, options));
  }
  return python_from_json(result);
}

}  // namespace

void init_matching(py::module_& module, py::class_<ClearinghouseHandle>& cls) {
  module.def(
      "default_policy", []() { return python_from_json(atip::to_json(atip::Policy{})); },
      "The default matching policy as a dict, with every field.");
  module.def(
      "normalize_policy",
      [](const py::handle& policy) { return python_from_json(atip::to_json(policy_argument(policy))); },
      py::arg("policy"), "Validates a policy dict and returns it with every field filled in.");

  cls.def("rank", &rank, py::arg("matter_id"), py::kw_only(), py::arg("top") = 10, py::arg("policy") = py::none(),
          py::arg("explain") = true, py::arg("include_exclusions") = false, py::arg("as_of") = "");
  cls.def("assign", &assign, py::arg("matter_ids") = std::vector<std::string>{}, py::kw_only(),
          py::arg("policy") = py::none(), py::arg("as_of") = "", py::arg("pricing_threads") = 2);
  cls.def("coverage_gaps", &coverage_gaps, py::kw_only(), py::arg("policy") = py::none(), py::arg("as_of") = "");
}

}  // namespace atip_python
