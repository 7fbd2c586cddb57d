// The directory search index: one row per document with its names,
// jurisdictions and languages, and its search-key tokens in an FTS5 table
// whose rowid is the document's doc_id.
//
// Tokens are built here, not by an FTS5 tokenizer: each name and text is
// split into words by ICU (segment_words, which also splits Thai, Khmer,
// Burmese and Chinese), each word becomes its search key, and the key's
// space-separated parts are the tokens. Names also contribute the tokens of
// their whole key, so that a name written without spaces matches as one word
// even where ICU splits it differently in a query. FTS5's unicode61 tokenizer
// then only splits on the spaces between these tokens.
#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <string>
#include <string_view>
#include <vector>

#include <sqlite3.h>

#include "atip/error.hpp"
#include "atip/search.hpp"
#include "atip/text.hpp"
#include "model/parallel.hpp"

namespace atip {
inline namespace v1 {

namespace {

// NOTE: these limits repeat kMaxIdBytes, kMaxNameBytes, kMaxTextBytes and
// kMaxListItems of atip/limits.hpp, which this layer may not include.
constexpr std::size_t kMaxIdBytes = 128;
constexpr std::size_t kMaxNameBytes = 512;
constexpr std::size_t kMaxTextBytes = 64 * 1024;
constexpr std::size_t kMaxListItems = 1000;

constexpr std::size_t kMaxQueryBytes = 1024;
constexpr std::size_t kMaxQueryWords = 32;
constexpr std::size_t kMaxLimit = 1000;

// Ranking costs about a microsecond per matching document, because bm25
// reads its docsize row and the query joins its document row. A word found in
// a tenth of a 200,000-entry directory would take tens of milliseconds, so
// only this many matches (the lowest doc_ids) are ranked. The bound is at
// least kMaxLimit, so that an unfiltered search still fills its limit.
constexpr std::size_t kMaxRankedMatches = 2000;
constexpr sqlite3_int64 kNoRankBound = INT64_MAX;

// ---------------------------------------------------------------------------
// SQLite helpers

ErrorKind error_kind_of(int result_code) {
  switch (result_code & 0xFF) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return ErrorKind::busy;
    case SQLITE_NOMEM: return ErrorKind::no_memory;
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY: return ErrorKind::io;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return ErrorKind::integrity;
    case SQLITE_CONSTRAINT: return ErrorKind::constraint;
    case SQLITE_TOOBIG: return ErrorKind::limit_exceeded;
    default: return ErrorKind::internal;
  }
}

[[noreturn]] void raise_sqlite(sqlite3* db, int result_code, std::string_view context) {
  fail(error_kind_of(result_code),
       "search index: " + std::string(context) + " failed: " + sqlite3_errmsg(db) + " (SQLite code " +
           std::to_string(result_code) + ")");
}

/// A prepared statement, reset after each use so it can be cached.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    const int rc = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement_, nullptr);
    if (rc == SQLITE_OK) return;
    // A missing table or column almost always means that create_schema() has
    // not run on this file since it was created or since the index layout
    // changed.
    if ((rc & 0xFF) == SQLITE_ERROR) {
      fail(ErrorKind::invalid_state,
           std::string("search index: cannot prepare a statement (") + sqlite3_errmsg(db) +
               "); call SearchIndex::create_schema() first, or open the database once without read_only so that "
               "Clearinghouse::open creates or upgrades the index");
    }
    raise_sqlite(db, rc, "preparing a statement");
  }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::string_view value) {
    check(sqlite3_bind_text(statement_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT),
          "binding a value");
    return *this;
  }
  Statement& bind(int index, sqlite3_int64 value) {
    check(sqlite3_bind_int64(statement_, index, value), "binding a value");
    return *this;
  }
  Statement& bind_blob(int index, std::string_view bytes) {
    // A zero-length blob needs a non-null pointer, or SQLite stores NULL.
    check(sqlite3_bind_blob(statement_, index, bytes.empty() ? "" : bytes.data(), static_cast<int>(bytes.size()),
                            SQLITE_TRANSIENT),
          "binding a value");
    return *this;
  }

  /// Steps once; true while a row is available.
  bool step() {
    const int rc = sqlite3_step(statement_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    const std::string context = std::string("running \"") + sqlite3_sql(statement_) + "\"";
    sqlite3_reset(statement_);
    raise_sqlite(db_, rc, context);
  }

  /// Runs a statement that returns no rows and resets it.
  void run() {
    while (step()) {
    }
    reset();
  }

  void reset() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
  }

  std::string text(int column) const {
    const auto* bytes = sqlite3_column_text(statement_, column);
    return bytes ? std::string(reinterpret_cast<const char*>(bytes),
                               static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)))
                 : std::string();
  }
  /// Returns the bytes of a BLOB column, valid until the next step or reset.
  std::string_view blob(int column) const {
    const void* bytes = sqlite3_column_blob(statement_, column);
    return bytes ? std::string_view(static_cast<const char*>(bytes),
                                    static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)))
                 : std::string_view();
  }
  sqlite3_int64 integer(int column) const { return sqlite3_column_int64(statement_, column); }
  double real(int column) const { return sqlite3_column_double(statement_, column); }

 private:
  void check(int rc, std::string_view context) {
    if (rc != SQLITE_OK) raise_sqlite(db_, rc, context);
  }

  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
};

