// Events and the placements of their attendees that followed them.
#include <algorithm>
#include <map>
#include <set>

#include "reports/report_support.hpp"
#include "store/sqlite.hpp"

namespace atip {
inline namespace v1 {

using nlohmann::json;
using namespace report_detail;

namespace {

/// One acceptance of an engagement: the moment a lawyer was placed on a matter.
struct Acceptance {
  std::string engagement;
  Date date;
};

/// Every recorded acceptance, by lawyer. An engagement withdrawn after it
/// was accepted still counts: the placement happened.
std::map<std::string, std::vector<Acceptance>> acceptances_by_lawyer(const Store& store) {
  sql::Statement statement(store.native_handle(), R"sql(
      SELECT e.lawyer_id, t.engagement_id, t.date FROM engagement_transitions t
      JOIN engagements e ON e.id = t.engagement_id
      WHERE t.to_status = 'accepted' ORDER BY t.id)sql");
  std::map<std::string, std::vector<Acceptance>> by_lawyer;
  while (statement.step()) {
    by_lawyer[statement.text(0)].push_back(
        Acceptance{statement.text(1), Date::parse(statement.text(2), "engagement_transitions.date")});
  }
  return by_lawyer;
}

bool within_window(Date event, Date accepted, int window_days) {
  const int days = accepted.days() - event.days();
  return days >= 0 && days <= window_days;
}

}  // namespace

WorkshopReport Reports::workshops() const {
  const auto acceptances = acceptances_by_lawyer(store_);
  std::vector<Event> events = store_.list_events();
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return a.date < b.date; });

  WorkshopReport report;
  report.from = options_.from;
  report.to = options_.to;
  report.min_cell_size = options_.min_cell_size;
  report.placement_window_days = options_.placement_window_days;
  for (const Event& event : events) {
    if (!in_range(options_, event.date)) continue;
    std::int64_t placed_attendees = 0;
    std::set<std::string> placements;
    for (const std::string& lawyer : event.attendees) {
      const auto found = acceptances.find(lawyer);
      if (found == acceptances.end()) continue;
      bool placed = false;
      for (const Acceptance& acceptance : found->second) {
        if (!within_window(event.date, acceptance.date, options_.placement_window_days)) continue;
        placements.insert(acceptance.engagement);
        placed = true;
      }
      placed_attendees += placed ? 1 : 0;
    }

    WorkshopRow row;
    row.event = event.id;
    row.title = event.title;
    row.kind = event.kind;
    row.date = event.date;
    row.jurisdiction = event.jurisdiction;
    row.attendees = static_cast<std::int64_t>(event.attendees.size());
    // A placement can follow several events, so these counts do not add up
    // to a published total: primary suppression is enough.
    row.attendees_placed = suppress_small(placed_attendees, options_.min_cell_size);
    row.placements = suppress_small(static_cast<std::int64_t>(placements.size()), options_.min_cell_size);
    report.total_attendances += row.attendees;
    report.rows.push_back(std::move(row));
  }
  return report;
}

json to_json(const WorkshopReport& report) {
  json rows = json::array();
  for (const WorkshopRow& row : report.rows) {
    rows.push_back(json{{"event", row.event},
                        {"title", row.title},
                        {"kind", to_string(row.kind)},
                        {"date", row.date.to_string()},
                        {"jurisdiction", row.jurisdiction},
                        {"attendees", row.attendees},
                        {"attendees_placed", count_json(row.attendees_placed)},
                        {"placements", count_json(row.placements)}});
  }
  return json{{"report", "workshops"},
              {"from", date_json(report.from)},
              {"to", date_json(report.to)},
              {"min_cell_size", report.min_cell_size},
              {"placement_window_days", report.placement_window_days},
              {"rows", std::move(rows)},
              {"total_attendances", report.total_attendances}};
}

std::string to_csv(const WorkshopReport& report) {
  std::string out;
  append_csv_line(out, {"event", "title", "kind", "date", "jurisdiction", "attendees", "attendees_placed",
                        "placements"});
  for (const WorkshopRow& row : report.rows) {
    append_csv_line(out, {row.event, row.title, std::string(to_string(row.kind)), row.date.to_string(),
                          row.jurisdiction, std::to_string(row.attendees), count_csv(row.attendees_placed),
                          count_csv(row.placements)});
  }
  return out;
}

}  // namespace v1
}  // namespace atip
