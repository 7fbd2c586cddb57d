// Reports: totals against hand-computed fixtures, small-cell suppression
// with complementary cells, JSON and CSV forms.
#include <catch2/catch.hpp>

#include "atip/clearinghouse.hpp"
#include "atip/reports.hpp"
#include "reports/report_support.hpp"
#include "workflow_fixture.hpp"

using namespace atip;
using atip_test::error_of;
using atip_test::WorkflowFixture;
using Catch::Matchers::Contains;

namespace {

using S = MatterStatus;

Date day(const char* text) { return Date::parse(text, "date"); }

// --- Hours fixture ---------------------------------------------------------------------
//
// Engagement  lawyer (firm)     matter   forum  practice area                    hours
// E-1         L-1 (firm-1)      M-TH1    TH     labour.wage_claims               01-10 3.0, 01-20 2.5, 02-05 4.0
// E-2         L-2 (firm-1)      M-KH1    KH     labour.wage_claims               01-15 6.0, 04-02 1.5
// E-3         L-3 (no firm)     M-TH2    TH     compensation.civil_compensation  02-28 2.0, 03-01 5.0
// E-4         L-4 (firm-2)      M-HK1    HK     immigration.status               03-15 8.0
// E-5         L-1 (firm-1)      M-KH1    KH     labour.wage_claims               03-31 1.0
// All dates in 2026. Rates: TH 50, KH 40, HK none (its hours are unpriced).

Matter hours_matter(const std::string& id, const std::string& forum, const std::string& area) {
  Matter matter = atip_test::draft_matter(id);
  matter.forum = forum;
  matter.practice_area = area;
  matter.status = S::in_progress;
  return matter;
}

Engagement hours_engagement(const std::string& id, const std::string& lawyer, const std::string& matter,
                            std::vector<std::pair<const char*, double>> hours) {
  Engagement engagement;
  engagement.id = id;
  engagement.lawyer = lawyer;
  engagement.matter = matter;
  engagement.status = EngagementStatus::active;
  engagement.offered_on = day("2026-01-02");
  engagement.decided_on = day("2026-01-03");
  for (const auto& [date, amount] : hours) engagement.hours.push_back(HoursEntry{day(date), amount, "", ""});
  return engagement;
}

struct HoursFixture {
  HoursFixture() {
    store = Store::open(dir.file("hours.db"));
    Dataset data = atip_test::workflow_network();
    data.matters = {hours_matter("M-TH1", "TH", "labour.wage_claims"), hours_matter("M-KH1", "KH", "labour.wage_claims"),
                    hours_matter("M-TH2", "TH", "compensation.civil_compensation"),
                    hours_matter("M-HK1", "HK", "immigration.status")};
    data.engagements = {
        hours_engagement("E-1", "L-1", "M-TH1", {{"2026-01-10", 3.0}, {"2026-01-20", 2.5}, {"2026-02-05", 4.0}}),
        hours_engagement("E-2", "L-2", "M-KH1", {{"2026-01-15", 6.0}, {"2026-04-02", 1.5}}),
        hours_engagement("E-3", "L-3", "M-TH2", {{"2026-02-28", 2.0}, {"2026-03-01", 5.0}}),
        hours_engagement("E-4", "L-4", "M-HK1", {{"2026-03-15", 8.0}}),
        hours_engagement("E-5", "L-1", "M-KH1", {{"2026-03-31", 1.0}})};
    store->insert_dataset(data);
  }

  ReportOptions options(ReportPeriod period, int min_cell_size = 1) const {
    ReportOptions result;
    result.period = period;
    result.min_cell_size = min_cell_size;
    result.hourly_rates = {{"TH", 50.0}, {"KH", 40.0}};
    return result;
  }