/// Resets a statement when a use of it ends, also when it ends by an exception.
class StatementUse {
 public:
  explicit StatementUse(Statement& statement) : statement_(statement) {}
  ~StatementUse() { statement_.reset(); }
  StatementUse(const StatementUse&) = delete;
  StatementUse& operator=(const StatementUse&) = delete;
  Statement* operator->() { return &statement_; }

 private:
  Statement& statement_;
};

// ---------------------------------------------------------------------------
// SQL

// Layout 2. A document is one row: `names` contains each name and its tokens
// (see encode_names), and `jurisdictions` and `languages` contain lower-case
// codes between single spaces (" th th-10 "), so that a filter is a
// substring test. Layout 1 kept names, jurisdictions and languages in three
// more tables, which took six more B-tree inserts per lawyer: a third of the
// index's share of a large import.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS search_documents (
  doc_id INTEGER PRIMARY KEY,
  entity_type TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  names BLOB NOT NULL,
  jurisdictions TEXT NOT NULL,
  languages TEXT NOT NULL,
  UNIQUE (entity_type, entity_id)
);
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5 (
  names, texts,
  tokenize = "unicode61 remove_diacritics 0 categories 'L* M* N* Co'",
  prefix = '2 3'
);
)sql";

// FTS5 buffers the terms of a transaction in memory and writes a segment
// each time the buffer fills. Its default 1 MiB buffer made a 200,000-lawyer
// import write and merge hundreds of small segments; 32 MiB took 0.3 s off
// that import. The value is kept in search_fts_config for later connections.
constexpr const char* kTermBuffer = "INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', 33554432)";

// Every table of layout 1, which create_schema replaces.
constexpr const char* kDropLayout1 =
    "DROP TABLE IF EXISTS search_names; DROP TABLE IF EXISTS search_jurisdictions; "
    "DROP TABLE IF EXISTS search_languages; DROP TABLE IF EXISTS search_documents; "
    "DROP TABLE IF EXISTS search_fts;";

// The filters of both search statements. A jurisdiction filter matches the
// code itself, its subdivisions (" th-" starts every "TH-...") and the
// country of a subdivision (?4). A language filter matches the tag and its
// more specific tags. Codes and tags are stored in lower case, between spaces.
#define ATIP_SEARCH_FILTERS                                                                                \
  "(?2 = '' OR d.entity_type = ?2) "                                                                       \
  "AND (?3 = '' OR instr(d.jurisdictions, ' ' || ?3 || ' ') > 0 "                                          \
  "OR instr(d.jurisdictions, ' ' || ?3 || '-') > 0 OR instr(d.jurisdictions, ' ' || ?4 || ' ') > 0) "      \
  "AND (?5 = '' OR instr(d.languages, ' ' || ?5 || ' ') > 0 OR instr(d.languages, ' ' || ?5 || '-') > 0) "

enum StatementId {
  kFindDocument,
  kInsertDocument,
  kUpdateDocument,
  kDeleteDocument,
  kInsertFts,
  kDeleteFts,
  kFindRankBound,
  kSearchText,
  kSearchFiltersOnly,
  kSelectNames,
  kStatementCount
};

const char* statement_sql(StatementId id) {
  switch (id) {
    case kFindDocument: return "SELECT doc_id FROM search_documents WHERE entity_type = ?1 AND entity_id = ?2";
    case kInsertDocument:
      // An import adds new documents, so the insert is tried first. When the
      // document exists, it changes nothing and write_document_row updates it.
      return "INSERT OR IGNORE INTO search_documents (entity_type, entity_id, kind, names, jurisdictions, languages) "
             "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
    case kUpdateDocument:
      return "UPDATE search_documents SET kind = ?2, names = ?3, jurisdictions = ?4, languages = ?5 WHERE doc_id = ?1";
    case kDeleteDocument: return "DELETE FROM search_documents WHERE doc_id = ?1";
    case kInsertFts: return "INSERT INTO search_fts (rowid, names, texts) VALUES (?1, ?2, ?3)";
    case kDeleteFts: return "DELETE FROM search_fts WHERE rowid = ?1";
    case kFindRankBound:
      // FTS5 returns matches in rowid order, so this walks the doclists only.
      return "SELECT rowid FROM search_fts WHERE search_fts MATCH ?1 ORDER BY rowid LIMIT 1 OFFSET ?2";
    case kSearchText:
      // bm25 weights the columns: a name match counts ten text matches. FTS5
      // applies the rowid bound (?7) while it walks the doclists.
      return "SELECT d.doc_id, d.entity_type, d.entity_id, -bm25(search_fts, 10.0, 1.0) AS score "
             "FROM search_fts JOIN search_documents AS d ON d.doc_id = search_fts.rowid "
             "WHERE search_fts MATCH ?1 AND search_fts.rowid <= ?7 AND " ATIP_SEARCH_FILTERS
             "ORDER BY score DESC, d.entity_type, d.entity_id LIMIT ?6";
    case kSearchFiltersOnly:
      return "SELECT d.doc_id, d.entity_type, d.entity_id, 0.0 FROM search_documents AS d "
             "WHERE ?1 = '' AND " ATIP_SEARCH_FILTERS "ORDER BY d.entity_type, d.entity_id LIMIT ?6";
    case kSelectNames: return "SELECT names FROM search_documents WHERE doc_id = ?1";
    case kStatementCount: break;
  }
  return "";
}

