// Audit trail: what is appended, actors and rollback, and tampering with the
// SQLite file (edit, delete, reorder, rehash) detected by verify, with and
// without a key.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include "store/sqlite.hpp"
#include "workflow/audit_chain.hpp"
#include "workflow_fixture.hpp"

using namespace atip;
using atip_test::error_of;
using atip_test::WorkflowFixture;
using Catch::Matchers::Contains;

namespace {

using S = MatterStatus;

const std::string kKey = "0123456789abcdef0123456789abcdef";  // 32 bytes

/// Raw access to the database file, as someone with write access to it has.
/// Drops the append-only triggers first, as such an attacker would.
class RawDatabase {
 public:
  explicit RawDatabase(const std::string& path) {
    REQUIRE(sqlite3_open(path.c_str(), &db_) == SQLITE_OK);
    exec("DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;");
  }
  ~RawDatabase() { sqlite3_close(db_); }
  RawDatabase(const RawDatabase&) = delete;
  RawDatabase& operator=(const RawDatabase&) = delete;

  void exec(const std::string& sql) {
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
    const std::string text = message != nullptr ? message : "";
    sqlite3_free(message);
    INFO(sql << ": " << text);
    REQUIRE(rc == SQLITE_OK);
  }

  audit_chain::Row row(std::int64_t sequence) {
    sql::Statement statement(db_, std::string("SELECT ") + audit_chain::kColumns + " FROM audit_log WHERE sequence = ?");
    statement.bind(1, sequence);
    REQUIRE(statement.step());
    return audit_chain::read_row(statement);
  }

  /// Changes the actor of entry `sequence` and, like an attacker who knows
  /// the format, stores a hash recomputed with `key`.
  void rewrite_actor(std::int64_t sequence, const std::string& actor, const std::string& key) {
    audit_chain::Row changed = row(sequence);
    changed.actor = actor;
    changed.hash = audit_chain::compute_hash(changed, sequence, key);
    sql::Statement update(db_, "UPDATE audit_log SET actor = ?, hash = ? WHERE sequence = ?");
    update.bind(1, changed.actor).bind(2, changed.hash).bind(3, sequence).run();
  }

  /// Recomputes every hash and link from `from` on with `key`, hiding an
  /// edit made there from a check that has no anchor.
  void rebuild_chain(std::int64_t from, std::int64_t last, const std::string& key) {
    std::string previous = from == 1 ? audit_chain::kGenesisHash : row(from - 1).hash;
    for (std::int64_t sequence = from; sequence <= last; ++sequence) {
      audit_chain::Row current = row(sequence);
      current.previous_hash = previous;
      current.hash = audit_chain::compute_hash(current, sequence, key);
      sql::Statement update(db_, "UPDATE audit_log SET previous_hash = ?, hash = ? WHERE sequence = ?");
      update.bind(1, current.previous_hash).bind(2, current.hash).bind(3, sequence).run();
      previous = current.hash;
    }
  }

