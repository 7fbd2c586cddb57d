// The facade over every part of atip: one object per open database. The C
// ABI, the Python bindings and the command-line program are thin layers over
// this class.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "atip/audit.hpp"
#include "atip/matching.hpp"
#include "atip/model/dataset.hpp"
#include "atip/reports.hpp"
#include "atip/search.hpp"
#include "atip/store.hpp"
#include "atip/workflow.hpp"

namespace atip {
inline namespace v1 {

struct OpenOptions {
  StoreOptions store;
  /// Load the default taxonomy and jurisdictions into a database that has none.
  bool load_reference_data = true;
  /// Key and clock of the audit log (atip/audit.hpp).
  AuditOptions audit;
  /// Reminder period of conflict checks (atip/workflow.hpp).
  WorkflowOptions workflow;
};

/// What an import did.
struct ImportReport {
  std::map<std::string, std::size_t> counts;  ///< Records written per collection ("lawyers": 600).
  /// Fields whose Burmese text was detected as Zawgyi and converted to
  /// Unicode ("lawyers[3].names[0].value").
  std::vector<std::string> zawgyi_converted;
  std::size_t total() const;
};

nlohmann::json to_json(const ImportReport& report);

/// One open clearinghouse database with its search index.
///
/// Thread contract: every public call locks an internal mutex, so one
/// Clearinghouse may be shared by threads; calls run one at a time. For
/// parallel work open one Clearinghouse per thread on the same file.
class Clearinghouse {
 public:
  /// Opens or creates the database at `path` (":memory:" for a private
  /// in-memory one).
  static std::unique_ptr<Clearinghouse> open(const std::string& path, const OpenOptions& options = {});
  ~Clearinghouse();
  Clearinghouse(const Clearinghouse&) = delete;
  Clearinghouse& operator=(const Clearinghouse&) = delete;

  /// The store and index underneath, for callers that need the full C++ API.
  /// Calls through them bypass the mutex.
  Store& store();
  SearchIndex& search_index();
  Matcher& matcher();
  Workflow& workflow();
  AuditLog& audit_log();

  /// Inserts the reference jurisdictions and practice areas that are missing;
  /// existing ones are left as they are. Returns how many were added.
  std::size_t load_reference_data();

  /// Imports a data-set document: strict validation, Zawgyi conversion and
  /// NFC normalisation of every text field, then one transaction. All or
  /// nothing: on any error the database is unchanged.
  ImportReport import_json(std::string_view json_text);
  ImportReport import_dataset(Dataset data);
  /// The whole database as a data-set document (canonical bytes).
  std::string export_json(const ExportOptions& options = {}) const;

  // One record at a time, as JSON in the data-set schema. `add` returns the
  // id (generated when the record has none).
  std::string add(EntityType type, const nlohmann::json& record);
  void update(EntityType type, const nlohmann::json& record);
  void remove(EntityType type, const std::string& id);
  nlohmann::json get(EntityType type, const std::string& id, const ExportOptions& options = {}) const;
  std::vector<nlohmann::json> list(EntityType type, const ListOptions& list_options = {},
                                   const ExportOptions& options = {}) const;

  /// Directory search over organizations, lawyers and services.
  std::vector<SearchHit> search(const SearchQuery& query) const;
  /// Rebuilds the search index from the store (after a restore, for example).
  void rebuild_search_index();

  // Matching (atip/matching.hpp), under the mutex. The matcher's index
  // follows every write made through this object or its store.
  Ranking rank(const std::string& matter_id, const Policy& policy = {}, const RankOptions& options = {});
  AssignmentResult assign(const AssignOptions& options = {}, const Policy& policy = {});
  CoverageReport coverage_gaps(const Policy& policy = {}, const CoverageOptions& options = {});

  /// Reports over this database (atip/reports.hpp). They read the store
  /// directly, bypassing the mutex, like store().
  Reports reports(const ReportOptions& options = {}) const;
  /// The coverage gaps of the open matters, under the mutex, as a report
  /// with small cells suppressed.
  CoverageGapReport coverage_report(const ReportOptions& options = {}, const Policy& policy = {});
  /// Runs `action(reports)` under the mutex, so that no other call on this
  /// object uses the store while the reports read it. Works on a read-only
  /// database too.
  template <typename Action>
  auto with_reports(const ReportOptions& options, Action action) {
    std::lock_guard lock(mutex());
    return action(reports(options));
  }

  /// Runs `action(workflow)` under the mutex; the workflow records every
  /// change in the audit log.
  template <typename Action>
  auto with_workflow(Action action) {
    std::lock_guard lock(mutex());
    return action(workflow());
  }

 /// Internal state; defined in src/clearinghouse, opaque to callers.
  struct Impl;

 private:
  explicit Clearinghouse(std::unique_ptr<Impl> impl);
  std::recursive_mutex& mutex() const;
  std::unique_ptr<Impl> impl_;
};

}  // namespace v1
}  // namespace atip
