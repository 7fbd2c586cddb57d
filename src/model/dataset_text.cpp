// From JSON text to a data set: the document size and nesting limits, the
// whole-document parser, and a reader that parses one record at a time.
#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "atip/error.hpp"
#include "atip/limits.hpp"
#include "atip/model/dataset.hpp"
#include "dataset_text.hpp"
#include "json_reader.hpp"
#include "parallel.hpp"

namespace atip {
inline namespace v1 {

using nlohmann::json;

namespace {

/// Returns the offset of the quote that closes the string opened at `open`,
/// or `text.size()` when the string is not closed. A backslash escapes the
/// byte after it, which is enough to find the end of every valid string.
/// Sets `has_escape` when the string contains a backslash.
std::size_t find_string_end(std::string_view text, std::size_t open, bool& has_escape) {
  for (std::size_t i = open + 1; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\') {
      has_escape = true;
      ++i;
    } else if (c == '"') {
      return i;
    }
  }
  return text.size();
}

/// Walks `text` once and reports each byte outside strings, and each string,
/// to `observer` with the bracket depth it is at. Throws limit_exceeded when
/// arrays and objects nest more than kMaxJsonDepth levels deep.
///
/// The walk is a linear scan of the bytes before parsing. nlohmann's parser
/// callback could enforce the depth limit, but its callback parser rescans
/// the parent container at every object end. That is quadratic in the length
/// of an array of objects: 200,000 lawyers took minutes. The walk trusts no
/// grammar beyond strings and brackets, so it runs on any bytes.
///
/// `open` receives the depth after the bracket and `close` the depth before
/// it, so both report the depth of the container's contents. The walk stops
/// early once `observer.stopped()` returns true.
template <typename Observer>
void walk_json_text(std::string_view text, Observer& observer) {
  int depth = 0;
  for (std::size_t i = 0; i < text.size() && !observer.stopped(); ++i) {
    const char c = text[i];
    switch (c) {
      case '"': {
        bool has_escape = false;
        const std::size_t end = find_string_end(text, i, has_escape);
        observer.string(depth, i, end, has_escape);
        i = end;
        break;
      }
      case '[':
      case '{':
        if (++depth > kMaxJsonDepth) {
          fail(ErrorKind::limit_exceeded, "document: arrays and objects nested more than " +
                                              std::to_string(kMaxJsonDepth) + " levels deep exceed the limit");
        }
        observer.open(depth, c, i);
        break;
      case ']':
      case '}':
        observer.close(depth, c, i);
        --depth;
        break;
      case ',':
        observer.comma(depth, i);
        break;
      case ':':
        observer.colon(depth, i);
        break;
      case ' ':
      case '\t':
      case '\n':
      case '\r':
        break;
      default:
        observer.scalar(depth, i);
    }
  }
}

/// An observer for `walk_json_text` that records nothing, for the depth check alone.
struct DepthOnly {
  static constexpr bool stopped() { return false; }
  void string(int, std::size_t, std::size_t, bool) {}
  void open(int, char, std::size_t) {}
  void close(int, char, std::size_t) {}
  void comma(int, std::size_t) {}
  void colon(int, std::size_t) {}
  void scalar(int, std::size_t) {}
};

/// Throws limit_exceeded when arrays and objects in `text` nest deeper than
/// kMaxJsonDepth.
void check_nesting_depth(std::string_view text) {
  DepthOnly observer;
  walk_json_text(text, observer);
}

/// Returns the message of a parser exception after `separator`, which ends
/// its "[json.exception...]" prefix and, for syntax errors, the line and column.
std::string parser_message(const json::exception& error, std::string_view separator) {
  const std::string what = error.what();
  const auto prefix_end = what.find(separator);
  // The message may quote invalid input bytes; atip::Error replaces them
  // with U+FFFD, so messages stay valid UTF-8.
  return prefix_end == std::string::npos ? what : what.substr(prefix_end + separator.size());
}

}  // namespace

json parse_json_text(std::string_view text) {
  if (text.size() > kMaxDocumentBytes) {
    fail(ErrorKind::limit_exceeded, "document: " + std::to_string(text.size()) +
                                        " bytes exceed the limit of " + std::to_string(kMaxDocumentBytes) + " bytes");
  }
  check_nesting_depth(text);
  try {
    return json::parse(text.begin(), text.end());
  } catch (const json::parse_error& error) {
    fail(ErrorKind::invalid_argument,
         "document: malformed JSON at byte " + std::to_string(error.byte) + ": " + parser_message(error, ": "));
  } catch (const json::exception& error) {
    // A number too large for a double ("1e400") is reported as out_of_range.
    fail(ErrorKind::invalid_argument, "document: invalid JSON: " + parser_message(error, "] "));
  }
}

namespace {

/// The data-set collections in the order `dataset_from_json` reads them.
constexpr std::array<std::string_view, 8> kCollectionKeys = {
    "jurisdictions", "practice_areas", "organizations", "lawyers", "matters", "engagements", "events", "services"};

/// Top-level keys the layout scan tracks. A valid data set has at most ten
/// (format, version and the collections), so a document with more has an
/// unknown key, and the whole-document reader reports it. The cap keeps the
/// repeated-key check linear in the text.
constexpr std::size_t kMaxTopLevelKeys = 16;

/// Byte offsets [begin, end) into the document text.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

bool is_json_whitespace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_blank(std::string_view text) {
  for (const char c : text) {
    if (!is_json_whitespace(c)) return false;
  }
  return true;
}

/// An observer for `walk_json_text` that finds the keys of the top-level
/// object and, for each collection whose value is an array, the span of
/// every element. It checks the grammar of the top level only as far as it
/// needs to cut the text: parsing the skeleton and the element spans checks
/// the rest. It stops at the first thing the record-by-record reader does
/// not handle (an escaped or repeated key, a collection that is not an
/// array, an unexpected token), and the caller then reads the whole document.
class DocumentLayout {
 public:
  explicit DocumentLayout(std::string_view text) : text_(text) {}

