// Canonical JSON writers for every entity type. Keys come out sorted (the
// default nlohmann::json object is ordered by key); empty strings and empty
// lists are omitted, so the same data always gives the same bytes.
#include "atip/model/dataset.hpp"

namespace atip {
inline namespace v1 {

using nlohmann::json;

namespace {

void put(json& j, const char* key, const std::string& value) {
  if (!value.empty()) j[key] = value;
}

void put(json& j, const char* key, const std::vector<std::string>& values) {
  if (!values.empty()) j[key] = values;
}

template <typename T, typename F>
void put_list(json& j, const char* key, const std::vector<T>& values, F convert) {
  if (values.empty()) return;
  json array = json::array();
  for (const auto& value : values) array.push_back(convert(value));
  j[key] = std::move(array);
}

json name_json(const Name& name) {
  json j;
  j["value"] = name.value;
  put(j, "lang", name.lang);
  put(j, "kind", name.kind);
  return j;
}

json conflict_json(const ConflictEntry& entry) {
  json j;
  put_list(j, "names", entry.names, name_json);
  j["relation"] = entry.relation;
  put(j, "note", entry.note);
  return j;
}

json range_json(const DateRange& range) {
  return json{{"from", range.from.to_string()}, {"to", range.to.to_string()}};
}

}  // namespace

json to_json(const Jurisdiction& value) {
  json j;
  j["code"] = value.code;
  j["name"] = value.name;
  put(j, "parent", value.parent);
  put(j, "court_languages", value.court_languages);
  put(j, "official_languages", value.official_languages);
  put_list(j, "statutes", value.statutes, [](const Statute& s) {
    json statute{{"title", s.title}, {"verified", s.verified}};
    put(statute, "citation", s.citation);
    return statute;
  });
  if (!value.activity_rules.empty()) {
    json rules = json::object();
    for (const auto& [activity, rule] : value.activity_rules) rules[std::string(to_string(activity))] = to_string(rule);
    j["activity_rules"] = std::move(rules);
  }
  put(j, "admission_notes", value.admission_notes);
  return j;
}

json to_json(const PracticeArea& value) {
  json j;
  j["code"] = value.code;
  put(j, "parent", value.parent);
  j["name"] = value.name;
  put(j, "description", value.description);
  return j;
}

json to_json(const Organization& value) {
  json j;
  j["id"] = value.id;
  j["kind"] = to_string(value.kind);
  put_list(j, "names", value.names, name_json);
  put(j, "jurisdictions", value.jurisdictions);
  put(j, "website", value.website);
  put_list(j, "conflict_register", value.conflict_register, conflict_json);
  if (!value.exclusions.empty()) {
    json exclusions = json::object();
    put(exclusions, "practice_areas", value.exclusions.practice_areas);
    put(exclusions, "parties", value.exclusions.parties);
    put(exclusions, "ngos", value.exclusions.ngos);
    j["exclusions"] = std::move(exclusions);
  }
  put(j, "merged_from", value.merged_from);
  put(j, "notes", value.notes);
  return j;
}

json to_json(const Lawyer& value) {
  json j;
  j["id"] = value.id;
  put_list(j, "names", value.names, name_json);
  put(j, "firm", value.firm);
  j["status"] = to_string(value.status);
  j["vetted"] = value.vetted;
  put_list(j, "admissions", value.admissions, [](const Admission& a) {
    json admission{{"jurisdiction", a.jurisdiction}, {"status", to_string(a.status)}};
    if (a.since) admission["since"] = a.since->to_string();
    return admission;
  });
  put_list(j, "languages", value.languages, [](const LanguageSkill& l) {
    return json{{"tag", l.tag}, {"proficiency", to_string(l.proficiency)}};
  });
  put_list(j, "practice_areas", value.practice_areas, [](const PracticeExperience& p) {
    return json{{"code", p.code}, {"years", p.years}};
  });
  put_list(j, "trainings", value.trainings, [](const Training& t) {
    json training{{"topic", t.topic}, {"jurisdiction", t.jurisdiction}, {"date", t.date.to_string()}};
    put(training, "event", t.event);
    return training;
  });
  j["max_active_matters"] = value.max_active_matters;
  put_list(j, "unavailable", value.unavailable, range_json);
  put_list(j, "conflict_register", value.conflict_register, conflict_json);
  j["response_days"] = value.response_days;
  put(j, "notes", value.notes);
  return j;
}

json to_json(const Matter& value, const ExportOptions& options) {
  json j;
  j["id"] = value.id;
  j["ngo"] = value.ngo;
  j["title"] = value.title;
  put(j, "summary", value.summary);
  j["practice_area"] = value.practice_area;
  j["forum"] = value.forum;
  put(j, "related_jurisdictions", value.related_jurisdictions);
  put(j, "languages", value.languages);
  j["interpreter_accepted"] = value.interpreter_accepted;
  put_list(j, "activities", value.activities, [](Activity a) { return std::string(to_string(a)); });
  j["help"] = to_string(value.help);
  j["urgency"] = to_string(value.urgency);
  if (value.deadline) j["deadline"] = value.deadline->to_string();
  if (value.period) j["period"] = range_json(*value.period);
  j["estimated_hours"] = value.estimated_hours;
  j["team_size"] = value.team_size;
  j["status"] = to_string(value.status);
  put(j, "outcome", value.outcome);
  put_list(j, "parties", value.parties, [](const Party& p) {
    json party;
    put_list(party, "names", p.names, name_json);
    party["kind"] = to_string(p.kind);
    party["role"] = to_string(p.role);
    return party;
  });
  j["created"] = value.created.to_string();
  if (options.include_confidential) {
    put(j, "facts", value.facts);
    put(j, "client_ref", value.client_ref);
    json profile = json::object();
    put(profile, "gender", value.client_profile.gender);
    put(profile, "age_band", value.client_profile.age_band);
    put(profile, "citizenship", value.client_profile.citizenship);
    put(profile, "exploitation_type", value.client_profile.exploitation_type);
    if (!profile.empty()) j["client_profile"] = std::move(profile);
  }
  return j;
}

json to_json(const Engagement& value) {
  json j;
  j["id"] = value.id;
  j["matter"] = value.matter;
  j["lawyer"] = value.lawyer;
  put(j, "supervising_lawyer", value.supervising_lawyer);
  j["status"] = to_string(value.status);
  j["offered_on"] = value.offered_on.to_string();
  if (value.decided_on) j["decided_on"] = value.decided_on->to_string();
  put(j, "decline_reason", value.decline_reason);
  put_list(j, "hours", value.hours, [](const HoursEntry& h) {
    json entry{{"date", h.date.to_string()}, {"hours", h.hours}};
    put(entry, "activity", h.activity);
    put(entry, "note", h.note);
    return entry;
  });
  put(j, "outcome", value.outcome);
  if (value.feedback) j["feedback"] = *value.feedback;
  return j;
}

json to_json(const Event& value) {
  json j;
  j["id"] = value.id;
  j["title"] = value.title;
  j["kind"] = to_string(value.kind);
  j["date"] = value.date.to_string();
  j["jurisdiction"] = value.jurisdiction;
  put(j, "topics", value.topics);
  put(j, "organizer", value.organizer);
  put(j, "attendees", value.attendees);
  return j;
}

json to_json(const Service& value) {
  json j;
  j["id"] = value.id;
  put(j, "provider", value.provider);
  put_list(j, "names", value.names, name_json);
  put(j, "practice_areas", value.practice_areas);
  put(j, "description", value.description);
  put(j, "languages", value.languages);
  put(j, "eligibility", value.eligibility);
  j["jurisdiction"] = value.jurisdiction;
  put(j, "location", value.location);
  put(j, "hours", value.hours);
  put(j, "cost", value.cost);
  return j;
}

json to_json(const Dataset& value, const ExportOptions& options) {
  json j;
  j["format"] = kDatasetFormat;
  j["version"] = kDatasetFormatVersion;
  auto collection = [&](const char* key, const auto& items) {
    json array = json::array();
    for (const auto& item : items) array.push_back(to_json(item));
    j[key] = std::move(array);
  };
  collection("jurisdictions", value.jurisdictions);
  collection("practice_areas", value.practice_areas);
  collection("organizations", value.organizations);
  collection("lawyers", value.lawyers);
  json matters = json::array();
  for (const auto& matter : value.matters) matters.push_back(to_json(matter, options));
  j["matters"] = std::move(matters);
  collection("engagements", value.engagements);
  collection("events", value.events);
  collection("services", value.services);
  return j;
}

}  // namespace v1
}  // namespace atip
