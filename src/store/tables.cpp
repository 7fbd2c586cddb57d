#include "store/tables.hpp"

#include <algorithm>

#include "atip/error.hpp"

namespace atip {
inline namespace v1 {
namespace tables {

namespace {

std::vector<TableInfo> make_tables() {
  std::vector<TableInfo> tables = {
      {EntityType::jurisdiction, "jurisdictions", "code", "", {
          {"jurisdictions", "parent", "code", "jurisdiction"},
          {"organization_jurisdictions", "jurisdiction", "organization_id", "organization"},
          {"lawyer_admissions", "jurisdiction", "lawyer_id", "lawyer"},
          {"matters", "forum", "id", "matter"},
          {"events", "jurisdiction", "id", "event"},
          {"services", "jurisdiction", "id", "service"}}},
      {EntityType::practice_area, "practice_areas", "code", "", {
          {"practice_areas", "parent", "code", "practice area"},
          {"lawyer_practice_areas", "code", "lawyer_id", "lawyer"},
          {"matters", "practice_area", "id", "matter"}}},
      {EntityType::organization, "organizations", "id", "org", {
          {"lawyers", "firm_id", "id", "lawyer"},
          {"matters", "ngo_id", "id", "matter"},
          {"events", "organizer_id", "id", "event"},
          {"services", "provider_id", "id", "service"},
          {"expressions_of_interest", "firm_id", "id", "expression of interest"},
          {"conflict_checks", "firm_id", "id", "conflict check"}}},
      {EntityType::lawyer, "lawyers", "id", "lawyer", {
          {"engagements", "lawyer_id", "id", "engagement"},
          {"engagements", "supervising_lawyer_id", "id", "engagement"},
          {"event_attendance", "lawyer_id", "event_id", "event"},
          {"expressions_of_interest", "lawyer_id", "id", "expression of interest"},
          {"conflict_checks", "lawyer_id", "id", "conflict check"}}},
      {EntityType::matter, "matters", "id", "matter", {
          {"engagements", "matter_id", "id", "engagement"},
          {"matter_transitions", "matter_id", "id", "matter transition"},
          {"expressions_of_interest", "matter_id", "id", "expression of interest"},
          {"conflict_checks", "matter_id", "id", "conflict check"}}},
      {EntityType::engagement, "engagements", "id", "engagement", {
          {"engagement_transitions", "engagement_id", "id", "engagement transition"}}},
      {EntityType::event, "events", "id", "event", {}},
      {EntityType::service, "services", "id", "service", {}},
  };
  for (TableInfo& t : tables) t.exists_sql = std::string("SELECT 1 FROM ") + t.table + " WHERE " + t.key + " = ?";
  return tables;
}

const std::vector<TableInfo>& all_tables() {
  static const std::vector<TableInfo> tables = make_tables();
  return tables;
}

/// Checks that a referenced record exists. A bulk import refers to the same
/// few jurisdictions, practice areas and firms again and again, so records
/// found once are remembered until the transaction ends.
void require(Store::Impl& s, EntityType type, const std::string& id, const std::string& field) {
  if (id.empty()) return;
  std::string remembered = std::to_string(static_cast<int>(type)) + ':' + id;
  if (s.existing_records.count(remembered) != 0) return;
  if (exists(s, type, id)) {
    s.existing_records.insert(std::move(remembered));
    return;
  }
  fail(ErrorKind::constraint, field + ": " + std::string(to_string(type)) + " \"" + id +
                                  "\" does not exist (add it first or fix the reference)");
}

std::string item(const std::string& path, const char* key, std::size_t index) {
  return path + (path.empty() ? "" : ".") + key + "[" + std::to_string(index) + "]";
}

std::string field(const std::string& path, const char* key) {
  return path + (path.empty() ? "" : ".") + key;
}

/// Returns the index of the last item for each key, in first-seen order of
/// the keys. Records are small (a handful of admissions or languages), so a
/// linear scan is cheaper than building a map.
template <typename T, typename KeyOf>
std::vector<std::size_t> last_of_each(const std::vector<T>& items, KeyOf key_of) {
  std::vector<std::size_t> chosen;
  for (std::size_t i = 0; i < items.size(); ++i) {
    auto same_key = [&](std::size_t j) { return key_of(items[j]) == key_of(items[i]); };
    const auto found = std::find_if(chosen.begin(), chosen.end(), same_key);
    if (found == chosen.end()) {
      chosen.push_back(i);
    } else {
      *found = i;
    }
  }
  return chosen;
}

void delete_children(Store::Impl& s, const char* table, const char* column, const std::string& id) {
  s.statement(std::string("DELETE FROM ") + table + " WHERE " + column + " = ?").bind(1, id).run();
}

}  // namespace

const TableInfo& info(EntityType type) { return all_tables()[static_cast<std::size_t>(type)]; }

bool exists(Store::Impl& s, EntityType type, const std::string& id) {
  return s.statement(info(type).exists_sql).bind(1, id).step();
}

// --- Projected rows ---------------------------------------------------------

void write_rows(Store::Impl& s, const Jurisdiction& v, const std::string& doc, bool replace) {
  auto& statement = s.statement(replace ? "UPDATE jurisdictions SET parent = ?1, doc = ?2 WHERE code = ?3"
                                        : "INSERT INTO jurisdictions (parent, doc, code) VALUES (?1, ?2, ?3)");
  statement.bind_optional(1, v.parent).bind(2, doc).bind(3, v.code).run();
}

void write_rows(Store::Impl& s, const PracticeArea& v, const std::string& doc, bool replace) {
  auto& statement = s.statement(replace ? "UPDATE practice_areas SET parent = ?1, doc = ?2 WHERE code = ?3"
                                        : "INSERT INTO practice_areas (parent, doc, code) VALUES (?1, ?2, ?3)");
  statement.bind_optional(1, v.parent).bind(2, doc).bind(3, v.code).run();
}

void write_rows(Store::Impl& s, const Organization& v, const std::string& doc, bool replace) {
  auto& statement = s.statement(replace ? "UPDATE organizations SET kind = ?1, doc = ?2 WHERE id = ?3"
                                        : "INSERT INTO organizations (kind, doc, id) VALUES (?1, ?2, ?3)");
  statement.bind(1, to_string(v.kind)).bind(2, doc).bind(3, v.id).run();
  if (replace) delete_children(s, "organization_jurisdictions", "organization_id", v.id);
  auto& child = s.statement("INSERT OR IGNORE INTO organization_jurisdictions (organization_id, jurisdiction) VALUES (?, ?)");
  for (const auto& code : v.jurisdictions) {
    child.reset();
    child.bind(1, v.id).bind(2, code).run();
  }
}

void write_rows(Store::Impl& s, const Lawyer& v, const std::string& doc, bool replace) {
  auto& statement = s.statement(
      replace ? "UPDATE lawyers SET firm_id = ?1, status = ?2, vetted = ?3, max_active_matters = ?4, doc = ?5 WHERE id = ?6"
              : "INSERT INTO lawyers (firm_id, status, vetted, max_active_matters, doc, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  statement.bind_optional(1, v.firm).bind(2, to_string(v.status)).bind(3, v.vetted ? 1 : 0)
      .bind(4, v.max_active_matters).bind(5, doc).bind(6, v.id).run();
  if (replace) {
    delete_children(s, "lawyer_admissions", "lawyer_id", v.id);
    delete_children(s, "lawyer_languages", "lawyer_id", v.id);
    delete_children(s, "lawyer_practice_areas", "lawyer_id", v.id);
  }
  // Duplicates inside one record are merged, the last one kept. Plain
  // INSERTs keep bulk imports fast, because an INSERT OR REPLACE on a table
  // with foreign keys makes SQLite keep a statement journal for every row.
  auto& admission = s.statement("INSERT INTO lawyer_admissions (lawyer_id, jurisdiction, status) VALUES (?, ?, ?)");
  for (std::size_t i : last_of_each(v.admissions, [](const Admission& a) { return a.jurisdiction; })) {
    const Admission& a = v.admissions[i];
    admission.reset();
    admission.bind(1, v.id).bind(2, a.jurisdiction).bind(3, to_string(a.status)).run();
  }
  auto& language = s.statement("INSERT INTO lawyer_languages (lawyer_id, tag, language, proficiency) VALUES (?, ?, ?, ?)");
  for (std::size_t i : last_of_each(v.languages, [](const LanguageSkill& l) { return l.tag; })) {
    const LanguageSkill& l = v.languages[i];
    language.reset();
    language.bind(1, v.id).bind(2, l.tag).bind(3, primary_language(l.tag)).bind(4, static_cast<int>(l.proficiency)).run();
  }
  auto& area = s.statement("INSERT INTO lawyer_practice_areas (lawyer_id, code, years) VALUES (?, ?, ?)");
  for (std::size_t i : last_of_each(v.practice_areas, [](const PracticeExperience& p) { return p.code; })) {
    const PracticeExperience& p = v.practice_areas[i];
    area.reset();
    area.bind(1, v.id).bind(2, p.code).bind(3, p.years).run();
  }
}

void write_rows(Store::Impl& s, const Matter& v, const std::string& doc, bool replace) {
  auto& statement = s.statement(
      replace ? "UPDATE matters SET ngo_id = ?1, status = ?2, forum = ?3, practice_area = ?4, created = ?5, doc = ?6 WHERE id = ?7"
              : "INSERT INTO matters (ngo_id, status, forum, practice_area, created, doc, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  statement.bind(1, v.ngo).bind(2, to_string(v.status)).bind(3, v.forum).bind(4, v.practice_area)
      .bind(5, v.created.to_string()).bind(6, doc).bind(7, v.id).run();
}

void write_rows(Store::Impl& s, const Engagement& v, const std::string& doc, bool replace) {
  auto& statement = s.statement(
      replace ? "UPDATE engagements SET matter_id = ?1, lawyer_id = ?2, supervising_lawyer_id = ?3, status = ?4, doc = ?5 WHERE id = ?6"
              : "INSERT INTO engagements (matter_id, lawyer_id, supervising_lawyer_id, status, doc, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  statement.bind(1, v.matter).bind(2, v.lawyer).bind_optional(3, v.supervising_lawyer)
      .bind(4, to_string(v.status)).bind(5, doc).bind(6, v.id).run();
}

void write_rows(Store::Impl& s, const Event& v, const std::string& doc, bool replace) {
  auto& statement = s.statement(
      replace ? "UPDATE events SET jurisdiction = ?1, organizer_id = ?2, date = ?3, doc = ?4 WHERE id = ?5"
              : "INSERT INTO events (jurisdiction, organizer_id, date, doc, id) VALUES (?1, ?2, ?3, ?4, ?5)");
  statement.bind(1, v.jurisdiction).bind_optional(2, v.organizer).bind(3, v.date.to_string()).bind(4, doc).bind(5, v.id).run();
  if (replace) delete_children(s, "event_attendance", "event_id", v.id);
  auto& attendance = s.statement("INSERT OR IGNORE INTO event_attendance (event_id, lawyer_id) VALUES (?, ?)");
  for (const auto& lawyer : v.attendees) {
    attendance.reset();
    attendance.bind(1, v.id).bind(2, lawyer).run();
  }
}

void write_rows(Store::Impl& s, const Service& v, const std::string& doc, bool replace) {
  auto& statement = s.statement(
      replace ? "UPDATE services SET provider_id = ?1, jurisdiction = ?2, doc = ?3 WHERE id = ?4"
              : "INSERT INTO services (provider_id, jurisdiction, doc, id) VALUES (?1, ?2, ?3, ?4)");
  statement.bind_optional(1, v.provider).bind(2, v.jurisdiction).bind(3, doc).bind(4, v.id).run();
}

// --- References -------------------------------------------------------------

void check_references(Store::Impl& s, const Jurisdiction& v, const std::string& path) {
  require(s, EntityType::jurisdiction, v.parent, field(path, "parent"));
}

void check_references(Store::Impl& s, const PracticeArea& v, const std::string& path) {
  require(s, EntityType::practice_area, v.parent, field(path, "parent"));
}

void check_references(Store::Impl& s, const Organization& v, const std::string& path) {
  for (std::size_t i = 0; i < v.jurisdictions.size(); ++i) {
    require(s, EntityType::jurisdiction, v.jurisdictions[i], item(path, "jurisdictions", i));
  }
  for (std::size_t i = 0; i < v.exclusions.practice_areas.size(); ++i) {
    require(s, EntityType::practice_area, v.exclusions.practice_areas[i], item(path, "exclusions.practice_areas", i));
  }
  if (!s.defer_organization_links) check_organization_links(s, v, path);
}

void check_organization_links(Store::Impl& s, const Organization& v, const std::string& path) {
  for (std::size_t i = 0; i < v.exclusions.ngos.size(); ++i) {
    require(s, EntityType::organization, v.exclusions.ngos[i], item(path, "exclusions.ngos", i));
  }
}

void check_references(Store::Impl& s, const Lawyer& v, const std::string& path) {
  require(s, EntityType::organization, v.firm, field(path, "firm"));
  for (std::size_t i = 0; i < v.admissions.size(); ++i) {
    require(s, EntityType::jurisdiction, v.admissions[i].jurisdiction, item(path, "admissions", i) + ".jurisdiction");
  }
  for (std::size_t i = 0; i < v.practice_areas.size(); ++i) {
    require(s, EntityType::practice_area, v.practice_areas[i].code, item(path, "practice_areas", i) + ".code");
  }
  for (std::size_t i = 0; i < v.trainings.size(); ++i) {
    const std::string training = item(path, "trainings", i);
    require(s, EntityType::practice_area, v.trainings[i].topic, training + ".topic");
    require(s, EntityType::jurisdiction, v.trainings[i].jurisdiction, training + ".jurisdiction");
  }
}

void check_references(Store::Impl& s, const Matter& v, const std::string& path) {
  require(s, EntityType::organization, v.ngo, field(path, "ngo"));
  require(s, EntityType::practice_area, v.practice_area, field(path, "practice_area"));
  require(s, EntityType::jurisdiction, v.forum, field(path, "forum"));
  for (std::size_t i = 0; i < v.related_jurisdictions.size(); ++i) {
    require(s, EntityType::jurisdiction, v.related_jurisdictions[i], item(path, "related_jurisdictions", i));
  }
}

void check_references(Store::Impl& s, const Engagement& v, const std::string& path) {
  require(s, EntityType::matter, v.matter, field(path, "matter"));
  require(s, EntityType::lawyer, v.lawyer, field(path, "lawyer"));
  require(s, EntityType::lawyer, v.supervising_lawyer, field(path, "supervising_lawyer"));
}

void check_references(Store::Impl& s, const Event& v, const std::string& path) {
  require(s, EntityType::jurisdiction, v.jurisdiction, field(path, "jurisdiction"));
  require(s, EntityType::organization, v.organizer, field(path, "organizer"));
  for (std::size_t i = 0; i < v.topics.size(); ++i) {
    require(s, EntityType::practice_area, v.topics[i], item(path, "topics", i));
  }
  for (std::size_t i = 0; i < v.attendees.size(); ++i) {
    require(s, EntityType::lawyer, v.attendees[i], item(path, "attendees", i));
  }
}

void check_references(Store::Impl& s, const Service& v, const std::string& path) {
  require(s, EntityType::organization, v.provider, field(path, "provider"));
  require(s, EntityType::jurisdiction, v.jurisdiction, field(path, "jurisdiction"));
  for (std::size_t i = 0; i < v.practice_areas.size(); ++i) {
    require(s, EntityType::practice_area, v.practice_areas[i], item(path, "practice_areas", i));
  }
}

}  // namespace tables
}  // namespace v1
}  // namespace atip
