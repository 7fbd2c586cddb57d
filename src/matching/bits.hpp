// Internal: a growable bit set over lawyer slots, with the word-wise
// operations the candidate filters use.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace atip {
inline namespace v1 {
namespace matching {

/// The number of set bits in `count` words.
std::size_t count_bits(const std::uint64_t* words, std::size_t count);

class Bits {
 public:
  Bits() = default;
  explicit Bits(std::size_t size) { resize(size); }

  /// Grows or shrinks to `size` bits; new bits are clear.
  void resize(std::size_t size) {
    size_ = size;
    words_.resize((size + 63) / 64, 0);
    clear_tail();
  }
  std::size_t size() const { return size_; }

  bool test(std::size_t i) const { return (words_[i >> 6] >> (i & 63)) & 1U; }
  void set(std::size_t i) { words_[i >> 6] |= std::uint64_t{1} << (i & 63); }
  void reset(std::size_t i) { words_[i >> 6] &= ~(std::uint64_t{1} << (i & 63)); }
  void assign(std::size_t i, bool value) { value ? set(i) : reset(i); }

  void clear() { std::fill(words_.begin(), words_.end(), 0); }
  void fill() {
    std::fill(words_.begin(), words_.end(), ~std::uint64_t{0});
    clear_tail();
  }

  /// Keeps the bits set in both. `other` must have the same size.
  void and_with(const Bits& other) {
    for (std::size_t w = 0; w < words_.size(); ++w) words_[w] &= other.words_[w];
  }
  void or_with(const Bits& other) {
    for (std::size_t w = 0; w < words_.size(); ++w) words_[w] |= other.words_[w];
  }
  /// Clears the bits set in `other`.
  void and_not(const Bits& other) {
    for (std::size_t w = 0; w < words_.size(); ++w) words_[w] &= ~other.words_[w];
  }

  std::size_t count() const { return count_bits(words_.data(), words_.size()); }
  bool none() const {
    for (std::uint64_t word : words_) {
      if (word != 0) return false;
    }
    return true;
  }

  /// Calls `visit(i)` for every set bit, in increasing order.
  template <typename F>
  void for_each(F visit) const {
    for (std::size_t w = 0; w < words_.size(); ++w) {
      std::uint64_t word = words_[w];
      while (word != 0) {
        const int bit = std::countr_zero(word);
        visit(w * 64 + static_cast<std::size_t>(bit));
        word &= word - 1;
      }
    }
  }

  bool operator==(const Bits&) const = default;

 private:
  void clear_tail() {
    if (size_ % 64 != 0 && !words_.empty()) words_.back() &= (std::uint64_t{1} << (size_ % 64)) - 1;
  }

  std::vector<std::uint64_t> words_;
  std::size_t size_ = 0;
};

}  // namespace matching
}  // namespace v1
}  // namespace atip
