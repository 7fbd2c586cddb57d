// Create, read, update, delete and list for every entity type.
#include <algorithm>
#include <set>

#include "atip/error.hpp"
#include "model/parallel.hpp"
#include "store/tables.hpp"

namespace atip {
inline namespace v1 {

using nlohmann::json;

namespace {

// --- Per-type glue ------------------------------------------------------------

template <typename T> struct Kind;
template <> struct Kind<Jurisdiction> {
  static constexpr EntityType type = EntityType::jurisdiction;
  template <typename V> static auto& key(V& v) { return v.code; }
  static Jurisdiction read(const json& j, const std::string& p) { return jurisdiction_from_json(j, p); }
};
template <> struct Kind<PracticeArea> {
  static constexpr EntityType type = EntityType::practice_area;
  template <typename V> static auto& key(V& v) { return v.code; }
  static PracticeArea read(const json& j, const std::string& p) { return practice_area_from_json(j, p); }
};
template <> struct Kind<Organization> {
  static constexpr EntityType type = EntityType::organization;
  template <typename V> static auto& key(V& v) { return v.id; }
  static Organization read(const json& j, const std::string& p) { return organization_from_json(j, p); }
};
template <> struct Kind<Lawyer> {
  static constexpr EntityType type = EntityType::lawyer;
  template <typename V> static auto& key(V& v) { return v.id; }
  static Lawyer read(const json& j, const std::string& p) { return lawyer_from_json(j, p); }
};
template <> struct Kind<Matter> {
  static constexpr EntityType type = EntityType::matter;
  template <typename V> static auto& key(V& v) { return v.id; }
  static Matter read(const json& j, const std::string& p) { return matter_from_json(j, p); }
};
template <> struct Kind<Engagement> {
  static constexpr EntityType type = EntityType::engagement;
  template <typename V> static auto& key(V& v) { return v.id; }
  static Engagement read(const json& j, const std::string& p) { return engagement_from_json(j, p); }
};
template <> struct Kind<Event> {
  static constexpr EntityType type = EntityType::event;
  template <typename V> static auto& key(V& v) { return v.id; }
  static Event read(const json& j, const std::string& p) { return event_from_json(j, p); }
};
template <> struct Kind<Service> {
  static constexpr EntityType type = EntityType::service;
  template <typename V> static auto& key(V& v) { return v.id; }
  static Service read(const json& j, const std::string& p) { return service_from_json(j, p); }
};

/// The stored document keeps every field, confidential ones included; the
/// exchange layer decides what leaves the library.
json stored_doc(const Matter& value) { return to_json(value, ExportOptions{true}); }
template <typename T>
json stored_doc(const T& value) { return to_json(value); }

std::string generate_id(Store::Impl& s, const tables::TableInfo& t) {
  auto& statement = s.statement(std::string("SELECT coalesce(max(rowid), 0) + 1 FROM ") + t.table);
  statement.step();
  std::int64_t next = statement.integer(0);
  for (;; ++next) {
    std::string id = std::string(t.id_prefix) + "-" + std::to_string(next);
    if (!tables::exists(s, t.type, id)) return id;
  }
}

json load_doc(Store::Impl& s, EntityType type, const std::string& key) {
  const tables::TableInfo& t = tables::info(type);
  auto& statement = s.statement(std::string("SELECT doc FROM ") + t.table + " WHERE " + t.key + " = ?");
  if (!statement.bind(1, key).step()) {
    fail(ErrorKind::not_found, "id: " + std::string(to_string(type)) + " \"" + key + "\" does not exist");
  }
  return json::parse(statement.text(0));
}

std::string key_field(const std::string& path, EntityType type) {
  const char* key = tables::info(type).key;
  return path.empty() ? key : path + "." + key;
}

/// A record's canonical JSON: the value the write hooks see and the text of
/// its `doc` column.
struct CanonicalDoc {
  json value;
  std::string text;
};

/// Validates (unless the value came straight from the strict reader),
/// canonicalises and writes one record. Returns its key. `canonical`, when
/// given, is the record's canonical JSON made beforehand (see
/// insert_in_chunks), and the record then has its key already.
template <typename T>
std::string write_record(Store::Impl& s, T value, const std::string& path, bool replace, bool validated,
                         const CanonicalDoc* canonical = nullptr) {
  constexpr EntityType type = Kind<T>::type;
  const tables::TableInfo& t = tables::info(type);
  if (Kind<T>::key(value).empty()) {
    if (replace || t.id_prefix[0] == '\0') {
      fail(ErrorKind::invalid_argument, key_field(path, type) + ": is required");
    }
    Kind<T>::key(value) = generate_id(s, t);
  }
  json own_doc;
  if (canonical == nullptr) {
    own_doc = stored_doc(value);
    if (!validated) {
      // Re-reading the canonical JSON runs every check of the strict reader
      // on values built in C++, and canonicalises language tags.
      value = Kind<T>::read(own_doc, path);
      own_doc = stored_doc(value);
    }
  }
  const json& doc = canonical != nullptr ? canonical->value : own_doc;
  const std::string& key = Kind<T>::key(value);

  const bool present = tables::exists(s, type, key);
  if (!replace && present) {
    fail(ErrorKind::already_exists, key_field(path, type) + ": " + std::string(to_string(type)) + " \"" + key +
                                        "\" already exists (ids are unique per entity type)");
  }
  if (replace && !present) {
    fail(ErrorKind::not_found, key_field(path, type) + ": " + std::string(to_string(type)) + " \"" + key +
                                   "\" does not exist");
  }
  tables::check_references(s, value, path);
  if (!s.write_hooks.empty()) {
    const std::optional<json> before = replace ? std::optional<json>(load_doc(s, type, key)) : std::nullopt;
    s.run_write_hooks(type, key, before ? &*before : nullptr, &doc);
  }
  tables::write_rows(s, value, canonical != nullptr ? canonical->text : doc.dump(), replace);
  s.record_change(type, key, replace ? ChangeKind::updated : ChangeKind::inserted);
  return key;
}

template <typename T>
std::optional<T> find_record(Store::Impl& s, const std::string& key) {
  const tables::TableInfo& t = tables::info(Kind<T>::type);
  auto& statement = s.statement(std::string("SELECT doc FROM ") + t.table + " WHERE " + t.key + " = ?");
  if (!statement.bind(1, key).step()) return std::nullopt;
  const std::string path = std::string(to_string(t.type)) + " \"" + key + "\"";
  return Kind<T>::read(json::parse(statement.text(0)), path);
}

std::vector<json> list_docs(Store::Impl& s, EntityType type, const ListOptions& options) {
  const tables::TableInfo& t = tables::info(type);
  auto& statement = s.statement(std::string("SELECT doc FROM ") + t.table + " ORDER BY " + t.key + " LIMIT ? OFFSET ?");
  statement.bind(1, options.limit == 0 ? std::int64_t{-1} : static_cast<std::int64_t>(options.limit));
  statement.bind(2, static_cast<std::int64_t>(options.offset));
  std::vector<json> docs;
  while (statement.step()) docs.push_back(json::parse(statement.text(0)));
  return docs;
}

template <typename T>
std::vector<T> read_docs(const std::vector<json>& docs, EntityType type) {
  std::vector<T> out;
  out.reserve(docs.size());
  for (std::size_t i = 0; i < docs.size(); ++i) {
    out.push_back(Kind<T>::read(docs[i], std::string(collection_name(type)) + "[" + std::to_string(i) + "]"));
  }
  return out;
}

template <typename T>
std::vector<T> list_records(Store::Impl& s, const ListOptions& options) {
  return read_docs<T>(list_docs(s, Kind<T>::type, options), Kind<T>::type);
}

template <typename T>
std::vector<T> query_records(sql::Statement& statement) {
  std::vector<json> docs;
  while (statement.step()) docs.push_back(json::parse(statement.text(0)));
  return read_docs<T>(docs, Kind<T>::type);
}

void check_not_referenced(Store::Impl& s, EntityType type, const std::string& key) {
  for (const auto& referrer : tables::info(type).referrers) {
    auto& statement = s.statement(std::string("SELECT ") + referrer.key + " FROM " + referrer.table + " WHERE " +
                                  referrer.column + " = ? LIMIT 1");
    if (statement.bind(1, key).step()) {
      fail(ErrorKind::constraint, "id: " + std::string(to_string(type)) + " \"" + key +
                                      "\" is still referenced by " + referrer.label + " \"" + statement.text(0) +
                                      "\"; remove or change that record first");
    }
  }
}

/// Orders records with a parent (jurisdictions, practice areas) so that a
/// parent in the same batch is written before its children.
template <typename T>
std::vector<std::size_t> parents_first(const std::vector<T>& items) {
  std::set<std::string> keys;
  for (const auto& item : items) keys.insert(item.code);
  std::vector<std::size_t> order;
  std::set<std::string> placed;
  std::vector<bool> done(items.size(), false);
  for (bool progress = true; progress;) {
    progress = false;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const auto& parent = items[i].parent;
      if (done[i] || (!parent.empty() && keys.count(parent) && !placed.count(parent))) continue;
      order.push_back(i);
      placed.insert(items[i].code);
      done[i] = true;
      progress = true;
    }
  }
  // A cycle leaves records behind; writing them reports the missing parent.
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!done[i]) order.push_back(i);
  }
  return order;
}

