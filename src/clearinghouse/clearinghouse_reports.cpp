// The facade's access to the reports.
#include "clearinghouse/clearinghouse_impl.hpp"

namespace atip {
inline namespace v1 {

Reports Clearinghouse::reports(const ReportOptions& options) const { return Reports(*impl_->store, options); }

CoverageGapReport Clearinghouse::coverage_report(const ReportOptions& options, const Policy& policy) {
  std::lock_guard lock(mutex());
  // Check the options before the matcher runs over every open matter.
  const Reports reports(*impl_->store, options);
  return reports.coverage(coverage_gaps(policy));
}

}  // namespace v1
}  // namespace atip