  atip_test::TempDir dir;
  std::unique_ptr<Store> store;
};

void check_row(const HoursRow& row, const std::string& key, const std::string& period, double hours, double value,
               double unpriced, std::int64_t matters) {
  INFO(key << " " << period);
  CHECK(row.key == key);
  CHECK(row.period == period);
  CHECK(row.hours == Approx(hours));
  CHECK(row.value == Approx(value));
  CHECK(row.unpriced_hours == Approx(unpriced));
  REQUIRE(row.matters);
  CHECK(*row.matters == matters);
}

// --- Lifecycle fixture (through the workflow, so that transitions are dated) ------------

void circulate(WorkflowFixture& f, const std::string& matter, const char* date) {
  f.clock.set(date);
  f.post(matter);
  f.move(matter, S::vetted);
  f.move(matter, S::circulated);
}

std::string place(WorkflowFixture& f, const std::string& matter, const std::string& lawyer, const char* date) {
  f.clock.set(date);
  f.workflow->express_interest(InterestRequest{matter, lawyer, "", "lawyer-" + lawyer, ""});
  const ConflictCheck check = f.request_check(matter, lawyer);
  f.workflow->record_conflict_check(check.id, ConflictCheckStatus::cleared, "desk");
  const std::string engagement = f.offer(matter, lawyer).id;
  f.workflow->accept(engagement, "lawyer-" + lawyer);
  return engagement;
}

void close(WorkflowFixture& f, const std::string& matter, const std::string& engagement, const char* date) {
  f.clock.set(date);
  f.workflow->start(engagement, "lawyer-L-1");
  f.workflow->complete(engagement, "advice_given", "lawyer-L-1");
  f.move(matter, S::closed, "advice_given");
}

// Circulated (2026):  A 01-05, B 01-06, C 01-07, D 01-08, E 02-03, F G H 03-10
// Placed:             A 01-15 (10 days), B 02-10 (35), C 02-12 (36), D 02-20 (43), E 03-05 (30)
// Closed:             A 03-01
//
// month    circulated  placed  closed  days to placement
// 2026-01  4           1       0       10
// 2026-02  1           3       0       35 36 43  (median 36, mean 38)
// 2026-03  3           1       1       30
// total    8           5       1       10 30 35 36 43  (median 35, mean 30.8)
void build_lifecycle(WorkflowFixture& f) {
  circulate(f, "M-A", "2026-01-05");
  circulate(f, "M-B", "2026-01-06");
  circulate(f, "M-C", "2026-01-07");
  circulate(f, "M-D", "2026-01-08");
  const std::string a = place(f, "M-A", "L-1", "2026-01-15");
  circulate(f, "M-E", "2026-02-03");
  place(f, "M-B", "L-1", "2026-02-10");
  place(f, "M-C", "L-1", "2026-02-12");
  place(f, "M-D", "L-1", "2026-02-20");
  close(f, "M-A", a, "2026-03-01");
  place(f, "M-E", "L-1", "2026-03-05");
  circulate(f, "M-F", "2026-03-10");
  circulate(f, "M-G", "2026-03-10");
  circulate(f, "M-H", "2026-03-10");
}

std::string count_text(const ReportCount& count) { return count ? std::to_string(*count) : "suppressed"; }

}  // namespace

// --- Helpers ---------------------------------------------------------------------------------

TEST_CASE("reports: period labels", "[reports]") {
  CHECK(period_label(day("2026-03-15"), ReportPeriod::month) == "2026-03");
  CHECK(period_label(day("2026-01-01"), ReportPeriod::quarter) == "2026-Q1");
  CHECK(period_label(day("2026-03-31"), ReportPeriod::quarter) == "2026-Q1");
  CHECK(period_label(day("2026-04-01"), ReportPeriod::quarter) == "2026-Q2");
  CHECK(period_label(day("2026-12-31"), ReportPeriod::quarter) == "2026-Q4");
  CHECK(period_label(day("2026-12-31"), ReportPeriod::year) == "2026");
  CHECK(parse_report_period("quarter", "period") == ReportPeriod::quarter);
  CHECK_THAT(error_of([] { parse_report_period("week", "options.period"); })->what(),
             Contains("options.period: \"week\" is not a valid report period"));
}

TEST_CASE("reports: CSV fields follow RFC 4180", "[reports]") {
  CHECK(csv_field("plain text") == "plain text");
  CHECK(csv_field("") == "");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(csv_field("carriage\rreturn") == "\"carriage\rreturn\"");
  CHECK(csv_field("ศาลแรงงาน") == "ศาลแรงงาน");
}