  sqlite3* handle() { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

/// Reopens the file after tampering and verifies it with `key`.
AuditVerification verify_file(const std::string& path, const std::string& key = "",
                              const std::optional<AuditHead>& anchor = std::nullopt) {
  auto store = Store::open(path);
  AuditOptions options;
  options.key = key;
  AuditLog audit(*store, options);
  return audit.verify(anchor);
}

/// A closed file with a placed matter, its history and audit entries.
struct TamperFixture {
  explicit TamperFixture(const std::string& key = "") : f(key) {
    f.drive_to("M-1", S::in_progress);
    f.drive_to("M-2", S::placed, "L-3");
    head = f.audit->head();
    REQUIRE(f.audit->verify().intact);
    REQUIRE(head.sequence >= 20);
    f.close();
  }
  WorkflowFixture f;
  AuditHead head;
};

void check_issue(const AuditVerification& result, AuditIssueKind kind, std::int64_t sequence) {
  CHECK_FALSE(result.intact);
  REQUIRE(result.first_issue);
  INFO(result.first_issue->message);
  CHECK(result.first_issue->kind == kind);
  CHECK(result.first_issue->sequence == sequence);
  CHECK_THAT(result.first_issue->message, Contains("entry " + std::to_string(sequence)));
}

std::vector<AuditEntry> entries_of(const AuditLog& audit, const std::string& type, const std::string& id) {
  AuditQuery query;
  query.entity_type = type;
  query.entity_id = id;
  return audit.entries(query);
}

std::size_t count_action(const std::vector<AuditEntry>& entries, const std::string& action) {
  return static_cast<std::size_t>(
      std::count_if(entries.begin(), entries.end(), [&](const AuditEntry& e) { return e.action == action; }));
}

}  // namespace

// --- What is appended --------------------------------------------------------------------

TEST_CASE("audit: every matter state change is appended", "[audit]") {
  WorkflowFixture f;
  f.drive_to("M-1", S::closed);

  const auto history = f.workflow->history("M-1");
  const auto entries = entries_of(*f.audit, "matter", "M-1");

  // One transition entry per history record, in the same order.
  std::vector<AuditEntry> transitions;
  for (const auto& entry : entries) {
    if (entry.action == "transition") transitions.push_back(entry);
  }
  REQUIRE(transitions.size() == history.size());
  for (std::size_t i = 0; i < history.size(); ++i) {
    INFO("transition " << i);
    CHECK(transitions[i].after.at("status") == to_string(history[i].to));
    CHECK(transitions[i].after.at("transition") == history[i].id);
    CHECK(transitions[i].actor == history[i].actor);
    if (history[i].from) {
      CHECK(transitions[i].before.at("status") == to_string(*history[i].from));
    } else {
      CHECK(transitions[i].before.is_null());
    }
  }
  // The record itself: one insert, and one update per status change.
  CHECK(count_action(entries, "insert") == 1);
  CHECK(count_action(entries, "update") == history.size() - 1);
  CHECK(entries.front().action == "insert");
  CHECK(entries.front().before.is_null());
  CHECK(entries.front().after.at("status") == "draft");
}

TEST_CASE("audit: record updates carry before and after", "[audit]") {
  WorkflowFixture f;
  f.drive_to("M-1", S::in_progress);
  const std::string engagement = f.engagement_of["M-1"];
  const std::int64_t before_hours = f.audit->head().sequence;

  f.clock.advance_seconds(90);
  f.workflow->log_hours(engagement, {f.clock.date(), 3, "drafting", ""}, "lawyer-L-1");

  AuditQuery query;
  query.after_sequence = before_hours;
  const auto added = f.audit->entries(query);
  REQUIRE(added.size() == 1);
  CHECK(added[0].entity_type == "engagement");
  CHECK(added[0].entity_id == engagement);
  CHECK(added[0].action == "update");
  CHECK(added[0].actor == "lawyer-L-1");
  CHECK(added[0].time == "2026-03-02T09:01:30.000Z");
  CHECK_FALSE(added[0].before.contains("hours"));
  CHECK(added[0].after.at("hours").size() == 1);
  CHECK(added[0].after.at("hours").at(0).at("hours") == 3.0);
}

TEST_CASE("audit: engagement and check changes are appended", "[audit]") {
  WorkflowFixture f;
  f.drive_to("M-1", S::closed);
  const std::string engagement = f.engagement_of["M-1"];

  const auto history = f.workflow->engagement_history(engagement);
  const auto entries = entries_of(*f.audit, "engagement", engagement);
  CHECK(count_action(entries, "transition") == history.size());
  CHECK(count_action(entries, "insert") == 1);
  CHECK(count_action(entries, "update") == history.size() - 1);
  CHECK(entries_of(*f.audit, "engagement", engagement).front().after.at("status") == "offered");

  const auto checks = entries_of(*f.audit, "conflict_check", f.workflow->conflict_checks("M-1").at(0).id);
  REQUIRE(checks.size() == 2);
  CHECK(checks[0].action == "insert");
  CHECK(checks[1].action == "update");
  CHECK(checks[1].before.at("status") == "requested");
  CHECK(checks[1].after.at("status") == "cleared");
  CHECK(checks[1].actor == "conflicts-desk");

  const auto interests = entries_of(*f.audit, "expression_of_interest", f.workflow->interests("M-1").at(0).id);
  REQUIRE(interests.size() == 1);
  CHECK(interests[0].actor == "lawyer-L-1");
}

TEST_CASE("audit: directory writes are not logged", "[audit]") {
  // The trail covers matters, engagements and the workflow records; a
  // directory import must not hash every lawyer.
  WorkflowFixture f;
  const AuditHead before = f.audit->head();
  Lawyer lawyer = *f.store->find_lawyer("L-1");
  lawyer.notes = "moved to the Chiang Mai office";
  f.store->update(lawyer);
  f.store->insert(atip_test::make_ngo("ngo-3", "New NGO"));
  CHECK(f.audit->head() == before);

  Matter matter = atip_test::draft_matter("M-direct");
  f.store->insert(matter);
  matter.title = "Changed directly through the store";
  f.store->update(matter);
  f.store->update(matter);  // no change: no entry
  const auto entries = entries_of(*f.audit, "matter", "M-direct");
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].actor == kSystemActor);
  CHECK(entries[1].before.at("title") == "Wage claim M-direct");
  CHECK(entries[1].after.at("title") == "Changed directly through the store");
}

