// Subcommands over the matching engine: rank, assign, gaps.
#include <algorithm>
#include <cstdlib>
#include <sstream>

#include "atip/error.hpp"
#include "cli.hpp"
#include "records_view.hpp"

namespace atip_cli {

namespace {

std::string join(const nlohmann::json& array, const std::string& separator = ", ") {
  std::string text;
  if (!array.is_array()) return text;
  for (const auto& item : array) text += (text.empty() ? "" : separator) + item.get<std::string>();
  return text;
}

// Runs a matching call and turns its errors into one-line CLI errors.
template <typename Call>
auto run_matching(const std::string& what, Call call) {
  try {
    return call();
  } catch (const atip::Error& error) {
    throw CliError(exit_code_for(error.kind()), what + " failed: " + one_line(error.what()));
  }
}

nlohmann::json get_matter(const atip::Clearinghouse& clearinghouse, const std::string& id) {
  try {
    return clearinghouse.get(atip::EntityType::matter, id);
  } catch (const atip::Error& error) {
    if (error.kind() != atip::ErrorKind::not_found) throw;
    throw CliError(kExitNotFound, "no matter has the id \"" + id +
                                      "\" (list matters with `atip export` or check the id)");
  }
}

// "ဒေါ်နုမာမာ / Daw Nu Mar Mar": the display name and, when it is not in
// Latin script, the first romanisation or alias.
std::string lawyer_label(const atip::Clearinghouse& clearinghouse, const std::string& lawyer_id) {
  nlohmann::json lawyer;
  try {
    lawyer = clearinghouse.get(atip::EntityType::lawyer, lawyer_id);
  } catch (const atip::Error&) {
    return lawyer_id;
  }
  const std::string first = display_name(lawyer);
  const auto& names = lawyer["names"];
  if (names.size() > 1 && names[1].is_object()) {
    const std::string second = names[1].value("value", std::string());
    if (!second.empty() && second != first) return first + " / " + second;
  }
  return first;
}

std::string score_of(const atip::Match& match, const std::string& topic) {
  for (const auto& component : match.components) {
    if (atip::to_string(component.component) == topic) return format_score(component.score);
  }
  return "";
}

void print_funnel(std::ostream& out, const std::vector<atip::FunnelStep>& funnel, std::size_t considered) {
  out << "  Eligibility: " << considered << " lawyers";
  for (const auto& step : funnel) out << " → " << atip::to_string(step.constraint) << " " << step.remaining;
  out << "\n";
}

}  // namespace

std::string describe_matter(const nlohmann::json& matter) {
  std::ostringstream text;
  text << "forum " << matter.value("forum", std::string("?")) << ", " << matter.value("practice_area", std::string())
       << ", " << matter.value("help", std::string("advice"));
  if (matter.contains("activities")) text << " (" << join(matter["activities"]) << ")";
  if (matter.contains("languages")) {
    text << ", needs " << join(matter["languages"]);
    text << (matter.value("interpreter_accepted", false) ? " or an interpreter" : ", no interpreter");
  }
  text << ", urgency " << matter.value("urgency", std::string("normal"));
  return text.str();
}

void print_ranking(Output& output, const atip::Ranking& ranking, const atip::Clearinghouse& clearinghouse,
                   bool explain, bool exclusions) {
  auto& out = output.out();
  const auto matter = clearinghouse.get(atip::EntityType::matter, ranking.matter_id);
  out << ranking.matter_id << ": " << matter.value("title", std::string()) << "\n";
  out << "  " << describe_matter(matter) << "\n";
  out << "  " << ranking.eligible << " of " << ranking.lawyers_considered << " lawyers are eligible";
  if (!ranking.matches.empty()) out << "; the best " << ranking.matches.size() << ":";
  out << "\n\n";

  if (!ranking.matches.empty()) {
    Table table({"#", "score", "lawyer", "name", "firm"},
                {Table::Align::right, Table::Align::right, Table::Align::left, Table::Align::left, Table::Align::left});
    std::size_t rank = 0;
    for (const auto& match : ranking.matches) {
      std::string firm = match.firm_id.empty() ? "(no firm)" : match.firm_id;
      if (match.needs_local_co_counsel) firm += " (needs local co-counsel)";
      table.add({std::to_string(++rank), format_score(match.score), match.lawyer_id,
                 truncate_to_width(lawyer_label(clearinghouse, match.lawyer_id), 44), firm});
    }
    if (!explain) {
      table.print(out);
    } else {
      // One small block per match: the row, then its reasons.
      rank = 0;
      for (const auto& match : ranking.matches) {
        out << "  " << ++rank << ". " << match.lawyer_id << "  " << lawyer_label(clearinghouse, match.lawyer_id)
            << "  score " << format_score(match.score) << "  " << (match.firm_id.empty() ? "(no firm)" : match.firm_id)
            << "\n";
        for (const auto& reason : match.reasons) {
          const std::string score = score_of(match, reason.topic);
          out << "       " << reason.topic << (score.empty() ? "" : " " + score) << ": " << reason.text << "\n";
        }
        // The matcher states near conflicts among the reasons when it explains;
        // list them here only when it did not.
        const bool stated = std::any_of(match.reasons.begin(), match.reasons.end(),
                                        [](const atip::Reason& reason) { return reason.topic == "conflict"; });
        for (const auto& review : stated ? std::vector<atip::ConflictReview>{} : match.conflict_reviews) {
          out << "       REVIEW near conflict (" << atip::to_string(review.rule) << ", similarity "
              << format_score(review.similarity) << "): party \"" << review.party_name << "\" and \""
              << review.register_name << "\" in the " << review.source << " of " << review.owner_id << "\n";
        }
        if (match.needs_local_co_counsel) out << "       admission: needs a locally admitted co-counsel\n";
      }
    }
    out << "\n";
  }
  if (ranking.gap) {
    out << "  Coverage gap: no eligible lawyer. Binding constraint: " << atip::to_string(ranking.gap->binding) << ".\n"
        << "  " << ranking.gap->explanation << ".\n\n";
  }
  print_funnel(out, ranking.funnel, ranking.lawyers_considered);

  if (exclusions && !ranking.exclusions.empty()) {
    out << "\n  Excluded lawyers (" << ranking.exclusions.size() << "):\n\n";
    Table table({"lawyer", "constraint", "also failed", "detail"});
    for (const auto& exclusion : ranking.exclusions) {
      std::string also;
      for (std::size_t i = 1; i < exclusion.failed.size(); ++i) {
        also += (also.empty() ? "" : ", ") + std::string(atip::to_string(exclusion.failed[i]));
      }
      table.add({exclusion.lawyer_id, std::string(atip::to_string(exclusion.constraint)), also,
                 truncate_to_width(exclusion.detail, 70)});
    }
    table.print(out, 4);
  }
}

void print_assignment(Output& output, const atip::AssignmentResult& result) {
  auto& out = output.out();
  std::size_t placed_matters = 0;
  std::string previous;
  for (const auto& assignment : result.assignments) {
    if (assignment.matter_id != previous) ++placed_matters;
    previous = assignment.matter_id;
  }
  out << "Placed " << result.assignments.size() << (result.assignments.size() == 1 ? " lawyer on " : " lawyers on ")
      << placed_matters << (placed_matters == 1 ? " matter; " : " matters; ") << result.unfilled.size()
      << (result.unfilled.size() == 1 ? " matter is" : " matters are") << " unplaced or short of lawyers. Total score "
      << format_score(result.total_score) << (result.proved_optimal ? " (proved optimal)" : " (not proved optimal)");
  if (result.firm_cap) out << "; at most " << *result.firm_cap << " lawyers per firm";
  out << ".\n";
  if (!result.already_staffed.empty()) {
    out << result.already_staffed.size() << " matters already have their team and were left out.\n";
  }
}

void print_gaps(Output& output, const atip::CoverageReport& report, std::size_t max_rows) {
  auto& out = output.out();
  out << report.matters_without_candidates << " of " << report.open_matters
      << " open matters have no eligible lawyer.\n";
  if (report.groups.empty()) return;
  out << "\n";
  Table table({"forum", "practice area", "languages", "matters", "binding constraint", "matter ids"},
              {Table::Align::left, Table::Align::left, Table::Align::left, Table::Align::right});
  std::size_t shown = 0;
  for (const auto& group : report.groups) {
    if (shown++ == max_rows) break;
    std::string binding;
    for (const auto& [constraint, count] : group.binding) {
      binding += (binding.empty() ? "" : ", ") + std::string(atip::to_string(constraint)) + " (" +
                 std::to_string(count) + ")";
    }
    std::string languages;
    for (const auto& language : group.languages) languages += (languages.empty() ? "" : ", ") + language;
    std::string ids;
    for (const auto& id : group.matter_ids) ids += (ids.empty() ? "" : ", ") + id;
    table.add({group.forum, group.practice_area, languages, std::to_string(group.matter_ids.size()), binding,
               truncate_to_width(ids, 40)});
  }
  table.print(out);
  if (report.groups.size() > max_rows) {
    out << "  (" << report.groups.size() - max_rows << " more groups; --json lists them all)\n";
  }
}

namespace {

// --- rank -------------------------------------------------------------------------

int run_rank(const Args& args, Output& output) {
  const std::string matter_id = args.positional.at(0);
  atip::RankOptions options;
  options.top = args.count("top", 5, 0, 10000);
  options.explain = args.flag("explain");
  options.include_exclusions = args.flag("exclusions");
  options.as_of = as_of_from_args(args);
  const auto policy = policy_from_args(args);
  auto clearinghouse = open_existing(args, false);
  const auto matter = get_matter(*clearinghouse, matter_id);

  atip::Ranking ranking;
  {
    Progress progress("ranking " + matter_id);
    ranking = run_matching("ranking " + matter_id, [&] { return clearinghouse->rank(matter_id, policy, options); });
  }
  if (output.json()) {
    auto document = atip::to_json(ranking);
    document["matter"] = matter;
    output.print_json(document);
    return kExitOk;
  }
  print_ranking(output, ranking, *clearinghouse, options.explain, options.include_exclusions);
  return kExitOk;
}

// --- assign -----------------------------------------------------------------------

std::vector<std::string> split_ids(const std::string& text) {
  std::vector<std::string> ids;
  std::stringstream stream(text);
  std::string id;
  while (std::getline(stream, id, ',')) {
    if (!id.empty()) ids.push_back(id);
  }
  if (ids.empty()) throw CliError(kExitUsage, "--matters: \"" + text + "\" lists no matter id (give ID,ID,...)");
  return ids;
}

std::string default_actor() {
  const char* user = std::getenv("USER");
  return std::string("atip-cli:") + (user != nullptr && *user != '\0' ? user : "coordinator");
}

// The workflow step taken for one assignment.
struct OfferOutcome {
  std::string matter_id;
  std::string lawyer_id;
  std::string action;  ///< offered, conflict_check_requested, waiting, skipped
  std::string detail;
};

// Offers an assignment when the conflict check of the lawyer's firm (or of
// the lawyer, without a firm) has cleared. Otherwise it requests the check,
// because the workflow offers nothing before clearance.
OfferOutcome offer_assignment(atip::Workflow& workflow, const atip::Assignment& assignment,
                              const std::string& matter_status, const std::string& actor) {
  const auto& match = assignment.match;
  OfferOutcome outcome{assignment.matter_id, match.lawyer_id, "", ""};
  // A conflict check follows an expression of interest, which only the
  // lawyer or the firm can give; the program does not record one for them.
  if (matter_status == "vetted" || matter_status == "circulated") {
    const std::string detail = matter_status == "vetted"
                                   ? "the matter is vetted but not circulated; circulate it, then the lawyer or firm "
                                     "must express interest"
                                   : "the matter is circulated; the lawyer or firm must express interest before a "
                                     "conflict check";
    return {outcome.matter_id, outcome.lawyer_id, "needs_interest", detail};
  }
  const auto checks = workflow.conflict_checks(assignment.matter_id);
  const atip::ConflictCheck* own_check = nullptr;
  for (const auto& check : checks) {
    const bool ours = match.firm_id.empty() ? check.lawyer == match.lawyer_id : check.firm == match.firm_id;
    if (ours) own_check = &check;
  }

  try {
    if (own_check == nullptr) {
      atip::ConflictCheckRequest request;
      request.matter = assignment.matter_id;
      request.lawyer = match.lawyer_id;
      request.actor = actor;
      request.note = "Requested by a batch assignment.";
      const auto check = workflow.request_conflict_check(request);
      return {outcome.matter_id, outcome.lawyer_id, "conflict_check_requested",
              check.id + "; offer after it clears (reminder " + check.remind_on.to_string() + ")"};
    }
    if (own_check->status == atip::ConflictCheckStatus::requested) {
      return {outcome.matter_id, outcome.lawyer_id, "waiting",
              "conflict check " + own_check->id + " requested on " + own_check->requested_on.to_string()};
    }
    if (own_check->status == atip::ConflictCheckStatus::conflict_found) {
      return {outcome.matter_id, outcome.lawyer_id, "skipped", "conflict check " + own_check->id + " found a conflict"};
    }
    atip::OfferRequest request;
    request.matter = assignment.matter_id;
    request.lawyer = match.lawyer_id;
    request.decided_by = actor;
    request.reason = "Batch assignment, score " + format_score(match.score) + ".";
    const auto engagement = workflow.offer(request);
    return {outcome.matter_id, outcome.lawyer_id, "offered", engagement.id};
  } catch (const atip::Error& error) {
    // A matter in a state that takes no check or offer is reported, not fatal:
    // the other assignments of the batch still go ahead.
    if (error.kind() != atip::ErrorKind::invalid_state && error.kind() != atip::ErrorKind::constraint) throw;
    return {outcome.matter_id, outcome.lawyer_id, "skipped", one_line(error.what())};
  }
}

nlohmann::json to_json(const OfferOutcome& outcome) {
  return {{"matter", outcome.matter_id}, {"lawyer", outcome.lawyer_id}, {"action", outcome.action},
          {"detail", outcome.detail}};
}

void print_assignment_rows(Output& output, const atip::AssignmentResult& result,
                           const std::vector<OfferOutcome>& outcomes, std::size_t max_rows) {
  auto& out = output.out();
  if (!result.assignments.empty()) {
    out << "\n";
    std::vector<std::string> headers = {"matter", "lawyer", "firm", "score"};
    if (!outcomes.empty()) headers.insert(headers.end(), {"action", "detail"});
    Table table(headers, {Table::Align::left, Table::Align::left, Table::Align::left, Table::Align::right});
    for (std::size_t i = 0; i < result.assignments.size() && i < max_rows; ++i) {
      const auto& assignment = result.assignments[i];
      std::vector<std::string> row = {assignment.matter_id, assignment.match.lawyer_id,
                                      assignment.match.firm_id.empty() ? "(no firm)" : assignment.match.firm_id,
                                      format_score(assignment.match.score)};
      if (i < outcomes.size()) row.insert(row.end(), {outcomes[i].action, truncate_to_width(outcomes[i].detail, 60)});
      table.add(row);
    }
    table.print(out);
    if (result.assignments.size() > max_rows) {
      out << "  (" << result.assignments.size() - max_rows << " more; --json lists them all)\n";
    }
  }
  if (!result.unfilled.empty()) {
    out << "\nUnplaced, and why:\n\n";
    Table table({"matter", "wanted", "assigned", "reason", "eligible", "detail"},
                {Table::Align::left, Table::Align::right, Table::Align::right, Table::Align::left,
                 Table::Align::right});
    for (const auto& unfilled : result.unfilled) {
      const std::string detail = unfilled.gap ? std::string(atip::to_string(unfilled.gap->binding)) + ": " +
                                                    unfilled.gap->explanation
                                              : unfilled.detail;
      table.add({unfilled.matter_id, std::to_string(unfilled.wanted), std::to_string(unfilled.assigned),
                 std::string(atip::to_string(unfilled.reason)), std::to_string(unfilled.eligible),
                 truncate_to_width(detail, 160)});
    }
    table.print(out);
  }
}

int run_assign(const Args& args, Output& output) {
  atip::AssignOptions options;
  if (const auto ids = args.value("matters")) options.matter_ids = split_ids(*ids);
  options.as_of = as_of_from_args(args);
  const auto policy = policy_from_args(args);
  const bool dry_run = args.flag("dry-run");
  const std::string actor = args.value("actor").value_or(default_actor());
  if (actor.empty()) throw CliError(kExitUsage, "--actor: the name is empty (give the coordinator's id)");
  auto clearinghouse = open_existing(args, !dry_run);

  atip::AssignmentResult result;
  {
    Progress progress("assigning");
    result = run_matching("batch assignment", [&] { return clearinghouse->assign(options, policy); });
  }

  std::vector<OfferOutcome> outcomes;
  if (!dry_run) {
    Progress progress("offering", result.assignments.size());
    outcomes = clearinghouse->with_workflow([&](atip::Workflow& workflow) {
      std::vector<OfferOutcome> done;
      for (const auto& assignment : result.assignments) {
        progress.update(done.size(), assignment.matter_id);
        const auto matter = clearinghouse->get(atip::EntityType::matter, assignment.matter_id);
        done.push_back(offer_assignment(workflow, assignment, matter.value("status", std::string()), actor));
      }
      return done;
    });
  }

  if (output.json()) {
    auto document = atip::to_json(result);
    document["dry_run"] = dry_run;
    if (!dry_run) {
      document["actions"] = nlohmann::json::array();
      for (const auto& outcome : outcomes) document["actions"].push_back(to_json(outcome));
    }
    output.print_json(document);
    return kExitOk;
  }
  print_assignment(output, result);
  if (dry_run) {
    output.out() << "Dry run: nothing was written.\n";
  } else {
    std::map<std::string, std::size_t> actions;
    for (const auto& outcome : outcomes) ++actions[outcome.action];
    output.out() << "Workflow, as " << actor << ":";
    for (const auto& [action, count] : actions) output.out() << " " << action << " " << count << ";";
    output.out() << " nothing is offered before the firm's conflict check clears.\n";
  }
  print_assignment_rows(output, result, outcomes, args.count("limit", 50, 0, 100000));
  return kExitOk;
}

// --- gaps -------------------------------------------------------------------------

int run_gaps(const Args& args, Output& output) {
  atip::CoverageOptions options;
  options.as_of = as_of_from_args(args);
  const auto policy = policy_from_args(args);
  auto clearinghouse = open_existing(args, false);

  atip::CoverageReport report;
  {
    Progress progress("finding coverage gaps");
    report = run_matching("coverage analysis", [&] { return clearinghouse->coverage_gaps(policy, options); });
  }
  if (output.json()) {
    output.print_json(atip::to_json(report));
    return kExitOk;
  }
  print_gaps(output, report, args.count("limit", 50, 1, 100000));
  if (!report.gaps.empty()) {
    output.out() << "\nWhy each matter has no eligible lawyer:\n\n";
    Table table({"matter", "binding", "explanation"});
    for (const auto& gap : report.gaps) {
      table.add({gap.matter_id, std::string(atip::to_string(gap.binding)), truncate_to_width(gap.explanation, 160)});
    }
    table.print(output.out());
  }
  return kExitOk;
}

}  // namespace

std::vector<CommandSpec> matching_commands() {
  const OptionSpec policy{"policy", "FILE", "scoring policy JSON (weights, thresholds); default: the built-in policy"};
  const OptionSpec as_of{"as-of", "DATE", "rank as on this day, YYYY-MM-DD (default: today, UTC)"};
  return {
      {"rank", "MATTER", "rank the lawyers for one matter, with reasons",
       "Applies the hard constraints (status, capacity, availability, conflicts, admission, language, firm "
       "exclusions), then scores the eligible lawyers. When no one is eligible it names the binding constraint.",
       {{"top", "N", "show the best N matches, 0-10000 (default 5)"},
        {"explain", "", "give the reasons and component scores of each match"},
        {"exclusions", "", "list every excluded lawyer with the constraint that excluded it"},
        policy, as_of},
       1, 1, run_rank},
      {"assign", "", "assign lawyers to every open matter in one batch (min-cost flow)",
       "Gives each open matter at most its team size, within every lawyer's capacity, maximising the total "
       "score. Without --dry-run it moves the assignments into the workflow: it requests the conflict check of "
       "the lawyer's firm, and offers the matter once that check has cleared.",
       {{"dry-run", "", "compute and print the assignment without writing anything"},
        {"matters", "ID,ID", "only these matters (default: every open matter)"},
        {"actor", "NAME", "coordinator id recorded in the audit log (default: atip-cli:$USER)"},
        {"limit", "N", "print at most N assignment rows (default 50)"},
        policy, as_of},
       0, 0, run_assign},
      {"gaps", "", "list open matters that no lawyer can take, grouped, with the binding constraint",
       "Groups matters without an eligible lawyer by forum, practice area and languages.",
       {{"limit", "N", "print at most N groups (default 50)"}, policy, as_of},
       0, 0, run_gaps},
  };
}

}  // namespace atip_cli
