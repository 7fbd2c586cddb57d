// Reports for the network and its donors: donated hours and their notional
// value, the matter lifecycle, workshops and the placements that followed
// them, and coverage gaps. Each report is a plain struct with to_json and
// to_csv; docs/reports.md describes every column.
//
// Small-cell suppression. A small count of matters (or of placements, which
// are matters) can point to one survivor's case. So every such count from 1
// to min_cell_size - 1 is withheld: an empty ReportCount, null in JSON,
// "suppressed" in CSV. Zero is shown. Where the cells of a column
// add up to a published total and exactly one of them was withheld, the
// smallest other non-zero cell is withheld too, so that the total minus the
// others does not reveal it. Statistics over fewer than min_cell_size
// matters (median and mean days to placement) are withheld with them.
// Hours, money and counts of lawyers or attendances are not counts of
// survivors and are shown as they are.
//
// Reports read the store and never write to it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "atip/matching/results.hpp"
#include "atip/model/dataset.hpp"
#include "atip/store.hpp"

namespace atip {
inline namespace v1 {

/// The length of a report period.
enum class ReportPeriod { month, quarter, year };

std::string_view to_string(ReportPeriod value);
/// Throws invalid_argument naming `field` for an unknown name.
ReportPeriod parse_report_period(std::string_view text, std::string_view field);

/// The label of the period that contains `date`: "2026-03", "2026-Q1" or "2026".
std::string period_label(Date date, ReportPeriod period);

struct ReportOptions {
  ReportPeriod period = ReportPeriod::month;
  std::optional<Date> from;  ///< First day included; empty for no lower bound.
  std::optional<Date> to;    ///< Last day included; empty for no upper bound.
  /// Smallest count of matters shown, 1-1000; 1 turns suppression off.
  int min_cell_size = 11;
  /// Notional value of one donated hour per jurisdiction code, in `currency`.
  /// Hours on a matter whose forum is an ISO 3166-2 subdivision ("TH-10")
  /// use the subdivision's rate, else the country's. Hours without a rate
  /// are reported as unpriced.
  std::map<std::string, double> hourly_rates;
  /// ISO 4217 code of every rate ("USD").
  std::string currency = "USD";
  /// Days after an event within which an attendee's accepted engagement
  /// counts as a placement that followed it, 0-3650.
  int placement_window_days = 90;
};

/// A count of matters; empty when it was suppressed.
using ReportCount = std::optional<std::int64_t>;

// --- Hours -------------------------------------------------------------------------

/// What an hours report groups by.
enum class HoursDimension { lawyer, firm, jurisdiction, practice_area };

std::string_view to_string(HoursDimension value);
HoursDimension parse_hours_dimension(std::string_view text, std::string_view field);

/// Hours of one group in one period.
struct HoursRow {
  /// Lawyer id, firm id (empty for lawyers without a firm), forum
  /// jurisdiction code or practice-area code of the matter.
  std::string key;
  std::string name;          ///< Display name of the key.
  std::string period;        ///< period_label of the hours entries.
  double hours = 0;
  double value = 0;          ///< Priced hours times their rates, in the report's currency.
  double unpriced_hours = 0; ///< Hours on matters whose forum has no rate.
  ReportCount matters;       ///< Distinct matters the hours were logged on.
};

struct HoursReport {
  HoursDimension dimension = HoursDimension::lawyer;
  ReportPeriod period = ReportPeriod::month;
  std::optional<Date> from;
  std::optional<Date> to;
  std::string currency;
  int min_cell_size = 11;
  std::vector<HoursRow> rows;  ///< Ordered by key, then period.
  double total_hours = 0;
  double total_value = 0;
  double total_unpriced_hours = 0;
};

// --- Matter lifecycle ----------------------------------------------------------------

/// Matters that reached a stage in one period. A matter counts once per
/// column: at its first circulation, its first placement and its closing.
struct LifecycleRow {
  std::string period;  ///< period_label, or "total".
  ReportCount circulated;
  ReportCount placed;
  ReportCount closed;
  /// Days from first circulation to first placement of the matters placed
  /// in the period; empty when suppressed or when none was placed.
  std::optional<double> median_days_to_placement;
  std::optional<double> mean_days_to_placement;
};

struct LifecycleReport {
  ReportPeriod period = ReportPeriod::month;
  std::optional<Date> from;
  std::optional<Date> to;
  int min_cell_size = 11;
  std::vector<LifecycleRow> rows;  ///< Periods with any activity, in order.
  LifecycleRow total;              ///< The whole range; its counts are the column sums.
};

// --- Workshops -------------------------------------------------------------------------

/// One event and the placements of its attendees that followed it.
struct WorkshopRow {
  std::string event;
  std::string title;
  EventKind kind = EventKind::workshop;
  Date date;
  std::string jurisdiction;
  std::int64_t attendees = 0;  ///< Lawyers who attended (not suppressed: they are not survivors).
  /// Attendees who accepted an engagement 0 to placement_window_days days after the event.
  ReportCount attendees_placed;
  /// Engagements those attendees accepted in that window.
  ReportCount placements;
};

struct WorkshopReport {
  std::optional<Date> from;
  std::optional<Date> to;
  int min_cell_size = 11;
  int placement_window_days = 90;
  std::vector<WorkshopRow> rows;  ///< Ordered by date, then event id.
  std::int64_t total_attendances = 0;
};

// --- Coverage gaps -------------------------------------------------------------------------

/// Matters without an eligible candidate that share a forum, practice area
/// and languages.
struct CoverageRow {
  std::string forum;
  std::string practice_area;
  std::vector<std::string> languages;
  ReportCount matters;
  std::string binding;  ///< The constraint that bound most often for the group.
};

struct CoverageGapReport {
  int min_cell_size = 11;
  ReportCount open_matters;
  ReportCount matters_without_candidates;  ///< The sum of the rows' matters.
  std::vector<CoverageRow> rows;           ///< In the order of the CoverageReport's groups.
};

// --- Reports -----------------------------------------------------------------------------

/// Builds reports from one store. The store must outlive the object.
/// Thread contract: as for Store.
class Reports {
 public:
  /// Throws invalid_argument naming the option for an invalid value
  /// ("options.min_cell_size: 0 is outside 1-1000").
  explicit Reports(const Store& store, ReportOptions options = {});

  /// Donated hours grouped by `dimension` and period, with their notional value.
  HoursReport hours(HoursDimension dimension) const;
  /// Matters circulated, placed and closed per period, and time to placement.
  LifecycleReport lifecycle() const;
  /// Events in the date range and the placements of their attendees.
  WorkshopReport workshops() const;
  /// Formats a coverage report of the matching engine with suppression.
  CoverageGapReport coverage(const CoverageReport& coverage) const;

  const ReportOptions& options() const { return options_; }

 private:
  const Store& store_;
  ReportOptions options_;
};

nlohmann::json to_json(const HoursReport& report);
nlohmann::json to_json(const LifecycleReport& report);
nlohmann::json to_json(const WorkshopReport& report);
nlohmann::json to_json(const CoverageGapReport& report);

/// CSV with a header line, RFC 4180: CRLF line ends, fields that contain a
/// comma, a double quote, CR or LF in double quotes with quotes doubled.
/// A suppressed cell reads "suppressed"; a missing statistic is empty.
std::string to_csv(const HoursReport& report);
std::string to_csv(const LifecycleReport& report);
std::string to_csv(const WorkshopReport& report);
std::string to_csv(const CoverageGapReport& report);

/// Quotes one CSV field as RFC 4180 requires, and only when it must. Text
/// that a spreadsheet would run as a formula (starting with = + - @, a tab
/// or a CR, and not a plain number) gets a leading apostrophe first.
std::string csv_field(std::string_view text);

}  // namespace v1
}  // namespace atip