TEST_CASE("audit: attendance gets one entry", "[audit]") {
  WorkflowFixture f;
  Event event;
  event.id = "EV-1";
  event.title = "Victim identification";
  event.date = Date::parse("2026-02-20", "date");
  event.jurisdiction = "TH";
  event.topics = {"victim_protection.identification"};
  event.attendees = {"L-3"};
  f.store->insert(event);

  f.workflow->record_attendance("EV-1", {"L-1", "L-2"}, "trainer-1");

  const auto entries = entries_of(*f.audit, "event", "EV-1");
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].action == "attendance");
  CHECK(entries[0].actor == "trainer-1");
  CHECK(entries[0].before.at("attendees") == nlohmann::json{"L-3"});
  CHECK(entries[0].after.at("attendees") == nlohmann::json{"L-3", "L-1", "L-2"});
  CHECK(entries[0].after.at("recorded") == nlohmann::json{"L-1", "L-2"});
}

TEST_CASE("audit: a failed operation appends nothing", "[audit]") {
  WorkflowFixture f;
  f.drive_to("M-1", S::conflict_check);
  const AuditHead before = f.audit->head();

  CHECK(error_of([&] { f.offer("M-1", "L-1"); }));  // not cleared yet
  CHECK(error_of([&] { f.move("M-1", S::closed, "x"); }));
  CHECK_THROWS(f.store->transaction([&] {
    f.move("M-1", S::circulated);
    fail(ErrorKind::internal, "abort after the move");
  }));

  CHECK(f.audit->head() == before);
  CHECK(f.store->find_matter("M-1")->status == S::conflict_check);
  CHECK(f.audit->verify().intact);
}

TEST_CASE("audit: actors come from scopes and defaults", "[audit]") {
  WorkflowFixture f;
  CHECK(f.audit->actor() == kSystemActor);
  f.audit->set_default_actor("importer");
  {
    AuditLog::ActorScope outer(*f.audit, "alice");
    {
      AuditLog::ActorScope inner(*f.audit, "bob");
      CHECK(f.audit->append({"note", "n-1", "comment", nullptr, {{"text", "hi"}}}).actor == "bob");
    }
    CHECK(f.audit->actor() == "alice");
  }
  CHECK(f.audit->append({"note", "n-1", "comment", nullptr, nullptr}).actor == "importer");

  CHECK(error_of([&] { AuditLog::ActorScope bad(*f.audit, ""); })->kind() == ErrorKind::invalid_argument);
  CHECK(error_of([&] { f.audit->set_default_actor(" padded "); })->kind() == ErrorKind::invalid_argument);
  CHECK(error_of([&] { f.audit->append({"", "n-1", "comment", nullptr, nullptr}); })->kind() ==
        ErrorKind::invalid_argument);
}

TEST_CASE("audit: the chain links entry to entry", "[audit]") {
  WorkflowFixture f;
  f.drive_to("M-1", S::placed);
  const auto entries = f.audit->entries();
  REQUIRE(entries.size() > 10);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    INFO("entry " << i + 1);
    CHECK(entries[i].sequence == static_cast<std::int64_t>(i + 1));
    CHECK(entries[i].hash.size() == 64);
    CHECK(entries[i].previous_hash == (i == 0 ? std::string(64, '0') : entries[i - 1].hash));
  }
  const AuditVerification result = f.audit->verify(f.audit->head());
  CHECK(result.intact);
  CHECK(result.entries_checked == static_cast<std::int64_t>(entries.size()));
  CHECK(result.head == AuditHead{entries.back().sequence, entries.back().hash});
  CHECK(to_json(result).at("first_issue").is_null());

  AuditQuery page;
  page.after_sequence = 3;
  page.limit = 2;
  const auto paged = f.audit->entries(page);
  REQUIRE(paged.size() == 2);
  CHECK(paged[0].sequence == 4);
  CHECK(paged[1].sequence == 5);
}

