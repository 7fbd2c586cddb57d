// A small per-thread memo for pure string functions that call into ICU.
//
// A bulk import canonicalises the same few language tags hundreds of
// thousands of times. ICU's parser takes microseconds per tag, so a hash
// lookup in front of it saves most of that time.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

namespace atip {
inline namespace v1 {
namespace detail {

/// Results of a pure function of one string, at most `Capacity` of them.
/// Only successful results are stored, so a failing call runs again and its
/// error still names the caller's field. A full memo is emptied and starts
/// again. Declare it `thread_local`, because it has no lock.
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
