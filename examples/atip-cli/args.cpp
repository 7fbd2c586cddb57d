// Command-line parsing and the mapping from library errors to exit codes.
#include <algorithm>
#include <charconv>

#include "cli.hpp"

namespace atip_cli {

const std::vector<OptionSpec>& global_options() {
  static const std::vector<OptionSpec> options = {
      {"db", "FILE", "database file (default: $ATIP_DB, else ./atip.db)"},
      {"json", "", "print the result as JSON instead of tables"},
      {"help", "", "show help for the command"},
  };
  return options;
}

std::optional<std::string> Args::value(const std::string& name) const {
  const auto found = values.find(name);
  if (found == values.end()) return std::nullopt;
  return found->second;
}

std::size_t Args::count(const std::string& name, std::size_t fallback, std::size_t min, std::size_t max) const {
  const auto text = value(name);
  if (!text) return fallback;
  std::size_t number = 0;
  const auto* end = text->data() + text->size();
  const auto [last, error] = std::from_chars(text->data(), end, number);
  if (error != std::errc() || last != end || number < min || number > max) {
    throw CliError(kExitUsage, "--" + name + ": \"" + *text + "\" is not a whole number from " +
                                   std::to_string(min) + " to " + std::to_string(max));
  }
  return number;
}

namespace {

const OptionSpec* find_option(const CommandSpec& spec, const std::string& name) {
  for (const auto* list : {&global_options(), &spec.options}) {
    const auto found = std::find_if(list->begin(), list->end(), [&](const OptionSpec& o) { return o.name == name; });
    if (found != list->end()) return &*found;
  }
  return nullptr;
}

std::string help_hint(const CommandSpec& spec) { return "see atip " + spec.name + " --help"; }

}  // namespace

Args parse_arguments(const CommandSpec& spec, const std::vector<std::string>& tokens) {
  Args args;
  args.command = spec.name;
  bool options_ended = false;

  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string& token = tokens[i];
    const bool is_option = !options_ended && token.size() > 2 && token.rfind("--", 0) == 0;
    if (!options_ended && token == "--") {
      options_ended = true;
      continue;
    }
    if (!is_option) {
      args.positional.push_back(token);
      continue;
    }

    // "--name value" or "--name=value".
    std::string name = token.substr(2);
    std::optional<std::string> inline_value;
    if (const auto equals = name.find('='); equals != std::string::npos) {
      inline_value = name.substr(equals + 1);
      name.resize(equals);
    }
    const OptionSpec* option = find_option(spec, name);
    if (option == nullptr) {
      throw CliError(kExitUsage, "unknown option \"--" + name + "\" (" + help_hint(spec) + ")");
    }
    if (option->value_name.empty()) {
      if (inline_value) throw CliError(kExitUsage, "option --" + name + " takes no value (" + help_hint(spec) + ")");
      args.flags.insert(name);
      continue;
    }
    if (!inline_value) {
      if (i + 1 >= tokens.size()) {
        throw CliError(kExitUsage, "option --" + name + " needs a value " + option->value_name + " (" +
                                       help_hint(spec) + ")");
      }
      inline_value = tokens[++i];
    }
    args.values[name] = *inline_value;
  }

  if (args.flag("help")) return args;
  if (args.positional.size() < spec.min_positional) {
    throw CliError(kExitUsage, "missing argument " + spec.synopsis + " (" + help_hint(spec) + ")");
  }
  if (args.positional.size() > spec.max_positional) {
    throw CliError(kExitUsage, "unexpected argument \"" + args.positional[spec.max_positional] + "\" (" +
                                   help_hint(spec) + ")");
  }
  return args;
}

int exit_code_for(atip::ErrorKind kind) {
  using atip::ErrorKind;
  switch (kind) {
    case ErrorKind::invalid_argument:
    case ErrorKind::limit_exceeded:
      return kExitInvalidInput;
    case ErrorKind::not_found:
      return kExitNotFound;
    case ErrorKind::already_exists:
    case ErrorKind::constraint:
    case ErrorKind::invalid_state:
      return kExitConflict;
    case ErrorKind::schema_version:
    case ErrorKind::busy:
    case ErrorKind::io:
    case ErrorKind::integrity:
      return kExitDatabase;
    case ErrorKind::no_memory:
    case ErrorKind::internal:
      return kExitFailure;
  }
  return kExitFailure;
}

std::string one_line(const std::string& text) {
  std::string line;
  line.reserve(text.size());
  bool space = false;
  for (const char c : text) {
    const bool blank = c == '\n' || c == '\r' || c == '\t';
    if (blank) {
      space = true;
      continue;
    }
    if (space && !line.empty()) line += ' ';
    space = false;
    line += c;
  }
  return line;
}

}  // namespace atip_cli