/// Returns the canonical JSON of the records [begin, end) that have a key, and an
/// empty entry for those without one.
template <typename T>
std::vector<CanonicalDoc> canonical_docs(const std::vector<T>& items, std::size_t begin, std::size_t end) {
  std::vector<CanonicalDoc> docs(end - begin);
  for (std::size_t i = begin; i < end; ++i) {
    if (Kind<T>::key(items[i]).empty()) continue;
    CanonicalDoc& doc = docs[i - begin];
    doc.value = stored_doc(items[i]);
    doc.text = doc.value.dump();
  }
  return docs;
}

/// Writes a large collection in file order. The canonical JSON of the next
/// chunks of records is made on a second thread while this thread writes:
/// that JSON took a fifth of the importing thread's time in a
/// 200,000-lawyer import. Keys generated for records without one go into
/// `items` as each record is written, and the second thread does not read
/// them.
template <typename T>
void insert_in_chunks(Store::Impl& s, std::vector<T>& items, const std::string& name) {
  constexpr std::size_t kChunk = 256;
  const std::size_t chunks = (items.size() + kChunk - 1) / kChunk;
  detail::ChunkPipeline<std::vector<CanonicalDoc>> pipeline(chunks, 4, [&items](std::size_t chunk) {
    return canonical_docs(items, chunk * kChunk, std::min(items.size(), (chunk + 1) * kChunk));
  });
  for (std::size_t chunk = 0; chunk < chunks; ++chunk) {
    const std::vector<CanonicalDoc>& docs = pipeline.next();
    const std::size_t begin = chunk * kChunk;
    for (std::size_t i = begin; i < begin + docs.size(); ++i) {
      const CanonicalDoc* canonical = Kind<T>::key(items[i]).empty() ? nullptr : &docs[i - begin];
      Kind<T>::key(items[i]) = write_record(s, items[i], name + "[" + std::to_string(i) + "]", false, true, canonical);
    }
  }
}

