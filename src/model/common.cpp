#include "atip/model/common.hpp"

#include <chrono>
#include <cstdio>

#include <unicode/uloc.h>

#include "atip/error.hpp"
#include "enum_table.hpp"
#include "memo.hpp"

namespace atip {
inline namespace v1 {

namespace {

constexpr detail::EnumTable<Proficiency, 4> kProficiencies{
    "proficiency",
    {{{Proficiency::basic, "basic"},
      {Proficiency::working, "working"},
      {Proficiency::professional, "professional"},
      {Proficiency::native, "native"}}}};

constexpr detail::EnumTable<Activity, 6> kActivities{
    "activity",
    {{{Activity::advise_local_law, "advise_local_law"},
      {Activity::advise_foreign_law, "advise_foreign_law"},
      {Activity::draft, "draft"},
      {Activity::appear_in_court, "appear_in_court"},
      {Activity::train, "train"},
      {Activity::research, "research"}}}};

constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2200;

[[noreturn]] void fail_date(std::string_view text, std::string_view field) {
  fail(ErrorKind::invalid_argument, std::string(field) + ": \"" + std::string(text) +
                                        "\" is not a valid date (expected YYYY-MM-DD, years " +
                                        std::to_string(kMinYear) + "-" + std::to_string(kMaxYear) + ")");
}

bool all_digits(std::string_view text) {
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return !text.empty();
}

}  // namespace

Date Date::parse(std::string_view text, std::string_view field) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !all_digits(text.substr(0, 4)) ||
      !all_digits(text.substr(5, 2)) || !all_digits(text.substr(8, 2))) {
    fail_date(text, field);
  }
  const int y = std::stoi(std::string(text.substr(0, 4)));
  const unsigned m = static_cast<unsigned>(std::stoi(std::string(text.substr(5, 2))));
  const unsigned d = static_cast<unsigned>(std::stoi(std::string(text.substr(8, 2))));
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!ymd.ok() || y < kMinYear || y > kMaxYear) fail_date(text, field);
  return from_days(static_cast<std::int32_t>(std::chrono::sys_days{ymd}.time_since_epoch().count()));
}

Date Date::today() {
  const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return from_days(static_cast<std::int32_t>(now.time_since_epoch().count()));
}

std::string Date::to_string() const {
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{days_}}};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buffer;
}

int Date::year() const {
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{days_}}};
  return static_cast<int>(ymd.year());
}

const std::vector<Activity>& all_activities() {
  static const std::vector<Activity> activities = {
      Activity::advise_local_law, Activity::advise_foreign_law, Activity::draft,
      Activity::appear_in_court,  Activity::train,              Activity::research};
  return activities;
}

namespace {

std::string canonicalise_with_icu(std::string_view tag, std::string_view field) {
  const std::string input(tag);
  auto reject = [&](const char* why) {
    fail(ErrorKind::invalid_argument,
         std::string(field) + ": \"" + input + "\" is not a valid BCP 47 tag (" + why + ")");
  };
  if (input.empty() || input.size() > 64) reject("expected 1-64 characters");

  // Strict parse: ICU reports how much of the tag it consumed, so trailing
  // garbage ("xx-?") is caught instead of silently dropped.
  char locale_id[ULOC_FULLNAME_CAPACITY];
  int32_t parsed = 0;
  UErrorCode status = U_ZERO_ERROR;
  uloc_forLanguageTag(input.c_str(), locale_id, sizeof locale_id, &parsed, &status);
  if (U_FAILURE(status) || parsed != static_cast<int32_t>(input.size())) reject("not well-formed");

  char language[ULOC_LANG_CAPACITY];
  status = U_ZERO_ERROR;
  uloc_getLanguage(locale_id, language, sizeof language, &status);
  if (U_FAILURE(status) || language[0] == '\0') reject("no language subtag");

  char canonical_id[ULOC_FULLNAME_CAPACITY];
  status = U_ZERO_ERROR;
  uloc_canonicalize(locale_id, canonical_id, sizeof canonical_id, &status);
  if (U_FAILURE(status)) reject("cannot be canonicalised");

  char canonical_tag[ULOC_FULLNAME_CAPACITY];
  status = U_ZERO_ERROR;
  uloc_toLanguageTag(canonical_id, canonical_tag, sizeof canonical_tag, /*strict=*/true, &status);
  if (U_FAILURE(status)) reject("cannot be canonicalised");
  return canonical_tag;
}

}  // namespace

std::string canonical_language_tag(std::string_view tag, std::string_view field) {
  thread_local detail::StringMemo<1024> memo;
  return memo.get(tag, [&] { return canonicalise_with_icu(tag, field); });
}

std::string primary_language(std::string_view canonical_tag) {
  const auto dash = canonical_tag.find('-');
  return std::string(canonical_tag.substr(0, dash));
}

std::string_view to_string(Proficiency value) { return kProficiencies.name(value); }
std::string_view to_string(Activity value) { return kActivities.name(value); }
Proficiency parse_proficiency(std::string_view text, std::string_view field) {
  return kProficiencies.parse(text, field);
}
Activity parse_activity(std::string_view text, std::string_view field) {
  return kActivities.parse(text, field);
}

}  // namespace v1
}  // namespace atip
