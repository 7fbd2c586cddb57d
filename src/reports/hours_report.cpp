// Donated hours by lawyer, firm, jurisdiction or practice area and period,
// with their notional value.
#include <map>
#include <set>
#include <utility>

#include "reports/report_support.hpp"

namespace atip {
inline namespace v1 {

using nlohmann::json;
using namespace report_detail;

namespace {

/// Display names of the keys a row can have.
struct Names {
  std::map<std::string, Lawyer> lawyers;
  std::map<std::string, std::string> organizations;
  std::map<std::string, std::string> jurisdictions;
  std::map<std::string, std::string> practice_areas;
};

Names load_names(const Store& store) {
  Names names;
  for (auto& lawyer : store.list_lawyers()) names.lawyers.emplace(lawyer.id, std::move(lawyer));
  for (const auto& organization : store.list_organizations()) {
    names.organizations.emplace(organization.id, organization.display_name());
  }
  for (const auto& jurisdiction : store.list_jurisdictions()) names.jurisdictions.emplace(jurisdiction.code, jurisdiction.name);
  for (const auto& area : store.list_practice_areas()) names.practice_areas.emplace(area.code, area.name);
  return names;
}

std::string lookup(const std::map<std::string, std::string>& names, const std::string& key) {
  const auto found = names.find(key);
  return found == names.end() ? std::string() : found->second;
}

/// The key and display name of the group the hours of `engagement` on `matter` belong to.
std::pair<std::string, std::string> group_of(HoursDimension dimension, const Names& names,
                                             const Engagement& engagement, const Matter& matter) {
  switch (dimension) {
    case HoursDimension::lawyer: {
      const auto found = names.lawyers.find(engagement.lawyer);
      return {engagement.lawyer, found == names.lawyers.end() ? std::string() : found->second.display_name()};
    }
    case HoursDimension::firm: {
      // NOTE: the store keeps no history of a lawyer's firm, so hours count
      // for the firm the lawyer belongs to now, even if logged elsewhere.
      const auto found = names.lawyers.find(engagement.lawyer);
      const std::string firm = found == names.lawyers.end() ? std::string() : found->second.firm;
      return {firm, firm.empty() ? std::string("no firm") : lookup(names.organizations, firm)};
    }
    case HoursDimension::jurisdiction: return {matter.forum, lookup(names.jurisdictions, matter.forum)};
    case HoursDimension::practice_area: return {matter.practice_area, lookup(names.practice_areas, matter.practice_area)};
  }
  return {};
}

/// The hourly rate for hours on a matter in `forum`: the forum's own, else
/// its country's (the code before the '-' of an ISO 3166-2 subdivision).
std::optional<double> rate_for(const ReportOptions& options, const std::string& forum) {
  if (const auto found = options.hourly_rates.find(forum); found != options.hourly_rates.end()) return found->second;
  const auto dash = forum.find('-');
  if (dash == std::string::npos) return std::nullopt;
  if (const auto found = options.hourly_rates.find(forum.substr(0, dash)); found != options.hourly_rates.end()) {
    return found->second;
  }
  return std::nullopt;
}

struct HoursTotals {
  std::string name;
  double hours = 0;
  double value = 0;
  double unpriced_hours = 0;
  std::set<std::string> matters;
};

}  // namespace

HoursReport Reports::hours(HoursDimension dimension) const {
  const Names names = load_names(store_);
  std::map<std::string, Matter> matters;
  for (auto& matter : store_.list_matters()) matters.emplace(matter.id, std::move(matter));

  // Sum every hours entry in the range into its (key, period) group.
  std::map<std::pair<std::string, std::string>, HoursTotals> groups;
  for (const Engagement& engagement : store_.list_engagements()) {
    const auto matter = matters.find(engagement.matter);
    if (matter == matters.end()) continue;
    const auto [key, name] = group_of(dimension, names, engagement, matter->second);
    const std::optional<double> rate = rate_for(options_, matter->second.forum);
    for (const HoursEntry& entry : engagement.hours) {
      if (!in_range(options_, entry.date)) continue;
      HoursTotals& group = groups[{key, period_label(entry.date, options_.period)}];
      group.name = name;
      group.hours += entry.hours;
      if (rate) {
        group.value += entry.hours * *rate;
      } else {
        group.unpriced_hours += entry.hours;
      }
      group.matters.insert(engagement.matter);
    }
  }

  HoursReport report;
  report.dimension = dimension;
  report.period = options_.period;
  report.from = options_.from;
  report.to = options_.to;
  report.currency = options_.currency;
  report.min_cell_size = options_.min_cell_size;
  for (const auto& [group_key, totals] : groups) {
    HoursRow row;
    row.key = group_key.first;
    row.period = group_key.second;
    row.name = totals.name;
    row.hours = totals.hours;
    row.value = totals.value;
    row.unpriced_hours = totals.unpriced_hours;
    // The matter counts of the rows overlap (a matter spans periods and
    // lawyers) and no matter total is published, so primary suppression is enough.
    row.matters = suppress_small(static_cast<std::int64_t>(totals.matters.size()), options_.min_cell_size);
    report.total_hours += row.hours;
    report.total_value += row.value;
    report.total_unpriced_hours += row.unpriced_hours;
    report.rows.push_back(std::move(row));
  }
  return report;
}

json to_json(const HoursReport& report) {
  json rows = json::array();
  for (const HoursRow& row : report.rows) {
    rows.push_back(json{{"key", row.key},
                        {"name", row.name},
                        {"period", row.period},
                        {"hours", row.hours},
                        {"value", row.value},
                        {"unpriced_hours", row.unpriced_hours},
                        {"matters", count_json(row.matters)}});
  }
  return json{{"report", "hours"},
              {"by", to_string(report.dimension)},
              {"period", to_string(report.period)},
              {"from", date_json(report.from)},
              {"to", date_json(report.to)},
              {"currency", report.currency},
              {"min_cell_size", report.min_cell_size},
              {"rows", std::move(rows)},
              {"totals", json{{"hours", report.total_hours},
                              {"value", report.total_value},
                              {"unpriced_hours", report.total_unpriced_hours}}}};
}

std::string to_csv(const HoursReport& report) {
  std::string out;
  append_csv_line(out, {std::string(to_string(report.dimension)), "name", "period", "hours", "value", "currency",
                        "unpriced_hours", "matters"});
  for (const HoursRow& row : report.rows) {
    append_csv_line(out, {row.key, row.name, row.period, format_number(row.hours, 2), format_number(row.value, 2),
                          report.currency, format_number(row.unpriced_hours, 2), count_csv(row.matters)});
  }
  append_csv_line(out, {"", "", "total", format_number(report.total_hours, 2), format_number(report.total_value, 2),
                        report.currency, format_number(report.total_unpriced_hours, 2), ""});
  return out;
}

}  // namespace v1
}  // namespace atip
