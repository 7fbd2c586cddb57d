// Imports a small network through the installed C++ API and searches it.
#include <cstdio>
#include <exception>

#include <atip/clearinghouse.hpp>
#include <atip/version.hpp>

int main() {
  try {
    auto clearinghouse = atip::Clearinghouse::open(":memory:");
    const auto report = clearinghouse->import_json(R"({
      "format": "atip-dataset", "version": 1,
      "organizations": [{"id": "firm-1", "kind": "law_firm",
                         "names": [{"value": "Nguyễn & Partners", "lang": "vi"}],
                         "jurisdictions": ["VN"]}]
    })");
    atip::SearchQuery query;
    query.text = "nguyen";
    const auto hits = clearinghouse->search(query);
    std::printf("atip %s: imported %zu record(s), search found %zu\n", atip::kVersionString, report.total(),
                hits.size());
    return hits.size() == 1 ? 0 : 1;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "consumer failed: %s\n", error.what());
    return 1;
  }
}
