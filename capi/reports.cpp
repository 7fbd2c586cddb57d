// Reports through the C ABI: donated hours, the matter lifecycle, workshops
// and coverage gaps. Each call reads one JSON request object strictly:
// unknown fields are rejected, and messages name each field "request.<key>".
// It then builds the report under the clearinghouse's mutex and returns its
// JSON or CSV form (atip/reports.hpp). Reports only read, so they work on
// read-only handles.
#include <cctype>
#include <optional>
#include <string>

#include "atip/limits.hpp"
#include "atip/matching/policy.hpp"
#include "atip/reports.hpp"
#include "model/json_reader.hpp"
#include "support.hpp"

using namespace atip::capi;
using atip::detail::fail_field;
using atip::detail::ObjectReader;
using nlohmann::json;

namespace {

// The option ranges of atip::Reports, checked here as well so that messages
// name the request field instead of the C++ option.
constexpr int kMaxMinCellSize = 1000;
constexpr int kMaxPlacementWindowDays = 3650;

/// Largest notional value of one hour, in units of the report's currency.
/// It leaves room for currencies with small units (an hour at 2,500,000 VND
/// is about 100 USD) and keeps a report's sums far from overflowing to
/// infinity, which neither JSON nor a spreadsheet can read.
constexpr double kMaxHourlyRate = 1e9;

enum class ReportFormat { json, csv };

/// The fields every report request shares, plus the options of one kind.
struct ReportRequest {
  atip::ReportOptions options;
  ReportFormat format = ReportFormat::json;
};

// ---------------------------------------------------------------------------
// Request fields

ReportFormat read_format(ObjectReader& reader) {
  if (!reader.has("format")) return ReportFormat::json;
  const std::string format = reader.string("format", atip::kMaxNameBytes);
  if (format == "json") return ReportFormat::json;
  if (format == "csv") return ReportFormat::csv;
  fail_field(reader.field("format"),
             atip::detail::quote_value(json(format)) + " is not a report format (expected \"json\" or \"csv\")");
}

/// Reads `format` and `min_cell_size`, which every kind of report takes.
ReportRequest read_common_fields(ObjectReader& reader) {
  ReportRequest request;
  request.format = read_format(reader);
  request.options.min_cell_size = reader.integer("min_cell_size", request.options.min_cell_size, 1, kMaxMinCellSize);
  return request;
}

void read_period(ObjectReader& reader, atip::ReportOptions& options) {
  if (!reader.has("period")) return;
  options.period = atip::parse_report_period(reader.string("period", atip::kMaxNameBytes), reader.field("period"));
}

void read_date_range(ObjectReader& reader, atip::ReportOptions& options) {
  options.from = reader.date("from");
  options.to = reader.date("to");
  if (options.from && options.to && *options.to < *options.from) {
    fail_field(reader.field("to"), options.to->to_string() + " is before request.from (" + options.from->to_string() +
                                       "); give the first day as \"from\" and the last as \"to\"");
  }
}

void read_currency(ObjectReader& reader, atip::ReportOptions& options) {
  if (!reader.has("currency")) return;
  const std::string currency = reader.string("currency", atip::kMaxNameBytes);
  const bool valid = currency.size() == 3 && std::isupper(static_cast<unsigned char>(currency[0])) &&
                     std::isupper(static_cast<unsigned char>(currency[1])) &&
                     std::isupper(static_cast<unsigned char>(currency[2]));
  if (!valid) {
    fail_field(reader.field("currency"),
               atip::detail::quote_value(json(currency)) +
                   " is not an ISO 4217 code (use three capital letters, such as \"USD\")");
  }
  options.currency = currency;
}

/// Reads `{"TH": 45, "TH-10": 60}`: a rate of one donated hour per
/// jurisdiction code, a number from 0 to kMaxHourlyRate.
void read_hourly_rates(ObjectReader& reader, const json& document, atip::ReportOptions& options) {
  if (!reader.has("hourly_rates")) return;
  const std::string path = reader.field("hourly_rates");
  const json& rates = document.at("hourly_rates");
  if (!rates.is_object()) fail_field(path, "expected an object of jurisdiction codes and rates, got " +
                                               atip::detail::quote_value(rates));
  if (rates.size() > atip::kMaxListItems) {
    atip::fail(atip::ErrorKind::limit_exceeded, path + ": " + std::to_string(rates.size()) +
                                                    " rates exceed the limit of " + std::to_string(atip::kMaxListItems));
  }

  for (const auto& [code, rate] : rates.items()) {
    const std::string rate_path = path + "[" + atip::detail::quote_value(json(code)) + "]";
    atip::detail::convert_jurisdiction(code, rate_path);
    if (!rate.is_number() || !(rate.get<double>() >= 0 && rate.get<double>() <= kMaxHourlyRate)) {
      fail_field(rate_path, atip::detail::quote_value(rate) + " is not a rate (expected a number from 0 to 1000000000)");
    }
    options.hourly_rates[code] = rate.get<double>();
  }
}

// ---------------------------------------------------------------------------
// Requests of each kind

struct HoursRequest : ReportRequest {
  atip::HoursDimension dimension = atip::HoursDimension::firm;
};

HoursRequest read_hours_request(ObjectReader& reader, const json& document) {
  HoursRequest request;
  static_cast<ReportRequest&>(request) = read_common_fields(reader);
  if (reader.has("by")) {
    request.dimension = atip::parse_hours_dimension(reader.string("by", atip::kMaxNameBytes), reader.field("by"));
  }
  read_period(reader, request.options);
  read_date_range(reader, request.options);
  read_hourly_rates(reader, document, request.options);
  read_currency(reader, request.options);
  return request;
}

ReportRequest read_lifecycle_request(ObjectReader& reader, const json&) {
  ReportRequest request = read_common_fields(reader);
  read_period(reader, request.options);
  read_date_range(reader, request.options);
  return request;
}

ReportRequest read_workshops_request(ObjectReader& reader, const json&) {
  ReportRequest request = read_common_fields(reader);
  read_date_range(reader, request.options);
  request.options.placement_window_days = reader.integer(
      "placement_window_days", request.options.placement_window_days, 0, kMaxPlacementWindowDays);
  return request;
}

struct CoverageRequest : ReportRequest {
  atip::Policy policy;
  atip::CoverageOptions coverage;
};

CoverageRequest read_coverage_request(ObjectReader& reader, const json& document) {
  CoverageRequest request;
  static_cast<ReportRequest&>(request) = read_common_fields(reader);
  // The policy reader names its fields "policy.<key>", as every policy
  // argument of the C ABI does.
  if (reader.has("policy")) request.policy = atip::policy_from_json(document.at("policy"));
  request.coverage.as_of = reader.date("as_of");
  return request;
}

// ---------------------------------------------------------------------------
// Running a report call

template <typename Report>
std::string render(const Report& report, ReportFormat format) {
  if (format == ReportFormat::csv) return atip::to_csv(report);
  return result_text(atip::to_json(report));
}

/// Parses `request_json` with `parse(reader, document)`, rejects fields that
/// `parse` did not read, then builds the report with `build(clearinghouse,
/// reports, request)` under the clearinghouse's mutex and hands it to the
/// caller in the requested format.
template <typename Parse, typename Build>
atip_status run_report_call(const char* function, char** out, atip_db* db, const char* request_json, Parse parse,
                            Build build) {
  return guarded(function, db, [&] {
    require_pointer(out, "out");
    atip::Clearinghouse& clearinghouse = require_db(db);
    const json document = require_request_json(request_json, "request_json");
    ObjectReader reader(document, "request");
    const auto request = parse(reader, document);
    reader.finish();

    const std::string text = clearinghouse.with_reports(request.options, [&](const atip::Reports& reports) {
      return render(build(clearinghouse, reports, request), request.format);
    });
    *out = copy_for_caller(text);
  });
}

}  // namespace