  bool stopped() const { return irregular_; }
  /// Returns true when the walk found one complete top-level object and nothing irregular.
  bool regular() const { return !irregular_ && state_ == State::after_object; }

  const std::vector<std::string_view>& keys() const { return keys_; }
  /// Returns the element spans of collection `index` of kCollectionKeys, or
  /// nullptr when the document has no array under that key.
  const std::vector<Span>* elements(std::size_t index) const {
    return collections_[index] ? &*collections_[index] : nullptr;
  }

  /// Returns the text with the contents of every collection array removed,
  /// so that each collection reads as `[]`.
  std::string skeleton() const {
    std::string out;
    std::size_t copied = 0;
    for (const Span& contents : removed_) {
      out.append(text_.substr(copied, contents.begin - copied));
      copied = contents.end;
    }
    out.append(text_.substr(copied));
    return out;
  }

  void string(int depth, std::size_t begin, std::size_t end, bool has_escape) {
    if (depth != 1) {
      if (depth <= 0) irregular_ = true;
      return;
    }
    if (state_ == State::expect_first_key || state_ == State::expect_key) {
      read_key(text_.substr(begin + 1, end - begin - 1), has_escape);
    } else {
      start_scalar_value();
    }
  }

  void open(int depth, char bracket, std::size_t at) {
    if (depth == 1) {
      if (state_ != State::before_object || bracket != '{') irregular_ = true;
      state_ = State::expect_first_key;
    } else if (depth == 2) {
      if (state_ != State::expect_value) {
        irregular_ = true;
        return;
      }
      state_ = State::in_value;
      if (current_collection_) {
        if (bracket != '[') {
          irregular_ = true;
          return;
        }
        collections_[*current_collection_].emplace();
        capturing_ = true;
        contents_begin_ = at + 1;
        element_begin_ = at + 1;
      }
    }
  }

  void close(int depth, char bracket, std::size_t at) {
    if (depth <= 0) {
      irregular_ = true;
    } else if (depth == 1) {
      const bool may_end = state_ == State::expect_first_key || state_ == State::in_value;
      if (!may_end || bracket != '}') irregular_ = true;
      state_ = State::after_object;
    } else if (depth == 2 && capturing_) {
      if (bracket != ']') {
        irregular_ = true;
        return;
      }
      finish_collection(at);
    }
  }

  void comma(int depth, std::size_t at) {
    if (depth <= 0) {
      irregular_ = true;
    } else if (depth == 1) {
      if (state_ != State::in_value) irregular_ = true;
      state_ = State::expect_key;
    } else if (depth == 2 && capturing_) {
      add_element(at);
    }
  }

  void colon(int depth, std::size_t) {
    if (depth <= 0) {
      irregular_ = true;
    } else if (depth == 1) {
      if (state_ != State::expect_colon) irregular_ = true;
      state_ = State::expect_value;
    }
  }

  void scalar(int depth, std::size_t) {
    if (depth <= 0) {
      irregular_ = true;
    } else if (depth == 1 && state_ != State::in_value) {
      // Further bytes of a number or literal arrive in state in_value.
      start_scalar_value();
    }
  }

 private:
  enum class State { before_object, expect_first_key, expect_key, expect_colon, expect_value, in_value, after_object };

  void read_key(std::string_view key, bool has_escape) {
    // An escaped key could decode to a collection name or to a key seen
    // before, so only keys compared byte for byte are handled here.
    if (has_escape || keys_.size() == kMaxTopLevelKeys || std::find(keys_.begin(), keys_.end(), key) != keys_.end()) {
      irregular_ = true;
      return;
    }
    keys_.push_back(key);
    const auto found = std::find(kCollectionKeys.begin(), kCollectionKeys.end(), key);
    current_collection_.reset();
    if (found != kCollectionKeys.end()) current_collection_ = static_cast<std::size_t>(found - kCollectionKeys.begin());
    state_ = State::expect_colon;
  }

