// SPDX-License-Identifier: MIT
// A one-line progress bar on stderr, shown only when stderr is a terminal and the input is large
// enough for the wait to be noticed.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace clv::detail {

class ProgressBar {
 public:
  /// `total_bytes` 0 (unknown size) or below the threshold shows nothing.
  ProgressBar(std::string label, std::int64_t total_bytes, bool wanted);
  void Update(std::int64_t bytes_done);
  void Finish();

 private:
  std::string label_;
  std::int64_t total_bytes_;
  bool active_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace clv::detail