extern "C" atip_status atip_report_hours(char** out, atip_db* db, const char* request_json) {
  return run_report_call("atip_report_hours", out, db, request_json, read_hours_request,
                         [](atip::Clearinghouse&, const atip::Reports& reports, const HoursRequest& request) {
                           return reports.hours(request.dimension);
                         });
}

extern "C" atip_status atip_report_lifecycle(char** out, atip_db* db, const char* request_json) {
  return run_report_call("atip_report_lifecycle", out, db, request_json, read_lifecycle_request,
                         [](atip::Clearinghouse&, const atip::Reports& reports, const ReportRequest&) {
                           return reports.lifecycle();
                         });
}

extern "C" atip_status atip_report_workshops(char** out, atip_db* db, const char* request_json) {
  return run_report_call("atip_report_workshops", out, db, request_json, read_workshops_request,
                         [](atip::Clearinghouse&, const atip::Reports& reports, const ReportRequest&) {
                           return reports.workshops();
                         });
}

extern "C" atip_status atip_report_coverage(char** out, atip_db* db, const char* request_json) {
  return run_report_call(
      "atip_report_coverage", out, db, request_json, read_coverage_request,
      [](atip::Clearinghouse& clearinghouse, const atip::Reports& reports, const CoverageRequest& request) {
        // The mutex is recursive, so the matcher's own lock nests inside the report's.
        return reports.coverage(clearinghouse.coverage_gaps(request.policy, request.coverage));
      });
}