TEST_CASE("reports: CSV text never runs as a formula", "[reports]") {
  CHECK(csv_field("=HYPERLINK(\"http://example.invalid\")") == "\"'=HYPERLINK(\"\"http://example.invalid\"\")\"");
  CHECK(csv_field("+66 2 123 4567") == "'+66 2 123 4567");
  CHECK(csv_field("-Firm") == "'-Firm");
  CHECK(csv_field("@ngo") == "'@ngo");
  CHECK(csv_field("\t=1+1") == "'\t=1+1");
  CHECK(csv_field("-2.50") == "-2.50");
  CHECK(csv_field("12") == "12");
  CHECK(csv_field("-") == "'-");
  CHECK(csv_field("Firm = Partners") == "Firm = Partners");
}

TEST_CASE("reports: primary and complementary suppression", "[reports]") {
  using report_detail::suppress_column;

  SECTION("cells below the minimum are withheld, zero is shown") {
    const auto column = suppress_column({0, 11, 25}, 36, 11);
    CHECK(column.cells == std::vector<ReportCount>{0, 11, 25});
    CHECK(column.total == 36);
  }
  SECTION("one withheld cell takes the smallest other non-zero cell with it") {
    const auto column = suppress_column({0, 2, 15, 12}, 29, 11);
    CHECK(column.cells == std::vector<ReportCount>{0, std::nullopt, 15, std::nullopt});
    CHECK(column.total == 29);
  }
  SECTION("two withheld cells need no complement") {
    const auto column = suppress_column({3, 4, 20}, 27, 11);
    CHECK(column.cells == std::vector<ReportCount>{std::nullopt, std::nullopt, 20});
  }
  SECTION("a withheld total needs no complement") {
    const auto column = suppress_column({0, 7}, 7, 11);
    CHECK(column.cells == std::vector<ReportCount>{0, std::nullopt});
    CHECK_FALSE(column.total);
  }
  SECTION("ties go to the earliest cell") {
    const auto column = suppress_column({12, 5, 12}, 29, 11);
    CHECK(column.cells == std::vector<ReportCount>{std::nullopt, std::nullopt, 12});
  }
  SECTION("a minimum of one turns suppression off") {
    const auto column = suppress_column({1, 2}, 3, 1);
    CHECK(column.cells == std::vector<ReportCount>{1, 2});
    CHECK(column.total == 3);
  }
}

TEST_CASE("reports: options are validated", "[reports]") {
  auto store = Store::open(":memory:");
  auto error_for = [&](const std::function<void(ReportOptions&)>& change) {
    ReportOptions options;
    change(options);
    return error_of([&] { Reports reports(*store, options); });
  };
  CHECK_THAT(error_for([](ReportOptions& o) { o.min_cell_size = 0; })->what(),
             Contains("options.min_cell_size: 0 is outside 1-1000"));
  CHECK_THAT(error_for([](ReportOptions& o) { o.placement_window_days = -1; })->what(),
             Contains("options.placement_window_days"));
  CHECK_THAT(error_for([](ReportOptions& o) { o.currency = "usd"; })->what(), Contains("options.currency: \"usd\""));
  CHECK_THAT(error_for([](ReportOptions& o) { o.hourly_rates = {{"Thailand", 10}}; })->what(),
             Contains("options.hourly_rates[\"Thailand\"]"));
  CHECK_THAT(error_for([](ReportOptions& o) { o.hourly_rates = {{"TH", -5}}; })->what(),
             Contains("options.hourly_rates[\"TH\"]"));
  CHECK_THAT(error_for([](ReportOptions& o) {
               o.from = day("2026-05-01");
               o.to = day("2026-04-30");
             })->what(),
             Contains("options.to: 2026-04-30 is before options.from"));
  CHECK_FALSE(error_for([](ReportOptions&) {}));
}

// --- Hours ---------------------------------------------------------------------------------------

