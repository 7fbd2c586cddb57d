// Human output: aligned tables measured in terminal columns, number formats,
// JSON output and the progress bar.
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

#include "cli.hpp"

namespace atip_cli {

void Output::print_json(const nlohmann::json& document) {
  out_ << document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

// --- Widths ---------------------------------------------------------------------

namespace {

int code_point_width(UChar32 c) {
  const auto type = static_cast<UCharCategory>(u_charType(c));
  if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR || type == U_CONTROL_CHAR) {
    return 0;
  }
  const auto width = static_cast<UEastAsianWidth>(u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH));
  return (width == U_EA_WIDE || width == U_EA_FULLWIDTH) ? 2 : 1;
}

}  // namespace

std::size_t display_width(const std::string& text) {
  std::size_t width = 0;
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < length) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    width += c < 0 ? 1 : static_cast<std::size_t>(code_point_width(c));
  }
  return width;
}

std::string truncate_to_width(const std::string& text, std::size_t width) {
  if (display_width(text) <= width || width == 0) return text;
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  std::size_t used = 0;
  int32_t i = 0;
  int32_t cut = 0;
  while (i < length) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    const std::size_t w = c < 0 ? 1 : static_cast<std::size_t>(code_point_width(c));
    if (used + w > width - 1) break;  // keep one column for the ellipsis
    used += w;
    cut = i;
  }
  return text.substr(0, static_cast<std::size_t>(cut)) + "…";
}

std::string format_score(double value) {
  std::ostringstream text;
  text << std::fixed << std::setprecision(2) << value;
  return text.str();
}

std::string format_seconds(double seconds) {
  std::ostringstream text;
  if (seconds < 1.0) {
    text << static_cast<long>(seconds * 1000.0 + 0.5) << " ms";
  } else {
    text << std::fixed << std::setprecision(1) << seconds << " s";
  }
  return text.str();
}

// --- Tables ---------------------------------------------------------------------

Table::Table(std::vector<std::string> headers, std::vector<Align> align)
    : headers_(std::move(headers)), align_(std::move(align)) {
  align_.resize(headers_.size(), Align::left);
}

void Table::add(std::vector<std::string> row) {
  row.resize(headers_.size());
  rows_.push_back(std::move(row));
}

void Table::print(std::ostream& out, std::size_t indent) const {
  std::vector<std::size_t> widths(headers_.size());
  for (std::size_t c = 0; c < headers_.size(); ++c) widths[c] = display_width(headers_[c]);
  for (const auto& row : rows_) {
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], display_width(row[c]));
  }

  const auto print_row = [&](const std::vector<std::string>& row) {
    std::string line(indent, ' ');
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string padding(widths[c] - display_width(row[c]), ' ');
      const bool last = c + 1 == row.size();
      if (align_[c] == Align::right) {
        line += padding + row[c];
      } else {
        line += row[c];
        if (!last) line += padding;
      }
      if (!last) line += "  ";
    }
    out << line << '\n';
  };

  print_row(headers_);
  std::vector<std::string> rule;
  for (const auto width : widths) rule.emplace_back(width, '-');
  print_row(rule);
  for (const auto& row : rows_) print_row(row);
}

// --- Progress -------------------------------------------------------------------

namespace {

bool g_progress_disabled = false;

bool progress_allowed() { return !g_progress_disabled && isatty(STDERR_FILENO) == 1; }

}  // namespace

void disable_progress() { g_progress_disabled = true; }

struct Progress::State {
  std::string label;
  std::size_t total = 0;
  std::size_t done = 0;
  std::string step;
  bool stop = false;
  bool drawn = false;
  std::mutex mutex;
  std::condition_variable wake;
  std::thread painter;
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();

  void draw(std::size_t frame) {
    constexpr std::size_t kBarWidth = 24;
    std::string bar(kBarWidth, ' ');
    if (total > 0) {
      const std::size_t filled = std::min(kBarWidth, done * kBarWidth / total);
      std::fill(bar.begin(), bar.begin() + static_cast<std::ptrdiff_t>(filled), '#');
    } else {
      // No known total: a three-column marker sweeps back and forth.
      const std::size_t span = kBarWidth - 3;
      const std::size_t position = frame % (2 * span);
      const std::size_t at = position < span ? position : 2 * span - position;
      bar.replace(at, 3, "###");
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::ostringstream line;
    line << "\r\033[K" << label << " [" << bar << "] ";
    if (total > 0) line << done << "/" << total << " ";
    if (!step.empty()) line << truncate_to_width(step, 40) << " ";
    line << format_seconds(seconds);
    std::fputs(line.str().c_str(), stderr);
    std::fflush(stderr);
    drawn = true;
  }

  void run() {
    std::unique_lock lock(mutex);
    // Draw nothing for work that finishes within a second.
    if (wake.wait_for(lock, std::chrono::seconds(1), [&] { return stop; })) return;
    for (std::size_t frame = 0; !stop; ++frame) {
      draw(frame);
      wake.wait_for(lock, std::chrono::milliseconds(100), [&] { return stop; });
    }
    if (drawn) {
      std::fputs("\r\033[K", stderr);
      std::fflush(stderr);
    }
  }
};

Progress::Progress(std::string label, std::size_t total) {
  if (!progress_allowed()) return;
  state_ = std::make_unique<State>();
  state_->label = std::move(label);
  state_->total = total;
  state_->painter = std::thread([state = state_.get()] { state->run(); });
}

Progress::~Progress() {
  if (!state_) return;
  {
    std::lock_guard lock(state_->mutex);
    state_->stop = true;
  }
  state_->wake.notify_all();
  state_->painter.join();
}

void Progress::update(std::size_t done, const std::string& step) {
  if (!state_) return;
  std::lock_guard lock(state_->mutex);
  state_->done = done;
  state_->step = step;
}

}  // namespace atip_cli
