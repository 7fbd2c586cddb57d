// Full-text search over the directory of organizations, lawyers and services,
// kept in SQLite FTS5 tables beside the store's own tables.
//
// Names and texts are indexed by their search keys (atip/text.hpp): a query
// typed without diacritics, in another romanisation that ICU produces, in a
// Khmer spelling variant or in Zawgyi finds the entry. Every name and alias of
// a document is indexed.
//
// Thread contract: a SearchIndex caches prepared statements on its
// connection and is not synchronized. Use it from one thread at a time, as
// the sqlite3 connection it wraps.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace atip {
inline namespace v1 {

/// One organization, lawyer or service as the search index sees it.
struct SearchDocument {
  std::string entity_type;                 ///< "organization", "lawyer" or "service".
  std::string id;                          ///< Entity id, unique within its type.
  std::string kind;                        ///< Organization kind ("ngo", "law_firm", ...) or empty.
  std::vector<std::string> names;          ///< Name and every alias, any script; at least one.
  std::vector<std::string> texts;          ///< Descriptions, practice-area names, help offered.
  std::vector<std::string> jurisdictions;  ///< ISO 3166-1 alpha-2 or ISO 3166-2 codes.
  std::vector<std::string> languages;      ///< BCP 47 tags.
};

/// A directory search. An empty string means no filter.
struct SearchQuery {
  /// Words to find, in any script. The last word also matches as a prefix
  /// unless the text ends with a space. Empty or blank text lists the
  /// documents that pass the filters, ordered by (type, id), with score 0.
  std::string text;
  std::string entity_type;   ///< Only this entity type.
  /// Only documents listed for this jurisdiction: "TH" also matches "TH-10",
  /// and "TH-10" also matches documents listed for all of "TH".
  std::string jurisdiction;
  /// Only documents with this language or a more specific tag of it ("zh"
  /// matches "zh-Hant").
  std::string language;
  std::size_t limit = 20;    ///< Maximum number of hits, 1 to 1000.
};

/// One search result.
struct SearchHit {
  std::string entity_type;
  std::string id;
  /// Relevance, higher is better: the negated FTS5 bm25 rank with names
  /// weighted 10 times texts. Comparable only within one search.
  double score = 0;
  /// The name or alias (as indexed, NFC) that matched the most query words;
  /// empty when only the texts matched or the query had no text.
  std::string matched_name;
};

/// Documents for one bulk write, tokenised on a second thread while the
/// caller goes on adding them, then written by SearchIndex::upsert_all.
/// A bulk import adds each document as it writes the record, so the
/// tokenising overlaps the record writes. Use from one thread.
class SearchBatch {
 public:
  SearchBatch();
  /// Stops the tokenising thread and drops what was not written.
  ~SearchBatch();
  SearchBatch(const SearchBatch&) = delete;
  SearchBatch& operator=(const SearchBatch&) = delete;

  /// Queues `document` for tokenising. An invalid document is reported by
  /// upsert_all, not here. Throws only when the tokenising thread cannot
  /// start or memory runs out.
  void add(SearchDocument document);

  /// Returns the number of documents added.
  std::size_t size() const;

 private:
  friend class SearchIndex;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The directory search index. Tables are named search_*.
class SearchIndex {
 public:
  /// Wraps `db`, which must outlive this object; does not take ownership.
  explicit SearchIndex(sqlite3* db);
  ~SearchIndex();
  SearchIndex(SearchIndex&&) noexcept;
  SearchIndex& operator=(SearchIndex&&) noexcept;
  SearchIndex(const SearchIndex&) = delete;
  SearchIndex& operator=(const SearchIndex&) = delete;

  /// Creates the search_* tables if they do not exist, and replaces the
  /// tables of an earlier layout of the index (which kept names,
  /// jurisdictions and languages in tables of their own). Returns true when it created the tables: the index is then empty,
  /// and the caller re-adds every document (Clearinghouse::open does this in
  /// the same transaction). Runs in a savepoint, so it is atomic inside or
  /// outside a transaction.
  bool create_schema();

  /// True when the search_* tables exist in this library's layout, so
  /// create_schema has nothing to do. Reads only.
  bool has_schema() const;

  /// Indexes `document`, replacing an earlier document with the same
  /// (entity_type, id). Names and texts should already have been through
  /// text::prepare_input: they are validated and normalised to NFC here, but
  /// not tested for Zawgyi again.
  ///
  /// Must run inside a transaction the caller opened (Error(invalid_state)
  /// otherwise); the index never begins or commits one, so a failed call
  /// leaves partial rows only until the caller rolls back.
  /// Throws Error(invalid_argument) naming the field when the document is
  /// invalid (unknown type, empty id, no name, invalid UTF-8, malformed
  /// jurisdiction or language), Error(limit_exceeded) when a field is over
  /// its size limit, and the SQLite failure otherwise (busy, io, ...).
  void upsert(const SearchDocument& document);

  /// Adds or replaces every document in order, as `upsert` one by one would,
  /// with the same transaction rule and errors. The next documents are
  /// tokenised on a second thread while the calling thread writes, which
  /// makes a large import faster on a machine with two or more cores.
  void upsert_all(const std::vector<SearchDocument>& documents);

  /// Adds or replaces the documents of `batch` in the order they were
  /// added, writing each one as soon as it is tokenised, with the same
  /// transaction rule and errors as upsert. Leaves the batch empty.
  void upsert_all(SearchBatch& batch);

  /// Removes the document (entity_type, id); does nothing when it is absent.
  /// Same transaction rule and errors as upsert.
  void remove(std::string_view entity_type, std::string_view id);

  /// Removes every document. Same transaction rule as upsert.
  void clear();

  /// Returns at most query.limit hits, best first, ties ordered by
  /// (entity_type, id). The text goes through text::prepare_input (so a
  /// Zawgyi query is converted) and the same keys and word segmentation as
  /// the documents; every query word must match a word of a name or text.
  /// FTS5 syntax characters in the text are plain characters, never query
  /// operators.
  ///
  /// NOTE: when more than 2,000 documents match, only the 2,000 indexed
  /// first (lowest doc_id) are ranked, because bm25 costs about 1 us per
  /// match (docs/bench-search.md). The hits are then the best of those, not
  /// of all matches. When the filters leave fewer than `limit` of them, every
  /// match is ranked.
  ///
  /// Throws Error(invalid_argument) for a bad filter or limit and
  /// Error(limit_exceeded) for text over 1024 bytes or 32 words.
  std::vector<SearchHit> search(const SearchQuery& query) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace v1
}  // namespace atip