TEST_CASE("reports: hours by lawyer and month", "[reports]") {
  HoursFixture f;
  const HoursReport report = Reports(*f.store, f.options(ReportPeriod::month)).hours(HoursDimension::lawyer);

  REQUIRE(report.rows.size() == 8);
  check_row(report.rows[0], "L-1", "2026-01", 5.5, 275, 0, 1);
  check_row(report.rows[1], "L-1", "2026-02", 4.0, 200, 0, 1);
  check_row(report.rows[2], "L-1", "2026-03", 1.0, 40, 0, 1);
  check_row(report.rows[3], "L-2", "2026-01", 6.0, 240, 0, 1);
  check_row(report.rows[4], "L-2", "2026-04", 1.5, 60, 0, 1);
  check_row(report.rows[5], "L-3", "2026-02", 2.0, 100, 0, 1);
  check_row(report.rows[6], "L-3", "2026-03", 5.0, 250, 0, 1);
  check_row(report.rows[7], "L-4", "2026-03", 8.0, 0, 8, 1);
  CHECK(report.rows[0].name == "Anong Srisuk");
  CHECK(report.total_hours == Approx(33.0));
  CHECK(report.total_value == Approx(1165.0));
  CHECK(report.total_unpriced_hours == Approx(8.0));
  CHECK(report.currency == "USD");
}

TEST_CASE("reports: hours by firm and quarter", "[reports]") {
  HoursFixture f;
  const HoursReport report = Reports(*f.store, f.options(ReportPeriod::quarter)).hours(HoursDimension::firm);

  REQUIRE(report.rows.size() == 4);
  check_row(report.rows[0], "", "2026-Q1", 7.0, 350, 0, 1);
  CHECK(report.rows[0].name == "no firm");
  check_row(report.rows[1], "firm-1", "2026-Q1", 16.5, 755, 0, 2);
  CHECK(report.rows[1].name == "Baker Lane");
  check_row(report.rows[2], "firm-1", "2026-Q2", 1.5, 60, 0, 1);
  check_row(report.rows[3], "firm-2", "2026-Q1", 8.0, 0, 8, 1);
  CHECK(report.total_hours == Approx(33.0));
}

TEST_CASE("reports: hours by jurisdiction and year", "[reports]") {
  HoursFixture f;
  const HoursReport report = Reports(*f.store, f.options(ReportPeriod::year)).hours(HoursDimension::jurisdiction);

  REQUIRE(report.rows.size() == 3);
  check_row(report.rows[0], "HK", "2026", 8.0, 0, 8, 1);
  check_row(report.rows[1], "KH", "2026", 8.5, 340, 0, 1);
  check_row(report.rows[2], "TH", "2026", 16.5, 825, 0, 2);
  CHECK(report.rows[2].name == "Thailand");
  CHECK(report.total_value == Approx(1165.0));
}

TEST_CASE("reports: hours by practice area in a date range", "[reports]") {
  HoursFixture f;
  ReportOptions options = f.options(ReportPeriod::month);
  options.from = day("2026-02-01");
  options.to = day("2026-03-31");
  const HoursReport report = Reports(*f.store, options).hours(HoursDimension::practice_area);

  REQUIRE(report.rows.size() == 5);
  check_row(report.rows[0], "compensation.civil_compensation", "2026-02", 2.0, 100, 0, 1);
  check_row(report.rows[1], "compensation.civil_compensation", "2026-03", 5.0, 250, 0, 1);
  check_row(report.rows[2], "immigration.status", "2026-03", 8.0, 0, 8, 1);
  check_row(report.rows[3], "labour.wage_claims", "2026-02", 4.0, 200, 0, 1);
  check_row(report.rows[4], "labour.wage_claims", "2026-03", 1.0, 40, 0, 1);
  CHECK(report.total_hours == Approx(20.0));
  CHECK(report.total_value == Approx(590.0));
}

TEST_CASE("reports: subdivision hours use the country rate", "[reports]") {
  HoursFixture f;
  Jurisdiction bangkok;
  bangkok.code = "TH-10";
  bangkok.name = "Bangkok";
  bangkok.parent = "TH";
  f.store->insert(bangkok);
  f.store->insert(hours_matter("M-BKK", "TH-10", "labour.wage_claims"));
  f.store->insert(hours_engagement("E-6", "L-3", "M-BKK", {{"2026-05-01", 2.0}}));

  ReportOptions options = f.options(ReportPeriod::year);
  const HoursReport by_country = Reports(*f.store, options).hours(HoursDimension::jurisdiction);
  REQUIRE(by_country.rows.size() == 4);
  check_row(by_country.rows[3], "TH-10", "2026", 2.0, 100, 0, 1);

  options.hourly_rates["TH-10"] = 70;
  const HoursReport own_rate = Reports(*f.store, options).hours(HoursDimension::jurisdiction);
  check_row(own_rate.rows[3], "TH-10", "2026", 2.0, 140, 0, 1);
}

