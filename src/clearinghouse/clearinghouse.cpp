#include "atip/clearinghouse.hpp"

#include "atip/error.hpp"
#include "atip/reference_data.hpp"
#include "atip/text.hpp"
#include "clearinghouse/clearinghouse_impl.hpp"

namespace atip {
inline namespace v1 {

using nlohmann::json;

namespace {

std::map<std::string, std::string> load_practice_area_names(const Store& store) {
  std::map<std::string, std::string> names;
  for (const auto& area : store.list_practice_areas()) names[area.code] = area.name;
  return names;
}

/// Keeps the search index in step with the store inside each write's
/// transaction, so a rolled-back write leaves no trace in the index.
void install_search_hook(Clearinghouse::Impl& impl) {
  impl.store->add_write_hook([&impl](EntityType type, const std::string& id, const json*, const json* after) {
    if (type == EntityType::practice_area && after != nullptr) {
      impl.practice_area_names[id] = after->at("name").get<std::string>();
      return;
    }
    if (type != EntityType::organization && type != EntityType::lawyer && type != EntityType::service) return;
    if (after == nullptr) {
      impl.search->remove(to_string(type), id);
      return;
    }
    SearchDocument document;
    if (!make_search_document(type, *after, impl.practice_area_names, document)) return;
    if (impl.deferred_search != nullptr) {
      impl.deferred_search->add(std::move(document));
    } else {
      impl.search->upsert(document);
    }
  });
}

/// Inserts a data set, writing its search documents after its records in
/// the same transaction. SQLite's FTS5 flushes its pending terms at every
/// savepoint, so interleaving index writes with record writes made a
/// 200,000-lawyer import several times slower. The batch tokenises each
/// document on a second thread while the records are written.
void insert_with_deferred_search(Clearinghouse::Impl& impl, Dataset& data) {
  SearchBatch documents;
  impl.deferred_search = &documents;
  try {
    impl.store->insert_dataset(data, [&] {
      impl.deferred_search = nullptr;
      impl.search->upsert_all(documents);
    });
  } catch (...) {
    impl.deferred_search = nullptr;
    throw;
  }
  impl.deferred_search = nullptr;
}

/// Adds the search documents of every stored organization, lawyer and
/// service. Runs inside the caller's transaction.
void index_stored_records(Clearinghouse::Impl& impl) {
  SearchBatch documents;
  for (EntityType type : {EntityType::organization, EntityType::lawyer, EntityType::service}) {
    for (const auto& record : impl.store->list_json(type)) {
      SearchDocument document;
      if (make_search_document(type, record, impl.practice_area_names, document)) documents.add(std::move(document));
    }
  }
  impl.search->upsert_all(documents);
}

/// Creates the search index of a new database, or of one whose index has an
/// earlier layout, and indexes the stored records in the same transaction,
/// so that no commit leaves records without their documents.
void create_search_index(Clearinghouse::Impl& impl) {
  if (impl.search->has_schema()) return;
  impl.store->transaction([&] {
    if (impl.search->create_schema()) index_stored_records(impl);
  });
}

template <typename T>
T clean_record(T value, const std::string& path) {
  visit_text_fields(value, [&](std::string& text_value, const std::string& field) {
    if (!text_value.empty()) text_value = text::prepare_input(text_value, path + "." + field).text;
  });
  return value;
}

/// Calls `action(reader)` with the strict reader of `type`'s records.
template <typename Action>
auto with_entity(EntityType type, const json& record, const std::string& path, Action action) {
  switch (type) {
    case EntityType::jurisdiction: return action(clean_record(jurisdiction_from_json(record, path), path));
    case EntityType::practice_area: return action(clean_record(practice_area_from_json(record, path), path));
    case EntityType::organization: return action(clean_record(organization_from_json(record, path), path));
    case EntityType::lawyer: return action(clean_record(lawyer_from_json(record, path), path));
    case EntityType::matter: return action(clean_record(matter_from_json(record, path), path));
    case EntityType::engagement: return action(clean_record(engagement_from_json(record, path), path));
    case EntityType::event: return action(clean_record(event_from_json(record, path), path));
    case EntityType::service: return action(clean_record(service_from_json(record, path), path));
  }
  fail(ErrorKind::internal, "unknown entity type");
}

/// Applies the export options to a stored record (only matters carry
/// confidential fields).
json exported(EntityType type, const json& stored, const ExportOptions& options) {
  if (type != EntityType::matter || options.include_confidential) return stored;
  return to_json(matter_from_json(stored, "matter"), options);
}

}  // namespace

std::size_t ImportReport::total() const {
  std::size_t sum = 0;
  for (const auto& [collection, count] : counts) sum += count;
  return sum;
}

json to_json(const ImportReport& report) {
  return json{{"counts", report.counts}, {"total", report.total()}, {"zawgyi_converted", report.zawgyi_converted}};
}

Clearinghouse::Clearinghouse(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Clearinghouse::~Clearinghouse() = default;

std::unique_ptr<Clearinghouse> Clearinghouse::open(const std::string& path, const OpenOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->store = Store::open(path, options.store);
  impl->search = std::make_unique<SearchIndex>(impl->store->native_handle());
  impl->practice_area_names = load_practice_area_names(*impl->store);
  if (!options.store.read_only) create_search_index(*impl);
  install_search_hook(*impl);
  if (!options.store.read_only) {
    impl->audit = std::make_unique<AuditLog>(*impl->store, options.audit);
    impl->workflow = std::make_unique<Workflow>(*impl->store, *impl->audit, options.workflow);
  }
  impl->matcher = std::make_unique<Matcher>(*impl->store);
  auto clearinghouse = std::unique_ptr<Clearinghouse>(new Clearinghouse(std::move(impl)));
  const bool empty = clearinghouse->store().count(EntityType::jurisdiction) == 0 &&
                     clearinghouse->store().count(EntityType::practice_area) == 0;
  if (options.load_reference_data && empty && !options.store.read_only) clearinghouse->load_reference_data();
  return clearinghouse;
}

Store& Clearinghouse::store() { return *impl_->store; }
SearchIndex& Clearinghouse::search_index() { return *impl_->search; }
Matcher& Clearinghouse::matcher() { return *impl_->matcher; }
std::recursive_mutex& Clearinghouse::mutex() const { return impl_->mutex; }

Workflow& Clearinghouse::workflow() {
  if (!impl_->workflow) fail(ErrorKind::invalid_state, "workflow: the database is open read-only");
  return *impl_->workflow;
}

AuditLog& Clearinghouse::audit_log() {
  if (!impl_->audit) fail(ErrorKind::invalid_state, "audit log: the database is open read-only");
  return *impl_->audit;
}

Ranking Clearinghouse::rank(const std::string& matter_id, const Policy& policy, const RankOptions& options) {
  std::lock_guard lock(impl_->mutex);
  return impl_->matcher->rank(matter_id, policy, options);
}

AssignmentResult Clearinghouse::assign(const AssignOptions& options, const Policy& policy) {
  std::lock_guard lock(impl_->mutex);
  return impl_->matcher->assign(options, policy);
}

CoverageReport Clearinghouse::coverage_gaps(const Policy& policy, const CoverageOptions& options) {
  std::lock_guard lock(impl_->mutex);
  return impl_->matcher->coverage_gaps(policy, options);
}

std::size_t Clearinghouse::load_reference_data() {
  std::lock_guard lock(impl_->mutex);
  Dataset missing;
  // The check runs under the write lock, so two connections opening one new
  // file at once do not both insert the same records.
  impl_->store->transaction([&] {
    const Dataset& reference = reference_dataset();
    for (const auto& jurisdiction : reference.jurisdictions) {
      if (!impl_->store->exists(EntityType::jurisdiction, jurisdiction.code)) {
        missing.jurisdictions.push_back(jurisdiction);
      }
    }
    for (const auto& area : reference.practice_areas) {
      if (!impl_->store->exists(EntityType::practice_area, area.code)) missing.practice_areas.push_back(area);
    }
    impl_->store->insert_dataset(missing);
  });
  return missing.size();
}

ImportReport Clearinghouse::import_json(std::string_view json_text) {
  // Read record by record: no DOM of the whole text is built or freed.
  return import_dataset(dataset_from_json_text(json_text));
}

ImportReport Clearinghouse::import_dataset(Dataset data) {
  std::lock_guard lock(impl_->mutex);
  ImportReport report;
  clean_dataset_text(data, report.zawgyi_converted);
  insert_with_deferred_search(*impl_, data);
  for (EntityType type : all_entity_types()) report.counts[std::string(collection_name(type))] = 0;
  report.counts["jurisdictions"] = data.jurisdictions.size();
  report.counts["practice_areas"] = data.practice_areas.size();
  report.counts["organizations"] = data.organizations.size();
  report.counts["lawyers"] = data.lawyers.size();
  report.counts["matters"] = data.matters.size();
  report.counts["engagements"] = data.engagements.size();
  report.counts["events"] = data.events.size();
  report.counts["services"] = data.services.size();
  return report;
}

std::string Clearinghouse::export_json(const ExportOptions& options) const {
  std::lock_guard lock(impl_->mutex);
  return dump_json_text(to_json(impl_->store->export_dataset(), options));
}

std::string Clearinghouse::add(EntityType type, const json& record) {
  std::lock_guard lock(impl_->mutex);
  const std::string path(to_string(type));
  return with_entity(type, record, path, [&](const auto& value) { return impl_->store->insert(value); });
}

void Clearinghouse::update(EntityType type, const json& record) {
  std::lock_guard lock(impl_->mutex);
  const std::string path(to_string(type));
  with_entity(type, record, path, [&](const auto& value) { impl_->store->update(value); });
}

void Clearinghouse::remove(EntityType type, const std::string& id) {
  std::lock_guard lock(impl_->mutex);
  impl_->store->remove(type, id);
}

json Clearinghouse::get(EntityType type, const std::string& id, const ExportOptions& options) const {
  std::lock_guard lock(impl_->mutex);
  return exported(type, impl_->store->get_json(type, id), options);
}

std::vector<json> Clearinghouse::list(EntityType type, const ListOptions& list_options,
                                      const ExportOptions& options) const {
  std::lock_guard lock(impl_->mutex);
  std::vector<json> records = impl_->store->list_json(type, list_options);
  for (auto& record : records) record = exported(type, record, options);
  return records;
}

std::vector<SearchHit> Clearinghouse::search(const SearchQuery& query) const {
  std::lock_guard lock(impl_->mutex);
  return impl_->search->search(query);
}

void Clearinghouse::rebuild_search_index() {
  std::lock_guard lock(impl_->mutex);
  impl_->store->transaction([&] {
    impl_->search->clear();
    index_stored_records(*impl_);
  });
}

}  // namespace v1
}  // namespace atip
