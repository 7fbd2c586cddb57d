// ICU services that take a locale: word segmentation, collation and display
// names of languages and regions.
#include <algorithm>
#include <climits>
#include <map>
#include <memory>
#include <numeric>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/brkiter.h>
#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

#include "atip/error.hpp"
#include "atip/text.hpp"
#include "model/memo.hpp"

namespace atip {
inline namespace v1 {
namespace text {

namespace {

/// Parses a BCP 47 tag; an empty tag is the root locale. Throws
/// Error(invalid_argument) naming `field` when ICU rejects the tag.
icu::Locale parse_locale(std::string_view tag, std::string_view field) {
  if (tag.empty()) return icu::Locale::getRoot();
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale locale =
      icu::Locale::forLanguageTag(icu::StringPiece(tag.data(), static_cast<int32_t>(tag.size())), status);
  if (U_FAILURE(status) || locale.isBogus()) {
    fail(ErrorKind::invalid_argument,
         std::string(field) + ": \"" + std::string(tag) + "\" is not a valid BCP 47 tag");
  }
  return locale;
}

std::string to_utf8(const icu::UnicodeString& value) {
  std::string out;
  value.toUTF8String(out);
  return out;
}

icu::StringPiece to_piece(std::string_view value) {
  return icu::StringPiece(value.data(), static_cast<int32_t>(std::min<std::size_t>(value.size(), INT32_MAX)));
}

// ---------------------------------------------------------------------------
// Word segmentation

/// Word break iterators of this thread by locale id. Creating one loads rules
/// and takes far longer than segmenting a name; iterators are not
/// thread-safe, hence one cache per thread.
icu::BreakIterator& word_iterator(const icu::Locale& locale) {
  // Few locales are used in practice; the bound only keeps a caller that
  // passes many distinct tags from growing the cache without limit.
  constexpr std::size_t kMaxCachedIterators = 32;
  thread_local std::map<std::string, std::unique_ptr<icu::BreakIterator>> cache;

  auto found = cache.find(locale.getName());
  if (found != cache.end()) return *found->second;
  if (cache.size() >= kMaxCachedIterators) cache.clear();

  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> iterator(icu::BreakIterator::createWordInstance(locale, status));
  if (U_FAILURE(status) || !iterator) {
    fail(ErrorKind::internal, std::string("ICU word break iterator unavailable for locale \"") + locale.getName() +
                                  "\": " + u_errorName(status));
  }
  return *cache.emplace(locale.getName(), std::move(iterator)).first->second;
}

/// Closes a UText when it goes out of scope.
struct UTextCloser {
  void operator()(UText* text) const { utext_close(text); }
};

/// Returns true when `text` is only ASCII letters, digits and spaces. ICU's
/// word rules then break at the spaces and nowhere else (letters and digits
/// join into one word in every locale), so the words are the runs between
/// spaces.
bool is_spaced_ascii_words(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return c == ' ' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  });
}

std::vector<std::string> split_at_spaces(std::string_view text) {
  std::vector<std::string> words;
  for (std::size_t start = text.find_first_not_of(' '); start != std::string_view::npos;) {
    const std::size_t end = std::min(text.find(' ', start), text.size());
    words.emplace_back(text.substr(start, end - start));
    start = text.find_first_not_of(' ', end);
  }
  return words;
}

}  // namespace

std::vector<std::string> segment_words(std::string_view utf8, std::string_view locale) {
  // Romanised names take this shortcut, which costs a fraction of a break
  // iterator pass: a bulk import segments every name several times.
  if (is_spaced_ascii_words(utf8)) {
    if (!locale.empty()) parse_locale(locale, "locale");  // still rejects a malformed locale
    return split_at_spaces(utf8);
  }
  const std::string text = normalize(utf8);
  icu::BreakIterator& iterator = word_iterator(parse_locale(locale, "locale"));

  // Iterating over the UTF-8 bytes directly makes the boundaries byte offsets.
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UText, UTextCloser> utext(
      utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status));
  if (U_FAILURE(status)) fail(ErrorKind::internal, std::string("ICU UText failed: ") + u_errorName(status));
  iterator.setText(utext.get(), status);
  if (U_FAILURE(status)) fail(ErrorKind::internal, std::string("ICU break iterator failed: ") + u_errorName(status));

  std::vector<std::string> words;
  int32_t start = iterator.first();
  for (int32_t end = iterator.next(); end != icu::BreakIterator::DONE; start = end, end = iterator.next()) {
    // Rule status UBRK_WORD_NONE (0 to 99) marks spaces and punctuation.
    if (iterator.getRuleStatus() >= UBRK_WORD_NONE_LIMIT) {
      words.emplace_back(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start)));
    }
  }

  // The iterator stays cached: point it at a string that outlives it rather
  // than at the text about to be freed.
  static const icu::UnicodeString kNoText;
  iterator.setText(kNoText);
  return words;
}

