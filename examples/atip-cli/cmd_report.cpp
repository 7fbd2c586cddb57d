// `atip report`: donated hours, the matter lifecycle, workshops and coverage
// gaps, with small-cell suppression (atip/reports.hpp). Built only when the
// library ships reports.
#include "cli.hpp"

#if __has_include("atip/reports.hpp")

#include <sstream>

#include "atip/reports.hpp"

namespace atip_cli {

namespace {

std::string count_text(const atip::ReportCount& count) { return count ? std::to_string(*count) : "suppressed"; }

std::string optional_days(const std::optional<double>& days) {
  if (!days) return "-";
  std::ostringstream text;
  text.precision(1);
  text << std::fixed << *days;
  return text.str();
}

std::string hours_text(double hours) {
  std::ostringstream text;
  text.precision(1);
  text << std::fixed << hours;
  return text.str();
}

// "TH=45,KH=30" -> {TH: 45, KH: 30}.
std::map<std::string, double> parse_rates(const std::string& text) {
  std::map<std::string, double> rates;
  std::stringstream stream(text);
  std::string item;
  while (std::getline(stream, item, ',')) {
    const auto equals = item.find('=');
    double rate = -1;
    if (equals != std::string::npos) {
      try {
        std::size_t used = 0;
        rate = std::stod(item.substr(equals + 1), &used);
        if (used != item.size() - equals - 1) rate = -1;
      } catch (const std::exception&) {
        rate = -1;
      }
    }
    if (equals == std::string::npos || equals == 0 || rate < 0) {
      throw CliError(kExitUsage, "--rates: \"" + item + "\" is not CODE=AMOUNT (for example TH=45,KH=30)");
    }
    rates[item.substr(0, equals)] = rate;
  }
  return rates;
}

atip::ReportOptions report_options(const Args& args) {
  atip::ReportOptions options;
  try {
    if (const auto period = args.value("period")) options.period = atip::parse_report_period(*period, "--period");
    if (const auto from = args.value("from")) options.from = atip::Date::parse(*from, "--from");
    if (const auto to = args.value("to")) options.to = atip::Date::parse(*to, "--to");
  } catch (const atip::Error& error) {
    throw CliError(kExitUsage, one_line(error.what()));
  }
  options.min_cell_size = static_cast<int>(args.count("min-cell", 11, 1, 1000));
  options.placement_window_days = static_cast<int>(args.count("window", 90, 0, 3650));
  if (const auto rates = args.value("rates")) options.hourly_rates = parse_rates(*rates);
  if (const auto currency = args.value("currency")) options.currency = *currency;
  return options;
}

// Prints JSON, CSV or a table, as the options ask.
template <typename Report>
void emit(Output& output, const Args& args, const Report& report, const std::function<void()>& print_table) {
  if (output.json()) {
    output.print_json(atip::to_json(report));
  } else if (args.flag("csv")) {
    output.out() << atip::to_csv(report);
  } else {
    print_table();
  }
}

void print_hours(Output& output, const atip::HoursReport& report) {
  auto& out = output.out();
  out << "Donated hours by " << atip::to_string(report.dimension) << " and " << atip::to_string(report.period)
      << ": " << hours_text(report.total_hours) << " hours, worth " << hours_text(report.total_value) << " "
      << report.currency << " at the given rates";
  if (report.total_unpriced_hours > 0) out << " (" << hours_text(report.total_unpriced_hours) << " hours unpriced)";
  out << ".\n\n";
  Table table({"key", "name", "period", "hours", "value", "matters"},
              {Table::Align::left, Table::Align::left, Table::Align::left, Table::Align::right, Table::Align::right,
               Table::Align::right});
  for (const auto& row : report.rows) {
    table.add({row.key.empty() ? "(no firm)" : row.key, truncate_to_width(row.name, 40), row.period,
               hours_text(row.hours), hours_text(row.value), count_text(row.matters)});
  }
  table.print(out);
}

void print_lifecycle(Output& output, const atip::LifecycleReport& report) {
  auto& out = output.out();
  out << "Matters circulated, placed and closed per " << atip::to_string(report.period)
      << " (counts under " << report.min_cell_size << " are suppressed).\n\n";
  Table table({"period", "circulated", "placed", "closed", "median days", "mean days"},
              {Table::Align::left, Table::Align::right, Table::Align::right, Table::Align::right, Table::Align::right,
               Table::Align::right});
  const auto add = [&](const atip::LifecycleRow& row) {
    table.add({row.period, count_text(row.circulated), count_text(row.placed), count_text(row.closed),
               optional_days(row.median_days_to_placement), optional_days(row.mean_days_to_placement)});
  };
  for (const auto& row : report.rows) add(row);
  add(report.total);
  table.print(out);
}

void print_workshops(Output& output, const atip::WorkshopReport& report) {
  auto& out = output.out();
  out << report.rows.size() << " events, " << report.total_attendances
      << " attendances; placements accepted within " << report.placement_window_days << " days after each event.\n\n";
  Table table({"event", "date", "where", "kind", "attendees", "placed", "placements", "title"},
              {Table::Align::left, Table::Align::left, Table::Align::left, Table::Align::left, Table::Align::right,
               Table::Align::right, Table::Align::right});
  for (const auto& row : report.rows) {
    table.add({row.event, row.date.to_string(), row.jurisdiction, std::string(atip::to_string(row.kind)),
               std::to_string(row.attendees), count_text(row.attendees_placed), count_text(row.placements),
               truncate_to_width(row.title, 50)});
  }
  table.print(out);
}

void print_coverage(Output& output, const atip::CoverageGapReport& report) {
  auto& out = output.out();
  out << count_text(report.matters_without_candidates) << " of " << count_text(report.open_matters)
      << " open matters have no eligible lawyer (counts under " << report.min_cell_size << " are suppressed).\n\n";
  Table table({"forum", "practice area", "languages", "matters", "binding"},
              {Table::Align::left, Table::Align::left, Table::Align::left, Table::Align::right});
  for (const auto& row : report.rows) {
    std::string languages;
    for (const auto& language : row.languages) languages += (languages.empty() ? "" : ", ") + language;
    table.add({row.forum, row.practice_area, languages, count_text(row.matters), row.binding});
  }
  table.print(out);
}

int run_report(const Args& args, Output& output) {
  const std::string kind = args.positional.at(0);
  const auto options = report_options(args);
  auto clearinghouse = open_existing(args, false);

  std::optional<atip::Reports> reports;
  try {
    reports.emplace(clearinghouse->store(), options);
  } catch (const atip::Error& error) {
    throw CliError(exit_code_for(error.kind()), one_line(error.what()));
  }
  Progress progress("building the " + kind + " report");

  if (kind == "hours") {
    atip::HoursDimension dimension = atip::HoursDimension::firm;
    if (const auto by = args.value("by")) {
      try {
        dimension = atip::parse_hours_dimension(*by, "--by");
      } catch (const atip::Error& error) {
        throw CliError(kExitUsage, one_line(error.what()));
      }
    }
    const auto report = reports->hours(dimension);
    emit(output, args, report, [&] { print_hours(output, report); });
  } else if (kind == "lifecycle") {
    const auto report = reports->lifecycle();
    emit(output, args, report, [&] { print_lifecycle(output, report); });
  } else if (kind == "workshops") {
    const auto report = reports->workshops();
    emit(output, args, report, [&] { print_workshops(output, report); });
  } else if (kind == "coverage") {
    atip::CoverageOptions coverage_options;
    coverage_options.as_of = as_of_from_args(args);
    const auto coverage = clearinghouse->coverage_gaps(policy_from_args(args), coverage_options);
    const auto report = reports->coverage(coverage);
    emit(output, args, report, [&] { print_coverage(output, report); });
  } else {
    throw CliError(kExitUsage, "\"" + kind + "\" is not a report (expected hours, lifecycle, workshops or coverage)");
  }
  return kExitOk;
}

}  // namespace

std::vector<CommandSpec> report_commands() {
  return {
      {"report", "KIND", "reports: hours, lifecycle, workshops or coverage, with small cells suppressed",
       "hours: donated hours and their notional value by lawyer, firm, jurisdiction or practice area. lifecycle: "
       "matters circulated, placed and closed per period, and days to placement. workshops: events and the "
       "placements of their attendees. coverage: matters no lawyer can take, by forum, area and language. Counts "
       "of matters from 1 to --min-cell minus 1 are printed as \"suppressed\", because a small count can point "
       "to one survivor.",
       {{"by", "DIMENSION", "hours: lawyer, firm, jurisdiction or practice_area (default firm)"},
        {"period", "PERIOD", "month, quarter or year (default month)"},
        {"from", "DATE", "first day included, YYYY-MM-DD"},
        {"to", "DATE", "last day included, YYYY-MM-DD"},
        {"min-cell", "N", "smallest count of matters shown, 1-1000 (default 11; 1 shows every count)"},
        {"rates", "CODE=AMOUNT,...", "notional value of a donated hour per jurisdiction, e.g. TH=45,KH=30"},
        {"currency", "CODE", "ISO 4217 code of the rates (default USD)"},
        {"window", "DAYS", "workshops: days after an event in which a placement counts, 0-3650 (default 90)"},
        {"csv", "", "print CSV (RFC 4180) instead of a table"},
        {"policy", "FILE", "coverage: scoring policy JSON"},
        {"as-of", "DATE", "coverage: as on this day (default today, UTC)"}},
       1, 1, run_report},
  };
}

}  // namespace atip_cli

#else

namespace atip_cli {

// This build of the library has no reports, so the command is absent.
std::vector<CommandSpec> report_commands() { return {}; }

}  // namespace atip_cli

#endif
