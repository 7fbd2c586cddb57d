// Seeded synthetic lawyer directories and query sets for benchmarking
// atip::SearchIndex.
//
// Names are assembled from the name lists in tests/data/text (their sources
// are in the README there):
// - Vietnamese: surname, then a given name (often two syllables) from
//   vn_given_names_duyet.csv; half also carry the unaccented spelling as an
//   alias. The 26 surnames of the two faker lists are drawn with weight
//   1/rank, so the first (Nguyễn) is in about a quarter of Vietnamese names.
// - Thai: first and last name in Thai script. Half carry a romanised Thai
//   name from faker's en_TH list as an alias. It is not a transliteration of
//   the Thai name.
// - Khmer: surname and given name from km_names_kname.csv, drawn by their
//   counts in that file, with the file's romanisation as an alias for 80 %.
// - Burmese: an honorific (U, Daw, Saw, Naw, Sai, Khun, Nang, Dr) and two or
//   three name syllables from my_name_syllables_ageekdev.csv written without
//   spaces, with the file's Latin spellings as an alias ("U Aung Kyaw").
// - Chinese: a traditional surname from the first 100 rows of
//   zh_surnames_romanisations.csv and a given name from faker's zh_TW list;
//   70 % carry an alias of the Hong Kong surname spelling and a romanised
//   Taiwanese given name, which need not be the reading of the characters.
// Shares: 25 % Vietnamese, 25 % Thai, 15 % Khmer, 15 % Burmese, 20 % Chinese.
// Every lawyer lists 1 to 3 practice-area names of the reference taxonomy,
// the country (30 % also a subdivision, 10 % a second country), the local
// language and English (60 %).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "atip/search.hpp"

namespace atip {
inline namespace v1 {
namespace bench {

struct SearchShape {
  std::int32_t lawyers = 0;
  std::uint64_t seed = 1;
  std::int32_t queries_per_class = 256;
};

/// A named set of queries, run in turn by one benchmark.
struct QueryClass {
  std::string name;
  std::vector<SearchQuery> queries;
};

struct SearchWorkload {
  std::vector<SearchDocument> documents;  ///< One per lawyer, ids "L-000000" on.
  /// Latin romanisations, Thai, Khmer, Burmese (a quarter in Zawgyi), Chinese
  /// and prefix queries, each class once without filters and once with a
  /// jurisdiction or language filter ("thai" and "thai+filter").
  std::vector<QueryClass> query_classes;
};

/// The folder of the name lists: tests/data/text of the source tree this
/// file was compiled from.
std::string default_text_data_dir();

/// Generates the documents and queries of `shape` from the name lists in
/// `text_data_dir`. The same shape gives the same workload on every run with
/// the same standard library. Throws std::runtime_error when a list is
/// missing or has too few rows.
SearchWorkload make_search_workload(const SearchShape& shape, const std::string& text_data_dir);

}  // namespace bench
}  // namespace v1
}  // namespace atip
