// libFuzzer target: the text functions of atip/text.hpp on arbitrary bytes.
//
// The first byte picks a locale for segmentation and collation; the rest is
// the text. Checks the documented contracts:
// - invalid UTF-8 (or NUL) is rejected with Error(invalid_argument) and a
//   message, and is_valid_utf8 agrees with what normalize accepts;
// - normalize is idempotent and returns valid UTF-8;
// - zawgyi_probability is in [0, 1] and is_zawgyi agrees with it;
// - search keys have no leading, trailing or doubled spaces; name_keys are
//   sorted and unique;
// - segmented words are non-empty substrings of the NFC text;
// - collation sort keys order strings as compare() does.
#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "atip/error.hpp"
#include "atip/text.hpp"
#include "fuzz_support.hpp"

namespace {

namespace text = atip::text;
using atip_fuzz::require;

constexpr std::array<const char*, 10> kLocales = {"", "th", "km", "my", "vi", "zh-Hant", "zh-Hans", "yue", "en", "shn"};

/// Runs `step`. An atip::Error of kind invalid_argument is how the text
/// functions reject invalid input, so it is accepted. Returns whether `step` ran
/// to the end.
template <typename Step>
bool accepts(Step step) {
  try {
    step();
    return true;
  } catch (const atip::Error& error) {
    atip_fuzz::require_good_message(error.what());
    require(error.kind() == atip::ErrorKind::invalid_argument, "a text function failed with a kind other than invalid_argument");
    return false;
  }
}

void check_search_key(const std::string& key) {
  require(text::is_valid_utf8(key), "search_key returned invalid UTF-8");
  if (key.empty()) return;
  require(key.front() != ' ' && key.back() != ' ', "search_key left a leading or trailing space");
  require(key.find("  ") == std::string::npos, "search_key left two spaces in a row");
}

void check_valid_text(std::string_view input, const char* locale) {
  const std::string nfc = text::normalize(input);
  require(text::is_valid_utf8(nfc), "normalize returned invalid UTF-8");
  require(text::normalize(nfc) == nfc, "normalize is not idempotent");

  const double probability = text::zawgyi_probability(input);
  require(probability >= 0.0 && probability <= 1.0, "zawgyi_probability is outside [0, 1]");
  require(text::is_zawgyi(input) == (probability > 0.5), "is_zawgyi disagrees with zawgyi_probability");
  const std::string converted = text::zawgyi_to_unicode(input);
  require(text::is_valid_utf8(converted), "zawgyi_to_unicode returned invalid UTF-8");
  const text::InputText prepared = text::prepare_input(input, "fuzz");
  require(text::is_valid_utf8(prepared.text), "prepare_input returned invalid UTF-8");

  require(text::is_valid_utf8(text::unify_spelling_variants(input)), "unify_spelling_variants returned invalid UTF-8");
  check_search_key(text::search_key(input));
  check_search_key(text::search_key(prepared.text));

  const std::vector<std::string> keys = text::name_keys({std::string(input), prepared.text, converted});
  require(std::is_sorted(keys.begin(), keys.end()), "name_keys are not sorted");
  require(std::adjacent_find(keys.begin(), keys.end()) == keys.end(), "name_keys has duplicates");
  require(std::find(keys.begin(), keys.end(), std::string()) == keys.end(), "name_keys has an empty key");

  for (const std::string& word : text::segment_words(input, locale)) {
    require(!word.empty(), "segment_words returned an empty word");
    require(nfc.find(word) != std::string::npos, "a segmented word is not a substring of the NFC text");
  }

  const text::Collator collator(locale);
  const int order = collator.compare(nfc, converted);
  const std::string key_a = collator.sort_key(nfc);
  const std::string key_b = collator.sort_key(converted);
  const int key_order = key_a.compare(key_b);
  require((order < 0) == (key_order < 0) && (order > 0) == (key_order > 0), "sort keys disagree with compare()");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const char* locale = kLocales[data[0] % kLocales.size()];
  const std::string_view input = atip_fuzz::as_text(data + 1, size - 1);

  const bool valid = text::is_valid_utf8(input);
  require(valid == atip_fuzz::is_valid_utf8(input), "is_valid_utf8 disagrees with the reference validator");
  const bool normalized = accepts([&] { text::normalize(input); });
  require(valid == normalized, "is_valid_utf8 and normalize disagree on the same bytes");
  if (valid) {
    check_valid_text(input, locale);
  } else {
    accepts([&] { text::search_key(input); });
    accepts([&] { text::prepare_input(input, "fuzz"); });
    accepts([&] { text::segment_words(input, locale); });
    accepts([&] { text::unify_spelling_variants(input); });
    accepts([&] { text::zawgyi_to_unicode(input); });
    require(text::zawgyi_probability(input) >= 0.0, "zawgyi_probability is negative on invalid UTF-8");
  }
  // Language tags and region codes come from import files too.
  accepts([&] { text::canonical_language_tag(input); });
  accepts([&] { text::language_display_name(input, locale); });
  accepts([&] { text::region_display_name(input, locale); });
  return 0;
}
