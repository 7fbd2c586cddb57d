// Helpers shared by the Catch2 suites: temporary folders and small fixtures.
#pragma once

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>

#include "atip/model/dataset.hpp"

namespace atip_test {

/// Returns the bytes of the file at `path`; throws when it cannot be read.
inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read test file \"" + path + "\"");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

/// A fresh folder under the system temp directory, removed on destruction.
class TempDir {
 public:
  TempDir() {
    std::random_device device;
    path_ = std::filesystem::temp_directory_path() / ("atip-test-" + std::to_string(device()) + std::to_string(device()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string file(const std::string& name) const { return (path_ / name).string(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// A lawyer with the fields most tests need.
inline atip::Lawyer make_lawyer(const std::string& id, const std::string& name, const std::string& jurisdiction,
                                const std::string& language) {
  atip::Lawyer lawyer;
  lawyer.id = id;
  lawyer.names = {{name, "", ""}};
  lawyer.vetted = true;
  lawyer.admissions = {{jurisdiction, std::nullopt, atip::AdmissionStatus::active}};
  lawyer.languages = {{language, atip::Proficiency::native}};
  lawyer.practice_areas = {{"labour.wage_claims", 5}};
  return lawyer;
}

inline atip::Organization make_ngo(const std::string& id, const std::string& name) {
  atip::Organization ngo;
  ngo.id = id;
  ngo.kind = atip::OrganizationKind::ngo;
  ngo.names = {{name, "", ""}};
  return ngo;
}

/// A law firm practising in TH.
inline atip::Organization make_firm(const std::string& id, const std::string& name) {
  atip::Organization firm;
  firm.id = id;
  firm.kind = atip::OrganizationKind::law_firm;
  firm.names = {{name, "", ""}};
  firm.jurisdictions = {"TH"};
  return firm;
}

/// An engagement offered on 2026-01-20, now in `status`.
inline atip::Engagement make_engagement(const std::string& id, const std::string& matter, const std::string& lawyer,
                                        atip::EngagementStatus status) {
  atip::Engagement engagement;
  engagement.id = id;
  engagement.matter = matter;
  engagement.lawyer = lawyer;
  engagement.status = status;
  engagement.offered_on = atip::Date::parse("2026-01-20", "offered_on");
  return engagement;
}

inline atip::Matter make_matter(const std::string& id, const std::string& ngo, const std::string& forum,
                                const std::string& language) {
  atip::Matter matter;
  matter.id = id;
  matter.ngo = ngo;
  matter.title = "Wage claim " + id;
  matter.practice_area = "labour.wage_claims";
  matter.forum = forum;
  matter.languages = {language};
  matter.activities = {atip::Activity::appear_in_court};
  matter.status = atip::MatterStatus::circulated;
  matter.created = atip::Date::parse("2026-01-15", "created");
  return matter;
}

}  // namespace atip_test
