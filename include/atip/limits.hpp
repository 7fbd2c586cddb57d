// Documented maximum sizes of input. Input over a limit is rejected with
// ErrorKind::limit_exceeded (ATIP_E_LIMIT_EXCEEDED in C, atip.LimitExceededError
// in Python) and a message that names the field, the size found and the limit:
//   lawyers[3].notes: text of 70000 bytes exceeds the limit of 65536 bytes
//
// The limits exist so that no input, however large or deep, can exhaust the
// memory or the stack of the host process, and so that every binding rejects
// the same documents. They are part of the API contract: a limit is raised
// only in a new minor release and never lowered. Sizes of text are counted in
// UTF-8 bytes after parsing (escapes such as "\u00e9" count as the bytes of
// the character they stand for) and before NFC normalisation.
//
// docs/security.md lists every limit with where it applies.
#pragma once

#include <cstddef>

namespace atip {
inline namespace v1 {

// ---------------------------------------------------------------------------
// Text fields of a record

/// An entity id ("lawyer-0042"), and every field that refers to one (firm,
/// ngo, matter, lawyer, provider, organizer, attendees, merged_from).
/// Ids must also be printable (no control characters) without leading or
/// trailing spaces; an empty id is invalid_argument, not a limit.
inline constexpr std::size_t kMaxIdBytes = 128;

/// A name, title or other short field: names[].value, title, outcome,
/// client_ref, website, location, hours, cost, statute titles and
/// citations, and each string of a list of strings (exclusions.parties).
inline constexpr std::size_t kMaxNameBytes = 512;

/// A long free-text field: summary, facts, notes, description,
/// eligibility, decline_reason, admission_notes, conflict register notes,
/// hours notes, and the notes of workflow requests.
inline constexpr std::size_t kMaxTextBytes = 64 * 1024;

// ---------------------------------------------------------------------------
// Lists and documents

/// Items in any list inside one record (names, admissions, languages,
/// practice areas, trainings, parties, hours, attendees, ...) and lawyers
/// in one attendance call.
inline constexpr std::size_t kMaxListItems = 1000;

/// Records in one collection of a data-set document ("lawyers": [...]).
inline constexpr std::size_t kMaxDatasetRecords = 2'000'000;

/// Bytes of one JSON document handed to the library: a data set to import,
/// a record, a policy, an argument of a C ABI call. 1 GiB.
inline constexpr std::size_t kMaxDocumentBytes = 1024u * 1024u * 1024u;

/// Deepest nesting of arrays and objects in one JSON document. The data-set
/// schema needs 7 levels. Code that walks a document recursively (the
/// serialisers, the Python conversion) must never be handed one that could
/// overflow the stack, so the check runs before parsing.
inline constexpr int kMaxJsonDepth = 64;

// ---------------------------------------------------------------------------
// Values (rejected as invalid_argument, since they are ranges, not sizes)

/// Dates (YYYY-MM-DD) are accepted for the years kMinDateYear..kMaxDateYear.
inline constexpr int kMinDateYear = 1900;
inline constexpr int kMaxDateYear = 2200;

// ---------------------------------------------------------------------------
// Directory search (atip/search.hpp, atip_directory_search)

/// Bytes of a search query's text.
inline constexpr std::size_t kMaxSearchQueryBytes = 1024;
/// Words in a search query's text.
inline constexpr std::size_t kMaxSearchQueryWords = 32;
/// Hits one search may return (the `limit` of a query).
inline constexpr std::size_t kMaxSearchHits = 1000;

// NOTE: src/text/search_index.cpp and src/model/common.cpp keep their own
// copies of the search and date limits above; the tests in
// tests/test_limits.cpp check that both agree.

}  // namespace v1
}  // namespace atip
