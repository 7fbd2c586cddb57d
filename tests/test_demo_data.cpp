// The demo data set (examples/data/demo.json) imports cleanly, and its
// matters follow the CTDC counts they were drawn from: the share of each
// route (citizenship -> country of exploitation) and of each exploitation
// type is within a few percentage points of the share in the CTDC file.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "atip/clearinghouse.hpp"
#include "support.hpp"

namespace {

const std::string kDemoPath = std::string(ATIP_SOURCE_DIR) + "/examples/data/demo.json";
const std::string kCtdcPath =
    std::string(ATIP_SOURCE_DIR) + "/examples/data/sources/ctdc_2020_kanon_aggregate_hk_mm_vn_th_kh.csv";

// Largest allowed difference between a share in the demo and in CTDC, in
// percentage points. With 300 matters one matter is 0.33 points.
constexpr double kTolerancePoints = 2.0;

// Reads one line without its terminator; the CSV files end lines with CRLF.
bool read_line(std::istream& in, std::string& line) {
  if (!std::getline(in, line)) return false;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

std::vector<std::string> split_csv_line(const std::string& line) {
  // The CTDC file has no quoted fields.
  std::vector<std::string> fields;
  std::stringstream stream(line);
  std::string field;
  while (std::getline(stream, field, ',')) fields.push_back(field);
  return fields;
}

struct Shares {
  std::map<std::string, double> routes;
  std::map<std::string, double> exploitation_types;
};

void normalise(std::map<std::string, double>& counts) {
  double total = 0;
  for (const auto& [key, count] : counts) total += count;
  for (auto& [key, count] : counts) count = 100.0 * count / total;
}

// Shares of the CTDC rows with a known country of exploitation (the demo
// generator leaves the others out, because a matter needs a forum).
Shares ctdc_shares() {
  std::ifstream in(kCtdcPath);
  REQUIRE(in.good());
  std::string line;
  read_line(in, line);
  REQUIRE(line == "yearOfRegistration,gender,ageBroad,citizenship,countryOfExploitation,exploitationType,count");

  Shares shares;
  while (read_line(in, line)) {
    if (line.empty()) continue;
    const auto fields = split_csv_line(line);
    REQUIRE(fields.size() == 7);
    if (fields[4] == "unknown") continue;
    const double count = std::stod(fields[6]);
    shares.routes[fields[3] + "->" + fields[4]] += count;
    shares.exploitation_types[fields[5]] += count;
  }
  normalise(shares.routes);
  normalise(shares.exploitation_types);
  return shares;
}

// The country of exploitation of a matter: its forum, unless the work is
// done at home (forum == citizenship) about exploitation abroad, which is
// then the first related jurisdiction.
std::string exploitation_country(const nlohmann::json& matter, const std::string& citizenship) {
  const std::string forum = matter.at("forum");
  const bool at_home = forum == citizenship;
  if (at_home && matter.contains("related_jurisdictions")) return matter["related_jurisdictions"].at(0);
  return forum;
}

Shares demo_shares(const std::vector<nlohmann::json>& matters) {
  Shares shares;
  for (const auto& matter : matters) {
    if (!matter.contains("client_profile")) continue;  // the NGOs' own requests
    const auto& profile = matter["client_profile"];
    const std::string citizenship = profile.value("citizenship", std::string("unknown"));
    shares.routes[citizenship + "->" + exploitation_country(matter, citizenship)] += 1;
    shares.exploitation_types[profile.at("exploitation_type").get<std::string>()] += 1;
  }
  normalise(shares.routes);
  normalise(shares.exploitation_types);
  return shares;
}

void check_shares(const std::map<std::string, double>& expected, const std::map<std::string, double>& actual) {
  for (const auto& [key, share] : expected) {
    const auto found = actual.find(key);
    const double demo_share = found == actual.end() ? 0.0 : found->second;
    INFO(key << ": CTDC " << share << "%, demo " << demo_share << "%");
    CHECK(std::abs(demo_share - share) <= kTolerancePoints);
  }
  for (const auto& [key, share] : actual) {
    INFO(key << " is in the demo but not in CTDC");
    CHECK(expected.count(key) == 1);
  }
}

std::vector<nlohmann::json> import_demo_matters(const atip_test::TempDir& dir) {
  auto clearinghouse = atip::Clearinghouse::open(dir.file("demo.db"));
  const auto report = clearinghouse->import_json(atip_test::read_file(kDemoPath));
  CHECK(report.counts.at("matters") >= 300);
  atip::ExportOptions confidential;
  confidential.include_confidential = true;
  return clearinghouse->list(atip::EntityType::matter, {}, confidential);
}

}  // namespace

TEST_CASE("demo data: imports into a fresh database", "[demo_data]") {
  atip_test::TempDir dir;
  auto clearinghouse = atip::Clearinghouse::open(dir.file("demo.db"));

  const auto report = clearinghouse->import_json(atip_test::read_file(kDemoPath));

  CHECK(report.counts.at("organizations") >= 100);
  CHECK(report.counts.at("lawyers") >= 550);
  CHECK(report.counts.at("matters") >= 300);
  CHECK(report.counts.at("events") >= 10);
  CHECK(report.counts.at("services") >= 15);
  CHECK(report.zawgyi_converted.empty());
}

TEST_CASE("demo data: law firms merge list spellings", "[demo_data]") {
  atip_test::TempDir dir;
  auto clearinghouse = atip::Clearinghouse::open(dir.file("demo.db"));
  clearinghouse->import_json(atip_test::read_file(kDemoPath));

  const auto firm = clearinghouse->get(atip::EntityType::organization, "firm-th-bangkok-lawyer");

  REQUIRE(firm.contains("merged_from"));
  CHECK(firm["merged_from"].size() == 3);
  CHECK(firm["names"].size() >= 3);
}

TEST_CASE("demo data: matters follow CTDC routes", "[demo_data]") {
  atip_test::TempDir dir;
  const auto matters = import_demo_matters(dir);
  const auto expected = ctdc_shares();

  const auto actual = demo_shares(matters);

  REQUIRE(actual.routes.size() > 5);
  check_shares(expected.routes, actual.routes);
}

TEST_CASE("demo data: matters follow CTDC exploitation types", "[demo_data]") {
  atip_test::TempDir dir;
  const auto matters = import_demo_matters(dir);
  const auto expected = ctdc_shares();

  const auto actual = demo_shares(matters);

  REQUIRE(actual.exploitation_types.size() >= 3);
  check_shares(expected.exploitation_types, actual.exploitation_types);
}