#undef ATIP_SEARCH_FILTERS

// ---------------------------------------------------------------------------
// Tokens

std::vector<std::string> split_on_spaces(std::string_view text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find(' ', start), text.size());
    if (end > start) parts.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

void append_unique(std::vector<std::string>& tokens, std::vector<std::string> more) {
  for (std::string& token : more) {
    if (std::find(tokens.begin(), tokens.end(), token) == tokens.end()) tokens.push_back(std::move(token));
  }
}

/// Tokens of the words of `text`, in order, without repeats.
std::vector<std::string> word_tokens(std::string text) {
  // Khmer, Thai and Burmese writers mark word boundaries with U+200B ZERO
  // WIDTH SPACE, which unify_spelling_variants removes: keep it as a space.
  for (std::size_t at = text.find("\u200B"); at != std::string::npos; at = text.find("\u200B", at)) {
    text.replace(at, 3, " ");
  }
  std::vector<std::string> tokens;
  for (const std::string& word : text::segment_words(text::unify_spelling_variants(text))) {
    append_unique(tokens, split_on_spaces(text::search_key(word)));
  }
  return tokens;
}

/// Tokens for the word runs of a name written without spaces (Thai, Khmer,
/// Burmese, Chinese): each run of its words to the end of the chunk, joined.
/// ICU may segment a word differently when it stands alone in a query, and a
/// query that starts at any word boundary then still matches one of these
/// tokens, as a whole or as a prefix.
std::vector<std::string> run_tokens(const std::string& chunk) {
  std::vector<std::string> keys;
  for (const std::string& word : text::segment_words(chunk)) {
    std::string key;
    for (const std::string& part : split_on_spaces(text::search_key(word))) key += part;
    if (!key.empty()) keys.push_back(std::move(key));
  }
  std::vector<std::string> runs;
  if (keys.size() < 2) return runs;
  std::string run;
  for (auto key = keys.rbegin(); key != keys.rend(); ++key) {
    run.insert(0, *key);
    if (key != keys.rbegin()) runs.push_back(run);
  }
  return runs;
}

/// Tokens of a name: its words, the parts of its whole key, and the word
/// runs of each space-separated chunk.
std::vector<std::string> name_tokens(const std::string& name) {
  const std::string unified = text::unify_spelling_variants(name);
  std::vector<std::string> tokens = word_tokens(unified);
  append_unique(tokens, split_on_spaces(text::search_key(unified)));
  for (const std::string& chunk : split_on_spaces(unified)) append_unique(tokens, run_tokens(chunk));
  return tokens;
}

std::string join(const std::vector<std::string>& tokens) {
  std::string out;
  for (const std::string& token : tokens) {
    if (!out.empty()) out += ' ';
    out += token;
  }
  return out;
}

/// Codes as the filters read them: each one between single spaces
/// (" th th-10 "), or "" for none.
std::string spaced_codes(const std::vector<std::string>& codes) {
  if (codes.empty()) return {};
  return " " + join(codes) + " ";
}

// The `names` column: for each name, its NFC text, a NUL byte, its tokens
// joined by spaces and another NUL byte. Names and tokens never contain NUL,
// because text::normalize rejects it.
std::string encode_names(const std::vector<std::string>& names, const std::vector<std::vector<std::string>>& tokens) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    out += names[i];
    out += '\0';
    out += join(tokens[i]);
    out += '\0';
  }
  return out;
}

/// A name and its tokens, as read back from the `names` column.
struct StoredName {
  std::string name;
  std::vector<std::string> tokens;
};

