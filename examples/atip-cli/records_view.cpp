// Text renderings of stored records.
#include "records_view.hpp"

#include <ostream>

#include "cli.hpp"

namespace atip_cli {

namespace {

std::string name_value(const nlohmann::json& name) {
  if (name.is_string()) return name.get<std::string>();
  return name.value("value", std::string());
}

std::string scalar_text(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "yes" : "no";
  if (value.is_number_float()) {
    const double number = value.get<double>();
    if (number == static_cast<double>(static_cast<long long>(number))) return std::to_string(static_cast<long long>(number));
    return format_score(number);
  }
  return value.dump();
}

// "tag=km, proficiency=native" for a small object; names print as their value.
std::string inline_object(const nlohmann::json& object) {
  if (object.contains("value") && object["value"].is_string()) {
    std::string text = object["value"].get<std::string>();
    const std::string lang = object.value("lang", std::string());
    const std::string kind = object.value("kind", std::string());
    if (!lang.empty() || !kind.empty()) text += " (" + lang + (lang.empty() || kind.empty() ? "" : ", ") + kind + ")";
    return text;
  }
  std::string text;
  for (const auto& [key, value] : object.items()) {
    if (!text.empty()) text += ", ";
    if (value.is_array()) {
      std::string joined;
      for (const auto& item : value) {
        joined += (joined.empty() ? "" : " / ") + (item.is_object() ? inline_object(item) : scalar_text(item));
      }
      text += key + ": " + joined;
    } else if (value.is_object()) {
      text += key + ": {" + inline_object(value) + "}";
    } else {
      text += key + ": " + scalar_text(value);
    }
  }
  return text;
}

bool all_scalars(const nlohmann::json& array) {
  for (const auto& item : array) {
    if (item.is_object() || item.is_array()) return false;
  }
  return true;
}

}  // namespace

std::string display_name(const nlohmann::json& record) {
  if (record.contains("names") && record["names"].is_array() && !record["names"].empty()) {
    return name_value(record["names"][0]);
  }
  for (const char* key : {"name", "title", "id", "code"}) {
    if (record.contains(key) && record[key].is_string()) return record[key].get<std::string>();
  }
  return "";
}

std::string all_names(const nlohmann::json& record) {
  if (!record.contains("names")) return display_name(record);
  std::string text;
  for (const auto& name : record["names"]) text += (text.empty() ? "" : " / ") + name_value(name);
  return text;
}

void print_record(std::ostream& out, atip::EntityType type, const nlohmann::json& record) {
  const std::string id = record.contains("id") ? record["id"].get<std::string>() : record.value("code", std::string());
  out << atip::to_string(type) << " " << id << ": " << display_name(record) << "\n\n";

  std::size_t width = 0;
  for (const auto& [key, value] : record.items()) width = std::max(width, key.size());
  for (const auto& [key, value] : record.items()) {
    if (key == "id" || key == "code") continue;
    const std::string label = "  " + key + ":" + std::string(width - key.size() + 1, ' ');
    if (value.is_array() && all_scalars(value)) {
      std::string joined;
      for (const auto& item : value) joined += (joined.empty() ? "" : ", ") + scalar_text(item);
      out << label << joined << "\n";
    } else if (value.is_array()) {
      out << label << value.size() << (value.size() == 1 ? " entry" : " entries") << "\n";
      for (const auto& item : value) out << "      - " << inline_object(item) << "\n";
    } else if (value.is_object()) {
      out << label << inline_object(value) << "\n";
    } else {
      out << label << scalar_text(value) << "\n";
    }
  }
}

}  // namespace atip_cli
