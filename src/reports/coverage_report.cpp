// Coverage gaps of the matching engine, formatted with suppression.
#include "reports/report_support.hpp"

namespace atip {
inline namespace v1 {

using nlohmann::json;
using namespace report_detail;

CoverageGapReport Reports::coverage(const CoverageReport& coverage) const {
  const int k = options_.min_cell_size;
  std::vector<std::int64_t> counts;
  for (const GapGroup& group : coverage.groups) counts.push_back(static_cast<std::int64_t>(group.matter_ids.size()));
  // Every matter without candidates is in exactly one group, so the groups
  // add up to matters_without_candidates and need complementary suppression.
  const SuppressedColumn column =
      suppress_column(counts, static_cast<std::int64_t>(coverage.matters_without_candidates), k);

  CoverageGapReport report;
  report.min_cell_size = k;
  report.open_matters = suppress_small(static_cast<std::int64_t>(coverage.open_matters), k);
  report.matters_without_candidates = column.total;
  for (std::size_t i = 0; i < coverage.groups.size(); ++i) {
    const GapGroup& group = coverage.groups[i];
    CoverageRow row;
    row.forum = group.forum;
    row.practice_area = group.practice_area;
    row.languages = group.languages;
    row.matters = column.cells[i];
    // `binding` is ordered most frequent first.
    if (!group.binding.empty()) row.binding = std::string(to_string(group.binding.front().first));
    report.rows.push_back(std::move(row));
  }
  return report;
}

json to_json(const CoverageGapReport& report) {
  json rows = json::array();
  for (const CoverageRow& row : report.rows) {
    rows.push_back(json{{"forum", row.forum},
                        {"practice_area", row.practice_area},
                        {"languages", row.languages},
                        {"matters", count_json(row.matters)},
                        {"binding", row.binding}});
  }
  return json{{"report", "coverage_gaps"},
              {"min_cell_size", report.min_cell_size},
              {"open_matters", count_json(report.open_matters)},
              {"matters_without_candidates", count_json(report.matters_without_candidates)},
              {"rows", std::move(rows)}};
}

std::string to_csv(const CoverageGapReport& report) {
  std::string out;
  append_csv_line(out, {"forum", "practice_area", "languages", "matters", "binding"});
  for (const CoverageRow& row : report.rows) {
    std::string languages;
    for (const std::string& language : row.languages) languages += (languages.empty() ? "" : " ") + language;
    append_csv_line(out, {row.forum, row.practice_area, languages, count_csv(row.matters), row.binding});
  }
  append_csv_line(out, {"total", "", "", count_csv(report.matters_without_candidates), ""});
  return out;
}

}  // namespace v1
}  // namespace atip
