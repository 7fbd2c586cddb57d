// Reports in atip._atip: hours, lifecycle, workshops and coverage, returned
// as the library's JSON form (a dict) or as CSV text (atip/reports.hpp).
#include <map>
#include <string>

#include <pybind11/stl.h>

#include "atip/clearinghouse.hpp"
#include "atip/error.hpp"
#include "atip/reports.hpp"
#include "bindings.hpp"
#include "clearinghouse_handle.hpp"

namespace atip_python {

using nlohmann::json;

namespace {

struct ReportArguments {
  std::string kind;
  std::string by;
  atip::ReportOptions options;
  atip::Policy policy;
  bool csv = false;
};

/// Builds one report; runs without the GIL. Returns CSV text or JSON.
std::pair<std::string, json> build_report(atip::Clearinghouse& clearinghouse, const ReportArguments& arguments) {
  const auto render = [&](const auto& report) {
    return arguments.csv ? std::pair<std::string, json>{atip::to_csv(report), json()}
                         : std::pair<std::string, json>{std::string(), atip::to_json(report)};
  };
  // Reports read the store through the clearinghouse's cached statements,
  // so they run under its mutex like every other call.
  if (arguments.kind == "hours") {
    const atip::HoursDimension dimension = atip::parse_hours_dimension(arguments.by, "by");
    return clearinghouse.with_reports(arguments.options, [&](const atip::Reports& reports) {
      return render(reports.hours(dimension));
    });
  }
  if (arguments.kind == "lifecycle") {
    return clearinghouse.with_reports(arguments.options,
                                      [&](const atip::Reports& reports) { return render(reports.lifecycle()); });
  }
  if (arguments.kind == "workshops") {
    return clearinghouse.with_reports(arguments.options,
                                      [&](const atip::Reports& reports) { return render(reports.workshops()); });
  }
  if (arguments.kind == "coverage") return render(clearinghouse.coverage_report(arguments.options, arguments.policy));
  atip::fail(atip::ErrorKind::invalid_argument,
             "kind: \"" + arguments.kind + "\" is not a report (expected hours, lifecycle, workshops or coverage)");
}

py::object report(const ClearinghouseHandle& self, const std::string& kind, const std::string& by,
                  const std::string& period, const std::string& start, const std::string& end, int min_cell_size,
                  const std::map<std::string, double>& hourly_rates, const std::string& currency,
                  int placement_window_days, const py::handle& policy, bool csv) {
  auto clearinghouse = self.get();
  ReportArguments arguments;
  arguments.kind = kind;
  arguments.by = by;
  arguments.csv = csv;
  arguments.policy = policy_argument(policy);
  arguments.options.period = atip::parse_report_period(period, "period");
  if (!start.empty()) arguments.options.from = atip::Date::parse(start, "start");
  if (!end.empty()) arguments.options.to = atip::Date::parse(end, "end");
  arguments.options.min_cell_size = min_cell_size;
  arguments.options.hourly_rates = hourly_rates;
  arguments.options.currency = currency;
  arguments.options.placement_window_days = placement_window_days;

  std::pair<std::string, json> result;
  {
    py::gil_scoped_release release;
    result = build_report(*clearinghouse, arguments);
  }
  if (csv) return py::str(result.first);
  return python_from_json(result.second);
}

}  // namespace

void init_reports(py::class_<ClearinghouseHandle>& cls) {
  cls.def("report", &report, py::arg("kind"), py::kw_only(), py::arg("by") = "firm", py::arg("period") = "month",
          py::arg("start") = "", py::arg("end") = "", py::arg("min_cell_size") = 11,
          py::arg("hourly_rates") = std::map<std::string, double>{}, py::arg("currency") = "USD",
          py::arg("placement_window_days") = 90, py::arg("policy") = py::none(), py::arg("csv") = false);
}

}  // namespace atip_python
