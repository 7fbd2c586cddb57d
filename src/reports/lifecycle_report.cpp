// Matters circulated, placed and closed per period, and time to placement.
#include <algorithm>
#include <map>
#include <numeric>

#include "atip/workflow.hpp"
#include "reports/report_support.hpp"

namespace atip {
inline namespace v1 {

using nlohmann::json;
using namespace report_detail;

namespace {

/// The lifecycle dates of one matter, from its recorded transitions.
struct MatterDates {
  std::optional<Date> first_circulated;
  std::optional<Date> first_placed;
  std::optional<Date> closed;
};

std::map<std::string, MatterDates> matter_dates(const Store& store) {
  std::map<std::string, MatterDates> dates;
  // Transitions come in id order, which is the order they were recorded.
  for (const MatterTransition& transition : list_matter_transitions(store)) {
    MatterDates& matter = dates[transition.matter];
    if (transition.to == MatterStatus::circulated && !matter.first_circulated) matter.first_circulated = transition.date;
    if (transition.to == MatterStatus::placed && !matter.first_placed) matter.first_placed = transition.date;
    if (transition.to == MatterStatus::closed) matter.closed = transition.date;
  }
  return dates;
}

/// Raw counts of one period before suppression.
struct PeriodCounts {
  std::int64_t circulated = 0;
  std::int64_t placed = 0;
  std::int64_t closed = 0;
  std::vector<double> days_to_placement;
};

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t middle = values.size() / 2;
  if (values.size() % 2 == 1) return values[middle];
  return (values[middle - 1] + values[middle]) / 2;
}

double mean(const std::vector<double>& values) {
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

/// Sets the statistics of `row` when its placed count is shown and at
/// least `min_cell_size` durations back them.
void set_statistics(LifecycleRow& row, const std::vector<double>& days, int min_cell_size) {
  if (days.empty() || !row.placed) return;
  if (static_cast<int>(days.size()) < min_cell_size) return;
  row.median_days_to_placement = median(days);
  row.mean_days_to_placement = mean(days);
}

}  // namespace

LifecycleReport Reports::lifecycle() const {
  // Count each matter once per column, in the period of the date concerned.
  std::map<std::string, PeriodCounts> periods;
  PeriodCounts total;
  auto count = [&](const std::optional<Date>& date, std::int64_t PeriodCounts::*column) -> PeriodCounts* {
    if (!date || !in_range(options_, *date)) return nullptr;
    PeriodCounts& period = periods[period_label(*date, options_.period)];
    ++(period.*column);
    ++(total.*column);
    return &period;
  };
  for (const auto& [id, dates] : matter_dates(store_)) {
    count(dates.first_circulated, &PeriodCounts::circulated);
    count(dates.closed, &PeriodCounts::closed);
    if (PeriodCounts* period = count(dates.first_placed, &PeriodCounts::placed)) {
      if (dates.first_circulated) {
        const double days = dates.first_placed->days() - dates.first_circulated->days();
        period->days_to_placement.push_back(days);
        total.days_to_placement.push_back(days);
      }
    }
  }

  // Suppress column by column against the column totals.
  std::vector<std::int64_t> circulated, placed, closed;
  for (const auto& [label, counts] : periods) {
    circulated.push_back(counts.circulated);
    placed.push_back(counts.placed);
    closed.push_back(counts.closed);
  }
  const int k = options_.min_cell_size;
  const SuppressedColumn circulated_column = suppress_column(circulated, total.circulated, k);
  const SuppressedColumn placed_column = suppress_column(placed, total.placed, k);
  const SuppressedColumn closed_column = suppress_column(closed, total.closed, k);

  LifecycleReport report;
  report.period = options_.period;
  report.from = options_.from;
  report.to = options_.to;
  report.min_cell_size = k;
  std::size_t index = 0;
  for (const auto& [label, counts] : periods) {
    LifecycleRow row;
    row.period = label;
    row.circulated = circulated_column.cells[index];
    row.placed = placed_column.cells[index];
    row.closed = closed_column.cells[index];
    set_statistics(row, counts.days_to_placement, k);
    report.rows.push_back(std::move(row));
    ++index;
  }
  report.total.period = "total";
  report.total.circulated = circulated_column.total;
  report.total.placed = placed_column.total;
  report.total.closed = closed_column.total;
  set_statistics(report.total, total.days_to_placement, k);
  return report;
}

namespace {

json statistic_json(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }

json row_json(const LifecycleRow& row) {
  return json{{"period", row.period},
              {"circulated", count_json(row.circulated)},
              {"placed", count_json(row.placed)},
              {"closed", count_json(row.closed)},
              {"median_days_to_placement", statistic_json(row.median_days_to_placement)},
              {"mean_days_to_placement", statistic_json(row.mean_days_to_placement)}};
}

std::string statistic_csv(const std::optional<double>& value) { return value ? format_number(*value, 1) : ""; }

void append_row(std::string& out, const LifecycleRow& row) {
  append_csv_line(out, {row.period, count_csv(row.circulated), count_csv(row.placed), count_csv(row.closed),
                        statistic_csv(row.median_days_to_placement), statistic_csv(row.mean_days_to_placement)});
}

}  // namespace

json to_json(const LifecycleReport& report) {
  json rows = json::array();
  for (const LifecycleRow& row : report.rows) rows.push_back(row_json(row));
  return json{{"report", "lifecycle"},
              {"period", to_string(report.period)},
              {"from", date_json(report.from)},
              {"to", date_json(report.to)},
              {"min_cell_size", report.min_cell_size},
              {"rows", std::move(rows)},
              {"total", row_json(report.total)}};
}

std::string to_csv(const LifecycleReport& report) {
  std::string out;
  append_csv_line(out, {"period", "circulated", "placed", "closed", "median_days_to_placement",
                        "mean_days_to_placement"});
  for (const LifecycleRow& row : report.rows) append_row(out, row);
  append_row(out, report.total);
  return out;
}

}  // namespace v1
}  // namespace atip