std::vector<StoredName> decode_names(std::string_view encoded) {
  std::vector<StoredName> names;
  std::size_t at = 0;
  while (at < encoded.size()) {
    const std::size_t name_end = encoded.find('\0', at);
    if (name_end == std::string_view::npos) break;
    const std::size_t tokens_end = std::min(encoded.find('\0', name_end + 1), encoded.size());
    names.push_back(StoredName{std::string(encoded.substr(at, name_end - at)),
                               split_on_spaces(encoded.substr(name_end + 1, tokens_end - name_end - 1))});
    at = tokens_end + 1;
  }
  return names;
}

/// A query word: a token that must match exactly or, for the last word, as
/// a prefix.
struct QueryWord {
  std::string token;
  bool prefix = false;
};

/// The query as FTS5 sees it: words that must all match, or else the parts of
/// the whole query key.
struct ParsedQuery {
  std::vector<QueryWord> words;
  std::vector<QueryWord> whole_key;
};

std::vector<QueryWord> to_query_words(const std::vector<std::string>& tokens, bool last_is_prefix) {
  std::vector<QueryWord> words;
  for (const std::string& token : tokens) words.push_back(QueryWord{token, false});
  // A one-letter prefix would match a large part of the index and rank
  // nothing in particular, so only longer last words match as prefixes.
  if (last_is_prefix && !words.empty() && words.back().token.size() >= 2) words.back().prefix = true;
  return words;
}

/// A phrase FTS5 reads as one literal token: inside double quotes every
/// character but the quote itself is plain text, and quotes are doubled.
std::string quote_token(const QueryWord& word) {
  std::string out = "\"";
  for (char c : word.token) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  if (word.prefix) out += '*';
  return out;
}

std::string and_expression(const std::vector<QueryWord>& words) {
  std::string out;
  for (const QueryWord& word : words) {
    if (!out.empty()) out += " AND ";
    out += quote_token(word);
  }
  return out;
}

std::string match_expression(const ParsedQuery& query) {
  if (query.whole_key.empty()) return and_expression(query.words);
  if (query.words.empty()) return and_expression(query.whole_key);
  return "(" + and_expression(query.words) + ") OR (" + and_expression(query.whole_key) + ")";
}

bool token_matches(const QueryWord& word, const std::string& token) {
  if (word.prefix) return token.compare(0, word.token.size(), word.token) == 0;
  return token == word.token;
}

/// Number of query words found among a name's tokens.
std::size_t count_matching_words(const std::vector<QueryWord>& words, const std::vector<std::string>& tokens) {
  std::size_t count = 0;
  for (const QueryWord& word : words) {
    const bool found = std::any_of(tokens.begin(), tokens.end(),
                                   [&word](const std::string& token) { return token_matches(word, token); });
    if (found) ++count;
  }
  return count;
}

// ---------------------------------------------------------------------------
// Validation

bool is_entity_type(std::string_view value) {
  return value == "organization" || value == "lawyer" || value == "service";
}

