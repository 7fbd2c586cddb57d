// Zawgyi detection (a rule scorer written for atip; ICU has no detector),
// conversion with ICU's "Zawgyi-my" transliterator, and the input pipeline.
//
// Zawgyi is a font encoding that reuses the Myanmar block with other
// meanings: it stores text in visual order (the vowel sign E U+1031 and the
// medial RA before the consonant they follow in speech), puts asat on U+1039
// (the Unicode virama), medials YA, RA, WA and HA on U+103A to U+103D (one
// place below their Unicode code points), and glyph variants on U+1060 to
// U+1097 (Mon, Karen and Shan letters in Unicode). Each rule below looks at a
// code point and its neighbours and adds evidence for one encoding when the
// sequence is well formed in only that encoding.
#include <algorithm>
#include <climits>
#include <cmath>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "atip/error.hpp"
#include "atip/text.hpp"

namespace atip {
inline namespace v1 {
namespace text {

namespace {

// Evidence weights: positive values point to Zawgyi, negative ones to
// Unicode. Strong rules (3 to 4) are sequences that one encoding never
// produces; weak ones (below 2) are merely rarer in one encoding. The values
// were set by hand against Unicode text from ICU's Burmese locale data and its
// ICU "my-Zawgyi" conversion; docs/text.md gives the measured accuracy.
constexpr double kPrior = -1.0;  // Without evidence, text is taken as Unicode.
constexpr double kVowelEAtWordStart = 4.0;
constexpr double kVowelEAfterNonBase = 3.0;
constexpr double kVowelEBeforeMedialRa = 4.0;
constexpr double kVowelEBeforeNonConsonant = -3.0;
constexpr double kMedialAtWordStart = 3.0;
constexpr double kMedialYaAfterNonConsonant = 3.0;
constexpr double kMedialYaBeforeNonConsonant = -2.0;
constexpr double kRaVariantBeforeConsonant = 3.0;
constexpr double kViramaBeforeNonConsonant = 3.0;
constexpr double kViramaAfterNonConsonant = 3.0;
constexpr double kImplausibleStack = 2.0;
constexpr double kAsatBeforeVowel = 3.0;
constexpr double kAsatAtSyllableEnd = -0.5;
constexpr double kKinzi = -4.0;
constexpr double kAsatVisarga = -2.0;
constexpr double kDotBelowAsat = -3.0;
constexpr double kMedialHa = -3.0;
constexpr double kVowelUBeforeI = 3.0;
constexpr double kExtensionAfterConsonant = 1.5;
constexpr double kExtensionElsewhere = 1.0;
constexpr double kExtensionBeforeAsat = -3.0;
constexpr double kZawgyiVowelU = 1.5;
constexpr double kShanToneAfterAsat = -3.0;
constexpr double kShanDigitInWord = 3.0;
constexpr double kZawgyiNaBeforeMark = 3.0;

constexpr char32_t kNone = 0;  // Stands for "no code point" before the start or after the end.

bool is_myanmar(char32_t c) {
  return (c >= 0x1000 && c <= 0x109F) || (c >= 0xA9E0 && c <= 0xA9FF) || (c >= 0xAA60 && c <= 0xAA7F);
}

/// Myanmar letters and marks, without digits and punctuation.
bool is_myanmar_letter_or_mark(char32_t c) {
  return is_myanmar(c) && !(c >= 0x1040 && c <= 0x104F) && !(c >= 0x1090 && c <= 0x1099);
}

/// Consonants of Burmese (U+1000 to U+1021), the great SA and the Pali
/// letters SSA and SHA: the bases a Unicode mark may follow.
bool is_consonant(char32_t c) {
  return (c >= 0x1000 && c <= 0x1021) || c == 0x103F || c == 0x1050 || c == 0x1051;
}

/// Unicode medials (YA, RA, WA, HA and the Mon and Shan ones).
bool is_unicode_medial(char32_t c) {
  return (c >= 0x103B && c <= 0x103E) || c == 0x105E || c == 0x105F || c == 0x1060 || c == 0x1082;
}

/// The Zawgyi medial RA and its glyph variants, which come before the consonant.
bool is_zawgyi_medial_ra(char32_t c) { return c == 0x103B || (c >= 0x107E && c <= 0x1084); }

bool is_vowel_sign(char32_t c) { return (c >= 0x102B && c <= 0x1032) || c == 0x1036; }

/// Row of a consonant in the Burmese alphabet (5 rows of 5), 0 outside them.
int consonant_row(char32_t c) {
  if (c >= 0x1000 && c <= 0x1004) return 1;
  if (c >= 0x1005 && c <= 0x1009) return 2;
  if (c >= 0x100B && c <= 0x100F) return 3;
  if (c >= 0x1010 && c <= 0x1014) return 4;
  if (c >= 0x1015 && c <= 0x1019) return 5;
  return 0;
}

/// Whether Unicode text would stack `lower` under `upper` with the virama.
/// Pali stacks pair consonants of one row (NGA uses kinzi instead), and LA
/// and SA double; Zawgyi asat before the next syllable produces any pair.
bool is_plausible_stack(char32_t upper, char32_t lower) {
  if (upper == lower && (upper == 0x101C || upper == 0x101E)) return true;
  return upper != 0x1004 && consonant_row(upper) != 0 && consonant_row(upper) == consonant_row(lower);
}

/// A code point with its neighbours in the text.
struct Context {
  char32_t previous;
  char32_t current;
  char32_t next;

  bool previous_in_word() const { return previous != kNone && is_myanmar_letter_or_mark(previous); }
};

/// U+1031 follows its consonant in Unicode and precedes it in Zawgyi.
double score_vowel_e(const Context& c) {
  double score = 0;
  if (!c.previous_in_word()) {
    score += kVowelEAtWordStart;
  } else if (!is_consonant(c.previous) && !is_unicode_medial(c.previous)) {
    score += kVowelEAfterNonBase;
  }
  if (c.next != kNone && is_zawgyi_medial_ra(c.next)) score += kVowelEBeforeMedialRa;
  const bool next_is_base = c.next != kNone && (is_consonant(c.next) || is_zawgyi_medial_ra(c.next) || c.next == 0x1031);
  if (!next_is_base) score += kVowelEBeforeNonConsonant;
  return score;
}

/// U+103B is the Unicode medial YA (after a consonant) and the Zawgyi medial
/// RA (before one); U+107E to U+1084 are Zawgyi RA variants or Shan letters.
double score_medial_ya_or_ra(const Context& c) {
  double score = 0;
  if (c.current == 0x103B) {
    if (!c.previous_in_word()) {
      score += kMedialAtWordStart;
    } else if (!is_consonant(c.previous)) {
      score += kMedialYaAfterNonConsonant;
    }
    if (c.next == kNone || !is_consonant(c.next)) score += kMedialYaBeforeNonConsonant;
  } else if (c.next != kNone && is_consonant(c.next)) {
    score += kRaVariantBeforeConsonant;
  }
  return score;
}

/// U+1039 is the Unicode virama, always between two consonants (or after
/// the asat of kinzi), and the Zawgyi asat, which ends a syllable.
double score_virama(const Context& c) {
  if (c.next == kNone || !is_consonant(c.next)) return kViramaBeforeNonConsonant;
  if (c.previous == kNone || !(is_consonant(c.previous) || c.previous == 0x103A)) return kViramaAfterNonConsonant;
  if (c.previous != 0x103A && !is_plausible_stack(c.previous, c.next)) return kImplausibleStack;
  return 0;
}

/// U+103A is the Unicode asat, which ends a syllable, and the Zawgyi medial
/// YA, which vowel signs follow.
double score_asat(const Context& c) {
  double score = 0;
  const bool ends_syllable = c.next == kNone || !is_myanmar_letter_or_mark(c.next) || is_consonant(c.next);
  if (c.previous != kNone && is_consonant(c.previous) && ends_syllable) score += kAsatAtSyllableEnd;
  if (c.next != kNone && (is_vowel_sign(c.next) || c.next == 0x103C || c.next == 0x103D)) score += kAsatBeforeVowel;
  if (c.next == 0x1039) score += c.previous == 0x1004 ? kKinzi : kAsatBeforeVowel;
  if (c.next == 0x1038) score += kAsatVisarga;
  if (c.previous == 0x1037) score += kDotBelowAsat;
  return score;
}

/// U+1060 to U+1097 are Zawgyi stacked consonants and glyph variants, and
/// Mon, Karen and Shan letters, vowels and tones in Unicode. In those
/// languages an asat follows them and tones follow an asat.
double score_extension(const Context& c) {
  double score = 0;
  if (c.current >= 0x1060 && c.current <= 0x1097 && !is_zawgyi_medial_ra(c.current)) {
    score += (c.previous != kNone && is_consonant(c.previous)) ? kExtensionAfterConsonant : kExtensionElsewhere;
    if (c.next == 0x103A) score += kExtensionBeforeAsat;
  }
  if (c.current >= 0x1087 && c.current <= 0x108D && c.previous == 0x103A) score += kShanToneAfterAsat;
  if (c.current >= 0x1090 && c.current <= 0x1099 && c.previous_in_word()) score += kShanDigitInWord;
  const bool next_is_mark = c.next != kNone && (is_vowel_sign(c.next) || (c.next >= 0x103A && c.next <= 0x103D));
  if (c.current == 0x108F && next_is_mark) score += kZawgyiNaBeforeMark;
  return score;
}

double score_code_point(const Context& c) {
  switch (c.current) {
    case 0x1031: return score_vowel_e(c);
    case 0x1039: return score_virama(c);
    case 0x103A: return score_asat(c);
    case 0x103E: return kMedialHa;  // Zawgyi has no code point here.
    case 0x1033:
    case 0x1034: return kZawgyiVowelU;  // Zawgyi U and UU variants, Mon vowels in Unicode.
    case 0x102D: return c.previous == 0x102F ? kVowelUBeforeI : 0;  // Unicode orders I before U.
    default: break;
  }
  if (is_zawgyi_medial_ra(c.current)) return score_medial_ya_or_ra(c);
  return score_extension(c);
}

/// Code points of `utf8`; invalid bytes are skipped.
std::vector<char32_t> decode(std::string_view utf8) {
  std::vector<char32_t> out;
  out.reserve(utf8.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(std::min<std::size_t>(utf8.size(), INT32_MAX));
  int32_t offset = 0;
  while (offset < length) {
    UChar32 c = 0;
    U8_NEXT(bytes, offset, length, c);
    if (c >= 0) out.push_back(static_cast<char32_t>(c));
  }
  return out;
}

/// The ICU "Zawgyi-my" transliterator of this thread. ICU transliterators
/// are expensive to create and not thread-safe, hence one per thread.
icu::Transliterator& zawgyi_transliterator() {
  thread_local std::unique_ptr<icu::Transliterator> instance;
  if (!instance) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse_error{};
    instance.reset(icu::Transliterator::createInstance("Zawgyi-my", UTRANS_FORWARD, parse_error, status));
    if (U_FAILURE(status) || !instance) {
      instance.reset();
      fail(ErrorKind::internal, std::string("ICU transliterator \"Zawgyi-my\" unavailable: ") + u_errorName(status));
    }
  }
  return *instance;
}

}  // namespace

double zawgyi_probability(std::string_view utf8) {
  const std::vector<char32_t> code_points = decode(utf8);
  bool has_myanmar = false;
  double evidence = kPrior;
  for (std::size_t i = 0; i < code_points.size(); ++i) {
    const Context context{i > 0 ? code_points[i - 1] : kNone, code_points[i],
                          i + 1 < code_points.size() ? code_points[i + 1] : kNone};
    if (!is_myanmar(context.current)) continue;
    has_myanmar = has_myanmar || is_myanmar_letter_or_mark(context.current);
    evidence += score_code_point(context);
  }
  if (!has_myanmar) return 0.0;  // no Burmese letters, only digits or punctuation at most
  return 1.0 / (1.0 + std::exp(-evidence));
}

bool is_zawgyi(std::string_view utf8) { return zawgyi_probability(utf8) > 0.5; }

std::string zawgyi_to_unicode(std::string_view utf8) {
  const std::string valid = normalize(utf8);
  icu::UnicodeString converted = icu::UnicodeString::fromUTF8(valid);
  zawgyi_transliterator().transliterate(converted);
  std::string out;
  converted.toUTF8String(out);
  return normalize(out);
}

InputText prepare_input(std::string_view utf8, std::string_view field) {
  std::string valid = normalize(utf8, field);
  if (is_zawgyi(valid)) return InputText{zawgyi_to_unicode(valid), true};
  return InputText{std::move(valid), false};
}

}  // namespace text
}  // namespace v1
}  // namespace atip
