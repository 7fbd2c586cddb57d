// The once-on-input text pass: every stored text field goes through
// text::prepare_input (UTF-8 check, Zawgyi to Unicode, NFC).
#include "atip/text.hpp"
#include "clearinghouse/clearinghouse_impl.hpp"

namespace atip {
inline namespace v1 {

namespace {

template <typename T>
void clean_collection(std::vector<T>& items, EntityType type, std::vector<std::string>& converted) {
  const std::string collection(collection_name(type));
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string prefix = collection + "[" + std::to_string(i) + "].";
    visit_text_fields(items[i], [&](std::string& value, const std::string& field) {
      if (value.empty()) return;
      text::InputText cleaned = text::prepare_input(value, prefix + field);
      if (cleaned.zawgyi_converted) converted.push_back(prefix + field);
      value = std::move(cleaned.text);
    });
  }
}

}  // namespace

void clean_dataset_text(Dataset& data, std::vector<std::string>& converted) {
  clean_collection(data.jurisdictions, EntityType::jurisdiction, converted);
  clean_collection(data.practice_areas, EntityType::practice_area, converted);
  clean_collection(data.organizations, EntityType::organization, converted);
  clean_collection(data.lawyers, EntityType::lawyer, converted);
  clean_collection(data.matters, EntityType::matter, converted);
  clean_collection(data.engagements, EntityType::engagement, converted);
  clean_collection(data.events, EntityType::event, converted);
  clean_collection(data.services, EntityType::service, converted);
}

}  // namespace v1
}  // namespace atip
