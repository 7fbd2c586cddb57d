// Enum names and small member functions of the entity types.
#include <numeric>

#include "atip/model/dataset.hpp"
#include "enum_table.hpp"

namespace atip {
inline namespace v1 {

namespace {

constexpr detail::EnumTable<AdmissionRule, 3> kAdmissionRules{
    "admission rule",
    {{{AdmissionRule::any, "any"}, {AdmissionRule::local, "local"}, {AdmissionRule::with_local, "with_local"}}}};

constexpr detail::EnumTable<OrganizationKind, 5> kOrganizationKinds{
    "organization kind",
    {{{OrganizationKind::ngo, "ngo"},
      {OrganizationKind::law_firm, "law_firm"},
      {OrganizationKind::service_provider, "service_provider"},
      {OrganizationKind::government, "government"},
      {OrganizationKind::other, "other"}}}};

constexpr detail::EnumTable<LawyerStatus, 3> kLawyerStatuses{
    "lawyer status",
    {{{LawyerStatus::active, "active"}, {LawyerStatus::inactive, "inactive"}, {LawyerStatus::suspended, "suspended"}}}};

constexpr detail::EnumTable<AdmissionStatus, 3> kAdmissionStatuses{
    "admission status",
    {{{AdmissionStatus::active, "active"},
      {AdmissionStatus::inactive, "inactive"},
      {AdmissionStatus::suspended, "suspended"}}}};

constexpr detail::EnumTable<MatterStatus, 10> kMatterStatuses{
    "matter status",
    {{{MatterStatus::draft, "draft"},
      {MatterStatus::vetted, "vetted"},
      {MatterStatus::circulated, "circulated"},
      {MatterStatus::interest_expressed, "interest_expressed"},
      {MatterStatus::conflict_check, "conflict_check"},
      {MatterStatus::placed, "placed"},
      {MatterStatus::in_progress, "in_progress"},
      {MatterStatus::closed, "closed"},
      {MatterStatus::withdrawn, "withdrawn"},
      {MatterStatus::expired, "expired"}}}};

constexpr detail::EnumTable<HelpKind, 3> kHelpKinds{
    "help kind",
    {{{HelpKind::representation, "representation"}, {HelpKind::advice, "advice"}, {HelpKind::training, "training"}}}};

constexpr detail::EnumTable<Urgency, 4> kUrgencies{
    "urgency",
    {{{Urgency::low, "low"}, {Urgency::normal, "normal"}, {Urgency::high, "high"}, {Urgency::critical, "critical"}}}};

constexpr detail::EnumTable<PartyRole, 6> kPartyRoles{
    "party role",
    {{{PartyRole::alleged_trafficker, "alleged_trafficker"},
      {PartyRole::employer, "employer"},
      {PartyRole::recruitment_agency, "recruitment_agency"},
      {PartyRole::victim_family, "victim_family"},
      {PartyRole::witness, "witness"},
      {PartyRole::other, "other"}}}};

constexpr detail::EnumTable<PartyKind, 2> kPartyKinds{
    "party kind", {{{PartyKind::person, "person"}, {PartyKind::organization, "organization"}}}};

constexpr detail::EnumTable<EngagementStatus, 6> kEngagementStatuses{
    "engagement status",
    {{{EngagementStatus::offered, "offered"},
      {EngagementStatus::accepted, "accepted"},
      {EngagementStatus::declined, "declined"},
      {EngagementStatus::active, "active"},
      {EngagementStatus::completed, "completed"},
      {EngagementStatus::withdrawn, "withdrawn"}}}};

constexpr detail::EnumTable<EventKind, 3> kEventKinds{
    "event kind",
    {{{EventKind::workshop, "workshop"}, {EventKind::roundtable, "roundtable"}, {EventKind::webinar, "webinar"}}}};

constexpr detail::EnumTable<EntityType, 8> kEntityTypes{
    "entity type",
    {{{EntityType::jurisdiction, "jurisdiction"},
      {EntityType::practice_area, "practice_area"},
      {EntityType::organization, "organization"},
      {EntityType::lawyer, "lawyer"},
      {EntityType::matter, "matter"},
      {EntityType::engagement, "engagement"},
      {EntityType::event, "event"},
      {EntityType::service, "service"}}}};

constexpr detail::EnumTable<EntityType, 8> kCollections{
    "collection",
    {{{EntityType::jurisdiction, "jurisdictions"},
      {EntityType::practice_area, "practice_areas"},
      {EntityType::organization, "organizations"},
      {EntityType::lawyer, "lawyers"},
      {EntityType::matter, "matters"},
      {EntityType::engagement, "engagements"},
      {EntityType::event, "events"},
      {EntityType::service, "services"}}}};

const std::string& first_name_or_empty(const std::vector<Name>& names) {
  static const std::string empty;
  return names.empty() ? empty : names.front().value;
}

bool is_upper_alpha(char c) { return c >= 'A' && c <= 'Z'; }
bool is_upper_alnum(char c) { return is_upper_alpha(c) || (c >= '0' && c <= '9'); }

}  // namespace

std::string_view to_string(AdmissionRule value) { return kAdmissionRules.name(value); }
std::string_view to_string(OrganizationKind value) { return kOrganizationKinds.name(value); }
std::string_view to_string(LawyerStatus value) { return kLawyerStatuses.name(value); }
std::string_view to_string(AdmissionStatus value) { return kAdmissionStatuses.name(value); }
std::string_view to_string(MatterStatus value) { return kMatterStatuses.name(value); }
std::string_view to_string(HelpKind value) { return kHelpKinds.name(value); }
std::string_view to_string(Urgency value) { return kUrgencies.name(value); }
std::string_view to_string(PartyRole value) { return kPartyRoles.name(value); }
std::string_view to_string(PartyKind value) { return kPartyKinds.name(value); }
std::string_view to_string(EngagementStatus value) { return kEngagementStatuses.name(value); }
std::string_view to_string(EventKind value) { return kEventKinds.name(value); }
std::string_view to_string(EntityType type) { return kEntityTypes.name(type); }
std::string_view collection_name(EntityType type) { return kCollections.name(type); }

AdmissionRule parse_admission_rule(std::string_view t, std::string_view f) { return kAdmissionRules.parse(t, f); }
OrganizationKind parse_organization_kind(std::string_view t, std::string_view f) { return kOrganizationKinds.parse(t, f); }
LawyerStatus parse_lawyer_status(std::string_view t, std::string_view f) { return kLawyerStatuses.parse(t, f); }
AdmissionStatus parse_admission_status(std::string_view t, std::string_view f) { return kAdmissionStatuses.parse(t, f); }
MatterStatus parse_matter_status(std::string_view t, std::string_view f) { return kMatterStatuses.parse(t, f); }
HelpKind parse_help_kind(std::string_view t, std::string_view f) { return kHelpKinds.parse(t, f); }
Urgency parse_urgency(std::string_view t, std::string_view f) { return kUrgencies.parse(t, f); }
PartyRole parse_party_role(std::string_view t, std::string_view f) { return kPartyRoles.parse(t, f); }
PartyKind parse_party_kind(std::string_view t, std::string_view f) { return kPartyKinds.parse(t, f); }
EngagementStatus parse_engagement_status(std::string_view t, std::string_view f) { return kEngagementStatuses.parse(t, f); }
EventKind parse_event_kind(std::string_view t, std::string_view f) { return kEventKinds.parse(t, f); }
EntityType parse_entity_type(std::string_view t, std::string_view f) { return kEntityTypes.parse(t, f); }

const std::vector<EntityType>& all_entity_types() {
  static const std::vector<EntityType> types = {
      EntityType::jurisdiction, EntityType::practice_area, EntityType::organization, EntityType::lawyer,
      EntityType::matter,       EntityType::engagement,    EntityType::event,        EntityType::service};
  return types;
}

AdmissionRule Jurisdiction::rule_for(Activity activity) const {
  const auto found = activity_rules.find(activity);
  return found == activity_rules.end() ? AdmissionRule::any : found->second;
}

bool is_jurisdiction_code(std::string_view code) {
  // ISO 3166-1 alpha-2 ("TH"), optionally followed by an ISO 3166-2
  // subdivision of 1-3 letters or digits ("TH-10").
  if (code.size() < 2 || !is_upper_alpha(code[0]) || !is_upper_alpha(code[1])) return false;
  if (code.size() == 2) return true;
  if (code.size() < 4 || code.size() > 6 || code[2] != '-') return false;
  for (char c : code.substr(3)) {
    if (!is_upper_alnum(c)) return false;
  }
  return true;
}

bool is_practice_area_code(std::string_view code) {
  if (code.empty() || code.size() > 64) return false;
  for (char c : code) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

const std::string& Organization::display_name() const { return first_name_or_empty(names); }
const std::string& Lawyer::display_name() const { return first_name_or_empty(names); }
const std::string& Service::display_name() const { return first_name_or_empty(names); }

bool is_open(MatterStatus status) {
  return status == MatterStatus::vetted || status == MatterStatus::circulated ||
         status == MatterStatus::interest_expressed || status == MatterStatus::conflict_check;
}

bool uses_capacity(EngagementStatus status) {
  return status == EngagementStatus::accepted || status == EngagementStatus::active;
}

double Engagement::total_hours() const {
  return std::accumulate(hours.begin(), hours.end(), 0.0,
                         [](double sum, const HoursEntry& entry) { return sum + entry.hours; });
}

std::size_t Dataset::size() const {
  return jurisdictions.size() + practice_areas.size() + organizations.size() + lawyers.size() +
         matters.size() + engagements.size() + events.size() + services.size();
}

}  // namespace v1
}  // namespace atip
