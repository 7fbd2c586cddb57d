// Conflict-check name comparison: exact and near matches between two sets
// of names, on the search keys of the text module and on the spelling in
// the original script.
#include "matching/names.hpp"

#include <algorithm>
#include <memory>
#include <set>
#include <tuple>

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "atip/error.hpp"
#include "atip/text.hpp"

namespace atip {
inline namespace v1 {
namespace matching {

namespace {

std::vector<char32_t> code_points(std::string_view utf8) {
  std::vector<char32_t> out;
  out.reserve(utf8.size());
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(utf8.data());
  const auto length = static_cast<std::int32_t>(utf8.size());
  for (std::int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    out.push_back(c < 0 ? 0xFFFD : static_cast<char32_t>(c));
  }
  return out;
}

/// Optimal string alignment distance (Damerau-Levenshtein where a
/// transposition of two neighbours counts as one edit and is not edited again).
std::size_t edit_distance(const std::vector<char32_t>& a, const std::vector<char32_t>& b) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  std::vector<std::size_t> before(m + 1), previous(m + 1), current(m + 1);
  for (std::size_t j = 0; j <= m; ++j) previous[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[m];
}

double string_similarity(std::string_view a, std::string_view b) {
  if (a == b) return 1.0;
  const auto left = code_points(a);
  const auto right = code_points(b);
  const std::size_t longer = std::max(left.size(), right.size());
  if (longer == 0) return 1.0;
  return 1.0 - static_cast<double>(edit_distance(left, right)) / static_cast<double>(longer);
}

/// ISO 15924 code of the first letter whose script is neither Latin nor
/// Common/Inherited, or empty.
std::string non_latin_script(std::string_view utf8) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(utf8.data());
  const auto length = static_cast<std::int32_t>(utf8.size());
  for (std::int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) continue;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(c, &status);
    if (U_FAILURE(status) || script == USCRIPT_COMMON || script == USCRIPT_INHERITED || script == USCRIPT_LATIN) {
      continue;
    }
    return uscript_getShortName(script);
  }
  return {};
}

/// ICU's Traditional-Simplified transform, one instance per thread because
/// ICU transliterators are not thread-safe. Null when ICU lacks the data.
icu::Transliterator* simplified_chinese_transform() {
  thread_local const std::unique_ptr<icu::Transliterator> instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> transform(
        icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) transform.reset();
    return transform;
  }();
  return instance.get();
}

bool is_letter_mark_or_digit(UChar32 c) {
  const std::int32_t category_mask = U_GET_GC_MASK(c);
  return (category_mask & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK)) != 0;
}

std::string script_spelling(std::string_view text, const std::string& script) {
  const icu::UnicodeString unified = icu::UnicodeString::fromUTF8(text::unify_spelling_variants(text));
  icu::UnicodeString kept;
  for (std::int32_t i = 0; i < unified.length();) {
    const UChar32 c = unified.char32At(i);
    if (is_letter_mark_or_digit(c)) kept.append(c);
    i += U16_LENGTH(c);
  }
  kept.foldCase();
  if (script == "Hani") {
    // NOTE: without ICU's Traditional-Simplified data, 黃 and 黄 stay
    // different spellings, so such a pair is reported as near, not exact.
    if (icu::Transliterator* transform = simplified_chinese_transform()) transform->transliterate(kept);
  }
  std::string out;
  kept.toUTF8String(out);
  return out;
}

