// Files the program reads and writes: the database, input and output
// documents, policies, and the demo data set.
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "atip/error.hpp"
#include "atip/store.hpp"
#include "cli.hpp"

namespace atip_cli {

namespace fs = std::filesystem;

std::string database_path(const Args& args) {
  if (const auto path = args.value("db")) {
    if (path->empty()) throw CliError(kExitUsage, "--db: the file name is empty (give a path such as ./atip.db)");
    return *path;
  }
  if (const char* environment = std::getenv("ATIP_DB"); environment != nullptr && *environment != '\0') {
    return environment;
  }
  return "atip.db";
}

namespace {

// Library errors raised while opening name no file; add it.
[[noreturn]] void rethrow_open_error(const atip::Error& error, const std::string& path) {
  throw CliError(exit_code_for(error.kind()), "database \"" + path + "\": " + one_line(error.what()));
}

}  // namespace

namespace {

// Checks the file's schema version before opening it, so that a newer or
// foreign file is rejected before anything reads or writes its tables.
// Returns true when the file is an older atip database that a writable open
// must upgrade (a read-only open of it would fail).
bool check_schema_version(const std::string& path) {
  int version = 0;
  try {
    version = atip::Store::file_schema_version(path);
  } catch (const atip::Error& open_error) {
    rethrow_open_error(open_error, path);
  }
  if (version > atip::kSchemaVersion) {
    throw CliError(kExitDatabase, "database \"" + path + "\": schema version " + std::to_string(version) +
                                      " is newer than this atip supports (" + std::to_string(atip::kSchemaVersion) +
                                      "); upgrade atip to open it");
  }
  if (version == 0) {
    throw CliError(kExitDatabase, "database \"" + path +
                                      "\" is not an atip database (create one with `atip init --db FILE`)");
  }
  return version < atip::kSchemaVersion;
}

}  // namespace

std::unique_ptr<atip::Clearinghouse> open_existing(const Args& args, bool writable) {
  const std::string path = database_path(args);
  std::error_code error;
  if (!fs::exists(path, error)) {
    throw CliError(kExitNotFound, "database \"" + path +
                                      "\" does not exist (create it with `atip init`, or pass --db FILE or set ATIP_DB)");
  }
  atip::OpenOptions options;
  options.store.create = false;
  options.store.read_only = true;
  // Checked for writes too: a writable open would add atip's tables to
  // another program's SQLite file.
  const bool needs_upgrade = check_schema_version(path);
  options.store.read_only = !writable && !needs_upgrade;
  // A database made by `atip init` or `atip import` has the reference data.
  // Loading it here would write to a file that a read command must not change.
  options.load_reference_data = false;
  try {
    return atip::Clearinghouse::open(path, options);
  } catch (const atip::Error& open_error) {
    rethrow_open_error(open_error, path);
  }
}

std::unique_ptr<atip::Clearinghouse> open_or_create(const std::string& path, bool load_reference_data) {
  atip::OpenOptions options;
  options.load_reference_data = load_reference_data;
  try {
    return atip::Clearinghouse::open(path, options);
  } catch (const atip::Error& open_error) {
    rethrow_open_error(open_error, path);
  }
}

std::string read_input_file(const std::string& path, const std::string& what) {
  if (path == "-") {
    return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  std::error_code error;
  if (fs::is_directory(path, error)) {
    throw CliError(kExitInvalidInput, what + " \"" + path + "\" is a directory (give a file)");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int code = errno;
    const int exit_code = code == ENOENT ? kExitNotFound : kExitInvalidInput;
    throw CliError(exit_code, "cannot read " + what + " \"" + path + "\": " + std::strerror(code) +
                                  " (check the path)");
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void write_output_file(const std::string& path, const std::string& text) {
  if (path == "-") {
    std::cout << text;
    std::cout.flush();
    return;
  }
  // Write beside the target and rename, so a failed write never leaves half a file.
  const std::string temporary = path + ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) {
      throw CliError(kExitInvalidInput, "cannot write \"" + path + "\": " + std::strerror(errno) +
                                            " (check that the folder exists and is writable)");
    }
    out << text;
    out.flush();
    if (!out) {
      std::error_code ignored;
      fs::remove(temporary, ignored);
      throw CliError(kExitDatabase, "writing \"" + path + "\" failed (check the free disk space)");
    }
  }
  std::error_code error;
  fs::rename(temporary, path, error);
  if (error) {
    fs::remove(temporary, error);
    throw CliError(kExitInvalidInput, "cannot replace \"" + path + "\" (check its permissions)");
  }
}

nlohmann::json parse_json_file(const std::string& text, const std::string& path) {
  // The library's parser applies the size and nesting limits (a file of
  // 200,000 nested brackets overflowed the stack of a plain parse) and
  // reports a number too large for a double as invalid input.
  try {
    return atip::parse_json_text(text);
  } catch (const atip::Error& error) {
    throw CliError(exit_code_for(error.kind()),
                   "\"" + path + "\" is not valid JSON: " + one_line(error.what()) + " (fix the file and retry)");
  }
}

atip::Policy policy_from_args(const Args& args) {
  const auto path = args.value("policy");
  if (!path) return {};
  const auto document = parse_json_file(read_input_file(*path, "policy file"), *path);
  try {
    return atip::policy_from_json(document);
  } catch (const atip::Error& error) {
    throw CliError(exit_code_for(error.kind()), "policy file \"" + *path + "\": " + one_line(error.what()));
  }
}

std::optional<atip::Date> as_of_from_args(const Args& args) {
  const auto text = args.value("as-of");
  if (!text) return std::nullopt;
  try {
    return atip::Date::parse(*text, "--as-of");
  } catch (const atip::Error& error) {
    throw CliError(kExitUsage, one_line(error.what()));
  }
}

// --- The demo data set --------------------------------------------------------------

namespace {

std::vector<std::string> demo_data_candidates() {
  std::vector<std::string> candidates;
  if (const char* environment = std::getenv("ATIP_DEMO_DATA"); environment != nullptr && *environment != '\0') {
    candidates.emplace_back(environment);
  }
  candidates.emplace_back(ATIP_CLI_SOURCE_DEMO_DATA);
  // An installed program finds the data relative to itself first, so a copy
  // installed under another prefix still works.
  std::error_code error;
  const fs::path self = fs::read_symlink("/proc/self/exe", error);
  if (!error) candidates.push_back((self.parent_path().parent_path() / "share/atip/demo.json").string());
  candidates.emplace_back(ATIP_CLI_INSTALLED_DEMO_DATA);
  return candidates;
}

}  // namespace

std::string find_demo_data() {
  std::string tried;
  for (const auto& candidate : demo_data_candidates()) {
    std::error_code error;
    if (fs::is_regular_file(candidate, error)) return candidate;
    tried += (tried.empty() ? "" : ", ") + candidate;
  }
  throw CliError(kExitNotFound, "demo data set demo.json not found (looked in " + tried +
                                    "; set ATIP_DEMO_DATA to its path)");
}

}  // namespace atip_cli
