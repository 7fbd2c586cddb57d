// Internal: the record-by-record reader behind dataset_from_json_text, which
// tests call directly to check that it, not the fallback, read a document.
#pragma once

#include <optional>
#include <string_view>

#include "atip/model/dataset.hpp"

namespace atip {
inline namespace v1 {
namespace detail {

/// Reads a data-set document one record at a time. Returns nullopt when the
/// document has a form this reader leaves to the whole-document reader: an
/// escaped or repeated top-level key, a collection that is not an array, or
/// anything but one top-level object. Throws on errors in the document, with
/// messages that may differ from the whole-document reader's.
std::optional<Dataset> read_dataset_by_record(std::string_view text);

}  // namespace detail
}  // namespace v1
}  // namespace atip
