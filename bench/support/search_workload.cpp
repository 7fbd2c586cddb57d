// Generator of the search benchmark's directories and queries; see
// search_workload.hpp.
#include "support/search_workload.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include "atip/reference_data.hpp"

namespace atip {
inline namespace v1 {
namespace bench {

namespace {

// ---------------------------------------------------------------------------
// Reading the name lists

using Row = std::vector<std::string>;

/// Rows of a CSV file without quoted fields (none of the lists read here
/// quotes a field), header included.
std::vector<Row> read_csv(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("search workload: cannot read " + path);
  std::vector<Row> rows;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();  // some lists end lines with CR LF
    Row row;
    std::size_t start = 0;
    while (true) {
      const std::size_t comma = line.find(',', start);
      row.push_back(line.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

/// Column `value` of the rows whose first two columns are `locale` and `attribute`.
std::vector<std::string> select_values(const std::vector<Row>& rows, const std::string& locale,
                                       const std::string& attribute, std::size_t value = 2) {
  std::vector<std::string> out;
  for (const Row& row : rows) {
    if (row.size() > value && row[0] == locale && row[1] == attribute && !row[value].empty()) {
      out.push_back(row[value]);
    }
  }
  return out;
}

void append_new(std::vector<std::string>& to, const std::vector<std::string>& from) {
  for (const std::string& value : from) {
    if (std::find(to.begin(), to.end(), value) == to.end()) to.push_back(value);
  }
}

/// A name in its script with a Latin spelling, and a draw weight.
struct SpelledName {
  std::string native;
  std::string latin;
  double weight = 1;
};

/// Every list the generator draws from.
struct NameLists {
  std::vector<std::string> vietnamese_surnames;  // most common first
  std::vector<SpelledName> vietnamese_given;     // latin: unaccented
  std::vector<std::string> thai_first;
  std::vector<std::string> thai_last;
  std::vector<std::string> thai_latin_first;
  std::vector<std::string> thai_latin_last;
  std::vector<SpelledName> khmer_surnames;
  std::vector<SpelledName> khmer_given;
  std::vector<SpelledName> burmese_honorifics;
  std::vector<SpelledName> burmese_syllables;
  std::vector<SpelledName> chinese_surnames;  // latin: Hong Kong spelling
  std::vector<std::string> chinese_given;
  std::vector<std::string> chinese_latin_given;
  std::vector<std::string> practice_areas;
};

void require_rows(const std::vector<std::string>& values, std::size_t minimum, const char* what) {
  if (values.size() < minimum) {
    throw std::runtime_error(std::string("search workload: only ") + std::to_string(values.size()) + " " + what +
                             " in the name lists (expected at least " + std::to_string(minimum) + ")");
  }
}

void read_vietnamese(const std::string& dir, NameLists& lists) {
  const std::vector<Row> faker = read_csv(dir + "/faker_person_names_vi_th_zh.csv");
  const std::vector<Row> fakerjs = read_csv(dir + "/fakerjs_person_names_vi_th_zh_enHK.csv");
  lists.vietnamese_surnames = select_values(faker, "vi_VN", "last_names");
  append_new(lists.vietnamese_surnames, select_values(fakerjs, "vi", "last_name.generic"));
  require_rows(lists.vietnamese_surnames, 10, "Vietnamese surnames");

  for (const Row& row : read_csv(dir + "/vn_given_names_duyet.csv")) {
    if (row.size() >= 3 && row[0] != "gender" && !row[1].empty()) lists.vietnamese_given.push_back({row[1], row[2], 1});
  }
}

void read_thai(const std::string& dir, NameLists& lists) {
  const std::vector<Row> faker = read_csv(dir + "/faker_person_names_vi_th_zh.csv");
  const std::vector<Row> fakerjs = read_csv(dir + "/fakerjs_person_names_vi_th_zh_enHK.csv");
  lists.thai_first = select_values(faker, "th_TH", "first_names_male");
  append_new(lists.thai_first, select_values(faker, "th_TH", "first_names_female"));
  append_new(lists.thai_first, select_values(fakerjs, "th", "first_name.male"));
  append_new(lists.thai_first, select_values(fakerjs, "th", "first_name.female"));
  lists.thai_last = select_values(faker, "th_TH", "last_names");
  append_new(lists.thai_last, select_values(fakerjs, "th", "last_name.generic"));
  lists.thai_latin_first = select_values(faker, "en_TH", "first_names");
  lists.thai_latin_last = select_values(faker, "en_TH", "last_names");
  require_rows(lists.thai_first, 100, "Thai first names");
  require_rows(lists.thai_last, 100, "Thai last names");
  require_rows(lists.thai_latin_last, 10, "romanised Thai last names");
}

void read_khmer(const std::string& dir, NameLists& lists) {
  for (const Row& row : read_csv(dir + "/km_names_kname.csv")) {
    if (row.size() < 6 || row[0] == "component") continue;
    const double count = std::max(1.0, std::stod(row[5]));
    (row[0] == "surname" ? lists.khmer_surnames : lists.khmer_given).push_back({row[1], row[2], count});
  }
  if (lists.khmer_surnames.size() < 10 || lists.khmer_given.size() < 10) {
    throw std::runtime_error("search workload: km_names_kname.csv has too few names");
  }
}

void read_burmese(const std::string& dir, NameLists& lists) {
  // The honorifics with a common Latin spelling, weighted so that U and Daw
  // dominate as in everyday use; each must be in the prefix list.
  const SpelledName honorifics[] = {{"ဦး", "U", 40},   {"ဒေါ်", "Daw", 35},  {"စော", "Saw", 5},
                                    {"နော်", "Naw", 5}, {"စိုင်း", "Sai", 5}, {"ခွန်", "Khun", 3},
                                    {"နန်း", "Nang", 3}, {"ဒေါက်တာ", "Dr", 4}};
  std::vector<std::string> listed;
  for (const Row& row : read_csv(dir + "/my_name_prefixes_mapmeld.csv")) listed.push_back(row.at(0));
  for (const SpelledName& honorific : honorifics) {
    if (std::find(listed.begin(), listed.end(), honorific.native) == listed.end()) {
      throw std::runtime_error("search workload: honorific " + honorific.native + " not in my_name_prefixes_mapmeld.csv");
    }
    lists.burmese_honorifics.push_back(honorific);
  }
  for (const Row& row : read_csv(dir + "/my_name_syllables_ageekdev.csv")) {
    if (row.size() >= 3 && row[0] == "my_to_latn" && !row[1].empty() && !row[2].empty()) {
      lists.burmese_syllables.push_back({row[1], row[2], 1});
    }
  }
  if (lists.burmese_syllables.size() < 1000) throw std::runtime_error("search workload: too few Burmese syllables");
}

std::string first_alternative(const std::string& spellings) { return spellings.substr(0, spellings.find('/')); }

void read_chinese(const std::string& dir, NameLists& lists) {
  for (const Row& row : read_csv(dir + "/zh_surnames_romanisations.csv")) {
    if (row.size() < 5 || row[0] == "rank" || row[4].empty()) continue;
    lists.chinese_surnames.push_back({row[1], first_alternative(row[4]), 1});
    if (lists.chinese_surnames.size() == 100) break;
  }
  const std::vector<Row> faker = read_csv(dir + "/faker_person_names_vi_th_zh.csv");
  lists.chinese_given = select_values(faker, "zh_TW", "first_names_male");
  append_new(lists.chinese_given, select_values(faker, "zh_TW", "first_names_female"));
  lists.chinese_latin_given = select_values(faker, "zh_TW", "first_romanized_names_male");
  append_new(lists.chinese_latin_given, select_values(faker, "zh_TW", "first_romanized_names_female"));
  require_rows(lists.chinese_given, 100, "Chinese given names");
  require_rows(lists.chinese_latin_given, 100, "romanised Chinese given names");
}

NameLists read_name_lists(const std::string& dir) {
  NameLists lists;
  read_vietnamese(dir, lists);
  read_thai(dir, lists);
  read_khmer(dir, lists);
  read_burmese(dir, lists);
  read_chinese(dir, lists);
  for (const PracticeArea& area : reference_dataset().practice_areas) lists.practice_areas.push_back(area.name);
  require_rows(lists.practice_areas, 5, "practice areas");
  return lists;
}

// ---------------------------------------------------------------------------
// Random draws and ICU helpers

class Dice {
 public:
  explicit Dice(std::uint64_t seed) : engine_(seed) {}

  /// Uniform in [0, n).
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(engine_() % n); }
  bool chance(double p) { return static_cast<double>(engine_() % 1'000'000) < p * 1'000'000; }

  template <typename T>
  const T& pick(const std::vector<T>& items) { return items[below(items.size())]; }

  /// Draws an index with the weights whose running sums are `cumulative`.
  std::size_t weighted(const std::vector<double>& cumulative) {
    std::uniform_real_distribution<double> uniform(0.0, cumulative.back());
    const double x = uniform(engine_);
    return static_cast<std::size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), x) - cumulative.begin());
  }

 private:
  std::mt19937_64 engine_;
};

/// Running sums of weights, for Dice::weighted.
std::vector<double> cumulative(const std::vector<double>& weights) {
  std::vector<double> out(weights.size());
  std::partial_sum(weights.begin(), weights.end(), out.begin());
  return out;
}

std::vector<double> cumulative(const std::vector<SpelledName>& names) {
  std::vector<double> weights;
  for (const SpelledName& name : names) weights.push_back(name.weight);
  return cumulative(weights);
}

/// An ICU transliterator; the generator runs on one thread.
class Transform {
 public:
  explicit Transform(const char* id) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse_error{};
    instance_.reset(icu::Transliterator::createInstance(id, UTRANS_FORWARD, parse_error, status));
    if (U_FAILURE(status) || !instance_) throw std::runtime_error(std::string("ICU transliterator missing: ") + id);
  }

  std::string apply(const std::string& utf8) const {
    icu::UnicodeString value = icu::UnicodeString::fromUTF8(utf8);
    instance_->transliterate(value);
    std::string out;
    return value.toUTF8String(out);
  }

 private:
  std::unique_ptr<icu::Transliterator> instance_;
};

std::string capitalised(std::string word) {
  if (!word.empty()) word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
  return word;
}

std::string lower_ascii(std::string value) {
  std::transform(value.begin(), value.end(), value.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return value;
}

std::string join(const std::vector<std::string>& words, const char* separator) {
  std::string out;
  for (const std::string& word : words) {
    if (!out.empty()) out += separator;
    out += word;
  }
  return out;
}

// ---------------------------------------------------------------------------
// People

enum class Origin { vietnamese, thai, khmer, burmese, chinese };

struct Place {
  const char* country;
  const char* subdivision;  // nullptr when the directory uses none
  const char* language;
};

const Place& place_of(Origin origin) {
  static const Place places[] = {{"VN", "VN-SG", "vi"},
                                 {"TH", "TH-10", "th"},
                                 {"KH", "KH-12", "km"},
                                 {"MM", "MM-06", "my"},
                                 {"HK", nullptr, "zh-Hant"}};
  return places[static_cast<int>(origin)];
}

/// A generated lawyer's names, kept to derive queries from.
struct Person {
  Origin origin = Origin::vietnamese;
  std::string primary;            ///< In the person's script.
  std::string alias;              ///< Latin spelling, or empty.
  std::vector<std::string> latin; ///< Words of a Latin spelling (the alias, or unaccented primary).
  std::string surname;            ///< In the person's script.
  std::string given;              ///< In the person's script, honorific excluded.
};

class PersonMaker {
 public:
  explicit PersonMaker(const NameLists& lists)
      : lists_(lists),
        khmer_surname_weights_(cumulative(lists.khmer_surnames)),
        khmer_given_weights_(cumulative(lists.khmer_given)),
        honorific_weights_(cumulative(lists.burmese_honorifics)) {
    std::vector<double> rank_weights;
    for (std::size_t rank = 1; rank <= lists.vietnamese_surnames.size(); ++rank) rank_weights.push_back(1.0 / rank);
    vietnamese_surname_weights_ = cumulative(rank_weights);
  }

  Person make(Dice& dice) {
    const std::size_t roll = dice.below(100);
    if (roll < 25) return vietnamese(dice);
    if (roll < 50) return thai(dice);
    if (roll < 65) return khmer(dice);
    if (roll < 80) return burmese(dice);
    return chinese(dice);
  }

 private:
  Person vietnamese(Dice& dice) {
    const std::string& surname = lists_.vietnamese_surnames[dice.weighted(vietnamese_surname_weights_)];
    const SpelledName& given = dice.pick(lists_.vietnamese_given);
    const std::string latin = to_ascii_.apply(surname) + " " + given.latin;
    Person person{Origin::vietnamese, surname + " " + given.native, dice.chance(0.5) ? latin : "", {}, surname,
                  given.native};
    person.latin = split_words(latin);
    return person;
  }

  Person thai(Dice& dice) {
    const std::string& first = dice.pick(lists_.thai_first);
    const std::string& last = dice.pick(lists_.thai_last);
    Person person{Origin::thai, first + " " + last, "", {}, last, first};
    if (dice.chance(0.5)) {
      person.alias = dice.pick(lists_.thai_latin_first) + " " + dice.pick(lists_.thai_latin_last);
      person.latin = split_words(person.alias);
    }
    return person;
  }

  Person khmer(Dice& dice) {
    const SpelledName& surname = lists_.khmer_surnames[dice.weighted(khmer_surname_weights_)];
    const SpelledName& given = lists_.khmer_given[dice.weighted(khmer_given_weights_)];
    const std::string latin = surname.latin + " " + given.latin;
    Person person{Origin::khmer, surname.native + " " + given.native, dice.chance(0.8) ? latin : "", {},
                  surname.native, given.native};
    person.latin = split_words(latin);
    return person;
  }

  Person burmese(Dice& dice) {
    const SpelledName& honorific = lists_.burmese_honorifics[dice.weighted(honorific_weights_)];
    std::string native;
    std::vector<std::string> latin{honorific.latin};
    const std::size_t syllables = 2 + dice.below(2);
    for (std::size_t i = 0; i < syllables; ++i) {
      const SpelledName& syllable = dice.pick(lists_.burmese_syllables);
      native += syllable.native;
      latin.push_back(capitalised(syllable.latin));
    }
    Person person{Origin::burmese, honorific.native + " " + native, join(latin, " "), latin, "", native};
    return person;
  }

  Person chinese(Dice& dice) {
    const SpelledName& surname = dice.pick(lists_.chinese_surnames);
    const std::string& given = dice.pick(lists_.chinese_given);
    const std::string latin = surname.latin + " " + capitalised(lower_ascii(dice.pick(lists_.chinese_latin_given)));
    Person person{Origin::chinese, surname.native + given, dice.chance(0.7) ? latin : "", {}, surname.native, given};
    if (!person.alias.empty()) person.latin = split_words(latin);
    return person;
  }

  static std::vector<std::string> split_words(const std::string& text) {
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start < text.size()) {
      const std::size_t end = std::min(text.find(' ', start), text.size());
      if (end > start) words.push_back(text.substr(start, end - start));
      start = end + 1;
    }
    return words;
  }

  const NameLists& lists_;
  Transform to_ascii_{"Latin-ASCII"};
  std::vector<double> vietnamese_surname_weights_;
  std::vector<double> khmer_surname_weights_;
  std::vector<double> khmer_given_weights_;
  std::vector<double> honorific_weights_;
};

const char* const kSecondCountries[] = {"TH", "MY", "SG", "VN", "KH"};

SearchDocument make_document(const Person& person, std::int32_t index, const NameLists& lists, Dice& dice) {
  char id[16];
  std::snprintf(id, sizeof id, "L-%06d", static_cast<int>(index));
  const Place& place = place_of(person.origin);

  SearchDocument document;
  document.entity_type = "lawyer";
  document.id = id;
  document.names.push_back(person.primary);
  if (!person.alias.empty()) document.names.push_back(person.alias);

  const std::size_t areas = 1 + dice.below(3);
  for (std::size_t i = 0; i < areas; ++i) {
    const std::string& area = dice.pick(lists.practice_areas);
    if (std::find(document.texts.begin(), document.texts.end(), area) == document.texts.end()) {
      document.texts.push_back(area);
    }
  }

  document.jurisdictions.push_back(place.country);
  if (place.subdivision != nullptr && dice.chance(0.3)) document.jurisdictions.push_back(place.subdivision);
  if (dice.chance(0.1)) {
    const char* second = kSecondCountries[dice.below(std::size(kSecondCountries))];
    if (std::string(second) != place.country) document.jurisdictions.push_back(second);
  }
  document.languages.push_back(place.language);
  if (person.origin == Origin::chinese) document.languages.push_back("yue");
  if (dice.chance(0.6)) document.languages.push_back("en");
  return document;
}

// ---------------------------------------------------------------------------
// Queries

/// Picks people of one origin (or with a Latin spelling) for the queries.
class PersonPicker {
 public:
  explicit PersonPicker(const std::vector<Person>& people) : people_(people) {}

  const Person& of(Origin origin, Dice& dice) const {
    return find(dice, [origin](const Person& person) { return person.origin == origin; });
  }

  const Person& with_latin(Dice& dice) const {
    return find(dice, [](const Person& person) { return !person.latin.empty(); });
  }

 private:
  template <typename Predicate>
  const Person& find(Dice& dice, Predicate matches) const {
    // Every origin is at least 15 % of the people, so 10,000 draws miss only
    // when the directory is tiny.
    for (int attempt = 0; attempt < 10'000 && !people_.empty(); ++attempt) {
      const Person& person = people_[dice.below(people_.size())];
      if (matches(person)) return person;
    }
    throw std::runtime_error("search workload: too few lawyers to draw queries from");
  }

  const std::vector<Person>& people_;
};

SearchQuery text_query(std::string text) {
  SearchQuery query;
  query.text = std::move(text);
  return query;
}

/// Makes a query of a romanised full name in lower case without diacritics,
/// as typed on a Latin keyboard.
SearchQuery latin_query(const PersonPicker& picker, Dice& dice) {
  return text_query(lower_ascii(join(picker.with_latin(dice).latin, " ")));
}

SearchQuery thai_query(const PersonPicker& picker, Dice& dice) {
  const Person& person = picker.of(Origin::thai, dice);
  return text_query(dice.chance(0.5) ? person.surname : person.primary);
}

SearchQuery khmer_query(const PersonPicker& picker, Dice& dice) {
  const Person& person = picker.of(Origin::khmer, dice);
  return text_query(dice.chance(0.5) ? person.given : person.primary);
}

SearchQuery burmese_query(const PersonPicker& picker, Dice& dice, const Transform& to_zawgyi) {
  const Person& person = picker.of(Origin::burmese, dice);
  if (dice.chance(0.25)) return text_query(to_zawgyi.apply(person.primary));
  return text_query(person.given);
}

SearchQuery chinese_query(const PersonPicker& picker, Dice& dice) {
  const Person& person = picker.of(Origin::chinese, dice);
  return text_query(dice.chance(0.7) ? person.primary : person.given);
}

/// Makes a query of a name typed halfway: the first 3 letters of its first
/// word ("ngu"), or every word but the last and 2 letters of the last
/// ("nguyen an kh").
SearchQuery prefix_query(const PersonPicker& picker, Dice& dice) {
  std::vector<std::string> words = picker.with_latin(dice).latin;
  for (std::string& word : words) word = lower_ascii(word);
  if (dice.chance(0.5) || words.size() < 2) return text_query(words.front().substr(0, 3));
  words.back() = words.back().substr(0, 2);
  return text_query(join(words, " "));
}

/// Adds a filter on the place of the person the query was drawn for: the
/// country, the local language, or both.
SearchQuery with_filter(SearchQuery query, Origin origin, Dice& dice) {
  const Place& place = place_of(origin);
  const std::size_t roll = dice.below(10);
  if (roll < 7) query.jurisdiction = place.country;
  if (roll >= 4) query.language = place.language;
  return query;
}

/// Chooses the origin that a query's filter refers to: the origin of a
/// native-script query, or a random one for Latin queries, which may match
/// people of any origin.
Origin filter_origin(const std::string& class_name, Dice& dice) {
  if (class_name == "thai") return Origin::thai;
  if (class_name == "khmer") return Origin::khmer;
  if (class_name == "burmese") return Origin::burmese;
  if (class_name == "chinese") return Origin::chinese;
  return static_cast<Origin>(dice.below(5));
}

std::vector<QueryClass> make_query_classes(const std::vector<Person>& people, const SearchShape& shape) {
  Dice dice(shape.seed ^ 0x5EA4C4ULL);
  const PersonPicker picker(people);
  const Transform to_zawgyi("my-Zawgyi");
  const std::vector<std::string> names = {"latin", "thai", "khmer", "burmese", "chinese", "prefix"};

  std::vector<QueryClass> classes;
  for (const std::string& name : names) {
    QueryClass plain{name, {}};
    QueryClass filtered{name + "+filter", {}};
    for (std::int32_t i = 0; i < shape.queries_per_class; ++i) {
      SearchQuery query;
      if (name == "latin") query = latin_query(picker, dice);
      if (name == "thai") query = thai_query(picker, dice);
      if (name == "khmer") query = khmer_query(picker, dice);
      if (name == "burmese") query = burmese_query(picker, dice, to_zawgyi);
      if (name == "chinese") query = chinese_query(picker, dice);
      if (name == "prefix") query = prefix_query(picker, dice);
      filtered.queries.push_back(with_filter(query, filter_origin(name, dice), dice));
      plain.queries.push_back(std::move(query));
    }
    classes.push_back(std::move(plain));
    classes.push_back(std::move(filtered));
  }
  return classes;
}

}  // namespace

std::string default_text_data_dir() {
  const std::filesystem::path source(__FILE__);  // <root>/bench/support/search_workload.cpp
  return (source.parent_path().parent_path().parent_path() / "tests" / "data" / "text").string();
}

SearchWorkload make_search_workload(const SearchShape& shape, const std::string& text_data_dir) {
  const NameLists lists = read_name_lists(text_data_dir);
  Dice dice(shape.seed);
  PersonMaker maker(lists);

  std::vector<Person> people;
  SearchWorkload workload;
  people.reserve(static_cast<std::size_t>(shape.lawyers));
  workload.documents.reserve(static_cast<std::size_t>(shape.lawyers));
  for (std::int32_t i = 0; i < shape.lawyers; ++i) {
    people.push_back(maker.make(dice));
    workload.documents.push_back(make_document(people.back(), i, lists, dice));
  }
  workload.query_classes = make_query_classes(people, shape);
  return workload;
}

}  // namespace bench
}  // namespace v1
}  // namespace atip