std::string to_lower_ascii(std::string value) {
  std::transform(value.begin(), value.end(), value.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return value;
}

/// Validates an ISO 3166-1 alpha-2 or ISO 3166-2 code ("TH", "TH-10") and
/// returns it in lower case for storage.
std::string jurisdiction_key(std::string_view code, const std::string& field) {
  const auto is_alpha = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
  const auto is_alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  const bool country = code.size() >= 2 && is_alpha(code[0]) && is_alpha(code[1]);
  const bool whole_country = country && code.size() == 2;
  const bool subdivision = country && code.size() >= 4 && code.size() <= 6 && code[2] == '-' &&
                           std::all_of(code.begin() + 3, code.end(), is_alnum);
  if (!whole_country && !subdivision) {
    fail(ErrorKind::invalid_argument, field + ": \"" + std::string(code) +
                                          "\" is not an ISO 3166-1 alpha-2 or ISO 3166-2 code (\"TH\", \"TH-10\")");
  }
  return to_lower_ascii(std::string(code));
}

std::string language_key(std::string_view tag, const std::string& field) {
  return to_lower_ascii(text::canonical_language_tag(tag, field));
}

void check_size(std::size_t size, std::size_t maximum, const std::string& field, const char* unit) {
  if (size > maximum) {
    fail(ErrorKind::limit_exceeded, field + ": " + std::to_string(size) + " " + unit + " exceed the maximum of " +
                                        std::to_string(maximum));
  }
}

/// A document checked, normalised and turned into the columns to write.
struct PreparedDocument {
  std::string names;          // encode_names
  std::string name_column;    // FTS5 tokens of every name
  std::string text_column;    // FTS5 tokens of every text
  std::string jurisdictions;  // spaced_codes, lower case
  std::string languages;      // spaced_codes, canonical and lower case
};

std::string document_label(const SearchDocument& document) {
  return "search document " + document.entity_type + " \"" + document.id + "\": ";
}

void validate_identity(const SearchDocument& document) {
  if (!is_entity_type(document.entity_type)) {
    fail(ErrorKind::invalid_argument, "search document: entity_type: \"" + document.entity_type +
                                          "\" is not one of organization, lawyer, service");
  }
  if (document.id.empty()) fail(ErrorKind::invalid_argument, "search document: id: must not be empty");
  check_size(document.id.size(), kMaxIdBytes, "search document: id", "bytes");
  if (!text::is_valid_utf8(document.id)) {
    text::normalize(document.id, "search document: id");  // throws with the byte offset
  }
  if (document.names.empty()) {
    fail(ErrorKind::invalid_argument, document_label(document) + "names: at least one name is required");
  }
}

void prepare_names(const SearchDocument& document, PreparedDocument& out) {
  const std::string label = document_label(document);
  check_size(document.names.size(), kMaxListItems, label + "names", "items");
  std::vector<std::string> names;
  std::vector<std::vector<std::string>> tokens;
  std::vector<std::string> all_tokens;
  for (std::size_t i = 0; i < document.names.size(); ++i) {
    const std::string field = label + "names[" + std::to_string(i) + "]";
    check_size(document.names[i].size(), kMaxNameBytes, field, "bytes");
    names.push_back(text::normalize(document.names[i], field));
    tokens.push_back(name_tokens(names.back()));
    append_unique(all_tokens, tokens.back());
  }
  out.names = encode_names(names, tokens);
  out.name_column = join(all_tokens);
}

void prepare_texts(const SearchDocument& document, PreparedDocument& out) {
  const std::string label = document_label(document);
  check_size(document.texts.size(), kMaxListItems, label + "texts", "items");
  std::vector<std::string> all_tokens;
  for (std::size_t i = 0; i < document.texts.size(); ++i) {
    const std::string field = label + "texts[" + std::to_string(i) + "]";
    check_size(document.texts[i].size(), kMaxTextBytes, field, "bytes");
    append_unique(all_tokens, word_tokens(text::normalize(document.texts[i], field)));
  }
  out.text_column = join(all_tokens);
}

void prepare_filters(const SearchDocument& document, PreparedDocument& out) {
  const std::string label = document_label(document);
  check_size(document.jurisdictions.size(), kMaxListItems, label + "jurisdictions", "items");
  check_size(document.languages.size(), kMaxListItems, label + "languages", "items");
  std::vector<std::string> jurisdictions;
  for (std::size_t i = 0; i < document.jurisdictions.size(); ++i) {
    append_unique(jurisdictions,
                  {jurisdiction_key(document.jurisdictions[i], label + "jurisdictions[" + std::to_string(i) + "]")});
  }
  std::vector<std::string> languages;
  for (std::size_t i = 0; i < document.languages.size(); ++i) {
    append_unique(languages, {language_key(document.languages[i], label + "languages[" + std::to_string(i) + "]")});
  }
  out.jurisdictions = spaced_codes(jurisdictions);
  out.languages = spaced_codes(languages);
}

PreparedDocument prepare_document(const SearchDocument& document) {
  validate_identity(document);
  PreparedDocument out;
  prepare_names(document, out);
  prepare_texts(document, out);
  prepare_filters(document, out);
  return out;
}

/// Filter values as bound to ?2 to ?5 of the search statements.
struct QueryFilters {
  std::string entity_type;
  std::string jurisdiction;
  std::string jurisdiction_country;
  std::string language;
};

QueryFilters prepare_filters(const SearchQuery& query) {
  if (!query.entity_type.empty() && !is_entity_type(query.entity_type)) {
    fail(ErrorKind::invalid_argument,
         "query.entity_type: \"" + query.entity_type + "\" is not one of organization, lawyer, service");
  }
  if (query.limit == 0 || query.limit > kMaxLimit) {
    fail(ErrorKind::invalid_argument, "query.limit: " + std::to_string(query.limit) + " is not between 1 and " +
                                          std::to_string(kMaxLimit));
  }
  QueryFilters filters;
  filters.entity_type = query.entity_type;
  if (!query.jurisdiction.empty()) {
    filters.jurisdiction = jurisdiction_key(query.jurisdiction, "query.jurisdiction");
    filters.jurisdiction_country = filters.jurisdiction.substr(0, 2);
  }
  if (!query.language.empty()) filters.language = language_key(query.language, "query.language");
  return filters;
}

/// Parses the query text; an empty result means the text has no words.
ParsedQuery parse_query_text(const std::string& prepared_text) {
  // A query ending in a space or punctuation has a complete last word.
  const unsigned char last = static_cast<unsigned char>(prepared_text.back());
  const bool last_is_prefix = last >= 0x80 || std::isalnum(last) != 0;

  ParsedQuery parsed;
  const std::vector<std::string> words = word_tokens(prepared_text);
  check_size(words.size(), kMaxQueryWords, "query.text", "words");
  parsed.words = to_query_words(words, last_is_prefix);
  const std::vector<std::string> whole = split_on_spaces(text::search_key(prepared_text));
  if (whole != words && whole.size() <= kMaxQueryWords) parsed.whole_key = to_query_words(whole, last_is_prefix);
  return parsed;
}

}  // namespace

