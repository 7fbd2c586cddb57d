// JSON forms of the workflow's records. Empty optional fields are omitted,
// as in the data-set format.
#include "atip/workflow.hpp"

namespace atip {
inline namespace v1 {

using nlohmann::json;

namespace {

void put(json& j, const char* key, const std::string& value) {
  if (!value.empty()) j[key] = value;
}

json name_json(const Name& name) {
  json j{{"value", name.value}};
  put(j, "lang", name.lang);
  put(j, "kind", name.kind);
  return j;
}

json party_json(const Party& party) {
  json names = json::array();
  for (const auto& name : party.names) names.push_back(name_json(name));
  return json{{"names", std::move(names)}, {"kind", to_string(party.kind)}, {"role", to_string(party.role)}};
}

}  // namespace

json to_json(const MatterTransition& value) {
  json j{{"id", value.id}, {"matter", value.matter}, {"to", to_string(value.to)}, {"time", value.time},
         {"date", value.date.to_string()}, {"actor", value.actor}};
  j["from"] = value.from ? json(to_string(*value.from)) : json(nullptr);
  put(j, "outcome", value.outcome);
  put(j, "note", value.note);
  return j;
}

json to_json(const EngagementTransition& value) {
  json j{{"id", value.id}, {"engagement", value.engagement}, {"to", to_string(value.to)}, {"time", value.time},
         {"date", value.date.to_string()}, {"actor", value.actor}};
  j["from"] = value.from ? json(to_string(*value.from)) : json(nullptr);
  put(j, "reason", value.reason);
  return j;
}

json to_json(const ExpressionOfInterest& value) {
  json j{{"id", value.id}, {"matter", value.matter}, {"status", to_string(value.status)},
         {"date", value.date.to_string()}, {"actor", value.actor}};
  put(j, "lawyer", value.lawyer);
  put(j, "firm", value.firm);
  put(j, "note", value.note);
  return j;
}

json to_json(const ConflictCheck& value) {
  json j{{"id", value.id},
         {"matter", value.matter},
         {"status", to_string(value.status)},
         {"requested_on", value.requested_on.to_string()},
         {"remind_on", value.remind_on.to_string()},
         {"requested_by", value.requested_by}};
  put(j, "firm", value.firm);
  put(j, "lawyer", value.lawyer);
  if (value.resolved_on) j["resolved_on"] = value.resolved_on->to_string();
  put(j, "resolved_by", value.resolved_by);
  put(j, "note", value.note);
  return j;
}

json to_json(const CandidateView& value) {
  json j;
  j["matter"] = value.matter;
  j["lawyer"] = value.lawyer;
  j["stage"] = to_string(value.stage);
  j["withheld_until"] = value.withheld_until;
  j["title"] = value.title;
  put(j, "summary", value.summary);
  j["practice_area"] = value.practice_area;
  j["forum"] = value.forum;
  if (!value.related_jurisdictions.empty()) j["related_jurisdictions"] = value.related_jurisdictions;
  j["languages"] = value.languages;
  j["interpreter_accepted"] = value.interpreter_accepted;
  json activities = json::array();
  for (const Activity activity : value.activities) activities.push_back(to_string(activity));
  j["activities"] = std::move(activities);
  j["help"] = to_string(value.help);
  j["urgency"] = to_string(value.urgency);
  if (value.deadline) j["deadline"] = value.deadline->to_string();
  if (value.period) j["period"] = json{{"from", value.period->from.to_string()}, {"to", value.period->to.to_string()}};
  j["estimated_hours"] = value.estimated_hours;
  j["status"] = to_string(value.status);
  json parties = json::array();
  for (const auto& party : value.parties) parties.push_back(party_json(party));
  j["parties"] = std::move(parties);
  // The full stage is the only one that carries these keys at all, so a
  // summary view cannot leak them even as empty strings.
  if (value.stage == DisclosureStage::full) {
    j["facts"] = value.facts;
    j["client_ref"] = value.client_ref;
  }
  return j;
}

}  // namespace v1
}  // namespace atip
