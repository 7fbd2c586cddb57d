// Crash safety: a child process writes to a database file and is killed with
// SIGKILL at a random moment. Afterwards the file passes PRAGMA
// integrity_check and the audit chain verifies. Every operation is either
// wholly there or wholly absent, and every operation the child reported as
// committed is there.
//
// Environment:
//   ATIP_CRASH_ITERATIONS  kills per scenario (default 3, so ctest stays
//                          fast; scripts/ci.d/25-crash-safety.sh runs 100);
//   ATIP_CRASH_SEED        seed of the kill times (default: random; the seed
//                          is printed so a failure can be replayed).
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <random>
#include <set>
#include <thread>

#include <sqlite3.h>

#include "atip/clearinghouse.hpp"
#include "atip/error.hpp"
#include "support.hpp"

using namespace atip;
using atip_test::TempDir;
using SteadyClock = std::chrono::steady_clock;

namespace {

constexpr int kImportLawyers = 1500;  ///< Records of the "large import" besides its organizations.
constexpr int kFirms = 30;
constexpr int kAssignments = 200;     ///< Transactions the writer child attempts.

int env_int(const char* name, int fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::atoi(value) : fallback;
}

unsigned seed_from_env() {
  const int seed = env_int("ATIP_CRASH_SEED", 0);
  return seed != 0 ? static_cast<unsigned>(seed) : std::random_device{}();
}

std::string integrity_check(const std::string& path) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &statement, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
  std::string result(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return result;
}

// ---------------------------------------------------------------------------
// Child processes

/// Runs `work` in a child process that ends with _exit, never returning into
/// Catch2. `report_fd` is the write end of a pipe the child may report
/// progress on. Returns the child's pid.
pid_t spawn(const std::function<void(int report_fd)>& work, int report_fd) {
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int code = 0;
    try {
      work(report_fd);
    } catch (...) {
      code = 3;
    }
    _exit(code);
  }
  return pid;
}

struct ChildEnd {
  bool killed = false;  ///< false: the child ended by itself before the kill.
  int exit_code = -1;
};

/// Sleeps `delay`, then kills the child with SIGKILL (if it still runs) and
/// reaps it.
ChildEnd kill_after(pid_t pid, std::chrono::microseconds delay) {
  std::this_thread::sleep_for(delay);
  kill(pid, SIGKILL);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  ChildEnd end;
  end.killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
  end.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return end;
}

/// Reads every int the child wrote to the pipe (the child is dead, so the
/// read ends at EOF once the parent's write end is closed).
std::vector<int> read_reports(int read_fd) {
  std::vector<int> reports;
  int value = 0;
  while (read(read_fd, &value, sizeof value) == static_cast<ssize_t>(sizeof value)) reports.push_back(value);
  return reports;
}

// ---------------------------------------------------------------------------
// Scenario 1: one large import

std::string large_import_document() {
  Dataset data;
  for (int f = 0; f < kFirms; ++f) {
    Organization firm = atip_test::make_ngo("firm-" + std::to_string(f), "Firm " + std::to_string(f));
    firm.kind = OrganizationKind::law_firm;
    data.organizations.push_back(firm);
  }
  for (int i = 0; i < kImportLawyers; ++i) {
    Lawyer lawyer = atip_test::make_lawyer("lawyer-" + std::to_string(i), "Lawyer Somchai " + std::to_string(i), "TH", "th");
    lawyer.firm = "firm-" + std::to_string(i % kFirms);
    lawyer.notes = std::string(200, 'n');
    data.lawyers.push_back(lawyer);
  }
  return dump_json_text(to_json(data, ExportOptions{true}));
}

void run_import(const std::string& path, const std::string& document) {
  auto database = Clearinghouse::open(path);
  database->import_json(document);
}

/// Requires that the database contains none or all of the import: the
/// organizations, the lawyers and their search index entries.
void check_import_all_or_nothing(const std::string& path, const ChildEnd& end) {
  REQUIRE(integrity_check(path) == "ok");
  auto database = Clearinghouse::open(path);
  const std::size_t lawyers = database->store().count(EntityType::lawyer);
  const std::size_t organizations = database->store().count(EntityType::organization);
  INFO("lawyers " << lawyers << ", organizations " << organizations << ", killed " << end.killed);
  const bool none = lawyers == 0 && organizations == 0;
  const bool all = lawyers == static_cast<std::size_t>(kImportLawyers) && organizations == static_cast<std::size_t>(kFirms);
  REQUIRE((none || all));
  if (!end.killed) REQUIRE((all && end.exit_code == 0));

  SearchQuery query;
  query.text = "Somchai";
  query.limit = 1000;
  CHECK(database->search(query).size() == (all ? 1000u : 0u));
  // The file takes the next write: no lock or hot journal was left behind.
  database->add(EntityType::organization, nlohmann::json{{"id", "after-crash"}, {"kind", "ngo"}, {"names", {"After"}}});
}

// ---------------------------------------------------------------------------
// Scenario 2: many small transactions, each an assignment

/// Matters matter-k and lawyers lawyer-k, k < kAssignments, and one NGO.
void prepare_assignments(const std::string& path) {
  auto database = Clearinghouse::open(path);
  Dataset data;
  data.organizations.push_back(atip_test::make_ngo("ngo-1", "Hagar"));
  for (int k = 0; k < kAssignments; ++k) {
    const std::string n = std::to_string(k);
    data.lawyers.push_back(atip_test::make_lawyer("lawyer-" + n, "Lawyer " + n, "TH", "th"));
    data.matters.push_back(atip_test::make_matter("matter-" + n, "ngo-1", "TH", "th"));
  }
  database->import_dataset(data);
}

