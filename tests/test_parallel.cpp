// The helpers that split bulk work over two threads (src/model/parallel.hpp).
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "model/parallel.hpp"

using atip::detail::ChunkPipeline;

TEST_CASE("parallel: chunks arrive in order and complete", "[parallel]") {
  ChunkPipeline<std::vector<int>> pipeline(50, 3, [](std::size_t chunk) {
    return std::vector<int>(chunk % 4 + 1, static_cast<int>(chunk));
  });
  for (std::size_t chunk = 0; chunk < 50; ++chunk) {
    const std::vector<int>& values = pipeline.next();
    INFO("chunk " << chunk);
    CHECK(values.size() == chunk % 4 + 1);
    CHECK(values.front() == static_cast<int>(chunk));
  }
}

TEST_CASE("parallel: chunks run on another thread, at most ahead", "[parallel]") {
  const std::thread::id caller = std::this_thread::get_id();
  std::atomic<std::size_t> made{0};
  std::atomic<bool> on_caller{false};
  ChunkPipeline<std::size_t> pipeline(20, 2, [&](std::size_t chunk) {
    if (std::this_thread::get_id() == caller) on_caller = true;
    ++made;
    return chunk;
  });
  CHECK(pipeline.next() == 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  // Chunk 0 is taken, and at most 2 more wait in the queue.
  CHECK(made.load() <= 3);
  for (std::size_t chunk = 1; chunk < 20; ++chunk) CHECK(pipeline.next() == chunk);
  CHECK_FALSE(on_caller.load());
}

TEST_CASE("parallel: a failed chunk is rethrown after the ones before it", "[parallel]") {
  ChunkPipeline<std::string> pipeline(10, 4, [](std::size_t chunk) {
    if (chunk == 6) throw std::runtime_error("chunk 6 failed");
    return std::to_string(chunk);
  });
  for (std::size_t chunk = 0; chunk < 6; ++chunk) CHECK(pipeline.next() == std::to_string(chunk));
  CHECK_THROWS_WITH(pipeline.next(), "chunk 6 failed");
}

TEST_CASE("parallel: a pipeline dropped early stops its thread", "[parallel]") {
  std::atomic<std::size_t> made{0};
  {
    ChunkPipeline<std::size_t> pipeline(1000000, 2, [&](std::size_t chunk) {
      ++made;
      return chunk;
    });
    CHECK(pipeline.next() == 0);
  }
  // The destructor returned, so the thread stopped long before a million.
  CHECK(made.load() < 10);
}

TEST_CASE("parallel: map_indices rethrows the lowest failing index", "[parallel]") {
  const auto compute = [](std::size_t i) {
    if (i == 9000 || i == 2500) throw std::runtime_error("index " + std::to_string(i));
    return static_cast<int>(i);
  };
  CHECK_THROWS_WITH((atip::detail::map_indices<int>(10000, compute)), "index 2500");
  const std::vector<int> values = atip::detail::map_indices<int>(5000, [](std::size_t i) { return static_cast<int>(i) * 2; });
  REQUIRE(values.size() == 5000);
  CHECK(values[4999] == 9998);
}

#if defined(__linux__)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

TEST_CASE("parallel: background threads step down from the caller's nice value", "[parallel]") {
  // Run in a thread of its own, so that the test runner keeps its priority.
  int before = 0;
  int after = 0;
  std::thread probe([&] {
    const auto thread = static_cast<id_t>(syscall(SYS_gettid));
    setpriority(PRIO_PROCESS, thread, 5);
    before = getpriority(PRIO_PROCESS, thread);
    atip::detail::run_in_background();
    after = getpriority(PRIO_PROCESS, thread);
  });
  probe.join();
  CHECK(before == 5);
  CHECK(after == 15);
}
#endif
