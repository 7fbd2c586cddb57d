// Internal: how each entity type maps onto its tables.
#pragma once

#include <string>
#include <vector>

#include "atip/model/dataset.hpp"
#include "store/store_impl.hpp"

namespace atip {
inline namespace v1 {
namespace tables {

/// A column elsewhere that refers to an entity; used to explain why a
/// remove is rejected.
struct Referrer {
  const char* table;
  const char* column;
  const char* key;    ///< Key column of the referring table, to name the referrer.
  const char* label;  ///< Entity name of the referrer, for messages.
};

/// Static description of an entity type's storage.
struct TableInfo {
  EntityType type;
  const char* table;
  const char* key;        ///< "id" or "code".
  const char* id_prefix;  ///< Prefix of generated ids ("lawyer-17").
  std::vector<Referrer> referrers;
  std::string exists_sql = {};  ///< SELECT 1 FROM table WHERE key = ?, filled in once
};

const TableInfo& info(EntityType type);

/// Writes the projected row and the child rows of a record whose canonical
/// JSON is `doc`. `replace` deletes the old child rows first.
void write_rows(Store::Impl& s, const Jurisdiction& v, const std::string& doc, bool replace);
void write_rows(Store::Impl& s, const PracticeArea& v, const std::string& doc, bool replace);
void write_rows(Store::Impl& s, const Organization& v, const std::string& doc, bool replace);
void write_rows(Store::Impl& s, const Lawyer& v, const std::string& doc, bool replace);
void write_rows(Store::Impl& s, const Matter& v, const std::string& doc, bool replace);
void write_rows(Store::Impl& s, const Engagement& v, const std::string& doc, bool replace);
void write_rows(Store::Impl& s, const Event& v, const std::string& doc, bool replace);
void write_rows(Store::Impl& s, const Service& v, const std::string& doc, bool replace);

/// Throws constraint, naming the field under `path`, when a record refers to
/// an entity that does not exist.
void check_references(Store::Impl& s, const Jurisdiction& v, const std::string& path);
void check_references(Store::Impl& s, const PracticeArea& v, const std::string& path);
void check_references(Store::Impl& s, const Organization& v, const std::string& path);
/// The references from `v` to other organizations (exclusions.ngos).
void check_organization_links(Store::Impl& s, const Organization& v, const std::string& path);
void check_references(Store::Impl& s, const Lawyer& v, const std::string& path);
void check_references(Store::Impl& s, const Matter& v, const std::string& path);
void check_references(Store::Impl& s, const Engagement& v, const std::string& path);
void check_references(Store::Impl& s, const Event& v, const std::string& path);
void check_references(Store::Impl& s, const Service& v, const std::string& path);

bool exists(Store::Impl& s, EntityType type, const std::string& id);

}  // namespace tables
}  // namespace v1
}  // namespace atip