// ---------------------------------------------------------------------------
// SearchBatch

/// The documents of a batch and their tokenised forms. One thread adds
/// documents and then writes them in order; a second thread prepares them in
/// the same order. Deques keep references to their elements valid while
/// more are appended, so each side reads an element outside the lock.
struct SearchBatch::Impl {
  // Each side wakes the other once per this many documents, not per
  // document, so that a bulk import does not pay a system call per record.
  static constexpr std::size_t kWakeEvery = 64;

  ~Impl() { stop(); }

  void add(SearchDocument document) {
    bool wake = false;
    {
      std::lock_guard lock(mutex);
      documents.push_back(std::move(document));
      wake = documents.size() % kWakeEvery == 0;
    }
    if (!worker.joinable()) worker = std::thread([this] { prepare_in_order(); });
    if (wake) added.notify_one();
  }

  /// Tells the preparing thread that no more documents come.
  void close() {
    {
      std::lock_guard lock(mutex);
      closed = true;
    }
    added.notify_one();
  }

  std::size_t size() {
    std::lock_guard lock(mutex);
    return documents.size();
  }

  const SearchDocument& document(std::size_t index) {
    std::lock_guard lock(mutex);
    return documents[index];
  }

  /// Waits until document `index` is prepared and returns it, or rethrows
  /// the error that document raised.
  const PreparedDocument& wait_for(std::size_t index) {
    std::unique_lock lock(mutex);
    prepared_one.wait(lock, [&] { return prepared.size() > index || failure; });
    if (prepared.size() <= index) std::rethrow_exception(failure);
    return prepared[index];
  }

  /// Joins the preparing thread and empties the batch.
  void finish() {
    stop();
    documents.clear();
    prepared.clear();
    failure = nullptr;
    closed = false;
    stopping = false;
  }

  void stop() {
    {
      std::lock_guard lock(mutex);
      stopping = true;
    }
    added.notify_one();
    if (worker.joinable()) worker.join();
  }

  /// Prepares the documents in order on the second thread. Stops at the
  /// first one that raises, so that error is the first in order.
  void prepare_in_order() {
    detail::run_in_background();
    for (std::size_t next = 0;; ++next) {
      const SearchDocument* document = nullptr;
      {
        std::unique_lock lock(mutex);
        added.wait(lock, [&] { return stopping || closed || documents.size() > next; });
        if (stopping || documents.size() <= next) return;
        document = &documents[next];
      }
      bool wake = true;
      try {
        PreparedDocument result = prepare_document(*document);
        std::lock_guard lock(mutex);
        prepared.push_back(std::move(result));
        wake = prepared.size() % kWakeEvery == 0 || prepared.size() == documents.size();
      } catch (...) {
        std::lock_guard lock(mutex);
        failure = std::current_exception();
      }
      if (wake) prepared_one.notify_one();
      if (failure) return;
    }
  }

  std::mutex mutex;
  std::condition_variable added;
  std::condition_variable prepared_one;
  std::deque<SearchDocument> documents;
  std::deque<PreparedDocument> prepared;
  std::exception_ptr failure;
  bool closed = false;
  bool stopping = false;
  std::thread worker;
};

SearchBatch::SearchBatch() : impl_(std::make_unique<Impl>()) {}
SearchBatch::~SearchBatch() = default;

void SearchBatch::add(SearchDocument document) { impl_->add(std::move(document)); }

std::size_t SearchBatch::size() const { return impl_->size(); }

// ---------------------------------------------------------------------------
// SearchIndex

/// The search_* tables found in a database: none, this library's, or those
/// of an earlier layout (or a partial set), which create_schema replaces.
enum class Layout { absent, current, older };

struct SearchIndex::Impl {
  explicit Impl(sqlite3* connection) : db(connection) {}

  /// The cached statement `id`, prepared on first use.
  Statement& statement(StatementId id) {
    std::unique_ptr<Statement>& slot = statements[id];
    if (!slot) slot = std::make_unique<Statement>(db, statement_sql(id));
    return *slot;
  }

  void require_transaction(const char* operation) const {
    if (sqlite3_get_autocommit(db) != 0) {
      fail(ErrorKind::invalid_state, std::string("SearchIndex::") + operation +
                                         ": no transaction is open on the connection; begin one first so that a "
                                         "failure cannot leave a document half-written");
    }
  }

