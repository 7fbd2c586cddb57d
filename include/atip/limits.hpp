// Documented maximum sizes of input. Input over a limit is rejected with
// ErrorKind::limit_exceeded and a message naming the limit.
#pragma once

#include <cstddef>

namespace atip {
inline namespace v1 {

inline constexpr std::size_t kMaxIdBytes = 128;            ///< An entity id.
inline constexpr std::size_t kMaxNameBytes = 512;          ///< A name, title or short field.
inline constexpr std::size_t kMaxTextBytes = 64 * 1024;    ///< Descriptions, facts, notes.
inline constexpr std::size_t kMaxListItems = 1000;         ///< Items in any list inside one entity.
inline constexpr std::size_t kMaxDatasetRecords = 2'000'000;  ///< Records in one data set.
inline constexpr std::size_t kMaxDocumentBytes = 1024u * 1024u * 1024u;  ///< One JSON document, 1 GiB.

}  // namespace v1
}  // namespace atip