template <typename T>
void insert_collection(Store::Impl& s, std::vector<T>& items) {
  const std::string name(collection_name(Kind<T>::type));
  constexpr bool parents = std::is_same_v<T, Jurisdiction> || std::is_same_v<T, PracticeArea>;
  if (!parents && items.size() >= detail::kParallelThreshold) {
    insert_in_chunks(s, items, name);
    return;
  }
  std::vector<std::size_t> order(items.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  if constexpr (parents) order = parents_first(items);
  for (std::size_t i : order) {
    Kind<T>::key(items[i]) = write_record(s, items[i], name + "[" + std::to_string(i) + "]", false, true);
  }
}

/// Writes a data set's organizations, then checks the references between
/// them, so that a firm may exclude an NGO listed after it.
void insert_organizations(Store::Impl& s, std::vector<Organization>& items) {
  s.defer_organization_links = true;
  try {
    insert_collection(s, items);
  } catch (...) {
    s.defer_organization_links = false;
    throw;
  }
  s.defer_organization_links = false;
  for (std::size_t i = 0; i < items.size(); ++i) {
    tables::check_organization_links(s, items[i], "organizations[" + std::to_string(i) + "]");
  }
}

}  // namespace

// --- Store members ------------------------------------------------------------

#define ATIP_STORE_ENTITY(Type, find_name, list_name)                                       \
  std::string Store::insert(const Type& value) {                                            \
    std::string key;                                                                        \
    transaction([&] { key = write_record(*impl_, value, std::string(to_string(Kind<Type>::type)), false, false); }); \
    return key;                                                                             \
  }                                                                                         \
  void Store::update(const Type& value) {                                                   \
    transaction([&] { write_record(*impl_, value, std::string(to_string(Kind<Type>::type)), true, false); }); \
  }                                                                                         \
  std::optional<Type> Store::find_name(const std::string& key) const {                     \
    return find_record<Type>(*impl_, key);                                                  \
  }                                                                                         \
  std::vector<Type> Store::list_name(const ListOptions& options) const {                   \
    return list_records<Type>(*impl_, options);                                             \
  }

ATIP_STORE_ENTITY(Jurisdiction, find_jurisdiction, list_jurisdictions)
ATIP_STORE_ENTITY(PracticeArea, find_practice_area, list_practice_areas)
ATIP_STORE_ENTITY(Organization, find_organization, list_organizations)
ATIP_STORE_ENTITY(Lawyer, find_lawyer, list_lawyers)
ATIP_STORE_ENTITY(Matter, find_matter, list_matters)
ATIP_STORE_ENTITY(Engagement, find_engagement, list_engagements)
ATIP_STORE_ENTITY(Event, find_event, list_events)
ATIP_STORE_ENTITY(Service, find_service, list_services)

#undef ATIP_STORE_ENTITY

