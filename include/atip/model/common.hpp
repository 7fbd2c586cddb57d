// Value types shared by several entities: dates, names, languages, enums.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace atip {
inline namespace v1 {

/// A calendar date (proleptic Gregorian), exchanged as "YYYY-MM-DD".
/// Years outside 1900..2200 are rejected: they are typing errors in this domain.
class Date {
 public:
  Date() = default;
  /// Parses "YYYY-MM-DD"; throws invalid_argument naming `field` on failure.
  static Date parse(std::string_view text, std::string_view field);
  /// Today's date in UTC.
  static Date today();
  static Date from_days(std::int32_t days_since_epoch) { Date d; d.days_ = days_since_epoch; return d; }

  std::string to_string() const;
  /// Days since 1970-01-01.
  std::int32_t days() const { return days_; }
  int year() const;

  auto operator<=>(const Date&) const = default;

 private:
  std::int32_t days_ = 0;
};

/// A closed date range [from, to], as used for unavailability.
struct DateRange {
  Date from;
  Date to;
  bool overlaps(const DateRange& other) const { return from <= other.to && other.from <= to; }
  bool operator==(const DateRange&) const = default;
};

/// Language proficiency, ordered from weakest to strongest.
enum class Proficiency { basic = 1, working = 2, professional = 3, native = 4 };

/// What the work needs a lawyer to do; each jurisdiction says which activities
/// need local admission.
enum class Activity { advise_local_law, advise_foreign_law, draft, appear_in_court, train, research };

/// Every activity, in declaration order.
const std::vector<Activity>& all_activities();

/// A name in one script or romanisation. The first name of an entity is its
/// display name; the others are aliases, and search and conflict checks look at all.
struct Name {
  std::string value;
  std::string lang;  ///< BCP 47 tag of the name's language/script, or empty when unknown.
  std::string kind;  ///< "primary", "alias", "romanisation", "former" or "script".
  bool operator==(const Name&) const = default;
};

/// A party in a conflict register: someone the firm or lawyer acts for or against.
struct ConflictEntry {
  std::vector<Name> names;     ///< At least one name.
  std::string relation;        ///< "client", "adverse" or "other".
  std::string note;
  bool operator==(const ConflictEntry&) const = default;
};

/// Canonical BCP 47 form of `tag` (ICU canonicalisation, e.g. "zh_hant" → "zh-Hant",
/// "iw" → "he"); throws invalid_argument naming `field` when the tag is not
/// well-formed BCP 47.
std::string canonical_language_tag(std::string_view tag, std::string_view field);

/// The primary language subtag of a canonical tag ("zh-Hant" → "zh").
std::string primary_language(std::string_view canonical_tag);

// String forms of the enums; `parse_*` throw invalid_argument naming `field`.
std::string_view to_string(Proficiency value);
std::string_view to_string(Activity value);
Proficiency parse_proficiency(std::string_view text, std::string_view field);
Activity parse_activity(std::string_view text, std::string_view field);

}  // namespace v1
}  // namespace atip
