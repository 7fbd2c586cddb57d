// Shared pieces of the `atip` command-line program: parsed arguments, exit
// codes, the error type every command throws, output helpers and the
// database helpers. Each subcommand lives in a cmd_*.cpp file.
#pragma once

#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "atip/clearinghouse.hpp"
#include "atip/error.hpp"

namespace atip_cli {

/// Exit codes; `atip --help` lists them, and tests/cli checks them.
enum ExitCode : int {
  kExitOk = 0,
  kExitFailure = 1,        ///< An unexpected failure (a bug in atip, out of memory).
  kExitUsage = 2,          ///< Unknown command or option, missing or extra argument.
  kExitInvalidInput = 3,   ///< A file, option value or record failed validation (malformed JSON too).
  kExitNotFound = 4,       ///< A file, database or record id does not exist.
  kExitConflict = 5,       ///< The request clashes with stored data (duplicate id, dangling reference, wrong state).
  kExitDatabase = 6,       ///< The database cannot be used: newer schema, not an atip file, locked, I/O error.
  kExitUnavailable = 7,    ///< A feature this build lacks (the matching engine or reports not built).
};

/// The single error type of the program: one line of text and an exit code.
/// main() prints "atip COMMAND: MESSAGE" on stderr and exits with the code.
class CliError : public std::runtime_error {
 public:
  CliError(int exit_code, const std::string& message) : std::runtime_error(message), exit_code_(exit_code) {}
  int exit_code() const noexcept { return exit_code_; }

 private:
  int exit_code_;
};

/// Maps a library error kind to the program's exit code.
int exit_code_for(atip::ErrorKind kind);
/// Folds a message to one line (newlines and tabs become spaces).
std::string one_line(const std::string& text);

// --- Arguments ------------------------------------------------------------------

struct OptionSpec {
  std::string name;        ///< Without the leading dashes: "top".
  std::string value_name;  ///< Empty for a flag; "N", "FILE", ... otherwise.
  std::string help;
};

struct Args;
class Output;

struct CommandSpec {
  std::string name;
  std::string synopsis;  ///< Positional arguments: "MATTER", "[FILE]".
  std::string summary;   ///< One line for `atip --help`.
  std::string details;   ///< Paragraph for `atip COMMAND --help`.
  std::vector<OptionSpec> options;  ///< Besides the global ones.
  std::size_t min_positional = 0;
  std::size_t max_positional = 0;
  std::function<int(const Args&, Output&)> run;
};

/// The parsed command line.
struct Args {
  std::string command;
  std::vector<std::string> positional;
  std::map<std::string, std::string> values;  ///< Options with a value.
  std::set<std::string> flags;                ///< Options without one.

  bool flag(const std::string& name) const { return flags.count(name) > 0; }
  std::optional<std::string> value(const std::string& name) const;
  /// A non-negative integer option in [min, max], or `fallback` when absent.
  std::size_t count(const std::string& name, std::size_t fallback, std::size_t min, std::size_t max) const;
};

/// Options every command accepts.
const std::vector<OptionSpec>& global_options();
/// Parses argv[1..] for `spec`; throws CliError(kExitUsage) naming the bad token.
Args parse_arguments(const CommandSpec& spec, const std::vector<std::string>& tokens);

// --- Output ---------------------------------------------------------------------

/// The destination of results: aligned text for people, or one JSON document (--json).
class Output {
 public:
  Output(std::ostream& out, bool json) : out_(out), json_(json) {}
  bool json() const { return json_; }
  std::ostream& out() { return out_; }
  /// Writes `document` with two-space indentation and a final newline.
  void print_json(const nlohmann::json& document);

 private:
  std::ostream& out_;
  bool json_;
};

/// Columns of text, padded by display width (East Asian wide characters take
/// two columns, combining marks none), so Thai, Burmese, Khmer and Chinese
/// names line up in a terminal.
class Table {
 public:
  enum class Align { left, right };
  explicit Table(std::vector<std::string> headers, std::vector<Align> align = {});
  void add(std::vector<std::string> row);
  bool empty() const { return rows_.empty(); }
  /// Writes the header, a rule and the rows, each line indented by `indent`.
  void print(std::ostream& out, std::size_t indent = 2) const;

 private:
  std::vector<std::string> headers_;
  std::vector<Align> align_;
  std::vector<std::vector<std::string>> rows_;
};

/// Width of UTF-8 text in terminal columns.
std::size_t display_width(const std::string& text);
/// Cuts text to at most `width` columns, ending in "…" when cut.
std::string truncate_to_width(const std::string& text, std::size_t width);
/// "0.82".
std::string format_score(double value);
/// "1.5 s" or "230 ms".
std::string format_seconds(double seconds);

/// A progress bar on stderr for work that may take more than a second. It
/// draws nothing until a second has passed, and nothing at all when stderr is
/// not a terminal or --json output is requested. Without a total it shows
/// the elapsed time and a moving marker.
class Progress {
 public:
  Progress(std::string label, std::size_t total = 0);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  /// Moves the bar to `done` of `total` steps and names the current step.
  void update(std::size_t done, const std::string& step = "");

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// Turns progress bars off for the rest of the run (--json, --quiet).
void disable_progress();

// --- Database -------------------------------------------------------------------

/// The database path: --db, else $ATIP_DB, else ./atip.db.
std::string database_path(const Args& args);

/// Opens an existing database. Throws CliError(kExitNotFound) when the file
/// does not exist, so a typo in --db never creates an empty database.
/// `writable` false opens it read-only.
std::unique_ptr<atip::Clearinghouse> open_existing(const Args& args, bool writable);
/// Opens a database, creating it when it is missing; `load_reference_data`
/// adds the reference jurisdictions and practice areas it lacks.
std::unique_ptr<atip::Clearinghouse> open_or_create(const std::string& path, bool load_reference_data = true);

/// Reads a whole file ("-" reads stdin). Throws CliError naming the path.
std::string read_input_file(const std::string& path, const std::string& what);
/// Writes a whole file atomically enough for a CLI (temporary file, rename).
void write_output_file(const std::string& path, const std::string& text);
/// Parses JSON text; a syntax error becomes CliError(kExitInvalidInput) naming the file.
nlohmann::json parse_json_file(const std::string& text, const std::string& path);

/// Reads --policy FILE, or returns the default policy.
atip::Policy policy_from_args(const Args& args);
/// Reads --as-of DATE, if given.
std::optional<atip::Date> as_of_from_args(const Args& args);

/// The demo data set: $ATIP_DEMO_DATA, the source tree, or the installed
/// share directory. Throws CliError(kExitNotFound) listing where it looked.
std::string find_demo_data();

// --- Commands -------------------------------------------------------------------

std::vector<CommandSpec> record_commands();    // init, import, export, show, search
std::vector<CommandSpec> matching_commands();  // rank, assign, gaps
std::vector<CommandSpec> demo_commands();      // demo
std::vector<CommandSpec> report_commands();    // report, when the library has reports

// Shared by rank and demo.
void print_ranking(Output& output, const atip::Ranking& ranking, const atip::Clearinghouse& clearinghouse,
                   bool explain, bool exclusions);
void print_assignment(Output& output, const atip::AssignmentResult& result);
void print_gaps(Output& output, const atip::CoverageReport& report, std::size_t max_rows);
/// "Wage claim (KH → TH), forum TH, needs km (interpreter accepted)".
std::string describe_matter(const nlohmann::json& matter);

}  // namespace atip_cli