  /// Returns the layout of the database's search_* tables.
  Layout layout() {
    Statement tables(db,
                     "SELECT (SELECT count(*) FROM sqlite_schema WHERE name IN ('search_names', 'search_jurisdictions', "
                     "'search_languages')), (SELECT count(*) FROM pragma_table_info('search_documents') "
                     "WHERE name = 'languages'), (SELECT count(*) FROM sqlite_schema WHERE name IN "
                     "('search_documents', 'search_fts'))");
    tables.step();
    if (tables.integer(0) > 0) return Layout::older;
    if (tables.integer(2) == 0) return Layout::absent;
    return tables.integer(1) == 1 && tables.integer(2) == 2 ? Layout::current : Layout::older;
  }

  void exec(const char* sql, const char* context) {
    char* message = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &message);
    if (rc == SQLITE_OK) return;
    const std::string detail = message ? message : sqlite3_errmsg(db);
    sqlite3_free(message);
    fail(error_kind_of(rc), std::string("search index: ") + context + " failed: " + detail);
  }

  /// doc_id of (type, id), or 0 when absent (SQLite rowids start at 1).
  sqlite3_int64 find_document(std::string_view entity_type, std::string_view id) {
    StatementUse find(statement(kFindDocument));
    find->bind(1, entity_type).bind(2, id);
    return find->step() ? find->integer(0) : 0;
  }

  /// Writes the document row and returns its doc_id. A document that was
  /// indexed before keeps its doc_id, and its old tokens are removed.
  sqlite3_int64 write_document_row(const SearchDocument& document, const PreparedDocument& prepared) {
    {
      StatementUse insert(statement(kInsertDocument));
      insert->bind(1, document.entity_type).bind(2, document.id).bind(3, document.kind);
      insert->bind_blob(4, prepared.names).bind(5, prepared.jurisdictions).bind(6, prepared.languages).run();
      if (sqlite3_changes(db) == 1) return sqlite3_last_insert_rowid(db);
    }
    const sqlite3_int64 existing = find_document(document.entity_type, document.id);
    StatementUse remove(statement(kDeleteFts));
    remove->bind(1, existing).run();
    StatementUse update(statement(kUpdateDocument));
    update->bind(1, existing).bind(2, document.kind).bind_blob(3, prepared.names);
    update->bind(4, prepared.jurisdictions).bind(5, prepared.languages).run();
    return existing;
  }

  void write_tokens(sqlite3_int64 doc_id, const PreparedDocument& prepared) {
    StatementUse insert(statement(kInsertFts));
    insert->bind(1, doc_id).bind(2, prepared.name_column).bind(3, prepared.text_column).run();
  }

  void write(const SearchDocument& document, const PreparedDocument& prepared) {
    write_tokens(write_document_row(document, prepared), prepared);
  }

  /// The name of `doc_id` that contains the most query words, or "" when none does.
  std::string best_matching_name(sqlite3_int64 doc_id, const ParsedQuery& query) {
    StatementUse select(statement(kSelectNames));
    select->bind(1, doc_id);
    if (!select->step()) return {};
    std::string best;
    std::size_t best_count = 0;
    for (StoredName& stored : decode_names(select->blob(0))) {
      const std::size_t count = std::max(count_matching_words(query.words, stored.tokens),
                                         count_matching_words(query.whole_key, stored.tokens));
      if (count > best_count) {
        best_count = count;
        best = std::move(stored.name);
      }
    }
    return best;
  }

  /// Finds the largest doc_id to rank for `match`. Returns kNoRankBound when
  /// at most kMaxRankedMatches documents match, else the doc_id before the
  /// first match beyond that many.
  sqlite3_int64 find_rank_bound(const std::string& match) {
    StatementUse find(statement(kFindRankBound));
    find->bind(1, match).bind(2, static_cast<sqlite3_int64>(kMaxRankedMatches));
    return find->step() ? find->integer(0) - 1 : kNoRankBound;
  }

  /// Runs a search statement: doc_id and hit of each row, matched_name empty.
  std::vector<std::pair<sqlite3_int64, SearchHit>> select_hits(StatementId id, const std::string& match,
                                                               const QueryFilters& filters, std::size_t limit,
                                                               sqlite3_int64 rank_bound) {
    StatementUse select(statement(id));
    select->bind(1, match)
        .bind(2, filters.entity_type)
        .bind(3, filters.jurisdiction)
        .bind(4, filters.jurisdiction_country)
        .bind(5, filters.language)
        .bind(6, static_cast<sqlite3_int64>(limit));
    if (id == kSearchText) select->bind(7, rank_bound);

    std::vector<std::pair<sqlite3_int64, SearchHit>> rows;
    while (select->step()) {
      rows.emplace_back(select->integer(0), SearchHit{select->text(1), select->text(2), select->real(3), {}});
    }
    return rows;
  }

  /// Ranks the matches of `match`, at most kMaxRankedMatches of them. When
  /// the filters leave fewer than `limit` of those, ranks every match, so
  /// that a selective filter never hides a hit.
  std::vector<std::pair<sqlite3_int64, SearchHit>> rank_matches(const std::string& match, const QueryFilters& filters,
                                                                std::size_t limit) {
    const sqlite3_int64 bound = find_rank_bound(match);
    std::vector<std::pair<sqlite3_int64, SearchHit>> rows = select_hits(kSearchText, match, filters, limit, bound);
    if (bound != kNoRankBound && rows.size() < limit) rows = select_hits(kSearchText, match, filters, limit, kNoRankBound);
    return rows;
  }

  sqlite3* db;
  std::unique_ptr<Statement> statements[kStatementCount];
};

