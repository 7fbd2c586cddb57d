// Internal: helpers shared by the reports: date ranges, suppression, number
// formatting and CSV lines.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "atip/reports.hpp"

namespace atip {
inline namespace v1 {
namespace report_detail {

/// True when `date` lies in the options' [from, to] range.
bool in_range(const ReportOptions& options, Date date);

/// `count`, or empty when it is from 1 to min_cell_size - 1.
ReportCount suppress_small(std::int64_t count, int min_cell_size);

/// A column of counts and its total, suppressed together.
struct SuppressedColumn {
  std::vector<ReportCount> cells;
  ReportCount total;
};

/// Suppresses the small cells of a column whose cells add up to `total`.
/// When the total is shown and exactly one cell was withheld, it also
/// withholds the smallest other non-zero cell (the earliest on ties), so
/// that the withheld cell cannot be computed from the total.
SuppressedColumn suppress_column(const std::vector<std::int64_t>& cells, std::int64_t total, int min_cell_size);

/// The count as JSON: a number, or null when suppressed.
nlohmann::json count_json(const ReportCount& count);
nlohmann::json date_json(const std::optional<Date>& date);

/// `value` with exactly `decimals` digits after the point ("7.75", "40.0").
std::string format_number(double value, int decimals);
/// The count as a CSV field: digits, or "suppressed".
std::string count_csv(const ReportCount& count);

/// Appends one CSV record of `fields`, each quoted as needed, with CRLF.
void append_csv_line(std::string& out, const std::vector<std::string>& fields);

}  // namespace report_detail
}  // namespace v1
}  // namespace atip