TEST_CASE("reports: hours rows suppress small matter counts", "[reports]") {
  HoursFixture f;
  const HoursReport report = Reports(*f.store, f.options(ReportPeriod::quarter, 2)).hours(HoursDimension::firm);

  REQUIRE(report.rows.size() == 4);
  CHECK_FALSE(report.rows[0].matters);
  CHECK(report.rows[1].matters == 2);
  CHECK_FALSE(report.rows[2].matters);
  // Hours and value are not counts of survivors and stay visible.
  CHECK(report.rows[0].hours == Approx(7.0));

  const nlohmann::json j = to_json(report);
  CHECK(j.at("rows").at(0).at("matters").is_null());
  CHECK(j.at("rows").at(1).at("matters") == 2);
  CHECK(j.at("min_cell_size") == 2);
  CHECK(j.at("totals").at("hours") == Approx(33.0));
}

TEST_CASE("reports: hours CSV", "[reports]") {
  HoursFixture f;
  const HoursReport report = Reports(*f.store, f.options(ReportPeriod::quarter, 2)).hours(HoursDimension::firm);
  const std::string csv = to_csv(report);
  CHECK(csv ==
        "firm,name,period,hours,value,currency,unpriced_hours,matters\r\n"
        ",no firm,2026-Q1,7.00,350.00,USD,0.00,suppressed\r\n"
        "firm-1,Baker Lane,2026-Q1,16.50,755.00,USD,0.00,2\r\n"
        "firm-1,Baker Lane,2026-Q2,1.50,60.00,USD,0.00,suppressed\r\n"
        "firm-2,Chao Phraya Partners,2026-Q1,8.00,0.00,USD,8.00,suppressed\r\n"
        ",,total,33.00,1165.00,USD,8.00,\r\n");
}

// --- Lifecycle -------------------------------------------------------------------------------------

TEST_CASE("reports: lifecycle counts without suppression", "[reports]") {
  WorkflowFixture f;
  build_lifecycle(f);
  ReportOptions options;
  options.min_cell_size = 1;
  const LifecycleReport report = Reports(*f.store, options).lifecycle();

  REQUIRE(report.rows.size() == 3);
  CHECK(report.rows[0].period == "2026-01");
  CHECK(report.rows[0].circulated == 4);
  CHECK(report.rows[0].placed == 1);
  CHECK(report.rows[0].closed == 0);
  CHECK(report.rows[0].median_days_to_placement == Approx(10));
  CHECK(report.rows[1].period == "2026-02");
  CHECK(report.rows[1].circulated == 1);
  CHECK(report.rows[1].placed == 3);
  CHECK(report.rows[1].closed == 0);
  CHECK(report.rows[1].median_days_to_placement == Approx(36));
  CHECK(report.rows[1].mean_days_to_placement == Approx(38));
  CHECK(report.rows[2].period == "2026-03");
  CHECK(report.rows[2].circulated == 3);
  CHECK(report.rows[2].placed == 1);
  CHECK(report.rows[2].closed == 1);
  CHECK(report.rows[2].mean_days_to_placement == Approx(30));
  CHECK(report.total.circulated == 8);
  CHECK(report.total.placed == 5);
  CHECK(report.total.closed == 1);
  CHECK(report.total.median_days_to_placement == Approx(35));
  CHECK(report.total.mean_days_to_placement == Approx(30.8));
}