SearchIndex::SearchIndex(sqlite3* db) : impl_(std::make_unique<Impl>(db)) {
  if (db == nullptr) fail(ErrorKind::invalid_argument, "SearchIndex: db: must not be null");
}

SearchIndex::~SearchIndex() = default;
SearchIndex::SearchIndex(SearchIndex&&) noexcept = default;
SearchIndex& SearchIndex::operator=(SearchIndex&&) noexcept = default;

bool SearchIndex::has_schema() const { return impl_->layout() == Layout::current; }

bool SearchIndex::create_schema() {
  if (impl_->layout() == Layout::current) return false;
  // A savepoint makes the replacement atomic inside or outside a caller's
  // transaction, and the layout is read again under the write lock, so two
  // connections opening one file do not both replace it.
  impl_->exec("SAVEPOINT atip_search_schema", "creating the search_* tables");
  try {
    const Layout layout = impl_->layout();
    if (layout != Layout::current) {
      if (layout == Layout::older) impl_->exec(kDropLayout1, "removing the search_* tables of layout 1");
      impl_->exec(kSchema, "creating the search_* tables");
      impl_->exec(kTermBuffer, "configuring the search_fts table");
    }
    impl_->exec("RELEASE atip_search_schema", "creating the search_* tables");
    return layout != Layout::current;
  } catch (...) {
    sqlite3_exec(impl_->db, "ROLLBACK TO atip_search_schema; RELEASE atip_search_schema", nullptr, nullptr, nullptr);
    throw;
  }
}

void SearchIndex::upsert(const SearchDocument& document) {
  // Everything that can reject the document runs before the first write.
  const PreparedDocument prepared = prepare_document(document);
  impl_->require_transaction("upsert");

  impl_->write(document, prepared);
}

void SearchIndex::upsert_all(const std::vector<SearchDocument>& documents) {
  SearchBatch batch;
  for (const SearchDocument& document : documents) batch.add(document);
  upsert_all(batch);
}

void SearchIndex::upsert_all(SearchBatch& batch) {
  impl_->require_transaction("upsert_all");
  SearchBatch::Impl& queue = *batch.impl_;
  queue.close();
  for (std::size_t i = 0; i < queue.size(); ++i) impl_->write(queue.document(i), queue.wait_for(i));
  queue.finish();
}

void SearchIndex::remove(std::string_view entity_type, std::string_view id) {
  if (!is_entity_type(entity_type)) {
    fail(ErrorKind::invalid_argument,
         "entity_type: \"" + std::string(entity_type) + "\" is not one of organization, lawyer, service");
  }
  impl_->require_transaction("remove");

  const sqlite3_int64 doc_id = impl_->find_document(entity_type, id);
  if (doc_id == 0) return;
  for (StatementId statement : {kDeleteFts, kDeleteDocument}) {
    StatementUse remove(impl_->statement(statement));
    remove->bind(1, doc_id).run();
  }
}

void SearchIndex::clear() {
  impl_->require_transaction("clear");
  impl_->exec("DELETE FROM search_fts; DELETE FROM search_documents;", "clearing the search_* tables");
}

std::vector<SearchHit> SearchIndex::search(const SearchQuery& query) const {
  const QueryFilters filters = prepare_filters(query);
  check_size(query.text.size(), kMaxQueryBytes, "query.text", "bytes");
  const std::string prepared_text = text::prepare_input(query.text, "query.text").text;

  ParsedQuery parsed;
  std::string match;
  const bool blank = prepared_text.find_first_not_of(" \t\r\n") == std::string::npos;
  if (!blank) {
    parsed = parse_query_text(prepared_text);
    if (parsed.words.empty() && parsed.whole_key.empty()) return {};  // only punctuation or symbols
    match = match_expression(parsed);
  }

  std::vector<std::pair<sqlite3_int64, SearchHit>> rows =
      blank ? impl_->select_hits(kSearchFiltersOnly, match, filters, query.limit, kNoRankBound)
            : impl_->rank_matches(match, filters, query.limit);

  std::vector<SearchHit> hits;
  hits.reserve(rows.size());
  for (auto& [doc_id, hit] : rows) {
    if (!blank) hit.matched_name = impl_->best_matching_name(doc_id, parsed);
    hits.push_back(std::move(hit));
  }
  return hits;
}

}  // namespace v1
}  // namespace atip
