// Population count over a bit set's words. The portable build targets
// x86-64 without POPCNT, where std::popcount is a library call per word; the
// funnel counts every constraint's set on each ranking, so the instruction
// is chosen at run time when the processor has it.
#include <bit>

#include "matching/bits.hpp"

namespace atip {
inline namespace v1 {
namespace matching {

namespace {

std::size_t count_portable(const std::uint64_t* words, std::size_t count) {
  std::size_t total = 0;
  for (std::size_t i = 0; i < count; ++i) total += static_cast<std::size_t>(std::popcount(words[i]));
  return total;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
__attribute__((target("popcnt"))) std::size_t count_with_instruction(const std::uint64_t* words, std::size_t count) {
  std::size_t total = 0;
  for (std::size_t i = 0; i < count; ++i) total += static_cast<std::size_t>(__builtin_popcountll(words[i]));
  return total;
}
#endif

}  // namespace

std::size_t count_bits(const std::uint64_t* words, std::size_t count) {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
  static const bool has_instruction = __builtin_cpu_supports("popcnt");
  if (has_instruction) return count_with_instruction(words, count);
#endif
  return count_portable(words, count);
}

}  // namespace matching
}  // namespace v1
}  // namespace atip