TEST_CASE("audit: triggers reject updates and deletes", "[audit]") {
  WorkflowFixture f;
  f.drive_to("M-1", S::vetted);
  sqlite3* db = f.store->native_handle();
  char* message = nullptr;
  CHECK(sqlite3_exec(db, "UPDATE audit_log SET actor = 'mallory' WHERE sequence = 1", nullptr, nullptr, &message) !=
        SQLITE_OK);
  REQUIRE(message != nullptr);
  CHECK_THAT(std::string(message), Contains("append-only"));
  sqlite3_free(message);
  CHECK(sqlite3_exec(db, "DELETE FROM audit_log", nullptr, nullptr, nullptr) != SQLITE_OK);
  CHECK(f.audit->verify().intact);
}

TEST_CASE("audit: empty log verifies", "[audit]") {
  WorkflowFixture f;
  const AuditVerification result = f.audit->verify();
  CHECK(result.intact);
  CHECK(result.entries_checked == 0);
  CHECK(result.head == AuditHead{});
  CHECK(f.audit->verify(AuditHead{}).intact);
}

// --- Tampering ----------------------------------------------------------------------------

TEST_CASE("audit: edited rows are named", "[audit]") {
  // -1 stands for the last entry, whose number the fixture decides.
  for (const std::string& key : {std::string(), kKey}) {
    for (const std::int64_t position : {std::int64_t{1}, std::int64_t{7}, std::int64_t{-1}}) {
      for (const char* column : {"actor", "time", "entity_id", "action", "after", "before", "previous_hash", "hash"}) {
        DYNAMIC_SECTION((key.empty() ? "plain" : "keyed") << " entry " << position << " column " << column) {
          TamperFixture t(key);
          const std::int64_t target = position > 0 ? position : t.head.sequence;
          {
            RawDatabase raw(t.f.path);
            const std::string value = std::string(column) == "after" || std::string(column) == "before"
                                          ? "'{\"status\":\"closed\"}'"
                                          : "'tampered'";
            raw.exec(std::string("UPDATE audit_log SET ") + column + " = " + value +
                     " WHERE sequence = " + std::to_string(target));
          }
          check_issue(verify_file(t.f.path, key), AuditIssueKind::altered, target);
        }
      }
    }
  }
}

TEST_CASE("audit: deleted rows are named", "[audit]") {
  TamperFixture t;

  SECTION("a middle row") {
    RawDatabase(t.f.path).exec("DELETE FROM audit_log WHERE sequence = 9");
    const AuditVerification result = verify_file(t.f.path);
    check_issue(result, AuditIssueKind::removed, 9);
    CHECK(result.entries_checked == 8);
    CHECK_THAT(result.first_issue->message, Contains("entry 8 is followed by entry 10"));
  }
  SECTION("the first row") {
    RawDatabase(t.f.path).exec("DELETE FROM audit_log WHERE sequence = 1");
    check_issue(verify_file(t.f.path), AuditIssueKind::removed, 1);
  }
  SECTION("a run of rows renumbered to close the gap") {
    {
      RawDatabase raw(t.f.path);
      raw.exec("DELETE FROM audit_log WHERE sequence BETWEEN 5 AND 6");
      raw.exec("UPDATE audit_log SET sequence = -sequence WHERE sequence > 6");
      raw.exec("UPDATE audit_log SET sequence = -sequence - 2 WHERE sequence < 0");
    }
    const AuditVerification result = verify_file(t.f.path);
    check_issue(result, AuditIssueKind::renumbered, 5);
    CHECK(result.first_issue->original_sequence == 7);
  }
  SECTION("the last rows, caught only by an anchor") {
    RawDatabase(t.f.path).exec("DELETE FROM audit_log WHERE sequence >= " + std::to_string(t.head.sequence - 2));
    CHECK(verify_file(t.f.path).intact);
    const AuditVerification anchored = verify_file(t.f.path, "", t.head);
    check_issue(anchored, AuditIssueKind::truncated, t.head.sequence - 2);
  }
}

