// SPDX-License-Identifier: MIT
#include "ingest/progress_bar.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace clv::detail {
namespace {

constexpr std::int64_t kMinimumBytes = std::int64_t{64} << 20;
constexpr auto kRedrawInterval = std::chrono::milliseconds(250);
constexpr int kBarWidth = 30;

}  // namespace

ProgressBar::ProgressBar(std::string label, std::int64_t total_bytes, bool wanted)
    : label_(std::move(label)),
      total_bytes_(total_bytes),
      active_(wanted && total_bytes >= kMinimumBytes && ::isatty(STDERR_FILENO) == 1) {}

void ProgressBar::Update(std::int64_t bytes_done) {
  if (!active_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < kRedrawInterval) return;
  last_draw_ = now;
  const double fraction =
      std::min(1.0, static_cast<double>(bytes_done) / static_cast<double>(total_bytes_));
  const int filled = static_cast<int>(fraction * kBarWidth);
  std::fputs(fmt::format("\rclv: {} [{:<{}}] {:3.0f}%", label_, std::string(filled, '#'), kBarWidth,
                         100.0 * fraction)
                 .c_str(),
             stderr);
  std::fflush(stderr);
}

void ProgressBar::Finish() {
  if (!active_) return;
  std::fputs("\r\033[K", stderr);  // erase the bar; the final report follows on its own line
  std::fflush(stderr);
}

}  // namespace clv::detail
