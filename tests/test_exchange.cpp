// JSON exchange: strict readers, canonical writers, round trips.
#include <catch2/catch.hpp>

#include "atip/error.hpp"
#include "atip/reference_data.hpp"
#include "support.hpp"

using namespace atip;
using nlohmann::json;

namespace {

std::string reader_error(const json& document) {
  try {
    dataset_from_json(document);
  } catch (const Error& error) {
    return error.what();
  }
  FAIL("expected the reader to reject the document");
  return {};
}

json one_lawyer(const json& lawyer) { return json{{"lawyers", json::array({lawyer})}}; }

json valid_lawyer() {
  return json::parse(R"({"id": "L-1", "names": [{"value": "Sok Dara"}],
                         "languages": [{"tag": "km", "proficiency": "native"}]})");
}

}  // namespace

TEST_CASE("exchange: invalid BCP 47 tag names path and value", "[exchange]") {
  json lawyer = valid_lawyer();
  lawyer["languages"][0]["tag"] = "xx-?";

  CHECK(reader_error(one_lawyer(lawyer)) ==
        "lawyers[0].languages[0].tag: \"xx-?\" is not a valid BCP 47 tag (not well-formed)");
}

TEST_CASE("exchange: unknown field is rejected", "[exchange]") {
  json lawyer = valid_lawyer();
  lawyer["colour"] = "blue";

  CHECK(reader_error(one_lawyer(lawyer)) == "lawyers[0]: unknown field \"colour\"");
}

TEST_CASE("exchange: wrong types name the path", "[exchange]") {
  json lawyer = valid_lawyer();
  lawyer["max_active_matters"] = "three";
  CHECK(reader_error(one_lawyer(lawyer)).rfind("lawyers[0].max_active_matters: \"three\" is not valid", 0) == 0);

  lawyer = valid_lawyer();
  lawyer["vetted"] = 1;
  CHECK(reader_error(one_lawyer(lawyer)) == "lawyers[0].vetted: expected true or false, got 1");

  lawyer = valid_lawyer();
  lawyer["names"] = "Sok Dara";
  CHECK(reader_error(one_lawyer(lawyer)).rfind("lawyers[0].names: expected an array", 0) == 0);
}

TEST_CASE("exchange: out-of-range numbers and dates are rejected", "[exchange]") {
  json lawyer = valid_lawyer();
  lawyer["max_active_matters"] = -1;
  CHECK(reader_error(one_lawyer(lawyer)).find("out of range") != std::string::npos);

  lawyer = valid_lawyer();
  lawyer["max_active_matters"] = 18446744073709551615ull;
  CHECK(reader_error(one_lawyer(lawyer)).find("out of range") != std::string::npos);

  lawyer = valid_lawyer();
  lawyer["admissions"] = json::parse(R"([{"jurisdiction": "TH", "since": "2015-02-30"}])");
  CHECK(reader_error(one_lawyer(lawyer)) ==
        "lawyers[0].admissions[0].since: \"2015-02-30\" is not a valid date (expected YYYY-MM-DD, years 1900-2200)");
}

TEST_CASE("exchange: unknown enum value lists the valid ones", "[exchange]") {
  json lawyer = valid_lawyer();
  lawyer["languages"][0]["proficiency"] = "fluent";

  CHECK(reader_error(one_lawyer(lawyer)) ==
        "lawyers[0].languages[0].proficiency: \"fluent\" is not a valid proficiency "
        "(expected one of: basic, working, professional, native)");
}

TEST_CASE("exchange: NUL and invalid UTF-8 are rejected", "[exchange]") {
  json lawyer = valid_lawyer();
  lawyer["names"][0]["value"] = std::string("Sok\0Dara", 8);
  CHECK(reader_error(one_lawyer(lawyer)).find("NUL character") != std::string::npos);

  lawyer = valid_lawyer();
  lawyer["names"][0]["value"] = std::string("\xC0\xAF");  // overlong '/'
  CHECK(reader_error(one_lawyer(lawyer)).find("not valid UTF-8") != std::string::npos);
}

TEST_CASE("exchange: malformed JSON text gives the byte offset", "[exchange]") {
  try {
    parse_json_text("{\"lawyers\": [}");
    FAIL("expected a parse error");
  } catch (const Error& error) {
    CHECK(error.kind() == ErrorKind::invalid_argument);
    CHECK(std::string(error.what()).rfind("document: malformed JSON at byte 14", 0) == 0);
  }
}