TEST_CASE("reports: lifecycle suppression with complements", "[reports]") {
  WorkflowFixture f;
  build_lifecycle(f);
  ReportOptions options;
  options.min_cell_size = 3;
  const LifecycleReport report = Reports(*f.store, options).lifecycle();

  REQUIRE(report.rows.size() == 3);
  // circulated 4, 1, 3 of 8: the 1 is withheld, and the 3 with it, or 8 - 4 would reveal it.
  CHECK(count_text(report.rows[0].circulated) == "4");
  CHECK(count_text(report.rows[1].circulated) == "suppressed");
  CHECK(count_text(report.rows[2].circulated) == "suppressed");
  CHECK(report.total.circulated == 8);
  // placed 1, 3, 1 of 5: two cells withheld, no complement needed.
  CHECK(count_text(report.rows[0].placed) == "suppressed");
  CHECK(count_text(report.rows[1].placed) == "3");
  CHECK(count_text(report.rows[2].placed) == "suppressed");
  CHECK(report.total.placed == 5);
  // closed 0, 0, 1 of 1: the total itself is small.
  CHECK(report.rows[0].closed == 0);
  CHECK(count_text(report.rows[2].closed) == "suppressed");
  CHECK_FALSE(report.total.closed);
  // Statistics only over at least three placements.
  CHECK_FALSE(report.rows[0].median_days_to_placement);
  CHECK(report.rows[1].median_days_to_placement == Approx(36));
  CHECK_FALSE(report.rows[2].mean_days_to_placement);
  CHECK(report.total.median_days_to_placement == Approx(35));

  CHECK(to_csv(report) ==
        "period,circulated,placed,closed,median_days_to_placement,mean_days_to_placement\r\n"
        "2026-01,4,suppressed,0,,\r\n"
        "2026-02,suppressed,3,0,36.0,38.0\r\n"
        "2026-03,suppressed,suppressed,suppressed,,\r\n"
        "total,8,5,suppressed,35.0,30.8\r\n");
  const nlohmann::json j = to_json(report);
  CHECK(j.at("rows").at(1).at("circulated").is_null());
  CHECK(j.at("total").at("circulated") == 8);
  CHECK(j.at("total").at("closed").is_null());
}

TEST_CASE("reports: default minimum hides a small network", "[reports]") {
  WorkflowFixture f;
  build_lifecycle(f);
  const LifecycleReport report = Reports(*f.store).lifecycle();
  for (const LifecycleRow& row : report.rows) {
    CHECK_FALSE(row.circulated);
    CHECK_FALSE(row.median_days_to_placement);
  }
  CHECK_FALSE(report.total.circulated);
  CHECK_FALSE(report.total.placed);
  CHECK_FALSE(report.total.mean_days_to_placement);
}

TEST_CASE("reports: lifecycle by quarter in a range", "[reports]") {
  WorkflowFixture f;
  build_lifecycle(f);
  ReportOptions options;
  options.min_cell_size = 1;
  options.period = ReportPeriod::quarter;
  options.from = day("2026-02-01");
  const LifecycleReport report = Reports(*f.store, options).lifecycle();

  // From February: circulated E, F, G, H; placed B, C, D, E; closed A.
  REQUIRE(report.rows.size() == 1);
  CHECK(report.rows[0].period == "2026-Q1");
  CHECK(report.rows[0].circulated == 4);
  CHECK(report.rows[0].placed == 4);
  CHECK(report.rows[0].closed == 1);
  // Days from first circulation, even when it came before the range: 35 36 43 30.
  CHECK(report.rows[0].median_days_to_placement == Approx(35.5));
  CHECK(report.rows[0].mean_days_to_placement == Approx(36));
}

// --- Workshops -----------------------------------------------------------------------------------

