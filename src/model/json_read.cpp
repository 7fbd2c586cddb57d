// Strict JSON readers for every entity type.
#include <algorithm>
#include <type_traits>

#include "atip/error.hpp"
#include "atip/limits.hpp"
#include "atip/model/dataset.hpp"
#include "json_reader.hpp"
#include "parallel.hpp"

namespace atip {
inline namespace v1 {

using detail::ObjectReader;
using nlohmann::json;

namespace {

Name read_name(const json& j, const std::string& path) {
  // A bare string is accepted as shorthand for {"value": ...}.
  Name name;
  if (j.is_string()) {
    name.value = ObjectReader::as_string(j, path, kMaxNameBytes);
  } else {
    ObjectReader r(j, path);
    name.value = r.string("value", kMaxNameBytes);
    const std::string lang = r.string("lang", 64);
    name.lang = lang.empty() ? lang : detail::convert_language(lang, r.field("lang"));
    name.kind = r.string("kind", 32);
    r.finish();
  }
  if (name.value.empty()) detail::fail_field(path, "a name must not be empty");
  static const std::vector<std::string> kinds = {"", "primary", "alias", "romanisation", "former", "script"};
  if (std::find(kinds.begin(), kinds.end(), name.kind) == kinds.end()) {
    detail::fail_field(path + ".kind", detail::quote_value(json(name.kind)) +
                                           " is not a valid name kind (expected one of: primary, alias, romanisation, former, script)");
  }
  return name;
}

std::vector<Name> read_names(ObjectReader& r, bool required) {
  std::vector<Name> names;
  r.array("names", [&](const json& item, const std::string& path) { names.push_back(read_name(item, path)); });
  if (required && names.empty()) detail::fail_field(r.field("names"), "at least one name is required");
  return names;
}

ConflictEntry read_conflict_entry(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  ConflictEntry entry;
  entry.names = read_names(r, true);
  entry.relation = r.string("relation", 16);
  if (entry.relation.empty()) entry.relation = "other";
  if (entry.relation != "client" && entry.relation != "adverse" && entry.relation != "other") {
    detail::fail_field(r.field("relation"), detail::quote_value(json(entry.relation)) + " is not a valid relation (expected one of: client, adverse, other)");
  }
  entry.note = r.string("note", kMaxTextBytes);
  r.finish();
  return entry;
}

std::vector<ConflictEntry> read_conflict_register(ObjectReader& r) {
  std::vector<ConflictEntry> entries;
  r.array("conflict_register", [&](const json& item, const std::string& path) {
    entries.push_back(read_conflict_entry(item, path));
  });
  return entries;
}

DateRange read_range(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  DateRange range{r.required_date("from"), r.required_date("to")};
  r.finish();
  if (range.to < range.from) {
    detail::fail_field(path, "\"to\" (" + range.to.to_string() + ") is before \"from\" (" + range.from.to_string() + ")");
  }
  return range;
}

Statute read_statute(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  Statute statute;
  statute.title = r.required_string("title", kMaxNameBytes);
  statute.citation = r.string("citation", kMaxNameBytes);
  statute.verified = r.boolean("verified", true);
  r.finish();
  return statute;
}

}  // namespace

Jurisdiction jurisdiction_from_json(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  Jurisdiction value;
  value.code = r.jurisdiction_code("code", true);
  value.name = r.required_string("name", kMaxNameBytes);
  value.parent = r.jurisdiction_code("parent", false);
  value.court_languages = r.strings("court_languages", detail::convert_language);
  value.official_languages = r.strings("official_languages", detail::convert_language);
  r.array("statutes", [&](const json& item, const std::string& p) { value.statutes.push_back(read_statute(item, p)); });
  if (r.has("activity_rules")) {
    const json& rules = j.at("activity_rules");
    const std::string rules_path = r.field("activity_rules");
    if (!rules.is_object()) detail::fail_field(rules_path, "expected an object mapping activities to rules");
    for (const auto& item : rules.items()) {
      const std::string item_path = detail::join_path(rules_path, item.key());
      const Activity activity = parse_activity(item.key(), rules_path);
      value.activity_rules[activity] =
          parse_admission_rule(ObjectReader::as_string(item.value(), item_path, 32), item_path);
    }
  }
  value.admission_notes = r.string("admission_notes", kMaxTextBytes);
  r.finish();
  return value;
}

PracticeArea practice_area_from_json(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  PracticeArea value;
  value.code = r.practice_area_code("code", true);
  value.parent = r.practice_area_code("parent", false);
  value.name = r.required_string("name", kMaxNameBytes);
  value.description = r.string("description", kMaxTextBytes);
  r.finish();
  if (value.parent == value.code) detail::fail_field(r.field("parent"), "a practice area cannot be its own parent");
  return value;
}

Organization organization_from_json(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  Organization value;
  value.id = r.id("id");
  value.kind = parse_organization_kind(r.required_string("kind", 32), r.field("kind"));
  value.names = read_names(r, true);
  value.jurisdictions = r.strings("jurisdictions", detail::convert_jurisdiction);
  value.website = r.string("website", kMaxNameBytes);
  value.conflict_register = read_conflict_register(r);
  if (r.has("exclusions")) {
    ObjectReader e(j.at("exclusions"), r.field("exclusions"));
    value.exclusions.practice_areas = e.strings("practice_areas", detail::convert_practice_area);
    value.exclusions.parties = e.strings("parties", [](const std::string& t, const std::string&) { return t; });
    value.exclusions.ngos = e.strings("ngos", detail::convert_id);
    e.finish();
  }
  value.merged_from = r.strings("merged_from", detail::convert_id);
  value.notes = r.string("notes", kMaxTextBytes);
  r.finish();
  return value;
}

namespace {

Admission read_admission(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  Admission value;
  value.jurisdiction = r.jurisdiction_code("jurisdiction", true);
  value.since = r.date("since");
  const std::string status = r.string("status", 32);
  if (!status.empty()) value.status = parse_admission_status(status, r.field("status"));
  r.finish();
  return value;
}

LanguageSkill read_language_skill(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  LanguageSkill value;
  value.tag = r.language_tag("tag");
  value.proficiency = parse_proficiency(r.required_string("proficiency", 32), r.field("proficiency"));
  r.finish();
  return value;
}

PracticeExperience read_experience(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  PracticeExperience value;
  value.code = r.practice_area_code("code", true);
  value.years = r.integer("years", 0, 0, 70);
  r.finish();
  return value;
}

Training read_training(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  Training value;
  value.topic = r.practice_area_code("topic", true);
  value.jurisdiction = r.jurisdiction_code("jurisdiction", true);
  value.date = r.required_date("date");
  value.event = r.id("event");
  r.finish();
  return value;
}

}  // namespace

Lawyer lawyer_from_json(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  Lawyer value;
  value.id = r.id("id");
  value.names = read_names(r, true);
  value.firm = r.id("firm");
  const std::string status = r.string("status", 32);
  if (!status.empty()) value.status = parse_lawyer_status(status, r.field("status"));
  value.vetted = r.boolean("vetted", false);
  r.array("admissions", [&](const json& i, const std::string& p) { value.admissions.push_back(read_admission(i, p)); });
  r.array("languages", [&](const json& i, const std::string& p) { value.languages.push_back(read_language_skill(i, p)); });
  r.array("practice_areas", [&](const json& i, const std::string& p) { value.practice_areas.push_back(read_experience(i, p)); });
  r.array("trainings", [&](const json& i, const std::string& p) { value.trainings.push_back(read_training(i, p)); });
  value.max_active_matters = r.integer("max_active_matters", 2, 0, 100);
  r.array("unavailable", [&](const json& i, const std::string& p) { value.unavailable.push_back(read_range(i, p)); });
  value.conflict_register = read_conflict_register(r);
  value.response_days = r.number("response_days", 3.0, 0.0, 365.0);
  value.notes = r.string("notes", kMaxTextBytes);
  r.finish();
  return value;
}

namespace {

Party read_party(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  Party value;
  value.names = read_names(r, true);
  const std::string kind = r.string("kind", 32);
  if (!kind.empty()) value.kind = parse_party_kind(kind, r.field("kind"));
  const std::string role = r.string("role", 32);
  if (!role.empty()) value.role = parse_party_role(role, r.field("role"));
  r.finish();
  return value;
}

ClientProfile read_client_profile(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  ClientProfile value;
  value.gender = r.string("gender", 32);
  value.age_band = r.string("age_band", 32);
  value.citizenship = r.jurisdiction_code("citizenship", false);
  value.exploitation_type = r.string("exploitation_type", 64);
  r.finish();
  return value;
}

}  // namespace

Matter matter_from_json(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  Matter value;
  value.id = r.id("id");
  value.ngo = r.required_id("ngo");
  value.title = r.required_string("title", kMaxNameBytes);
  value.summary = r.string("summary", kMaxTextBytes);
  value.facts = r.string("facts", kMaxTextBytes);
  value.practice_area = r.practice_area_code("practice_area", true);
  value.forum = r.jurisdiction_code("forum", true);
  value.related_jurisdictions = r.strings("related_jurisdictions", detail::convert_jurisdiction);
  value.languages = r.strings("languages", detail::convert_language);
  value.interpreter_accepted = r.boolean("interpreter_accepted", false);
  value.activities = {};
  r.array("activities", [&](const json& i, const std::string& p) {
    value.activities.push_back(parse_activity(ObjectReader::as_string(i, p, 32), p));
  });
  if (value.activities.empty()) detail::fail_field(r.field("activities"), "at least one activity is required");
  const std::string help = r.string("help", 32);
  if (!help.empty()) value.help = parse_help_kind(help, r.field("help"));
  const std::string urgency = r.string("urgency", 32);
  if (!urgency.empty()) value.urgency = parse_urgency(urgency, r.field("urgency"));
  value.deadline = r.date("deadline");
  if (r.has("period")) value.period = read_range(j.at("period"), r.field("period"));
  value.estimated_hours = r.number("estimated_hours", 0.0, 0.0, 10000.0);
  value.team_size = r.integer("team_size", 1, 1, 20);
  const std::string status = r.string("status", 32);
  if (!status.empty()) value.status = parse_matter_status(status, r.field("status"));
  value.outcome = r.string("outcome", kMaxNameBytes);
  r.array("parties", [&](const json& i, const std::string& p) { value.parties.push_back(read_party(i, p)); });
  value.client_ref = r.string("client_ref", kMaxNameBytes);
  if (r.has("client_profile")) value.client_profile = read_client_profile(j.at("client_profile"), r.field("client_profile"));
  const auto created = r.date("created");
  value.created = created ? *created : Date::today();
  r.finish();
  return value;
}

namespace {

HoursEntry read_hours(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  HoursEntry value;
  value.date = r.required_date("date");
  value.hours = r.number("hours", 0.0, 0.0, 24.0);
  if (value.hours <= 0.0) detail::fail_field(r.field("hours"), "must be greater than 0 and at most 24");
  value.activity = r.string("activity", kMaxNameBytes);
  value.note = r.string("note", kMaxTextBytes);
  r.finish();
  return value;
}

}  // namespace

Engagement engagement_from_json(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  Engagement value;
  value.id = r.id("id");
  value.matter = r.required_id("matter");
  value.lawyer = r.required_id("lawyer");
  value.supervising_lawyer = r.id("supervising_lawyer");
  const std::string status = r.string("status", 32);
  if (!status.empty()) value.status = parse_engagement_status(status, r.field("status"));
  const auto offered = r.date("offered_on");
  value.offered_on = offered ? *offered : Date::today();
  value.decided_on = r.date("decided_on");
  value.decline_reason = r.string("decline_reason", kMaxTextBytes);
  r.array("hours", [&](const json& i, const std::string& p) { value.hours.push_back(read_hours(i, p)); });
  value.outcome = r.string("outcome", kMaxNameBytes);
  if (r.has("feedback")) value.feedback = r.integer("feedback", 0, 1, 5);
  r.finish();
  return value;
}

Event event_from_json(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  Event value;
  value.id = r.id("id");
  value.title = r.required_string("title", kMaxNameBytes);
  const std::string kind = r.string("kind", 32);
  if (!kind.empty()) value.kind = parse_event_kind(kind, r.field("kind"));
  value.date = r.required_date("date");
  value.jurisdiction = r.jurisdiction_code("jurisdiction", true);
  value.topics = r.strings("topics", detail::convert_practice_area);
  value.organizer = r.id("organizer");
  value.attendees = r.strings("attendees", detail::convert_id);
  r.finish();
  return value;
}

Service service_from_json(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  Service value;
  value.id = r.id("id");
  value.provider = r.id("provider");
  value.names = read_names(r, true);
  value.practice_areas = r.strings("practice_areas", detail::convert_practice_area);
  value.description = r.string("description", kMaxTextBytes);
  value.languages = r.strings("languages", detail::convert_language);
  value.eligibility = r.string("eligibility", kMaxTextBytes);
  value.jurisdiction = r.jurisdiction_code("jurisdiction", true);
  value.location = r.string("location", kMaxNameBytes);
  value.hours = r.string("hours", kMaxNameBytes);
  value.cost = r.string("cost", kMaxNameBytes);
  r.finish();
  return value;
}

Dataset dataset_from_json(const json& j) {
  ObjectReader r(j, "");
  const std::string format = r.string("format", 64);
  if (!format.empty() && format != kDatasetFormat) {
    detail::fail_field("format", detail::quote_value(json(format)) + " is not an atip data set (expected \"" + kDatasetFormat + "\")");
  }
  const int version = r.integer("version", kDatasetFormatVersion, 1, 1000000);
  if (version > kDatasetFormatVersion) {
    fail(ErrorKind::schema_version, "version: data set format " + std::to_string(version) +
                                        " is newer than this library supports (" +
                                        std::to_string(kDatasetFormatVersion) + "); upgrade atip");
  }
  // Collections may hold up to kMaxDatasetRecords, so they bypass the
  // per-entity list limit.
  Dataset data;
  auto collection = [&](std::string_view key, auto& out, auto read) {
    if (!r.has(key)) return;
    const json& items = j.at(std::string(key));
    const std::string path(key);
    if (!items.is_array()) detail::fail_field(path, "expected an array, got " + detail::quote_value(items));
    if (items.size() > kMaxDatasetRecords) {
      fail(ErrorKind::limit_exceeded, path + ": " + std::to_string(items.size()) +
                                          " records exceed the limit of " + std::to_string(kMaxDatasetRecords));
    }
    using Record = typename std::decay_t<decltype(out)>::value_type;
    out = detail::map_indices<Record>(items.size(),
                                      [&](std::size_t i) { return read(items[i], detail::index_path(path, i)); });
  };
  collection("jurisdictions", data.jurisdictions, jurisdiction_from_json);
  collection("practice_areas", data.practice_areas, practice_area_from_json);
  collection("organizations", data.organizations, organization_from_json);
  collection("lawyers", data.lawyers, lawyer_from_json);
  collection("matters", data.matters, matter_from_json);
  collection("engagements", data.engagements, engagement_from_json);
  collection("events", data.events, event_from_json);
  collection("services", data.services, service_from_json);
  r.finish();
  return data;
}

std::string dump_json_text(const json& j) {
  try {
    return j.dump(2) + "\n";
  } catch (const json::type_error& error) {
    fail(ErrorKind::invalid_argument, std::string("document: cannot serialise: ") + error.what());
  }
}

}  // namespace v1
}  // namespace atip
