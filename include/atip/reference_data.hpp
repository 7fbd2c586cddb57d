// Reference data shipped with the library: the default ATIP practice-area
// taxonomy and the jurisdictions of the network and their neighbours.
#pragma once

#include "atip/model/dataset.hpp"

namespace atip {
inline namespace v1 {

/// The default taxonomy and jurisdictions as a data set (no other records).
/// Sources of the jurisdiction facts are in docs/reference-data.md.
const Dataset& reference_dataset();

}  // namespace v1
}  // namespace atip
