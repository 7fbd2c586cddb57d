// Generation of the synthetic batches and their bit-set eligibility oracle.
#include "support/assignment_workload.hpp"

#include <algorithm>
#include <bit>
#include <random>

namespace atip {
inline namespace v1 {
namespace bench {
namespace {

// Jurisdictions: the five of the network first, then where foreign lawyers
// are admitted.
enum Jurisdiction : std::uint8_t { HK, MM, VN, TH, KH, SG, GB, AU, US, jurisdiction_count };

// Languages by BCP 47 tag. `no_language` indexes an empty bit set, used when
// a matter needs only one language.
enum Language : std::uint8_t {
  en, yue, zh, my, vi, th, km, shn, kar, fr, language_count, no_language = language_count
};

enum Level : std::uint8_t { basic = 1, working = 2, professional = 3, native = 4 };

// Thirteen practice areas in four families: criminal (trafficking
// prosecution support, victim representation, non-punishment defence),
// labour (labour claims, wage recovery, recruitment fees, occupational
// injury), immigration (status, repatriation, asylum) and civil (compensation,
// family, supply-chain liability).
constexpr int practice_area_count = 13;
constexpr int family_count = 4;
constexpr std::uint8_t family_of_area[practice_area_count] = {0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 3, 3, 3};
constexpr std::uint8_t first_area_of_family[family_count] = {0, 3, 7, 10};
constexpr std::uint8_t areas_in_family[family_count] = {3, 4, 3, 3};

constexpr int firm_count = 60;

// Language in which proceedings of each forum run.
constexpr Language court_language[5] = {yue, my, vi, th, km};

// Uniform integer in [0, bound) and Bernoulli draws from a seeded engine,
// written out so that a seed gives the same batch with any standard library.
class Draw {
 public:
  explicit Draw(std::uint64_t seed) : engine_(seed) {}

  int below(int bound) { return static_cast<int>(engine_() % static_cast<std::uint64_t>(bound)); }
  bool percent(int chance) { return below(100) < chance; }
  double unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

  // Index drawn with probability proportional to its weight.
  template <std::size_t N>
  int weighted(const int (&weights)[N]) {
    int total = 0;
    for (int weight : weights) total += weight;
    int ticket = below(total);
    for (std::size_t i = 0; i < N; ++i) {
      if (ticket < weights[i]) return static_cast<int>(i);
      ticket -= weights[i];
    }
    return static_cast<int>(N - 1);
  }

 private:
  std::mt19937_64 engine_;
};

// splitmix64 finaliser: a well-mixed 64-bit hash of the pair and the seed.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

void set_bit(std::vector<std::uint64_t>& bits, std::int32_t index) {
  bits[static_cast<std::size_t>(index) >> 6] |= std::uint64_t{1} << (index & 63);
}

}  // namespace

AssignmentWorkload::AssignmentWorkload(const WorkloadShape& shape)
    : seed_(shape.seed), words_((static_cast<std::size_t>(shape.lawyers) + 63) / 64) {
  admitted_in_.assign(jurisdiction_count, Bits(words_, 0));
  speaks_.assign(language_count + 1, Bits(words_, 0));
  practises_in_.assign(family_count, Bits(words_, 0));
  lawyers_.resize(static_cast<std::size_t>(shape.lawyers));
  matters_.resize(static_cast<std::size_t>(shape.matters));

  generate_lawyers(mix(shape.seed ^ 0x4c41575945525321ULL));
  generate_matters(mix(shape.seed ^ 0x4d41545445525321ULL));
  // Firms at or above this many assignments stop receiving more.
  problem_.firm_cap = std::max(1, shape.matters / 20);
}

void AssignmentWorkload::generate_lawyers(std::uint64_t seed) {
  Draw draw(seed);
  static const int home_weights[jurisdiction_count] = {38, 10, 14, 18, 10, 3, 3, 2, 2};
  static const int family_weights[family_count] = {30, 35, 20, 15};

  for (std::int32_t l = 0; l < static_cast<std::int32_t>(lawyers_.size()); ++l) {
    LawyerProfile& lawyer = lawyers_[static_cast<std::size_t>(l)];
    const auto home = static_cast<Jurisdiction>(draw.weighted(home_weights));

    // Admissions: the home bar, and a few common second admissions.
    set_bit(admitted_in_[home], l);
    if (home == HK && draw.percent(15)) set_bit(admitted_in_[GB], l);
    if (home >= SG && draw.percent(40)) set_bit(admitted_in_[HK], l);
    if ((home == MM || home == KH) && draw.percent(10)) set_bit(admitted_in_[TH], l);

    // Languages: the local language natively, often English, sometimes a third.
    lawyer.language_count = 0;
    const auto add_language = [&](Language language, Level level) {
      if (lawyer.language_count == 3) return;
      lawyer.languages[lawyer.language_count++] = {language, level};
      if (level >= working) set_bit(speaks_[language], l);
    };
    const auto english_level = [&](int fluent_percent) {
      return draw.percent(fluent_percent) ? (draw.percent(50) ? professional : working) : basic;
    };
    switch (home) {
      case HK:
        add_language(yue, native);
        add_language(en, english_level(90));
        if (draw.percent(30)) add_language(zh, working);
        break;
      case MM:
        if (draw.percent(85)) {
          add_language(my, native);
        } else {
          // Shan and Karen speakers usually also work in Burmese.
          add_language(draw.percent(60) ? shn : kar, native);
          if (draw.percent(70)) add_language(my, professional);
        }
        add_language(en, english_level(45));
        break;
      case VN:
        add_language(vi, native);
        add_language(en, english_level(50));
        if (draw.percent(10)) add_language(fr, working);
        break;
      case TH:
        add_language(th, native);
        add_language(en, english_level(50));
        if (draw.percent(6)) add_language(draw.percent(50) ? my : km, working);
        break;
      case KH:
        add_language(km, native);
        add_language(en, english_level(45));
        if (draw.percent(15)) add_language(fr, working);
        break;
      default:
        add_language(en, native);
        if (draw.percent(20)) add_language(draw.percent(50) ? zh : fr, working);
        break;
    }

    // Practice areas: one to three, mostly within one family.
    const int family = draw.weighted(family_weights);
    const int area_total = 1 + draw.below(3);
    lawyer.practice_areas = 0;
    for (int i = 0; i < area_total; ++i) {
      const int area = draw.percent(75)
                           ? first_area_of_family[family] + draw.below(areas_in_family[family])
                           : draw.below(practice_area_count);
      lawyer.practice_areas = static_cast<std::uint16_t>(lawyer.practice_areas | (1u << area));
      set_bit(practises_in_[family_of_area[area]], l);
    }

    lawyer.load = static_cast<float>(draw.unit());
    problem_.capacity.push_back(1 + draw.below(5));
    // Firm sizes fall off steeply: firm 0 is the largest, and 15 % of the
    // lawyers practise alone.
    if (draw.percent(15)) {
      problem_.firm.push_back(-1);
    } else {
      const double u = draw.unit();
      problem_.firm.push_back(static_cast<int>(firm_count * u * u));
    }
  }
}

void AssignmentWorkload::generate_matters(std::uint64_t seed) {
  Draw draw(seed);
  static const int forum_weights[5] = {25, 15, 15, 30, 15};
  static const int area_weights[practice_area_count] = {8, 10, 6, 12, 10, 8, 5, 10, 8, 5, 8, 5, 5};
  static const int team_weights[3] = {60, 30, 10};

  for (MatterProfile& matter : matters_) {
    matter.forum = static_cast<std::uint8_t>(draw.weighted(forum_weights));
    matter.practice_area = static_cast<std::uint8_t>(draw.weighted(area_weights));

    // The court language or English, and sometimes the client's language.
    matter.language_count = 1;
    matter.languages[0] = draw.percent(75) ? court_language[matter.forum] : en;
    matter.languages[1] = no_language;
    if (draw.percent(40)) {
      static const Language client_languages[] = {my, km, vi, shn, kar, en};
      matter.languages[1] = client_languages[draw.below(6)];
      matter.language_count = 2;
    }
    problem_.team_size.push_back(1 + draw.weighted(team_weights));
  }
}

double AssignmentWorkload::score(const MatterProfile& matter, std::int32_t matter_index,
                                 std::int32_t lawyer_index) const {
  const LawyerProfile& lawyer = lawyers_[static_cast<std::size_t>(lawyer_index)];
  const double fit = (lawyer.practice_areas >> matter.practice_area) & 1u ? 1.0 : 0.55;

  int best_level = 0;
  for (int i = 0; i < lawyer.language_count; ++i) {
    for (int j = 0; j < matter.language_count; ++j) {
      if (lawyer.languages[i].language == matter.languages[j]) {
        best_level = std::max<int>(best_level, lawyer.languages[i].level);
      }
    }
  }

  const std::uint64_t pair_key = (static_cast<std::uint64_t>(matter_index) << 32) |
                                 static_cast<std::uint32_t>(lawyer_index);
  const double jitter = static_cast<double>(mix(seed_ ^ pair_key) >> 11) * 0x1.0p-53;
  return 0.4 * fit + 0.2 * (1.0 - lawyer.load) + 0.2 * (best_level / 4.0) + 0.2 * jitter;
}

void AssignmentWorkload::eligible(std::int32_t matter_index, std::vector<ScoredLawyer>& out) const {
  const MatterProfile& matter = matters_[static_cast<std::size_t>(matter_index)];
  const Bits& admitted = admitted_in_[matter.forum];
  const Bits& practises = practises_in_[family_of_area[matter.practice_area]];
  const Bits& first_language = speaks_[matter.languages[0]];
  const Bits& second_language = speaks_[matter.languages[1]];

  for (std::size_t w = 0; w < words_; ++w) {
    std::uint64_t bits = admitted[w] & practises[w] & (first_language[w] | second_language[w]);
    while (bits != 0) {
      const auto lawyer = static_cast<std::int32_t>(w * 64 + static_cast<std::size_t>(std::countr_zero(bits)));
      out.push_back({lawyer, score(matter, matter_index, lawyer)});
      bits &= bits - 1;
    }
  }
}

std::int64_t AssignmentWorkload::count_eligible_pairs() const {
  std::int64_t total = 0;
  for (const MatterProfile& matter : matters_) {
    const Bits& admitted = admitted_in_[matter.forum];
    const Bits& practises = practises_in_[family_of_area[matter.practice_area]];
    const Bits& first_language = speaks_[matter.languages[0]];
    const Bits& second_language = speaks_[matter.languages[1]];
    for (std::size_t w = 0; w < words_; ++w) {
      total += std::popcount(admitted[w] & practises[w] & (first_language[w] | second_language[w]));
    }
  }
  return total;
}

}  // namespace bench
}  // namespace v1
}  // namespace atip
