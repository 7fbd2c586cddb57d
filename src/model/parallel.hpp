// Splitting large bulk work over two threads: a per-item computation cut in
// halves (map_indices), and chunks made ahead of a writing thread
// (ChunkPipeline).
//
// Bulk imports read and index hundreds of thousands of records, each on its
// own. The second thread roughly halves that part of an import on a
// two-core machine, and small inputs stay on the calling thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#if defined(__linux__)
#include <cerrno>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

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

/// Lowers the calling thread's scheduling priority by 10 nice levels (at most
/// to 19) on Linux, and does nothing elsewhere. A thread that prepares work
/// ahead of a writing thread calls it, so that on a machine with few cores
/// the writer, which decides how long a bulk import takes, is not the one
/// made to wait for a core. A new thread starts with its creator's nice
/// value, so the step is relative to the process's own priority.
inline void run_in_background() noexcept {
#if defined(__linux__)
  const auto thread = static_cast<id_t>(syscall(SYS_gettid));
  errno = 0;
  const int current = getpriority(PRIO_PROCESS, thread);
  if (current == -1 && errno != 0) return;
  setpriority(PRIO_PROCESS, thread, current + 10 > 19 ? 19 : current + 10);
#endif
}

/// Makes chunks 0 to count - 1 on one long-lived second thread, at most
/// `ahead` of them before the calling thread, which takes them in order with
/// next(). The chunk taken before is handed back to the second thread and
/// destroyed there, so memory is freed by the thread that allocated it.
/// (A new thread per chunk was slower than writing the chunks: each started
/// with a cold malloc arena.) Use from one calling thread.
template <typename Chunk>
class ChunkPipeline {
 public:
  /// `make(index)` returns chunk `index`. It runs on the second thread, so it
  /// must not touch what the calling thread changes meanwhile.
  template <typename Make>
  ChunkPipeline(std::size_t count, std::size_t ahead, Make make)
      : worker_([this, count, ahead, make] { run(count, ahead, make); }) {}

  ~ChunkPipeline() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    changed_.notify_all();
    worker_.join();
  }

  ChunkPipeline(const ChunkPipeline&) = delete;
  ChunkPipeline& operator=(const ChunkPipeline&) = delete;

  /// Waits for the next chunk and returns it; valid until the next call.
  /// Rethrows the exception of a chunk that failed.
  Chunk& next() {
    std::unique_lock lock(mutex_);
    if (taken_) spent_.push_back(std::move(*taken_));
    changed_.notify_all();
    changed_.wait(lock, [&] { return !ready_.empty() || failure_; });
    if (ready_.empty()) std::rethrow_exception(failure_);
    taken_ = std::make_unique<Chunk>(std::move(ready_.front()));
    ready_.pop_front();
    changed_.notify_all();
    return *taken_;
  }

 private:
  template <typename Make>
  void run(std::size_t count, std::size_t ahead, const Make& make) {
    run_in_background();
    for (std::size_t index = 0; index < count; ++index) {
      std::vector<Chunk> spent;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return stopping_ || ready_.size() < ahead; });
        if (stopping_) return;
        spent.swap(spent_);
      }
      spent.clear();
      try {
        Chunk chunk = make(index);
        std::lock_guard lock(mutex_);
        ready_.push_back(std::move(chunk));
      } catch (...) {
        std::lock_guard lock(mutex_);
        failure_ = std::current_exception();
      }
      changed_.notify_all();
      if (failure_) return;
    }
  }

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Chunk> ready_;
  std::vector<Chunk> spent_;
  std::unique_ptr<Chunk> taken_;
  std::exception_ptr failure_;
  bool stopping_ = false;
  std::thread worker_;  // last, so it starts after the other members exist
};

}  // namespace detail
}  // namespace v1
}  // namespace atip
