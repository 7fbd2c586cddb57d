// Enumerates the free-text fields of each entity for the input-cleaning pass.
#include "atip/model/dataset.hpp"

namespace atip {
inline namespace v1 {

namespace {

void visit_names(std::vector<Name>& names, const std::string& prefix, const TextVisitor& visit) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    visit(names[i].value, prefix + "names[" + std::to_string(i) + "].value");
  }
}

void visit_register(std::vector<ConflictEntry>& entries, const TextVisitor& visit) {
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string prefix = "conflict_register[" + std::to_string(i) + "].";
    visit_names(entries[i].names, prefix, visit);
    visit(entries[i].note, prefix + "note");
  }
}

}  // namespace

void visit_text_fields(Jurisdiction& value, const TextVisitor& visit) {
  visit(value.name, "name");
  visit(value.admission_notes, "admission_notes");
  for (std::size_t i = 0; i < value.statutes.size(); ++i) {
    visit(value.statutes[i].title, "statutes[" + std::to_string(i) + "].title");
    visit(value.statutes[i].citation, "statutes[" + std::to_string(i) + "].citation");
  }
}

void visit_text_fields(PracticeArea& value, const TextVisitor& visit) {
  visit(value.name, "name");
  visit(value.description, "description");
}

void visit_text_fields(Organization& value, const TextVisitor& visit) {
  visit_names(value.names, "", visit);
  visit_register(value.conflict_register, visit);
  for (std::size_t i = 0; i < value.exclusions.parties.size(); ++i) {
    visit(value.exclusions.parties[i], "exclusions.parties[" + std::to_string(i) + "]");
  }
  visit(value.notes, "notes");
}

void visit_text_fields(Lawyer& value, const TextVisitor& visit) {
  visit_names(value.names, "", visit);
  visit_register(value.conflict_register, visit);
  visit(value.notes, "notes");
}

void visit_text_fields(Matter& value, const TextVisitor& visit) {
  visit(value.title, "title");
  visit(value.summary, "summary");
  visit(value.facts, "facts");
  visit(value.outcome, "outcome");
  for (std::size_t i = 0; i < value.parties.size(); ++i) {
    visit_names(value.parties[i].names, "parties[" + std::to_string(i) + "].", visit);
  }
}

void visit_text_fields(Engagement& value, const TextVisitor& visit) {
  visit(value.decline_reason, "decline_reason");
  visit(value.outcome, "outcome");
  for (std::size_t i = 0; i < value.hours.size(); ++i) {
    visit(value.hours[i].note, "hours[" + std::to_string(i) + "].note");
  }
}

void visit_text_fields(Event& value, const TextVisitor& visit) { visit(value.title, "title"); }

void visit_text_fields(Service& value, const TextVisitor& visit) {
  visit_names(value.names, "", visit);
  visit(value.description, "description");
  visit(value.eligibility, "eligibility");
  visit(value.location, "location");
  visit(value.hours, "hours");
  visit(value.cost, "cost");  // "free", "low_cost", "fee" or free text
}

}  // namespace v1
}  // namespace atip