std::vector<std::string> split_words(const std::string& key) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < key.size()) {
    std::size_t end = key.find(' ', start);
    if (end == std::string::npos) end = key.size();
    if (end > start) words.push_back(key.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

/// Legal-form words and phrases as they appear in search keys: English and
/// Malay forms, Vietnamese "Cong ty TNHH" and "co phan" (joint stock), Thai
/// "borisat ... jamkat (mahachon)" in ICU's Thai-Latin keys (brisath, cakad,
/// mhachn) and in common romanisations, Indonesian "PT ... Tbk". Khmer and
/// Myanmar names keep their script in the key, so their forms are not listed.
/// Phrases come before their words so that "cong ty" goes as a whole: "cong"
/// alone is a Vietnamese given name and stays.
const std::vector<std::vector<std::string>>& legal_forms() {
  static const std::vector<std::vector<std::string>> forms = {
      {"cong", "ty"}, {"co", "phan"}, {"l", "l", "c"}, {"l", "l", "p"},  {"p", "l", "c"},
      {"co"},         {"ltd"},        {"company"},     {"limited"},      {"inc"},
      {"incorporated"}, {"corp"},     {"corporation"}, {"llc"},          {"llp"},
      {"plc"},        {"jsc"},        {"pte"},         {"sdn"},          {"bhd"},
      {"tnhh"},       {"brisath"},    {"borisat"},     {"bolisat"},      {"cakad"},
      {"jamkat"},     {"chamkat"},    {"mhachn"},      {"mahachon"},     {"pt"},
      {"tbk"},
  };
  return forms;
}

/// Length of the legal form that starts at words[at], or 0.
std::size_t legal_form_at(const std::vector<std::string>& words, std::size_t at) {
  for (const std::vector<std::string>& form : legal_forms()) {
    if (at + form.size() > words.size()) continue;
    if (std::equal(form.begin(), form.end(), words.begin() + static_cast<std::ptrdiff_t>(at))) return form.size();
  }
  return 0;
}

std::vector<std::string> without_legal_forms(const std::vector<std::string>& words) {
  std::vector<std::string> kept;
  for (std::size_t i = 0; i < words.size();) {
    const std::size_t form = legal_form_at(words, i);
    if (form > 0) {
      i += form;
      continue;
    }
    kept.push_back(words[i]);
    ++i;
  }
  return kept;
}

std::string join_words(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& word : words) out += (out.empty() ? "" : " ") + word;
  return out;
}

struct WordAlignment {
  double similarity = 0;
  bool used_variant = false;
  bool all_words_equal = false;
};

/// Pairs the words of two keys greedily, best pair first, each word at most
/// once; the similarity is the sum of the chosen pairs' similarities over the
/// larger word count, so missing words count as 0.
WordAlignment align_words(const std::vector<std::string>& left, const std::vector<std::string>& right,
                          const NameVariants& variants) {
  struct Candidate {
    double similarity;
    std::size_t i;
    std::size_t j;
    bool variant;
  };
  std::vector<Candidate> candidates;
  candidates.reserve(left.size() * right.size());
  for (std::size_t i = 0; i < left.size(); ++i) {
    for (std::size_t j = 0; j < right.size(); ++j) {
      if (left[i] == right[j]) {
        candidates.push_back({1.0, i, j, false});
      } else if (variants.equivalent(left[i], right[j])) {
        candidates.push_back({1.0, i, j, true});
      } else {
        candidates.push_back({string_similarity(left[i], right[j]), i, j, false});
      }
    }
  }
  std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.similarity != b.similarity) return a.similarity > b.similarity;
    return a.variant < b.variant;  // an equal word beats a variant of it
  });

  std::vector<bool> left_used(left.size(), false);
  std::vector<bool> right_used(right.size(), false);
  WordAlignment alignment;
  double total = 0;
  std::size_t equal_words = 0;
  for (const Candidate& candidate : candidates) {
    if (left_used[candidate.i] || right_used[candidate.j]) continue;
    left_used[candidate.i] = true;
    right_used[candidate.j] = true;
    total += candidate.similarity;
    if (candidate.variant) alignment.used_variant = true;
    if (candidate.similarity == 1.0 && !candidate.variant) ++equal_words;
  }
  const std::size_t larger = std::max(left.size(), right.size());
  alignment.similarity = larger == 0 ? 0.0 : total / static_cast<double>(larger);
  alignment.all_words_equal = left.size() == right.size() && equal_words == left.size();
  return alignment;
}

}  // namespace

NameForm make_name_form(std::string_view text) {
  NameForm form;
  form.text = std::string(text);
  form.key = text::search_key(text);
  form.script = non_latin_script(text);
  if (!form.script.empty()) form.spelling = script_spelling(text, form.script);
  form.words = split_words(form.key);
  form.distinctive_words = without_legal_forms(form.words);
  form.distinctive_key = join_words(form.distinctive_words);
  return form;
}