// ---------------------------------------------------------------------------
// Collation

struct Collator::Impl {
  std::unique_ptr<icu::Collator> collator;
};

Collator::Collator(std::string_view locale) : impl_(std::make_unique<Impl>()) {
  UErrorCode status = U_ZERO_ERROR;
  impl_->collator.reset(icu::Collator::createInstance(parse_locale(locale, "locale"), status));
  if (U_FAILURE(status) || !impl_->collator) {
    fail(ErrorKind::invalid_argument,
         "locale: no ICU collation for \"" + std::string(locale) + "\": " + u_errorName(status));
  }
}

Collator::~Collator() = default;
Collator::Collator(Collator&&) noexcept = default;
Collator& Collator::operator=(Collator&&) noexcept = default;

int Collator::compare(std::string_view a, std::string_view b) const {
  UErrorCode status = U_ZERO_ERROR;
  const UCollationResult result = impl_->collator->compareUTF8(to_piece(a), to_piece(b), status);
  if (U_FAILURE(status)) fail(ErrorKind::internal, std::string("ICU collation failed: ") + u_errorName(status));
  return static_cast<int>(result);
}

std::string Collator::sort_key(std::string_view utf8) const {
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(to_piece(utf8));
  std::string key(64, '\0');
  int32_t length = impl_->collator->getSortKey(text, reinterpret_cast<uint8_t*>(key.data()),
                                               static_cast<int32_t>(key.size()));
  if (length > static_cast<int32_t>(key.size())) {
    key.resize(static_cast<std::size_t>(length));
    length = impl_->collator->getSortKey(text, reinterpret_cast<uint8_t*>(key.data()), length);
  }
  if (length <= 0) fail(ErrorKind::internal, "ICU collation failed to build a sort key");

  // ICU terminates keys with a zero byte, which adds nothing to comparisons.
  key.resize(static_cast<std::size_t>(length - 1));
  return key;
}

void Collator::sort(std::vector<std::string>& values) const {
  // One sort key per value is cheaper than O(n log n) full comparisons.
  std::vector<std::string> keys;
  keys.reserve(values.size());
  for (const std::string& value : values) keys.push_back(sort_key(value));

  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&keys](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });

  std::vector<std::string> sorted;
  sorted.reserve(values.size());
  for (std::size_t index : order) sorted.push_back(std::move(values[index]));
  values = std::move(sorted);
}

// ---------------------------------------------------------------------------
// Display names

std::string canonical_language_tag(std::string_view bcp47_tag, std::string_view field) {
  if (bcp47_tag.empty()) fail(ErrorKind::invalid_argument, std::string(field) + ": \"\" is not a valid BCP 47 tag");
  thread_local detail::StringMemo<1024> memo;
  return memo.get(bcp47_tag, [&] {
    const icu::Locale locale = parse_locale(bcp47_tag, field);
    UErrorCode status = U_ZERO_ERROR;
    std::string tag = locale.toLanguageTag<std::string>(status);
    if (U_FAILURE(status)) {
      fail(ErrorKind::invalid_argument,
           std::string(field) + ": \"" + std::string(bcp47_tag) + "\" is not a valid BCP 47 tag");
    }
    return tag;
  });
}

std::string language_display_name(std::string_view bcp47_tag, std::string_view display_locale) {
  if (bcp47_tag.empty()) fail(ErrorKind::invalid_argument, "bcp47_tag: \"\" is not a valid BCP 47 tag");
  const icu::Locale language = parse_locale(bcp47_tag, "bcp47_tag");
  const icu::Locale display = parse_locale(display_locale, "display_locale");

  icu::UnicodeString name;
  language.getDisplayName(display, name);
  return to_utf8(name);
}

std::string region_display_name(std::string_view region_code, std::string_view display_locale) {
  const bool alpha2 = region_code.size() == 2 && std::all_of(region_code.begin(), region_code.end(), [](char c) {
                        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
                      });
  const bool m49 = region_code.size() == 3 &&
                   std::all_of(region_code.begin(), region_code.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!alpha2 && !m49) {
    fail(ErrorKind::invalid_argument, "region_code: \"" + std::string(region_code) +
                                          "\" is not an ISO 3166-1 alpha-2 or UN M.49 code; for a subdivision "
                                          "such as \"TH-10\" pass its country code");
  }
  const icu::Locale display = parse_locale(display_locale, "display_locale");

  std::string code(region_code);
  std::transform(code.begin(), code.end(), code.begin(), [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; });
  const icu::Locale region("und", code.c_str());
  icu::UnicodeString name;
  region.getDisplayCountry(display, name);
  return to_utf8(name);
}

}  // namespace text
}  // namespace v1
}  // namespace atip
