// Search keys: spelling variants unified, transliteration to Latin, case
// folding and punctuation collapsed, so that spellings a reader takes for the
// same name get the same key.
#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include "atip/error.hpp"
#include "atip/text.hpp"

namespace atip {
inline namespace v1 {
namespace text {

namespace {

// ---------------------------------------------------------------------------
// Conversions between UTF-8 (already validated), UTF-32 and ICU strings

std::u32string to_utf32(const icu::UnicodeString& value) {
  std::u32string out;
  out.reserve(static_cast<std::size_t>(value.length()));
  for (int32_t i = 0; i < value.length(); i = value.moveIndex32(i, 1)) {
    out.push_back(static_cast<char32_t>(value.char32At(i)));
  }
  return out;
}

icu::UnicodeString to_unicode_string(const std::u32string& value) {
  icu::UnicodeString out;
  for (char32_t c : value) out.append(static_cast<UChar32>(c));
  return out;
}

std::string to_utf8(const icu::UnicodeString& value) {
  std::string out;
  value.toUTF8String(out);
  return out;
}

const icu::Normalizer2& normalizer(bool compose) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* instance =
      compose ? icu::Normalizer2::getNFCInstance(status) : icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) fail(ErrorKind::internal, std::string("ICU normalizer unavailable: ") + u_errorName(status));
  return *instance;
}

icu::UnicodeString apply_normalizer(const icu::UnicodeString& value, bool compose) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString out = normalizer(compose).normalize(value, status);
  if (U_FAILURE(status)) fail(ErrorKind::internal, std::string("ICU normalization failed: ") + u_errorName(status));
  return out;
}

// ---------------------------------------------------------------------------
// Characters removed or replaced before anything else

bool is_zero_width(char32_t c) {
  return c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF || c == 0x00AD;
}

/// Removes zero-width characters and replaces the eth that Windows-1258 text
/// decoded as Latin-1 produces for D with stroke (both are byte 0xD0 / 0xF0).
std::u32string replace_single_characters(const std::u32string& text) {
  std::u32string out;
  out.reserve(text.size());
  for (char32_t c : text) {
    if (is_zero_width(c)) continue;
    if (c == 0x00D0) c = 0x0110;
    if (c == 0x00F0) c = 0x0111;
    out.push_back(c);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Khmer: one order for the marks of a syllable

constexpr char32_t kKhmerCoeng = 0x17D2;
constexpr char32_t kKhmerRo = 0x179A;

bool is_khmer_consonant(char32_t c) { return c >= 0x1780 && c <= 0x17A2; }
bool is_khmer_base(char32_t c) { return c >= 0x1780 && c <= 0x17B3; }

/// Khmer marks that belong to the syllable of the preceding base (with the
/// deprecated inherent vowels U+17B4 and U+17B5, which are dropped).
bool is_khmer_mark(char32_t c) {
  return (c >= 0x17B4 && c <= 0x17D1) || c == kKhmerCoeng || c == 0x17D3 || c == 0x17DD;
}

/// Position class of a mark in the order the Unicode Standard gives for a
/// Khmer syllable: base, robat, subscript consonants, register shifter,
/// dependent vowel, other signs. COENG RO goes after the other subscripts.
int khmer_mark_rank(const std::u32string& item) {
  const char32_t first = item.front();
  if (first == 0x17CC) return 0;  // robat
  if (first == kKhmerCoeng) return item.size() > 1 && item[1] == kKhmerRo ? 2 : 1;
  if (first == 0x17C9 || first == 0x17CA) return 3;  // register shifters
  if (first >= 0x17B6 && first <= 0x17C5) return 4;  // dependent vowels
  return 5;
}

/// Composes the split vowels typed as two parts: E + II is OE, E + AA is OO.
void compose_khmer_split_vowels(std::vector<std::u32string>& items) {
  for (std::size_t i = 0; i + 1 < items.size(); ++i) {
    if (items[i] != U"\u17C1") continue;
    if (items[i + 1] == U"\u17B8") {
      items[i] = U"\u17BE";
      items.erase(items.begin() + static_cast<std::ptrdiff_t>(i) + 1);
    } else if (items[i + 1] == U"\u17B6") {
      items[i] = U"\u17C4";
      items.erase(items.begin() + static_cast<std::ptrdiff_t>(i) + 1);
    }
  }
}

/// Splits the marks after a base into items (a COENG with its consonant is
/// one item) starting at `position`; advances `position` past them.
std::vector<std::u32string> read_khmer_marks(const std::u32string& text, std::size_t& position) {
  std::vector<std::u32string> items;
  while (position < text.size() && is_khmer_mark(text[position])) {
    const bool subscript = text[position] == kKhmerCoeng && position + 1 < text.size() &&
                           is_khmer_consonant(text[position + 1]);
    const std::size_t length = subscript ? 2 : 1;
    items.push_back(text.substr(position, length));
    position += length;
  }
  return items;
}

std::u32string reorder_khmer(const std::u32string& text) {
  std::u32string out;
  out.reserve(text.size() + 1);
  std::size_t position = 0;
  while (position < text.size()) {
    char32_t c = text[position++];
    // Deprecated characters: the inherent vowels are invisible, and the
    // independent vowels QAQ and QAA are spelled with QA.
    if (c == 0x17B4 || c == 0x17B5) continue;
    if (c == 0x17A3) c = 0x17A2;
    if (c == 0x17A4) {
      out += U"\u17A2\u17B6";
      continue;
    }
    out.push_back(c);
    if (!is_khmer_base(c)) continue;

    std::vector<std::u32string> items = read_khmer_marks(text, position);
    std::stable_sort(items.begin(), items.end(), [](const std::u32string& a, const std::u32string& b) {
      return khmer_mark_rank(a) < khmer_mark_rank(b);
    });
    items.erase(std::unique(items.begin(), items.end()), items.end());  // a mark typed twice
    compose_khmer_split_vowels(items);
    for (const std::u32string& item : items) {
      if (item.front() != 0x17B4 && item.front() != 0x17B5) out += item;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Vietnamese: vowel marks before tone marks

bool is_vietnamese_vowel_mark(char32_t c) { return c == 0x0302 || c == 0x0306; }  // circumflex, breve
bool is_vietnamese_tone_mark(char32_t c) {
  return c == 0x0300 || c == 0x0301 || c == 0x0303 || c == 0x0309;  // grave, acute, tilde, hook above
}

/// In NFD text, moves a circumflex or breve typed after a tone mark in front
/// of it. Both have combining class 230, so NFC keeps the typed order and
/// "e + acute + circumflex" would not compose to U+1EBF.
std::u32string order_vietnamese_marks(std::u32string text) {
  for (std::size_t i = 1; i < text.size(); ++i) {
    std::size_t j = i;
    while (j > 0 && is_vietnamese_vowel_mark(text[j]) && is_vietnamese_tone_mark(text[j - 1])) {
      std::swap(text[j], text[j - 1]);
      --j;
    }
  }
  return text;
}

// ---------------------------------------------------------------------------
// Transliteration

/// A transliterator cached per thread (creation parses rule sets and takes
/// milliseconds; instances are not thread-safe).
class ThreadTransliterator {
 public:
  explicit ThreadTransliterator(const char* id) : id_(id) {}

  void apply(icu::UnicodeString& text) {
    if (!instance_) create();
    instance_->transliterate(text);
  }

 private:
  void create() {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse_error{};
    instance_.reset(icu::Transliterator::createInstance(icu::UnicodeString(id_, -1, US_INV), UTRANS_FORWARD,
                                                        parse_error, status));
    if (U_FAILURE(status) || !instance_) {
      instance_.reset();
      fail(ErrorKind::internal, std::string("ICU transliterator \"") + id_ + "\" unavailable: " + u_errorName(status));
    }
  }

  const char* id_;
  std::unique_ptr<icu::Transliterator> instance_;
};

enum class Transform { none, latin_ascii, any_latin };

/// Which transform a text needs: none for ASCII, Latin-ASCII for Latin
/// with diacritics, Any-Latin for other scripts. ICU 72 has no Khmer-Latin
/// or Lao-Latin transform, so those scripts need none.
Transform needed_transform(const icu::UnicodeString& text) {
  Transform needed = Transform::none;
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    const UChar32 c = text.char32At(i);
    if (c < 0x80) continue;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(c, &status);
    switch (script) {
      case USCRIPT_COMMON:
      case USCRIPT_INHERITED:
      case USCRIPT_LATIN:
        needed = Transform::latin_ascii;
        break;
      case USCRIPT_KHMER:
      case USCRIPT_LAO:
        break;
      default:
        return Transform::any_latin;
    }
  }
  return needed;
}

void transliterate_to_latin(icu::UnicodeString& text) {
  thread_local ThreadTransliterator any_latin("Any-Latin; Latin-ASCII");
  thread_local ThreadTransliterator latin_ascii("Latin-ASCII");
  switch (needed_transform(text)) {
    case Transform::none: break;
    case Transform::latin_ascii: latin_ascii.apply(text); break;
    case Transform::any_latin: any_latin.apply(text); break;
  }
}

// ---------------------------------------------------------------------------
// Final clean-up of a key

/// Apostrophes and spacing modifier letters (the ʻ and ʹ that transliteration
/// writes) join the letters around them instead of splitting the word.
bool is_joiner(UChar32 c) {
  return c == 0x27 || c == 0x2019 || c == 0x60 || c == 0xB4 || (c >= 0x02B0 && c <= 0x02FF);
}

bool is_key_character(UChar32 c) {
  const int32_t mask = U_GET_GC_MASK(c);
  return (mask & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK)) != 0;
}

/// Drops combining marks left on Latin letters, joiners, and marks with no
/// base; writes decimal digits of every script as ASCII digits; turns every
/// other run of characters into one space.
std::string collapse_to_key(const icu::UnicodeString& text) {
  icu::UnicodeString out;
  bool pending_space = false;
  bool base_is_latin = false;
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    const UChar32 c = text.char32At(i);
    if (is_joiner(c)) continue;
    if (!is_key_character(c)) {
      pending_space = !out.isEmpty();
      base_is_latin = false;
      continue;
    }

    const bool is_mark = (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
    if (is_mark && (base_is_latin || out.isEmpty() || pending_space)) continue;
    if (pending_space) out.append(static_cast<UChar>(0x20));
    pending_space = false;

    if (!is_mark) {
      UErrorCode status = U_ZERO_ERROR;
      base_is_latin = uscript_getScript(c, &status) == USCRIPT_LATIN;
    }
    const int32_t digit = u_charType(c) == U_DECIMAL_DIGIT_NUMBER ? u_charDigitValue(c) : -1;
    out.append(digit >= 0 ? static_cast<UChar32>('0' + digit) : c);
  }
  return to_utf8(out);
}

// ---------------------------------------------------------------------------
// ASCII text
//
// Many names in the directory are romanised. For ASCII text every step above
// is the identity except case folding and the final clean-up, so both are
// done here on bytes instead of through ICU. test_text checks that the two
// paths agree on 2,000 generated ASCII strings.

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool is_ascii_alnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/// collapse_to_key(fold(text)) for ASCII text: letters lower-cased, the
/// joiners ' and ` dropped, every other run of non-alphanumerics one space.
std::string ascii_search_key(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char c : text) {
    if (c == '\'' || c == '`') continue;
    if (!is_ascii_alnum(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

}  // namespace

std::string unify_spelling_variants(std::string_view utf8) {
  if (is_ascii(utf8)) return std::string(utf8);
  const std::string nfc = normalize(utf8);
  std::u32string text = to_utf32(icu::UnicodeString::fromUTF8(nfc));
  text = reorder_khmer(replace_single_characters(text));

  // Vietnamese marks are reordered on the decomposed form, then composed again.
  const icu::UnicodeString decomposed = apply_normalizer(to_unicode_string(text), false);
  const std::u32string ordered = order_vietnamese_marks(to_utf32(decomposed));
  return to_utf8(apply_normalizer(to_unicode_string(ordered), true));
}

std::string search_key(std::string_view utf8) {
  if (is_ascii(utf8)) return ascii_search_key(utf8);
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(unify_spelling_variants(utf8));
  transliterate_to_latin(text);
  text.foldCase();
  return collapse_to_key(apply_normalizer(text, true));
}

std::vector<std::string> name_keys(const std::vector<std::string>& names) {
  std::vector<std::string> keys;
  keys.reserve(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    try {
      std::string key = search_key(names[i]);
      if (!key.empty()) keys.push_back(std::move(key));
    } catch (const Error& error) {
      fail(error.kind(), "names[" + std::to_string(i) + "]: " + error.what());
    }
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

}  // namespace text
}  // namespace v1
}  // namespace atip