void NameVariants::set(const std::vector<std::vector<std::string>>& groups) {
  std::unordered_map<std::string, std::vector<int>> groups_of_word;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    for (std::size_t w = 0; w < groups[g].size(); ++w) {
      const std::string field = "groups[" + std::to_string(g) + "][" + std::to_string(w) + "]";
      if (!text::is_valid_utf8(groups[g][w])) fail(ErrorKind::invalid_argument, field + ": is not valid UTF-8");
      const std::string key = text::search_key(groups[g][w]);
      if (key.empty()) continue;
      auto& list = groups_of_word[key];
      if (list.empty() || list.back() != static_cast<int>(g)) list.push_back(static_cast<int>(g));
    }
  }
  groups_of_word_ = std::move(groups_of_word);
}

bool NameVariants::equivalent(const std::string& a, const std::string& b) const {
  if (groups_of_word_.empty()) return false;
  const auto left = groups_of_word_.find(a);
  if (left == groups_of_word_.end()) return false;
  const auto right = groups_of_word_.find(b);
  if (right == groups_of_word_.end()) return false;
  // Both lists are sorted because groups are numbered in insertion order.
  auto i = left->second.begin();
  auto j = right->second.begin();
  while (i != left->second.end() && j != right->second.end()) {
    if (*i == *j) return true;
    if (*i < *j) ++i; else ++j;
  }
  return false;
}

std::pair<double, NearMatchRule> key_similarity(const NameForm& left, const NameForm& right,
                                                const NameVariants& variants) {
  if (left.key.empty() || right.key.empty()) return {0.0, NearMatchRule::edit_distance};
  // Legal forms are shared by unrelated companies, so they may not lift a
  // pair over the threshold; a name made only of them is compared whole.
  const bool distinctive = !left.distinctive_words.empty() && !right.distinctive_words.empty();
  const std::string& left_key = distinctive ? left.distinctive_key : left.key;
  const std::string& right_key = distinctive ? right.distinctive_key : right.key;
  const double characters = string_similarity(left_key, right_key);
  const WordAlignment words = distinctive ? align_words(left.distinctive_words, right.distinctive_words, variants)
                                          : align_words(left.words, right.words, variants);
  if (words.similarity <= characters) return {characters, NearMatchRule::edit_distance};
  if (words.used_variant) return {words.similarity, NearMatchRule::name_variant};
  if (words.all_words_equal) return {words.similarity, NearMatchRule::word_order};
  return {words.similarity, NearMatchRule::edit_distance};
}

NameMatch compare_name_sets(const NameSet& left, const NameSet& right, const NameVariants& variants,
                            double threshold) {
  // 1. The same spelling in a non-Latin script is the strongest evidence.
  std::set<std::string> shared_scripts;
  for (std::size_t i = 0; i < left.size(); ++i) {
    for (std::size_t j = 0; j < right.size(); ++j) {
      if (left[i].script.empty() || left[i].script != right[j].script) continue;
      shared_scripts.insert(left[i].script);
      if (!left[i].spelling.empty() && left[i].spelling == right[j].spelling) {
        return {NameMatchKind::exact, i, j, NearMatchRule::edit_distance, 1.0, {}};
      }
    }
  }

  // 2. Equal search keys match exactly, unless both sides also wrote the
  // name in a script and the spellings there differ: a romanisation shared
  // by different characters proves nothing on its own.
  for (std::size_t i = 0; i < left.size(); ++i) {
    for (std::size_t j = 0; j < right.size(); ++j) {
      if (left[i].key.empty() || left[i].key != right[j].key) continue;
      if (shared_scripts.empty()) return {NameMatchKind::exact, i, j, NearMatchRule::edit_distance, 1.0, {}};
      for (std::size_t a = 0; a < left.size(); ++a) {
        for (std::size_t b = 0; b < right.size(); ++b) {
          if (!left[a].script.empty() && left[a].script == right[b].script) {
            return {NameMatchKind::near, a, b, NearMatchRule::shared_romanisation, 1.0, left[i].key};
          }
        }
      }
    }
  }

  // 3. Similar keys.
  NameMatch best;
  for (std::size_t i = 0; i < left.size(); ++i) {
    for (std::size_t j = 0; j < right.size(); ++j) {
      const auto [similarity, rule] = key_similarity(left[i], right[j], variants);
      if (similarity > best.similarity) best = {NameMatchKind::near, i, j, rule, similarity, {}};
    }
  }
  if (best.similarity >= threshold && best.similarity > 0) return best;
  return {};
}

}  // namespace matching
}  // namespace v1
}  // namespace atip