TEST_CASE("exchange: newer data-set version is a schema error", "[exchange]") {
  try {
    dataset_from_json(json{{"format", "atip-dataset"}, {"version", 99}});
    FAIL("expected a version error");
  } catch (const Error& error) {
    CHECK(error.kind() == ErrorKind::schema_version);
  }
}

TEST_CASE("exchange: confidential matter fields need the flag", "[exchange]") {
  Matter matter = atip_test::make_matter("M-1", "ngo-1", "TH", "km");
  matter.facts = "Recruited in Siem Reap in 2024";
  matter.client_ref = "C-0001";
  matter.client_profile.gender = "female";

  const std::string plain = to_json(matter).dump();
  const std::string full = to_json(matter, ExportOptions{true}).dump();

  CHECK(plain.find("Siem Reap") == std::string::npos);
  CHECK(plain.find("C-0001") == std::string::npos);
  CHECK(plain.find("female") == std::string::npos);
  CHECK(full.find("Siem Reap") != std::string::npos);
  CHECK(matter_from_json(to_json(matter, ExportOptions{true}), "matter") == matter);
}

TEST_CASE("exchange: every entity type round trips", "[exchange]") {
  Dataset data = reference_dataset();
  Organization firm = atip_test::make_ngo("firm-1", "Tilleke & Gibbins");
  firm.kind = OrganizationKind::law_firm;
  firm.exclusions.practice_areas = {"strategic_litigation"};
  firm.conflict_register = {{{{"黃志明", "zh-Hant", "primary"}, {"Wong Chi Ming", "", "romanisation"}}, "client", ""}};
  data.organizations = {atip_test::make_ngo("ngo-1", "Hagar"), firm};
  data.lawyers = {atip_test::make_lawyer("L-1", "ស៊ុន ដារ៉ា", "KH", "km")};
  Matter matter = atip_test::make_matter("M-1", "ngo-1", "KH", "km");
  matter.parties = {{{{"Oknha Phan", "", ""}}, PartyKind::person, PartyRole::recruitment_agency}};
  matter.deadline = Date::parse("2026-03-01", "deadline");
  data.matters = {matter};
  Engagement engagement;
  engagement.id = "E-1";
  engagement.matter = "M-1";
  engagement.lawyer = "L-1";
  engagement.offered_on = Date::parse("2026-01-20", "offered_on");
  engagement.hours = {{Date::parse("2026-01-21", "date"), 2.5, "drafting", ""}};
  engagement.feedback = 5;
  data.engagements = {engagement};
  Event event;
  event.id = "EV-1";
  event.title = "Victim compensation workshop";
  event.date = Date::parse("2025-11-03", "date");
  event.jurisdiction = "KH";
  event.attendees = {"L-1"};
  data.events = {event};
  Service service;
  service.id = "S-1";
  service.names = {{"Legal aid desk", "", ""}};
  service.jurisdiction = "KH";
  service.languages = {"km"};
  data.services = {service};

  const json first = to_json(data, ExportOptions{true});
  const Dataset reread = dataset_from_json(first);

  CHECK(reread == data);
  CHECK(dump_json_text(to_json(reread, ExportOptions{true})) == dump_json_text(first));
}

TEST_CASE("exchange: large collections report the first bad record", "[exchange]") {
  // 6,000 lawyers are read on two threads: the first error in document order
  // is reported whichever half it is in.
  json lawyers = json::array();
  for (int i = 0; i < 6000; ++i) {
    json lawyer = valid_lawyer();
    lawyer["id"] = "L-" + std::to_string(i);
    lawyers.push_back(lawyer);
  }
  json document = {{"lawyers", lawyers}};
  CHECK(dataset_from_json(document).lawyers.at(5999).id == "L-5999");

  document["lawyers"][5500]["languages"][0]["tag"] = "xx-?";
  CHECK_THAT(reader_error(document), Catch::StartsWith("lawyers[5500].languages[0].tag"));
  document["lawyers"][1200]["vetted"] = "yes";
  CHECK_THAT(reader_error(document), Catch::StartsWith("lawyers[1200].vetted"));
}

TEST_CASE("exchange: rejected values are escaped in messages", "[exchange]") {
  json lawyer = valid_lawyer();
  lawyer["admissions"] = json::array({{{"jurisdiction", "T\nH"}}});

  const std::string message = reader_error(one_lawyer(lawyer));
  CHECK(message.find('\n') == std::string::npos);
  CHECK_THAT(message, Catch::StartsWith("lawyers[0].admissions[0].jurisdiction: \"T\\nH\" is not a valid jurisdiction code"));
}
