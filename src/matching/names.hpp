// Internal: names prepared for conflict checks, and the comparison that
// tells an exact match from a near one.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "atip/matching/results.hpp"

namespace atip {
inline namespace v1 {
namespace matching {

/// One name with the forms the comparison needs.
struct NameForm {
  std::string text;   ///< As stored (NFC).
  std::string key;    ///< text::search_key: Latin where ICU transliterates, no diacritics, case folded.
  /// ISO 15924 code of the first letter outside Latin and Common ("Hani",
  /// "Khmr"); empty for names written in Latin only.
  std::string script;
  /// For a name in a non-Latin script: its letters, marks and digits with
  /// spelling variants unified, case folded and Han folded to simplified
  /// characters. Two names of one script are the same spelling exactly when
  /// these are equal. Empty for Latin names.
  std::string spelling;
  std::vector<std::string> words;  ///< `key` split at spaces.
  /// `words` without legal-form words ("co", "ltd", "cong ty", "brisath"),
  /// and the same joined with spaces. Near matching compares these when both
  /// names have some left, so that "Kampot Recruitment Co., Ltd." and
  /// "Angkor Recruitment Co., Ltd." differ as much as their distinctive words.
  std::vector<std::string> distinctive_words;
  std::string distinctive_key;
};

/// The names of one person or organization: a matter party, a register entry
/// or a party a firm excludes.
using NameSet = std::vector<NameForm>;

/// Builds the forms of `text`. Throws Error(invalid_argument) on invalid UTF-8.
NameForm make_name_form(std::string_view text);

/// Groups of words that may spell the same name (Matcher::set_name_variants).
class NameVariants {
 public:
  void set(const std::vector<std::vector<std::string>>& groups);
  /// True when the two search-key words share a group.
  bool equivalent(const std::string& a, const std::string& b) const;
  bool empty() const { return groups_of_word_.empty(); }

 private:
  std::unordered_map<std::string, std::vector<int>> groups_of_word_;  // sorted group numbers
};

enum class NameMatchKind { none, exact, near };

/// The outcome of comparing two name sets, with the pair of names that
/// decided it.
struct NameMatch {
  NameMatchKind kind = NameMatchKind::none;
  std::size_t left = 0;   ///< Index of the name in the first set.
  std::size_t right = 0;  ///< Index of the name in the second set.
  NearMatchRule rule = NearMatchRule::edit_distance;
  double similarity = 0;
  std::string shared_key;  ///< For shared_romanisation: the search key both sets contain.
};

/// Compares every name of `left` with every name of `right`:
/// - exact when two names of one non-Latin script have the same spelling,
///   or when two search keys are equal and no script that both sets use
///   contradicts it;
/// - near (shared_romanisation) when search keys are equal but both sets
///   have names in a script whose spellings all differ (黃志明 / 王志明);
/// - near when the best similarity of two search keys reaches `threshold`
///   (edit distance, word order or registered name variants);
/// - none otherwise.
NameMatch compare_name_sets(const NameSet& left, const NameSet& right, const NameVariants& variants,
                            double threshold);

/// The similarity in [0, 1] of two search keys and the rule that gives it:
/// the better of 1 - (Damerau-Levenshtein distance / longer length) on
/// code points and a word-by-word alignment that ignores word order. When
/// both names keep words besides legal forms, only those words are compared.
std::pair<double, NearMatchRule> key_similarity(const NameForm& left, const NameForm& right,
                                                const NameVariants& variants);

}  // namespace matching
}  // namespace v1
}  // namespace atip
