// Multilingual text handling for atip: UTF-8 validation and NFC, Zawgyi
// detection and conversion for Burmese, search keys, word segmentation,
// collation and display names, all built on ICU.
//
// Thread contract: every free function here may be called from several
// threads at once. ICU transliterators are not thread-safe, so each thread
// keeps its own cached instances (created on first use in that thread and
// destroyed when the thread exits). A Collator object is not synchronized:
// use one per thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace atip {
inline namespace v1 {
namespace text {

// ---------------------------------------------------------------------------
// UTF-8 and normalization

/// Returns true when `bytes` is well-formed UTF-8 without NUL bytes: no
/// truncated or overlong sequences, no surrogates, nothing above U+10FFFF.
bool is_valid_utf8(std::string_view bytes) noexcept;

/// Validates `utf8` as is_valid_utf8 does and returns it in Unicode
/// Normalization Form C.
///
/// Throws Error(invalid_argument) on invalid input; the message starts with
/// `field`, gives the byte offset of the first bad byte and shows the bytes
/// there in hex.
std::string normalize(std::string_view utf8, std::string_view field = "text");

// ---------------------------------------------------------------------------
// Burmese text in the Zawgyi encoding

/// Returns a score in [0, 1] that `utf8` is Burmese written in the Zawgyi
/// font encoding rather than in Unicode. The score is the logistic function of
/// a sum of weighted evidence: each code point sequence that is valid in only
/// one of the two encodings adds to or subtracts from the sum (docs/text.md
/// lists the rules). It is not a calibrated probability. Text without letters
/// or marks of the Myanmar blocks scores 0. Expects valid UTF-8; invalid bytes
/// are skipped.
double zawgyi_probability(std::string_view utf8);

/// Returns true when zawgyi_probability(utf8) is above 0.5.
bool is_zawgyi(std::string_view utf8);

/// Converts Zawgyi-encoded Burmese to Unicode with ICU's "Zawgyi-my"
/// transliterator and returns NFC. Applies the conversion unconditionally:
/// converting text that already is Unicode damages it, so call is_zawgyi
/// first (prepare_input does).
///
/// Throws Error(invalid_argument) on invalid UTF-8, as normalize does.
std::string zawgyi_to_unicode(std::string_view utf8);

/// Text cleaned by prepare_input.
struct InputText {
  std::string text;        ///< Valid UTF-8, NFC, Burmese in Unicode.
  bool zawgyi_converted;   ///< True when the input was detected as Zawgyi and converted.
};

/// Cleans a text field once on input: validates UTF-8, converts Burmese
/// written in Zawgyi to Unicode when is_zawgyi says so, and normalises to NFC.
/// Every stored text field goes through this, and so does every search query.
///
/// Throws Error(invalid_argument) naming `field` when `utf8` is not valid
/// UTF-8 or contains NUL bytes.
InputText prepare_input(std::string_view utf8, std::string_view field = "text");

// ---------------------------------------------------------------------------
// Search keys

/// Unifies spelling variants that NFC leaves apart, keeping the script and
/// the diacritics:
/// - Khmer: subscript consonants (COENG + consonant) moved before register
///   shifters, vowel signs and other signs, COENG RO placed after other
///   subscripts, the split vowels typed as two parts (U+17C1 U+17B8,
///   U+17C1 U+17B6) composed, deprecated U+17A3, U+17A4, U+17B4 and U+17B5
///   replaced or removed;
/// - Vietnamese: U+00D0 and U+00F0 (eth, typed for D with stroke when
///   Windows-1258 text is decoded as Latin-1) replaced by U+0110 and U+0111;
///   vowel marks (circumflex, breve, horn) ordered before tone marks;
/// - zero-width characters (U+200B, U+200C, U+200D, U+2060, U+FEFF, U+00AD)
///   removed.
/// Returns NFC. Throws Error(invalid_argument) on invalid UTF-8.
std::string unify_spelling_variants(std::string_view utf8);

/// Returns the search key of `utf8`: unify_spelling_variants, then
/// transliteration to Latin where ICU has a transform (ICU "Any-Latin":
/// Thai, Burmese, Han as Mandarin pinyin, Cyrillic, ...), Latin diacritics
/// removed ("Latin-ASCII"), Unicode case folding, apostrophes and modifier
/// letters removed, every other run of spaces, punctuation and symbols
/// replaced by one space, no leading or trailing space.
///
/// Scripts without an ICU transform to Latin (Khmer, Lao, and others) stay in
/// their script with their spelling variants unified. Expects Unicode, not
/// Zawgyi (see prepare_input). Throws Error(invalid_argument) on invalid UTF-8.
std::string search_key(std::string_view utf8);

/// Returns the search key of every name, without empty keys and duplicates,
/// sorted by byte value. Throws Error(invalid_argument) naming the index of an
/// invalid name.
std::vector<std::string> name_keys(const std::vector<std::string>& names);

// ---------------------------------------------------------------------------
// Segmentation

/// Splits `utf8` into words with ICU's word BreakIterator for `locale` (a
/// BCP 47 tag; empty means the root locale) and returns the
/// word-like segments in order: letters, numbers, kana and ideographs, and
/// the dictionary words of Thai, Lao, Khmer, Burmese and Chinese, which ICU
/// finds with any locale. Spaces and punctuation are dropped. The words are
/// substrings of the NFC form of `utf8`. Throws Error(invalid_argument) on
/// invalid UTF-8 or a malformed tag.
std::vector<std::string> segment_words(std::string_view utf8, std::string_view locale = "");

// ---------------------------------------------------------------------------
// Collation

/// Locale-sensitive ordering of strings for sorted listings (ICU Collator).
/// Not synchronized: use one instance per thread.
class Collator {
 public:
  /// Opens the collator of `locale` (BCP 47 tag, "" for the root order).
  /// A language without its own ICU tailoring gets the root order.
  /// Throws Error(invalid_argument) when the tag is malformed.
  explicit Collator(std::string_view locale);
  ~Collator();
  Collator(Collator&&) noexcept;
  Collator& operator=(Collator&&) noexcept;
  Collator(const Collator&) = delete;
  Collator& operator=(const Collator&) = delete;

  /// Returns a negative number, zero or a positive number as `a` sorts before,
  /// equal to or after `b`. Invalid UTF-8 compares as U+FFFD.
  int compare(std::string_view a, std::string_view b) const;

  /// Sorts `values` in place in collation order (stable for equal strings).
  void sort(std::vector<std::string>& values) const;

  /// Returns the binary sort key of `utf8`: comparing two keys with memcmp
  /// (or std::string::compare) gives the same order as compare(). Keys are
  /// only comparable with keys of the same locale and the same ICU version.
  std::string sort_key(std::string_view utf8) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// ---------------------------------------------------------------------------
// Language tags and display names

/// Returns the canonical form ICU gives a BCP 47 tag ("ZH-hant" becomes
/// "zh-Hant"). Throws Error(invalid_argument) naming `field` when the tag is
/// empty or malformed.
std::string canonical_language_tag(std::string_view bcp47_tag, std::string_view field = "language");

/// Returns the name of the language of `bcp47_tag` in `display_locale` from
/// ICU's locale data, with script and region in brackets ("zh-Hant" in "en":
/// "Chinese (Traditional)"). Returns the tag itself when ICU has no name for
/// it. Throws Error(invalid_argument) when either tag is malformed.
std::string language_display_name(std::string_view bcp47_tag, std::string_view display_locale);

/// Returns the name of the region `region_code` (ISO 3166-1 alpha-2 such as
/// "KH", or a UN M.49 three-digit code) in `display_locale`. Returns the code
/// itself when ICU has no name for it. Throws Error(invalid_argument) when
/// the code is not two letters or three digits (ICU 72 has no names for
/// ISO 3166-2 subdivisions) or the display locale is malformed.
std::string region_display_name(std::string_view region_code, std::string_view display_locale);

}  // namespace text
}  // namespace v1
}  // namespace atip