/// Assignment k in one transaction: the engagement eng-k and the matter's
/// move to "placed", each with its audit entry. Reports k on the pipe after
/// the commit.
void run_assignments(const std::string& path, int report_fd) {
  auto database = Clearinghouse::open(path);
  Store& store = database->store();
  for (int k = 0; k < kAssignments; ++k) {
    const std::string n = std::to_string(k);
    store.transaction([&] {
      Engagement engagement;
      engagement.id = "eng-" + n;
      engagement.matter = "matter-" + n;
      engagement.lawyer = "lawyer-" + n;
      engagement.offered_on = Date::parse("2026-02-01", "offered_on");
      store.insert(engagement);
      Matter matter = *store.find_matter("matter-" + n);
      matter.status = MatterStatus::placed;
      store.update(matter);
    });
    if (write(report_fd, &k, sizeof k) != static_cast<ssize_t>(sizeof k)) _exit(4);
  }
}

/// Requires that every assignment is whole or absent, the present ones are a
/// prefix of the sequence, every reported commit is present, and the audit
/// chain verifies.
void check_assignments(const std::string& path, const std::vector<int>& committed, const ChildEnd& end) {
  REQUIRE(integrity_check(path) == "ok");
  auto database = Clearinghouse::open(path);
  Store& store = database->store();
  int present = 0;
  for (int k = 0; k < kAssignments; ++k) {
    const std::string n = std::to_string(k);
    const bool engaged = store.exists(EntityType::engagement, "eng-" + n);
    const bool placed = store.find_matter("matter-" + n)->status == MatterStatus::placed;
    INFO("assignment " << k);
    REQUIRE(engaged == placed);
    REQUIRE((engaged ? k == present : true));  // a prefix: no gaps
    if (engaged) ++present;
  }
  INFO("present " << present << ", reported " << committed.size() << ", killed " << end.killed);
  REQUIRE(static_cast<std::size_t>(present) >= committed.size());
  REQUIRE(static_cast<std::size_t>(present) <= committed.size() + 1);  // the last commit may not have been reported
  if (!end.killed) REQUIRE(present == kAssignments);

  const AuditVerification verification = database->audit_log().verify();
  INFO((verification.first_issue ? verification.first_issue->message : std::string()));
  REQUIRE(verification.intact);
  AuditQuery last;
  last.entity_id = "eng-" + std::to_string(present);
  CHECK(database->audit_log().entries(last).empty());
  if (present > 0) {
    last.entity_id = "eng-" + std::to_string(present - 1);
    CHECK_FALSE(database->audit_log().entries(last).empty());
  }
}

/// How long `work` takes in a child that is not killed, to spread the kills
/// over the whole operation.
std::chrono::microseconds time_child(const std::function<void(int)>& work) {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  const auto start = SteadyClock::now();
  const pid_t pid = spawn(work, fds[1]);
  close(fds[1]);
  read_reports(fds[0]);
  close(fds[0]);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  REQUIRE((WIFEXITED(status) && WEXITSTATUS(status) == 0));
  return std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - start);
}

}  // namespace

TEST_CASE("crash safety: a large import killed at random is all or nothing", "[crash_safety]") {
  const int iterations = env_int("ATIP_CRASH_ITERATIONS", 3);
  const unsigned seed = seed_from_env();
  WARN("ATIP_CRASH_SEED=" << seed << " ATIP_CRASH_ITERATIONS=" << iterations);
  std::mt19937 random(seed);
  const std::string document = large_import_document();
  TempDir dir;

  const std::string timing_path = dir.file("timing.db");
  Clearinghouse::open(timing_path);
  const auto full = time_child([&](int) { run_import(timing_path, document); });
  // Up to 10% past the full time, so some children finish before the kill.
  std::uniform_int_distribution<long> delay(0, full.count() * 11 / 10);

  int killed = 0;
  for (int i = 0; i < iterations; ++i) {
    const std::string path = dir.file("import-" + std::to_string(i) + ".db");
    Clearinghouse::open(path);  // reference data in place before the child starts
    const pid_t pid = spawn([&](int) { run_import(path, document); }, -1);
    const ChildEnd end = kill_after(pid, std::chrono::microseconds(delay(random)));
    killed += end.killed ? 1 : 0;
    INFO("iteration " << i);
    check_import_all_or_nothing(path, end);
    std::filesystem::remove(path);
  }
  WARN("import: " << iterations << " iterations, " << killed << " killed mid-way, full import " << full.count() / 1000
                  << " ms");
}

TEST_CASE("crash safety: assignments killed at random are each whole or absent", "[crash_safety]") {
  const int iterations = env_int("ATIP_CRASH_ITERATIONS", 3);
  const unsigned seed = seed_from_env() + 1;
  std::mt19937 random(seed);
  TempDir dir;

  const std::string timing_path = dir.file("timing.db");
  prepare_assignments(timing_path);
  const auto full = time_child([&](int fd) { run_assignments(timing_path, fd); });
  std::uniform_int_distribution<long> delay(0, full.count() * 11 / 10);

  int killed = 0;
  for (int i = 0; i < iterations; ++i) {
    const std::string path = dir.file("assign-" + std::to_string(i) + ".db");
    prepare_assignments(path);
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    const pid_t pid = spawn([&](int fd) { run_assignments(path, fd); }, fds[1]);
    close(fds[1]);
    const ChildEnd end = kill_after(pid, std::chrono::microseconds(delay(random)));
    const std::vector<int> committed = read_reports(fds[0]);
    close(fds[0]);
    killed += end.killed ? 1 : 0;
    INFO("iteration " << i << ", seed " << seed);
    check_assignments(path, committed, end);
    std::filesystem::remove(path);
  }
  WARN("assignments: " << iterations << " iterations, " << killed << " killed mid-way, " << kAssignments
                       << " transactions take " << full.count() / 1000 << " ms");
}
