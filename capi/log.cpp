// The process-wide log callback. The library never prints: every message
// goes to the callback the application set, or nowhere.
#include <atomic>
#include <shared_mutex>
#include <string>

#include "support.hpp"

namespace atip::capi {

namespace {

/// Guards the callback and its payload. Logging threads hold it shared for
/// the duration of the callback, so atip_set_log_callback (exclusive) returns
/// only after every call of the old callback has finished.
std::shared_mutex log_mutex;
atip_log_fn log_callback = nullptr;
void* log_payload = nullptr;

/// Lets logging skip the lock and the message when no callback is set.
std::atomic<bool> callback_set{false};

/// True while this thread runs the callback. Logging from inside it is
/// dropped, because taking the shared lock again could deadlock behind a
/// waiting atip_set_log_callback.
thread_local bool inside_callback = false;

}  // namespace

bool log_enabled() noexcept { return !inside_callback && callback_set.load(std::memory_order_acquire); }

void log(atip_log_level level, std::string_view message) noexcept {
  if (!log_enabled()) return;
  try {
    const std::string line(message);  // The callback needs a NUL-terminated copy.
    const std::shared_lock lock(log_mutex);
    if (log_callback == nullptr) return;
    inside_callback = true;
    log_callback(level, line.c_str(), log_payload);
    inside_callback = false;
  } catch (...) {
    // No memory for the copy, a failed lock, or a C++ callback that threw:
    // the message is dropped because logging must not change the result of
    // the call that logs.
    inside_callback = false;
  }
}

}  // namespace atip::capi

using namespace atip::capi;

extern "C" atip_status atip_set_log_callback(atip_log_fn fn, void* payload) {
  return guarded("atip_set_log_callback", nullptr, [&] {
    if (inside_callback) {
      atip::fail(atip::ErrorKind::invalid_state, "cannot replace the log callback from inside the log callback");
    }

    const std::unique_lock lock(log_mutex);
    log_callback = fn;
    log_payload = fn == nullptr ? nullptr : payload;
    callback_set.store(fn != nullptr, std::memory_order_release);
  });
}
