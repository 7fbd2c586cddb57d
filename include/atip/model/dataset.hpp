// A whole data set, the entity types, and their JSON exchange format
// (documented in docs/data-format.md and docs/atip-dataset.schema.json).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "atip/model/engagement.hpp"
#include "atip/model/event.hpp"
#include "atip/model/jurisdiction.hpp"
#include "atip/model/lawyer.hpp"
#include "atip/model/matter.hpp"
#include "atip/model/organization.hpp"
#include "atip/model/service.hpp"
#include "atip/model/taxonomy.hpp"

namespace atip {
inline namespace v1 {

/// The kinds of record the store holds, in dependency order: each type may
/// refer only to types listed before it.
enum class EntityType { jurisdiction, practice_area, organization, lawyer, matter, engagement, event, service };

const std::vector<EntityType>& all_entity_types();
/// Singular name: "lawyer".
std::string_view to_string(EntityType type);
/// Name of the data-set array: "lawyers".
std::string_view collection_name(EntityType type);
EntityType parse_entity_type(std::string_view text, std::string_view field);

struct Dataset {
  std::vector<Jurisdiction> jurisdictions;
  std::vector<PracticeArea> practice_areas;
  std::vector<Organization> organizations;
  std::vector<Lawyer> lawyers;
  std::vector<Matter> matters;
  std::vector<Engagement> engagements;
  std::vector<Event> events;
  std::vector<Service> services;

  std::size_t size() const;
  bool operator==(const Dataset&) const = default;
};

struct ExportOptions {
  /// Include confidential matter fields (facts, client_ref, client_profile).
  bool include_confidential = false;
};

/// Format name and version written at the top of every data-set document.
inline constexpr const char* kDatasetFormat = "atip-dataset";
inline constexpr int kDatasetFormatVersion = 1;

// Strict readers: an unknown field, a wrong type or an invalid value throws
// invalid_argument whose message starts with the JSON path under `path`
// ("lawyers[12].languages[0].tag: ...").
Jurisdiction jurisdiction_from_json(const nlohmann::json& j, const std::string& path);
PracticeArea practice_area_from_json(const nlohmann::json& j, const std::string& path);
Organization organization_from_json(const nlohmann::json& j, const std::string& path);
Lawyer lawyer_from_json(const nlohmann::json& j, const std::string& path);
Matter matter_from_json(const nlohmann::json& j, const std::string& path);
Engagement engagement_from_json(const nlohmann::json& j, const std::string& path);
Event event_from_json(const nlohmann::json& j, const std::string& path);
Service service_from_json(const nlohmann::json& j, const std::string& path);
Dataset dataset_from_json(const nlohmann::json& j);

// Writers produce the canonical form: fixed key order (sorted), defaults
// omitted, so export → import → export gives identical bytes.
nlohmann::json to_json(const Jurisdiction& value);
nlohmann::json to_json(const PracticeArea& value);
nlohmann::json to_json(const Organization& value);
nlohmann::json to_json(const Lawyer& value);
nlohmann::json to_json(const Matter& value, const ExportOptions& options = {});
nlohmann::json to_json(const Engagement& value);
nlohmann::json to_json(const Event& value);
nlohmann::json to_json(const Service& value);
nlohmann::json to_json(const Dataset& value, const ExportOptions& options = {});

/// Parses UTF-8 JSON text; malformed JSON throws invalid_argument with the
/// byte offset. Documents over `kMaxDocumentBytes` throw limit_exceeded.
nlohmann::json parse_json_text(std::string_view text);
/// Reads a data-set document from JSON text with the result and the errors
/// of `dataset_from_json(parse_json_text(text))`, but parses each record of
/// the eight collections on its own, on two threads, instead of building a
/// DOM of the whole document. Documents with escaped or repeated top-level
/// keys, a collection that is not an array, or any error are read by that
/// whole-document path instead, so its messages are the ones thrown.
Dataset dataset_from_json_text(std::string_view text);
/// Serialises with two-space indent and a final newline (the export format).
std::string dump_json_text(const nlohmann::json& j);

/// Calls `visit(value, field)` for every free-text field of the entity, where
/// `field` is the path relative to the entity ("names[0].value"). Lets the
/// import pipeline clean text (Zawgyi conversion, NFC) in one pass.
using TextVisitor = std::function<void(std::string& value, const std::string& field)>;
void visit_text_fields(Organization& value, const TextVisitor& visit);
void visit_text_fields(Lawyer& value, const TextVisitor& visit);
void visit_text_fields(Matter& value, const TextVisitor& visit);
void visit_text_fields(Engagement& value, const TextVisitor& visit);
void visit_text_fields(Event& value, const TextVisitor& visit);
void visit_text_fields(Service& value, const TextVisitor& visit);
void visit_text_fields(Jurisdiction& value, const TextVisitor& visit);
void visit_text_fields(PracticeArea& value, const TextVisitor& visit);

}  // namespace v1
}  // namespace atip
