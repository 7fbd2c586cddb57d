// Helpers shared by the reports, and the period names.
#include "reports/report_support.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "atip/error.hpp"
#include "model/enum_table.hpp"

namespace atip {
inline namespace v1 {

namespace {

constexpr detail::EnumTable<ReportPeriod, 3> kReportPeriods{
    "report period",
    {{{ReportPeriod::month, "month"}, {ReportPeriod::quarter, "quarter"}, {ReportPeriod::year, "year"}}}};

constexpr detail::EnumTable<HoursDimension, 4> kHoursDimensions{
    "hours dimension",
    {{{HoursDimension::lawyer, "lawyer"},
      {HoursDimension::firm, "firm"},
      {HoursDimension::jurisdiction, "jurisdiction"},
      {HoursDimension::practice_area, "practice_area"}}}};

}  // namespace

std::string_view to_string(ReportPeriod value) { return kReportPeriods.name(value); }
ReportPeriod parse_report_period(std::string_view text, std::string_view field) {
  return kReportPeriods.parse(text, field);
}

std::string_view to_string(HoursDimension value) { return kHoursDimensions.name(value); }
HoursDimension parse_hours_dimension(std::string_view text, std::string_view field) {
  return kHoursDimensions.parse(text, field);
}

std::string period_label(Date date, ReportPeriod period) {
  // "YYYY-MM-DD": the year and the month are the first seven characters.
  const std::string text = date.to_string();
  switch (period) {
    case ReportPeriod::month: return text.substr(0, 7);
    case ReportPeriod::quarter: {
      const int month = std::stoi(text.substr(5, 2));
      return text.substr(0, 4) + "-Q" + std::to_string((month - 1) / 3 + 1);
    }
    case ReportPeriod::year: return text.substr(0, 4);
  }
  fail(ErrorKind::internal, "period_label: unknown report period");
}

namespace {

bool is_plain_number(std::string_view text) {
  if (!text.empty() && text.front() == '-') text.remove_prefix(1);
  if (text.empty() || text.front() == '.' || text.back() == '.') return false;
  bool point = false;
  for (const char c : text) {
    if (c == '.' && !point) {
      point = true;
    } else if (c < '0' || c > '9') {
      return false;
    }
  }
  return true;
}

/// Spreadsheets run a cell that starts with = + - @ (or a tab or CR before
/// one) as a formula, so a name such as "=HYPERLINK(...)" in a report could
/// act when a donor opens the file. Such text gets a leading apostrophe, which
/// spreadsheets show as text; numbers such as "-2.50" stay as they are.
bool could_run_as_formula(std::string_view text) {
  if (text.empty() || is_plain_number(text)) return false;
  const char first = text.front();
  return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
}

}  // namespace

std::string csv_field(std::string_view text) {
  std::string safe = could_run_as_formula(text) ? "'" + std::string(text) : std::string(text);
  if (safe.find_first_of(",\"\r\n") == std::string::npos) return safe;
  std::string quoted = "\"";
  for (const char c : safe) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

namespace report_detail {

bool in_range(const ReportOptions& options, Date date) {
  if (options.from && date < *options.from) return false;
  if (options.to && *options.to < date) return false;
  return true;
}

ReportCount suppress_small(std::int64_t count, int min_cell_size) {
  if (count > 0 && count < min_cell_size) return std::nullopt;
  return count;
}

SuppressedColumn suppress_column(const std::vector<std::int64_t>& cells, std::int64_t total, int min_cell_size) {
  SuppressedColumn column;
  column.total = suppress_small(total, min_cell_size);
  std::size_t withheld = 0;
  for (const std::int64_t cell : cells) {
    column.cells.push_back(suppress_small(cell, min_cell_size));
    if (!column.cells.back()) ++withheld;
  }
  if (!column.total || withheld != 1) return column;

  // Exactly one cell is withheld and the total is shown: withhold the
  // smallest other non-zero cell as well. One exists, because the withheld
  // cell is below min_cell_size and the shown total is not.
  std::optional<std::size_t> smallest;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (!column.cells[i] || cells[i] == 0) continue;
    if (!smallest || cells[i] < cells[*smallest]) smallest = i;
  }
  if (smallest) column.cells[*smallest] = std::nullopt;
  return column;
}

nlohmann::json count_json(const ReportCount& count) { return count ? nlohmann::json(*count) : nlohmann::json(nullptr); }

nlohmann::json date_json(const std::optional<Date>& date) {
  return date ? nlohmann::json(date->to_string()) : nlohmann::json(nullptr);
}

std::string format_number(double value, int decimals) {
  // Rounds half away from zero at the last digit shown, and never prints "-0".
  const double scale = std::pow(10.0, decimals);
  double rounded = std::round(value * scale) / scale;
  if (rounded == 0) rounded = 0;
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, rounded);
  return buffer;
}

std::string count_csv(const ReportCount& count) { return count ? std::to_string(*count) : "suppressed"; }

void append_csv_line(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += csv_field(fields[i]);
  }
  out += "\r\n";
}

}  // namespace report_detail
}  // namespace v1
}  // namespace atip