namespace {

// EV-1 2026-01-10 TH workshop, attended by L-1, L-2, L-3
// EV-2 2026-03-01 KH roundtable, attended by L-1, L-4
// Acceptances: L-2 2026-01-05 (before EV-1), L-1 2026-01-15 (5 days after EV-1),
//              L-1 2026-05-01 (111 days after EV-1, 61 after EV-2), L-4 2026-06-15 (106 after EV-2)
void build_workshops(WorkflowFixture& f) {
  Event first;
  first.id = "EV-1";
  first.title = "Wage claims, \"labour court\" practice";
  first.date = day("2026-01-10");
  first.jurisdiction = "TH";
  first.topics = {"labour.wage_claims"};
  first.attendees = {"L-1", "L-2", "L-3"};
  f.store->insert(first);
  Event second;
  second.id = "EV-2";
  second.title = "Cross-border compensation";
  second.kind = EventKind::roundtable;
  second.date = day("2026-03-01");
  second.jurisdiction = "KH";
  second.attendees = {"L-1", "L-4"};
  f.store->insert(second);

  circulate(f, "M-1", "2026-01-02");
  place(f, "M-1", "L-2", "2026-01-05");
  circulate(f, "M-2", "2026-01-12");
  place(f, "M-2", "L-1", "2026-01-15");
  circulate(f, "M-3", "2026-04-20");
  place(f, "M-3", "L-1", "2026-05-01");
  circulate(f, "M-4", "2026-06-01");
  place(f, "M-4", "L-4", "2026-06-15");
}

}  // namespace

TEST_CASE("reports: placements after workshops", "[reports]") {
  WorkflowFixture f;
  build_workshops(f);
  ReportOptions options;
  options.min_cell_size = 1;

  SECTION("90-day window") {
    const WorkshopReport report = Reports(*f.store, options).workshops();
    REQUIRE(report.rows.size() == 2);
    CHECK(report.rows[0].event == "EV-1");
    CHECK(report.rows[0].attendees == 3);
    CHECK(report.rows[0].attendees_placed == 1);
    CHECK(report.rows[0].placements == 1);
    CHECK(report.rows[1].event == "EV-2");
    CHECK(report.rows[1].kind == EventKind::roundtable);
    CHECK(report.rows[1].attendees == 2);
    CHECK(report.rows[1].attendees_placed == 1);
    CHECK(report.rows[1].placements == 1);
    CHECK(report.total_attendances == 5);
  }
  SECTION("120-day window") {
    options.placement_window_days = 120;
    const WorkshopReport report = Reports(*f.store, options).workshops();
    CHECK(report.rows[0].attendees_placed == 1);
    CHECK(report.rows[0].placements == 2);
    CHECK(report.rows[1].attendees_placed == 2);
    CHECK(report.rows[1].placements == 2);
  }
  SECTION("date range selects events") {
    options.from = day("2026-02-01");
    const WorkshopReport report = Reports(*f.store, options).workshops();
    REQUIRE(report.rows.size() == 1);
    CHECK(report.rows[0].event == "EV-2");
  }
  SECTION("default minimum withholds placements, not attendance") {
    const WorkshopReport report = Reports(*f.store).workshops();
    CHECK(report.rows[0].attendees == 3);
    CHECK_FALSE(report.rows[0].attendees_placed);
    CHECK_FALSE(report.rows[0].placements);
    CHECK(to_csv(report) ==
          "event,title,kind,date,jurisdiction,attendees,attendees_placed,placements\r\n"
          "EV-1,\"Wage claims, \"\"labour court\"\" practice\",workshop,2026-01-10,TH,3,suppressed,suppressed\r\n"
          "EV-2,Cross-border compensation,roundtable,2026-03-01,KH,2,suppressed,suppressed\r\n");
    CHECK(to_json(report).at("rows").at(0).at("placements").is_null());
  }
}

// --- Coverage ----------------------------------------------------------------------------------

namespace {

GapGroup gap_group(const std::string& forum, const std::string& area, std::vector<std::string> languages,
                   int matters, Constraint binding) {
  GapGroup group;
  group.forum = forum;
  group.practice_area = area;
  group.languages = std::move(languages);
  for (int i = 0; i < matters; ++i) group.matter_ids.push_back(forum + "-" + std::to_string(i));
  group.binding = {{binding, static_cast<std::size_t>(matters)}};
  return group;
}

CoverageReport sample_coverage() {
  CoverageReport coverage;
  coverage.open_matters = 40;
  coverage.matters_without_candidates = 17;
  coverage.groups = {gap_group("TH", "labour.wage_claims", {"km", "th"}, 12, Constraint::language),
                     gap_group("KH", "immigration.status", {"km"}, 3, Constraint::admission),
                     gap_group("HK", "labour.forced_labour", {"en", "yue"}, 2, Constraint::capacity)};
  return coverage;
}

}  // namespace

