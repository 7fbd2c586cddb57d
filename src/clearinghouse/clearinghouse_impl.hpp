// Internal: the state behind a Clearinghouse.
#pragma once

#include <memory>
#include <mutex>

#include "atip/clearinghouse.hpp"

namespace atip {
inline namespace v1 {

struct Clearinghouse::Impl {
  std::unique_ptr<Store> store;
  std::unique_ptr<SearchIndex> search;
  // Declared after the store, so they are destroyed before it.
  std::unique_ptr<AuditLog> audit;
  std::unique_ptr<Workflow> workflow;
  std::unique_ptr<Matcher> matcher;
  /// Practice-area names by code, for search texts; refreshed on import.
  std::map<std::string, std::string> practice_area_names;
  mutable std::recursive_mutex mutex;
  /// While set, the search hook collects documents here instead of writing
  /// them, and the bulk import writes them at the end of its transaction.
  SearchBatch* deferred_search = nullptr;
};

/// Builds the search document of a stored organization, lawyer or service
/// from its canonical JSON; returns false for other entity types.
bool make_search_document(EntityType type, const nlohmann::json& record,
                          const std::map<std::string, std::string>& practice_area_names, SearchDocument& out);

/// Runs the input-cleaning pass (Zawgyi conversion, NFC) over every text
/// field of the data set; appends converted field paths to `converted`.
void clean_dataset_text(Dataset& data, std::vector<std::string>& converted);

}  // namespace v1
}  // namespace atip
