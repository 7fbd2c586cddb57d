// The `atip` command-line program: a thin layer over atip::Clearinghouse.
// `atip --help` lists the subcommands and exit codes; docs/cli.md is the tour.
#include <cctype>
#include <iostream>
#include <new>

#include "atip/error.hpp"
#include "atip/version.hpp"
#include "cli.hpp"

namespace atip_cli {
namespace {

std::vector<CommandSpec> all_commands() {
  std::vector<CommandSpec> commands;
  for (auto part : {record_commands(), matching_commands(), report_commands(), demo_commands()}) {
    for (auto& command : part) commands.push_back(std::move(command));
  }
  return commands;
}

void print_option(std::ostream& out, const OptionSpec& option) {
  std::string left = "--" + option.name + (option.value_name.empty() ? "" : " " + option.value_name);
  if (left.size() < 24) left.resize(24, ' ');
  out << "  " << left << "  " << option.help << "\n";
}

void print_exit_codes(std::ostream& out) {
  out << "Exit codes:\n"
      << "  0  success\n"
      << "  1  unexpected failure (a bug in atip, or out of memory)\n"
      << "  2  usage error: unknown command or option, missing or extra argument\n"
      << "  3  invalid input: malformed JSON, a record or option value that fails validation\n"
      << "  4  not found: a missing file or database, an unknown id\n"
      << "  5  conflict with stored data: duplicate id, dangling reference, wrong state, existing file\n"
      << "  6  database unusable: written by a newer atip, not an atip database, locked, I/O error\n"
      << "  7  not available in this build (matching engine or reports missing)\n"
      << "Every error is one line on stderr: what failed, on which value, and what to do.\n";
}

void print_main_help(std::ostream& out, const std::vector<CommandSpec>& commands) {
  out << "atip " << ATIP_CXX_VERSION_STRING
      << ": a clearinghouse for pro bono lawyers working with anti-trafficking NGOs.\n\n"
      << "Usage: atip [--db FILE] [--json] COMMAND [ARGUMENTS] [OPTIONS]\n\n"
      << "Commands:\n";
  for (const auto& command : commands) {
    std::string left = command.name + (command.synopsis.empty() ? "" : " " + command.synopsis);
    if (left.size() < 18) left.resize(18, ' ');
    out << "  " << left << "  " << command.summary << "\n";
  }
  out << "\nOptions for every command:\n";
  for (const auto& option : global_options()) print_option(out, option);
  out << "\nThe database is --db FILE, else $ATIP_DB, else ./atip.db; work persists there between commands.\n"
      << "Progress bars appear on stderr for work longer than a second when stderr is a terminal.\n"
      << "`atip COMMAND --help` describes one command. Start with `atip demo`.\n\n";
  print_exit_codes(out);
}

void print_command_help(std::ostream& out, const CommandSpec& command) {
  out << "Usage: atip " << command.name << (command.synopsis.empty() ? "" : " " + command.synopsis)
      << " [OPTIONS]\n\n"
      << static_cast<char>(std::toupper(static_cast<unsigned char>(command.summary.front())))
      << command.summary.substr(1) << ".\n";
  if (!command.details.empty()) out << command.details << "\n";
  out << "\nOptions:\n";
  for (const auto& option : command.options) print_option(out, option);
  for (const auto& option : global_options()) print_option(out, option);
  out << "\n";
  print_exit_codes(out);
}

// Global options may come before the command: move them after it.
std::vector<std::string> split_command(const std::vector<std::string>& tokens, std::string& command) {
  std::vector<std::string> rest;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string& token = tokens[i];
    if (command.empty() && token.rfind("--", 0) != 0) {
      command = token;
      continue;
    }
    rest.push_back(token);
    const bool takes_value = token == "--db";
    if (command.empty() && takes_value && i + 1 < tokens.size()) rest.push_back(tokens[++i]);
  }
  return rest;
}

int run(int argc, char** argv) {
  const std::vector<std::string> tokens(argv + 1, argv + argc);
  const auto commands = all_commands();
  std::string command_name;
  const auto rest = split_command(tokens, command_name);

  if (command_name.empty() || command_name == "help") {
    bool asked = command_name == "help";
    bool version = false;
    for (const auto& token : rest) {
      asked = asked || token == "--help";
      version = version || token == "--version";
    }
    if (version) {
      std::cout << "atip " << ATIP_CXX_VERSION_STRING << "\n";
      return kExitOk;
    }
    if (!asked) throw CliError(kExitUsage, "no command given (run `atip --help` for the list, or `atip demo`)");
    print_main_help(std::cout, commands);
    return kExitOk;
  }

  const CommandSpec* command = nullptr;
  for (const auto& candidate : commands) {
    if (candidate.name == command_name) command = &candidate;
  }
  if (command == nullptr) {
    throw CliError(kExitUsage, "unknown command \"" + command_name + "\" (run `atip --help` for the list)");
  }

  const Args args = parse_arguments(*command, rest);
  if (args.flag("help")) {
    print_command_help(std::cout, *command);
    return kExitOk;
  }
  if (args.flag("json")) disable_progress();
  Output output(std::cout, args.flag("json"));
  return command->run(args, output);
}

// The command word for error messages: "atip rank: ...".
std::string command_word(int argc, char** argv) {
  std::string command;
  std::vector<std::string> tokens(argv + 1, argv + argc);
  split_command(tokens, command);
  return command.empty() ? "atip" : "atip " + command;
}

}  // namespace
}  // namespace atip_cli

int main(int argc, char** argv) {
  using namespace atip_cli;
  try {
    return run(argc, argv);
  } catch (const CliError& error) {
    std::cerr << command_word(argc, argv) << ": " << one_line(error.what()) << "\n";
    return error.exit_code();
  } catch (const atip::Error& error) {
    std::cerr << command_word(argc, argv) << ": " << one_line(error.what()) << "\n";
    return exit_code_for(error.kind());
  } catch (const std::bad_alloc&) {
    std::cerr << command_word(argc, argv) << ": out of memory (close other programs or use a smaller input)\n";
    return kExitFailure;
  } catch (const std::exception& error) {
    std::cerr << command_word(argc, argv) << ": unexpected error: " << one_line(error.what())
              << " (please report it with the command you ran)\n";
    return kExitFailure;
  }
}
