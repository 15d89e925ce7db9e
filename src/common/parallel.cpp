// SPDX-License-Identifier: MIT
#include "common/parallel.h"

#include <tbb/info.h>
#include <tbb/task_arena.h>

#include "clv/error.h"

namespace clv::detail {

ThreadLimit::ThreadLimit(int threads) {
  if (threads < 0) throw InputError("--threads must be >= 0, got " + std::to_string(threads));
  threads_ = threads == 0 ? tbb::info::default_concurrency() : threads;
  control_ = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism,
                                                   static_cast<std::size_t>(threads_));
}

int CurrentThreadCount() {
  return static_cast<int>(
      tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism));
}

}  // namespace clv::detail
