// Splitting a large, pure, per-item computation over two threads.
//
// Bulk imports read and index hundreds of thousands of records, each on its
// own. The second thread roughly halves that part of an import on a
// two-core machine, and small inputs stay on the calling thread.
#pragma once

#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace atip {
inline namespace v1 {
namespace detail {

/// Inputs below this size are not worth starting a thread for.
inline constexpr std::size_t kParallelThreshold = 4096;

/// Returns `{compute(0), ..., compute(count - 1)}`, computing the second half
/// on another thread when `count` is large. `compute` must be safe to call
/// from two threads at once. If it throws, the exception of the lowest
/// index is rethrown, the same one a sequential loop would raise first, so
/// errors name the same record however the work was split.
template <typename Result, typename Compute>
std::vector<Result> map_indices(std::size_t count, Compute compute) {
  std::vector<Result> results(count);
  auto run = [&](std::size_t begin, std::size_t end, std::exception_ptr& error) {
    try {
      for (std::size_t i = begin; i < end; ++i) results[i] = compute(i);
    } catch (...) {
      error = std::current_exception();
    }
  };

  std::exception_ptr first_error;
  std::exception_ptr second_error;
  if (count < kParallelThreshold || std::thread::hardware_concurrency() < 2) {
    run(0, count, first_error);
  } else {
    const std::size_t middle = count / 2;
    std::thread second_half([&] { run(middle, count, second_error); });
    run(0, middle, first_error);
    second_half.join();
  }
  if (first_error) std::rethrow_exception(first_error);
  if (second_error) std::rethrow_exception(second_error);
  return results;
}

}  // namespace detail
}  // namespace v1
}  // namespace atip
