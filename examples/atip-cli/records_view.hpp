// Text renderings of stored records for people: display names and a
// field-by-field view used by `atip show`.
#pragma once

#include <iosfwd>
#include <string>

#include <nlohmann/json.hpp>

#include "atip/model/dataset.hpp"

namespace atip_cli {

/// The first name of a record ("names"), else its "name" or "title", else its id.
std::string display_name(const nlohmann::json& record);
/// All names of a record joined: "ဦးကျော်ဝင်း / U Kyaw Win / Kyaw Win".
std::string all_names(const nlohmann::json& record);
/// Writes a heading and one line per field; nested lists are indented.
void print_record(std::ostream& out, atip::EntityType type, const nlohmann::json& record);

}  // namespace atip_cli