TEST_CASE("audit: reordered rows are named", "[audit]") {
  TamperFixture t;
  {
    RawDatabase raw(t.f.path);
    raw.exec("UPDATE audit_log SET sequence = -1 WHERE sequence = 6");
    raw.exec("UPDATE audit_log SET sequence = 6 WHERE sequence = 11");
    raw.exec("UPDATE audit_log SET sequence = 11 WHERE sequence = -1");
  }
  const AuditVerification result = verify_file(t.f.path);
  check_issue(result, AuditIssueKind::renumbered, 6);
  CHECK(result.first_issue->original_sequence == 11);
  CHECK(result.entries_checked == 5);
}

TEST_CASE("audit: a rehashed row breaks the next link", "[audit]") {
  TamperFixture t;
  RawDatabase(t.f.path).rewrite_actor(8, "mallory", "");
  const AuditVerification result = verify_file(t.f.path);
  check_issue(result, AuditIssueKind::rewritten, 8);
  CHECK_THAT(result.first_issue->message, Contains("entry 9 recorded another hash"));
}

TEST_CASE("audit: a rebuilt plain chain needs an anchor", "[audit]") {
  TamperFixture t;
  {
    RawDatabase raw(t.f.path);
    raw.rewrite_actor(8, "mallory", "");
    raw.rebuild_chain(9, t.head.sequence, "");
  }
  // Without a key whoever can write the file can rebuild every hash; only
  // a head recorded elsewhere shows it.
  CHECK(verify_file(t.f.path).intact);
  const AuditVerification anchored = verify_file(t.f.path, "", t.head);
  check_issue(anchored, AuditIssueKind::anchor_mismatch, t.head.sequence);
}

TEST_CASE("audit: a keyed chain cannot be rebuilt without the key", "[audit]") {
  TamperFixture t(kKey);
  {
    RawDatabase raw(t.f.path);
    raw.rewrite_actor(8, "mallory", "");
    raw.rebuild_chain(9, t.head.sequence, "");
  }
  const AuditVerification result = verify_file(t.f.path, kKey);
  check_issue(result, AuditIssueKind::altered, 8);
  CHECK_THAT(result.first_issue->message, Contains("another key"));
}

TEST_CASE("audit: a keyed log fails with another key", "[audit]") {
  TamperFixture t(kKey);
  CHECK(verify_file(t.f.path, kKey).intact);
  check_issue(verify_file(t.f.path, ""), AuditIssueKind::altered, 1);
  check_issue(verify_file(t.f.path, std::string(32, 'k')), AuditIssueKind::altered, 1);
}

TEST_CASE("audit: key length is checked", "[audit]") {
  atip_test::TempDir dir;
  auto store = Store::open(dir.file("keys.db"));
  for (const std::size_t length : {std::size_t{1}, std::size_t{15}, std::size_t{65}}) {
    AuditOptions options;
    options.key = std::string(length, 'k');
    const auto error = error_of([&] { AuditLog audit(*store, options); });
    REQUIRE(error);
    CHECK(error->kind() == ErrorKind::invalid_argument);
    CHECK_THAT(error->what(), Contains("options.key: " + std::to_string(length) + " bytes"));
  }
  for (const std::size_t length : {std::size_t{16}, std::size_t{64}}) {
    AuditOptions options;
    options.key = std::string(length, 'k');
    CHECK_FALSE(error_of([&] { AuditLog audit(*store, options); }));
  }
}

TEST_CASE("audit: a corrupt snapshot is an integrity error", "[audit]") {
  TamperFixture t;
  RawDatabase(t.f.path).exec("UPDATE audit_log SET after = '{not json' WHERE sequence = 4");
  auto store = Store::open(t.f.path);
  AuditLog audit(*store);
  const auto error = error_of([&] { audit.entries(); });
  REQUIRE(error);
  CHECK(error->kind() == ErrorKind::integrity);
  CHECK_THAT(error->what(), Contains("entry 4"));
  check_issue(audit.verify(), AuditIssueKind::altered, 4);
}

TEST_CASE("audit: appending continues a verified chain", "[audit]") {
  TamperFixture t;
  auto store = Store::open(t.f.path);
  AuditLog audit(*store);
  Workflow workflow(*store, audit);
  workflow.transition(TransitionRequest{"M-2", S::withdrawn, "coordinator-1", "", "NGO closed the case"});
  const AuditVerification result = audit.verify(t.head);
  CHECK(result.intact);
  CHECK(result.head.sequence > t.head.sequence);
}
