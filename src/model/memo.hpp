// A small per-thread memo for pure string functions that call into ICU.
//
// Bulk imports canonicalise the same few language tags and search the same
// few name words hundreds of thousands of times; ICU's parsers cost
// microseconds per call, a hash lookup tens of nanoseconds.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

namespace atip {
inline namespace v1 {
namespace detail {

/// Remembers up to `Capacity` results of a pure function of one string.
/// Only successful results are stored: a call that throws is repeated, so
/// its error message still names the caller's field. When full, the memo
/// starts again empty, which bounds its memory without bookkeeping.
/// Not shared between threads: declare it `thread_local`.
template <std::size_t Capacity>
class StringMemo {
 public:
  template <typename Compute>
  std::string get(std::string_view input, Compute compute) {
    lookup_key_.assign(input.data(), input.size());
    if (const auto found = results_.find(lookup_key_); found != results_.end()) return found->second;
    std::string result = compute();
    if (results_.size() >= Capacity) results_.clear();
    results_.emplace(lookup_key_, result);
    return result;
  }

 private:
  std::unordered_map<std::string, std::string> results_;
  std::string lookup_key_;  // reused to avoid an allocation per lookup
};

}  // namespace detail
}  // namespace v1
}  // namespace atip