void Store::remove(EntityType type, const std::string& id) {
  transaction([&] {
    if (!tables::exists(*impl_, type, id)) {
      fail(ErrorKind::not_found, "id: " + std::string(to_string(type)) + " \"" + id + "\" does not exist");
    }
    check_not_referenced(*impl_, type, id);
    if (!impl_->write_hooks.empty()) {
      const json before = load_doc(*impl_, type, id);
      impl_->run_write_hooks(type, id, &before, nullptr);
    }
    const tables::TableInfo& t = tables::info(type);
    impl_->statement(std::string("DELETE FROM ") + t.table + " WHERE " + t.key + " = ?").bind(1, id).run();
    impl_->existing_records.clear();
    impl_->record_change(type, id, ChangeKind::removed);
  });
}

bool Store::exists(EntityType type, const std::string& id) const { return tables::exists(*impl_, type, id); }

std::size_t Store::count(EntityType type) const {
  auto& statement = impl_->statement(std::string("SELECT count(*) FROM ") + tables::info(type).table);
  statement.step();
  return static_cast<std::size_t>(statement.integer(0));
}

json Store::get_json(EntityType type, const std::string& id) const { return load_doc(*impl_, type, id); }

std::vector<json> Store::list_json(EntityType type, const ListOptions& options) const {
  return list_docs(*impl_, type, options);
}

std::vector<Lawyer> Store::list_lawyers(const LawyerFilter& filter, const ListOptions& options) const {
  const std::string language =
      filter.language.empty() ? std::string() : canonical_language_tag(filter.language, "filter.language");
  const bool bare_language = !language.empty() && language.find('-') == std::string::npos;
  auto& statement = impl_->statement(R"sql(
    SELECT l.doc FROM lawyers l
    WHERE (?1 IS NULL OR EXISTS (SELECT 1 FROM lawyer_admissions a
                                 WHERE a.lawyer_id = l.id AND a.jurisdiction = ?1 AND a.status = 'active'))
      AND (?2 IS NULL OR EXISTS (SELECT 1 FROM lawyer_languages g
                                 WHERE g.lawyer_id = l.id AND (g.tag = ?2 OR (?3 AND g.language = ?2))))
      AND (?4 IS NULL OR EXISTS (
            WITH RECURSIVE area(code) AS (
              SELECT ?4 UNION SELECT p.code FROM practice_areas p JOIN area ON p.parent = area.code)
            SELECT 1 FROM lawyer_practice_areas x WHERE x.lawyer_id = l.id AND x.code IN (SELECT code FROM area)))
      AND (?5 IS NULL OR l.status = ?5)
    ORDER BY l.id LIMIT ?6 OFFSET ?7)sql");
  statement.bind_optional(1, filter.jurisdiction).bind_optional(2, language).bind(3, bare_language ? 1 : 0);
  statement.bind_optional(4, filter.practice_area);
  statement.bind_optional(5, filter.status ? to_string(*filter.status) : std::string_view());
  statement.bind(6, options.limit == 0 ? std::int64_t{-1} : static_cast<std::int64_t>(options.limit));
  statement.bind(7, static_cast<std::int64_t>(options.offset));
  return query_records<Lawyer>(statement);
}

std::vector<Matter> Store::list_open_matters() const {
  auto& statement = impl_->statement(
      "SELECT doc FROM matters WHERE status IN ('vetted','circulated','interest_expressed','conflict_check') ORDER BY id");
  return query_records<Matter>(statement);
}

std::vector<Engagement> Store::list_engagements_of_matter(const std::string& matter_id) const {
  auto& statement = impl_->statement("SELECT doc FROM engagements WHERE matter_id = ? ORDER BY id");
  statement.bind(1, matter_id);
  return query_records<Engagement>(statement);
}

std::vector<Engagement> Store::list_engagements_of_lawyer(const std::string& lawyer_id) const {
  auto& statement = impl_->statement("SELECT doc FROM engagements WHERE lawyer_id = ? ORDER BY id");
  statement.bind(1, lawyer_id);
  return query_records<Engagement>(statement);
}

void Store::insert_dataset(Dataset& data, const std::function<void()>& then) {
  transaction([&] {
    insert_collection(*impl_, data.jurisdictions);
    insert_collection(*impl_, data.practice_areas);
    insert_organizations(*impl_, data.organizations);
    insert_collection(*impl_, data.lawyers);
    insert_collection(*impl_, data.matters);
    insert_collection(*impl_, data.engagements);
    insert_collection(*impl_, data.events);
    insert_collection(*impl_, data.services);
    if (then) then();
  });
}

Dataset Store::export_dataset() const {
  Dataset data;
  data.jurisdictions = list_jurisdictions();
  data.practice_areas = list_practice_areas();
  data.organizations = list_organizations();
  data.lawyers = list_lawyers();
  data.matters = list_matters();
  data.engagements = list_engagements();
  data.events = list_events();
  data.services = list_services();
  return data;
}

}  // namespace v1
}  // namespace atip
