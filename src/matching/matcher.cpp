// TODO: placeholder so that the facade links while the matching engine is
// written; every call reports that ranking is not available yet.
#include "atip/matching.hpp"

#include "atip/error.hpp"

namespace atip {
inline namespace v1 {

struct Matcher::Impl {
  explicit Impl(Store& attached) : store(attached) {}
  Store& store;
};

namespace {
[[noreturn]] void not_available(const char* call) {
  fail(ErrorKind::internal, std::string(call) + ": the matching engine is not built into this version");
}
}  // namespace

Matcher::Matcher(Store& store) : impl_(std::make_unique<Impl>(store)) {}
Matcher::~Matcher() = default;
Ranking Matcher::rank(const std::string&, const Policy&, const RankOptions&) { not_available("rank"); }
Ranking Matcher::rank(const Matter&, const Policy&, const RankOptions&) { not_available("rank"); }
AssignmentResult Matcher::assign(const AssignOptions&, const Policy&) { not_available("assign"); }
CoverageReport Matcher::coverage_gaps(const Policy&, const CoverageOptions&) { not_available("coverage_gaps"); }
void Matcher::set_name_variants(const std::vector<std::vector<std::string>>&) {}
void Matcher::invalidate() {}
void Matcher::refresh() {}
MatcherStats Matcher::stats() const { return {}; }

}  // namespace v1
}  // namespace atip