TEST_CASE("reports: coverage gaps are formatted", "[reports]") {
  auto store = Store::open(":memory:");
  ReportOptions options;
  options.min_cell_size = 1;
  const CoverageGapReport report = Reports(*store, options).coverage(sample_coverage());

  CHECK(report.open_matters == 40);
  CHECK(report.matters_without_candidates == 17);
  REQUIRE(report.rows.size() == 3);
  CHECK(report.rows[0].forum == "TH");
  CHECK(report.rows[0].matters == 12);
  CHECK(report.rows[0].binding == "language");
  CHECK(report.rows[1].binding == "admission");
  CHECK(report.rows[2].languages == std::vector<std::string>{"en", "yue"});
  CHECK(to_csv(report) ==
        "forum,practice_area,languages,matters,binding\r\n"
        "TH,labour.wage_claims,km th,12,language\r\n"
        "KH,immigration.status,km,3,admission\r\n"
        "HK,labour.forced_labour,en yue,2,capacity\r\n"
        "total,,,17,\r\n");
}

TEST_CASE("reports: coverage suppression with complements", "[reports]") {
  auto store = Store::open(":memory:");

  SECTION("default minimum: every group is small, the total is not") {
    const CoverageGapReport report = Reports(*store).coverage(sample_coverage());
    CHECK(report.open_matters == 40);
    CHECK(report.matters_without_candidates == 17);
    CHECK(report.rows[0].matters == 12);
    CHECK_FALSE(report.rows[1].matters);
    CHECK_FALSE(report.rows[2].matters);
  }
  SECTION("one small group takes the smallest other with it") {
    ReportOptions options;
    options.min_cell_size = 3;
    const CoverageGapReport report = Reports(*store, options).coverage(sample_coverage());
    CHECK(report.rows[0].matters == 12);
    CHECK_FALSE(report.rows[1].matters);  // complement of the 2 below
    CHECK_FALSE(report.rows[2].matters);
    const nlohmann::json j = to_json(report);
    CHECK(j.at("rows").at(1).at("matters").is_null());
    CHECK(j.at("matters_without_candidates") == 17);
  }
  SECTION("small totals are withheld") {
    CoverageReport coverage = sample_coverage();
    coverage.open_matters = 9;
    coverage.matters_without_candidates = 5;
    coverage.groups = {gap_group("TH", "labour.wage_claims", {"th"}, 5, Constraint::language)};
    const CoverageGapReport report = Reports(*store).coverage(coverage);
    CHECK_FALSE(report.open_matters);
    CHECK_FALSE(report.matters_without_candidates);
    CHECK_FALSE(report.rows[0].matters);
    CHECK_THAT(to_csv(report), Contains("total,,,suppressed,"));
  }
}

TEST_CASE("reports: facade builds reports", "[reports]") {
  atip_test::TempDir dir;
  OpenOptions open_options;
  open_options.load_reference_data = false;
  auto clearinghouse = Clearinghouse::open(dir.file("facade.db"), open_options);
  Dataset data = atip_test::workflow_network();
  // A circulated matter in Cambodia: every lawyer is admitted only in TH
  // and speaks only Thai, so no one is eligible.
  Matter matter = atip_test::draft_matter("M-KH");
  matter.forum = "KH";
  matter.languages = {"km"};
  matter.status = S::circulated;
  data.matters = {matter};
  clearinghouse->import_dataset(data);

  ReportOptions options;
  options.min_cell_size = 1;
  const CoverageGapReport report = clearinghouse->coverage_report(options);
  CHECK(report.open_matters == 1);
  CHECK(report.matters_without_candidates == 1);
  REQUIRE(report.rows.size() == 1);
  CHECK(report.rows[0].forum == "KH");
  CHECK(report.rows[0].matters == 1);
  CHECK_FALSE(report.rows[0].binding.empty());

  CHECK(clearinghouse->reports(options).hours(HoursDimension::lawyer).rows.empty());
  CHECK_FALSE(clearinghouse->coverage_report().matters_without_candidates);
  CHECK(error_of([&] {
          ReportOptions bad;
          bad.min_cell_size = 0;
          clearinghouse->coverage_report(bad);
        })->kind() == ErrorKind::invalid_argument);
}
