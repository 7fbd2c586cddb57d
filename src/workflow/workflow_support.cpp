// Helpers shared by the workflow operations: actors, loading, id generation.
#include "atip/error.hpp"
#include "model/json_reader.hpp"
#include "workflow/workflow_internal.hpp"

namespace atip {
inline namespace v1 {
namespace workflow_detail {

void run_as(Context& context, const std::string& actor, const std::string& actor_field,
            const std::function<void()>& work) {
  detail::check_id(actor, actor_field);
  AuditLog::ActorScope scope(context.audit, actor);
  context.store.transaction(work);
}

void check_text(const std::string& text, const std::string& field, std::size_t max_bytes, bool required) {
  if (required && text.empty()) fail(ErrorKind::invalid_argument, field + ": is required");
  if (text.size() > max_bytes) {
    fail(ErrorKind::limit_exceeded, field + ": " + std::to_string(text.size()) + " bytes exceed the limit of " +
                                        std::to_string(max_bytes) + " bytes");
  }
  detail::check_utf8(text, field);
}

namespace {

[[noreturn]] void missing(const char* type, const std::string& id, const std::string& field) {
  fail(ErrorKind::not_found, field + ": " + type + " \"" + id + "\" does not exist");
}

}  // namespace

Matter load_matter(const Store& store, const std::string& id, const std::string& field) {
  auto matter = store.find_matter(id);
  if (!matter) missing("matter", id, field);
  return *matter;
}

Lawyer load_lawyer(const Store& store, const std::string& id, const std::string& field) {
  auto lawyer = store.find_lawyer(id);
  if (!lawyer) missing("lawyer", id, field);
  return *lawyer;
}

Engagement load_engagement(const Store& store, const std::string& id, const std::string& field) {
  auto engagement = store.find_engagement(id);
  if (!engagement) missing("engagement", id, field);
  return *engagement;
}

Organization load_organization(const Store& store, const std::string& id, const std::string& field) {
  auto organization = store.find_organization(id);
  if (!organization) missing("organization", id, field);
  return *organization;
}

std::string CheckSubject::describe() const {
  return firm.empty() ? "lawyer \"" + lawyer + "\"" : "firm \"" + firm + "\"";
}

CheckSubject check_subject_of(const Lawyer& lawyer) {
  if (lawyer.firm.empty()) return CheckSubject{"", lawyer.id};
  return CheckSubject{lawyer.firm, ""};
}

std::string generate_id(sqlite3* db, const char* table, const char* prefix) {
  sql::Statement next(db, std::string("SELECT coalesce(max(rowid), 0) + 1 FROM ") + table);
  next.step();
  sql::Statement exists(db, std::string("SELECT 1 FROM ") + table + " WHERE id = ?");
  for (std::int64_t n = next.integer(0);; ++n) {
    std::string id = std::string(prefix) + "-" + std::to_string(n);
    exists.reset();
    if (!exists.bind(1, id).step()) return id;
  }
}

}  // namespace workflow_detail
}  // namespace v1
}  // namespace atip