  /// Starts a string, number or literal value at the top level.
  void start_scalar_value() {
    if (state_ != State::expect_value || current_collection_) irregular_ = true;
    state_ = State::in_value;
  }

  void add_element(std::size_t separator) {
    std::vector<Span>& elements = *collections_[*current_collection_];
    // A collection over the record limit is an error. Leaving it to the
    // whole-document reader also bounds the memory the spans take.
    if (elements.size() == kMaxDatasetRecords) {
      irregular_ = true;
      return;
    }
    elements.push_back(Span{element_begin_, separator});
    element_begin_ = separator + 1;
  }

  void finish_collection(std::size_t closing_bracket) {
    std::vector<Span>& elements = *collections_[*current_collection_];
    const Span last{element_begin_, closing_bracket};
    // Only "[ ]" is an empty array. A blank span after a comma stays, so that
    // parsing it fails on a trailing comma, as the whole-document parser does.
    if (!elements.empty() || !is_blank(text_.substr(last.begin, last.end - last.begin))) elements.push_back(last);
    removed_.push_back(Span{contents_begin_, closing_bracket});
    capturing_ = false;
  }

  std::string_view text_;
  State state_ = State::before_object;
  bool irregular_ = false;
  std::vector<std::string_view> keys_;
  std::optional<std::size_t> current_collection_;
  bool capturing_ = false;
  std::size_t contents_begin_ = 0;
  std::size_t element_begin_ = 0;
  std::array<std::optional<std::vector<Span>>, kCollectionKeys.size()> collections_;
  std::vector<Span> removed_;
};

/// Returns true when nlohmann read the skeleton with the keys the walk found: no key
/// lost or merged, and an empty array under each collection key.
bool skeleton_matches(const json& skeleton, const DocumentLayout& layout) {
  if (!skeleton.is_object() || skeleton.size() != layout.keys().size()) return false;
  for (const std::string_view key : layout.keys()) {
    if (!skeleton.contains(key)) return false;
  }
  for (std::size_t i = 0; i < kCollectionKeys.size(); ++i) {
    if (layout.elements(i) == nullptr) continue;
    const json& value = skeleton.at(std::string(kCollectionKeys[i]));
    if (!value.is_array() || !value.empty()) return false;
  }
  return true;
}

/// Parses and reads every element of one collection, on two threads for
/// large collections. Each record's DOM is freed by the thread that built
/// it as soon as the record is read.
template <typename Record, typename Read>
void read_collection(std::string_view text, const DocumentLayout& layout, std::size_t index, std::vector<Record>& out,
                     Read read) {
  const std::vector<Span>* elements = layout.elements(index);
  if (elements == nullptr) return;
  const std::string path(kCollectionKeys[index]);
  if (elements->size() > kMaxDatasetRecords) {
    fail(ErrorKind::limit_exceeded, path + ": " + std::to_string(elements->size()) + " records exceed the limit of " +
                                        std::to_string(kMaxDatasetRecords));
  }
  out = detail::map_indices<Record>(elements->size(), [&](std::size_t i) {
    const Span span = (*elements)[i];
    const json record = json::parse(text.data() + span.begin, text.data() + span.end);
    return read(record, detail::index_path(path, i));
  });
}

}  // namespace

std::optional<Dataset> detail::read_dataset_by_record(std::string_view text) {
  if (text.size() > kMaxDocumentBytes) return std::nullopt;
  // nlohmann's parser stops at a NUL byte as at the end of its input, so a
  // record parsed on its own would end there, silently dropping what
  // follows. The whole-document reader rejects such text.
  if (text.find('\0') != std::string_view::npos) return std::nullopt;
  DocumentLayout layout(text);
  walk_json_text(text, layout);
  if (!layout.regular()) return std::nullopt;

  const json skeleton = json::parse(layout.skeleton());
  if (!skeleton_matches(skeleton, layout)) return std::nullopt;
  // The skeleton contains every top-level field and an empty array under each
  // collection key, so this checks format, version and unknown keys.
  Dataset data = dataset_from_json(skeleton);

  read_collection(text, layout, 0, data.jurisdictions, jurisdiction_from_json);
  read_collection(text, layout, 1, data.practice_areas, practice_area_from_json);
  read_collection(text, layout, 2, data.organizations, organization_from_json);
  read_collection(text, layout, 3, data.lawyers, lawyer_from_json);
  read_collection(text, layout, 4, data.matters, matter_from_json);
  read_collection(text, layout, 5, data.engagements, engagement_from_json);
  read_collection(text, layout, 6, data.events, event_from_json);
  read_collection(text, layout, 7, data.services, service_from_json);
  return data;
}

Dataset dataset_from_json_text(std::string_view text) {
  try {
    if (auto data = detail::read_dataset_by_record(text)) return std::move(*data);
  } catch (...) {
    // The record-by-record reader is only an optimisation. On any failure the
    // whole-document reader below runs, so that errors carry its messages
    // (byte offsets into the whole text, the first invalid record).
  }
  return dataset_from_json(parse_json_text(text));
}

}  // namespace v1
}  // namespace atip
