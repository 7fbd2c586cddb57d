// `atip demo`: builds a database from the demo network and walks through
// ranking, a coverage gap, a batch assignment and the gaps table.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>

#include "atip/error.hpp"
#include "cli.hpp"

namespace atip_cli {

namespace fs = std::filesystem;

namespace {

// The demo network describes the clearinghouse as of this day (the generator's
// AS_OF in examples/data/generate.py): matters, engagements and unavailability
// are dated around it, so the demo ranks as on that day.
constexpr const char* kDemoAsOf = "2026-06-30";
constexpr std::size_t kRankedMatters = 3;
constexpr std::size_t kAssignmentRowsShown = 10;

std::string fresh_demo_path() {
  return (fs::temp_directory_path() / ("atip-demo-" + std::to_string(::getpid()) + ".db")).string();
}

// Matters tried in search of a ranking with a near conflict to review.
constexpr std::size_t kMaxReviewSearch = 400;

bool has_conflict_review(const atip::Ranking& ranking) {
  for (const auto& match : ranking.matches) {
    if (!match.conflict_reviews.empty()) return true;
  }
  return false;
}

// Ranks the matters the demo shows, each in a different forum. The first is
// a matter whose best matches include a near conflict to review, when one of
// the first kMaxReviewSearch open matters has one. The others are assigned
// matters.
std::vector<atip::Ranking> rank_demo_matters(atip::Clearinghouse& clearinghouse, const atip::AssignmentResult& result,
                                             const atip::RankOptions& options) {
  std::vector<atip::Ranking> rankings;
  std::set<std::string> forums;
  const auto forum_of = [&](const std::string& matter_id) {
    return clearinghouse.get(atip::EntityType::matter, matter_id).value("forum", std::string());
  };

  // Placed and unplaced matters alike, in id order.
  std::set<std::string> candidates;
  for (const auto& assignment : result.assignments) candidates.insert(assignment.matter_id);
  for (const auto& unfilled : result.unfilled) candidates.insert(unfilled.matter_id);
  std::size_t tried = 0;
  for (const auto& matter_id : candidates) {
    if (tried++ == kMaxReviewSearch) break;
    auto ranking = clearinghouse.rank(matter_id, {}, options);
    if (has_conflict_review(ranking)) {
      forums.insert(forum_of(matter_id));
      rankings.push_back(std::move(ranking));
      break;
    }
  }
  for (const bool new_forum_only : {true, false}) {
    for (const auto& assignment : result.assignments) {
      if (rankings.size() == kRankedMatters) return rankings;
      const bool seen = std::any_of(rankings.begin(), rankings.end(),
                                    [&](const atip::Ranking& r) { return r.matter_id == assignment.matter_id; });
      if (seen) continue;
      if (new_forum_only && !forums.insert(forum_of(assignment.matter_id)).second) continue;
      rankings.push_back(clearinghouse.rank(assignment.matter_id, {}, options));
    }
  }
  return rankings;
}

void heading(Output& output, const std::string& text) {
  output.out() << "\n== " << text << " ==\n\n";
}

int run_demo(const Args& args, Output& output) {
  const auto started = std::chrono::steady_clock::now();
  const std::string data_path = find_demo_data();
  const std::string path = args.value("db").value_or(fresh_demo_path());
  std::error_code error;
  if (fs::exists(path, error)) {
    throw CliError(kExitConflict, "database \"" + path +
                                      "\" already exists (the demo builds its own: pass --db with a new file name)");
  }
  const std::string text = read_input_file(data_path, "demo data set");

  Progress progress("demo", 5);
  auto clearinghouse = open_or_create(path);
  progress.update(0, "importing the demo network");
  atip::ImportReport imported;
  try {
    imported = clearinghouse->import_json(text);
  } catch (const atip::Error& import_error) {
    clearinghouse.reset();
    fs::remove(path, error);
    throw CliError(exit_code_for(import_error.kind()),
                   "import of the demo data \"" + data_path + "\" failed: " + one_line(import_error.what()));
  }

  const atip::Date as_of = atip::Date::parse(kDemoAsOf, "as_of");
  atip::AssignOptions assign_options;
  assign_options.as_of = as_of;
  progress.update(1, "assigning every open matter");
  const auto assignment = clearinghouse->assign(assign_options);

  progress.update(2, "ranking matters");
  atip::RankOptions rank_options;
  rank_options.top = 3;
  rank_options.explain = true;
  rank_options.as_of = as_of;
  const auto rankings = rank_demo_matters(*clearinghouse, assignment, rank_options);

  progress.update(3, "finding coverage gaps");
  atip::CoverageOptions coverage_options;
  coverage_options.as_of = as_of;
  const auto coverage = clearinghouse->coverage_gaps({}, coverage_options);
  std::optional<atip::Ranking> gap_ranking;
  if (!coverage.gaps.empty()) gap_ranking = clearinghouse->rank(coverage.gaps.front().matter_id, {}, rank_options);
  progress.update(5);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  if (output.json()) {
    nlohmann::json document = {{"database", path}, {"data", data_path}, {"as_of", kDemoAsOf},
                               {"import", atip::to_json(imported)}, {"seconds", seconds}};
    document["rankings"] = nlohmann::json::array();
    for (const auto& ranking : rankings) document["rankings"].push_back(atip::to_json(ranking));
    document["gap_matter"] = gap_ranking ? atip::to_json(*gap_ranking) : nlohmann::json(nullptr);
    document["assignment"] = atip::to_json(assignment);
    document["coverage"] = atip::to_json(coverage);
    output.print_json(document);
    return kExitOk;
  }

  auto& out = output.out();
  out << "atip demo: a pro bono network of " << imported.counts["lawyers"] << " lawyers, "
      << imported.counts["organizations"] << " organizations (law firms, NGOs, public bodies) and "
      << imported.counts["matters"]
      << " matters, built from public data (matters follow the Counter-Trafficking Data Collaborative (CTDC) "
         "Global Dataset, 14 Apr 2020).\n"
      << "Database: " << path << " (as of " << kDemoAsOf << ").\n";

  heading(output, "Three matters ranked, with reasons");
  for (const auto& ranking : rankings) {
    print_ranking(output, ranking, *clearinghouse, true, false);
    out << "\n";
  }

  heading(output, "A matter nobody in the network can take");
  if (gap_ranking) {
    print_ranking(output, *gap_ranking, *clearinghouse, false, false);
  } else {
    out << "Every open matter has at least one eligible lawyer.\n";
  }

  heading(output, "Batch assignment of every open matter");
  print_assignment(output, assignment);
  {
    // The first placements and every unplaced matter with its reason.
    atip::AssignmentResult shown = assignment;
    if (shown.assignments.size() > kAssignmentRowsShown) shown.assignments.resize(kAssignmentRowsShown);
    output.out() << "\n";
    Table table({"matter", "lawyer", "firm", "score"},
                {Table::Align::left, Table::Align::left, Table::Align::left, Table::Align::right});
    for (const auto& placed : shown.assignments) {
      table.add({placed.matter_id, placed.match.lawyer_id,
                 placed.match.firm_id.empty() ? "(no firm)" : placed.match.firm_id, format_score(placed.match.score)});
    }
    table.print(out);
    out << "  (first " << shown.assignments.size() << " of " << assignment.assignments.size() << ")\n";
    if (!assignment.unfilled.empty()) {
      out << "\nUnplaced, and why:\n\n";
      Table unplaced({"matter", "reason", "eligible", "detail"},
                     {Table::Align::left, Table::Align::left, Table::Align::right});
      for (const auto& unfilled : assignment.unfilled) {
        const std::string detail = unfilled.gap ? std::string(atip::to_string(unfilled.gap->binding)) + ": " +
                                                      unfilled.gap->explanation
                                                : unfilled.detail;
        unplaced.add({unfilled.matter_id, std::string(atip::to_string(unfilled.reason)),
                      std::to_string(unfilled.eligible), truncate_to_width(detail, 160)});
      }
      unplaced.print(out);
    }
  }

  heading(output, "Coverage gaps");
  print_gaps(output, coverage, 20);

  out << "\nDone in " << format_seconds(seconds) << ". Explore further:\n"
      << "  atip --db " << path << " rank " << (rankings.empty() ? "MATTER" : rankings.front().matter_id)
      << " --explain --as-of " << kDemoAsOf << "\n"
      << "  atip --db " << path << " search Wong\n"
      << "  atip --db " << path << " assign --dry-run --as-of " << kDemoAsOf << "\n";
  return kExitOk;
}

}  // namespace

std::vector<CommandSpec> demo_commands() {
  return {
      {"demo", "", "build a database from the demo network and show ranking, gaps and a batch assignment",
       "Imports examples/data/demo.json (found through $ATIP_DEMO_DATA, the source tree or the installed "
       "share/atip folder) into a new database (--db FILE, default a fresh file in the temporary folder), "
       "then ranks three matters with reasons, shows a matter with a coverage gap and its binding constraint, "
       "assigns every open matter in one batch, and prints the gaps table.",
       {}, 0, 0, run_demo},
  };
}

}  // namespace atip_cli
