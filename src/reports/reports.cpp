// The Reports object and the checks on its options.
#include <cctype>
#include <cmath>

#include "atip/error.hpp"
#include "reports/report_support.hpp"

namespace atip {
inline namespace v1 {

namespace {

constexpr int kMaxMinCellSize = 1000;
constexpr int kMaxWindowDays = 3650;

void check_range(int value, int min, int max, const char* field) {
  if (value < min || value > max) {
    fail(ErrorKind::invalid_argument, std::string(field) + ": " + std::to_string(value) + " is outside " +
                                          std::to_string(min) + "-" + std::to_string(max));
  }
}

void check_currency(const std::string& currency) {
  const bool valid = currency.size() == 3 && std::isupper(static_cast<unsigned char>(currency[0])) &&
                     std::isupper(static_cast<unsigned char>(currency[1])) &&
                     std::isupper(static_cast<unsigned char>(currency[2]));
  if (!valid) {
    fail(ErrorKind::invalid_argument, "options.currency: \"" + currency +
                                          "\" is not an ISO 4217 code (use three capital letters, e.g. \"USD\")");
  }
}

void check_rates(const std::map<std::string, double>& rates) {
  for (const auto& [code, rate] : rates) {
    const std::string field = "options.hourly_rates[\"" + code + "\"]";
    if (!is_jurisdiction_code(code)) {
      fail(ErrorKind::invalid_argument, field + ": \"" + code + "\" is not a jurisdiction code (use \"TH\" or \"TH-10\")");
    }
    if (!std::isfinite(rate) || rate < 0) {
      fail(ErrorKind::invalid_argument, field + ": " + std::to_string(rate) + " is not a rate (use a number >= 0)");
    }
  }
}

void check_options(const ReportOptions& options) {
  check_range(options.min_cell_size, 1, kMaxMinCellSize, "options.min_cell_size");
  check_range(options.placement_window_days, 0, kMaxWindowDays, "options.placement_window_days");
  check_currency(options.currency);
  check_rates(options.hourly_rates);
  if (options.from && options.to && *options.to < *options.from) {
    fail(ErrorKind::invalid_argument, "options.to: " + options.to->to_string() + " is before options.from (" +
                                          options.from->to_string() + ")");
  }
}

}  // namespace

Reports::Reports(const Store& store, ReportOptions options) : store_(store), options_(std::move(options)) {
  check_options(options_);
}

}  // namespace v1
}  // namespace atip
