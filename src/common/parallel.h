// SPDX-License-Identifier: MIT
// Parallel execution on oneTBB with results that do not depend on the thread count: work is cut
// into blocks whose boundaries depend only on the problem size, each block is reduced serially,
// and block results are combined in block order.
#pragma once

#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstddef>
#include <memory>
#include <vector>

namespace clv::detail {

/// Limits oneTBB to `threads` workers while alive; 0 means every core. Create one near main().
class ThreadLimit {
 public:
  explicit ThreadLimit(int threads);

  /// The number of workers in effect.
  int threads() const { return threads_; }

 private:
  std::unique_ptr<tbb::global_control> control_;
  int threads_;
};

/// Number of threads TBB will use now.
int CurrentThreadCount();

/// Calls `body(begin, end)` for fixed blocks of [0, count) in parallel.
template <typename Body>
void ParallelForBlocks(std::size_t count, std::size_t block_size, const Body& body) {
  const std::size_t num_blocks = (count + block_size - 1) / block_size;
  tbb::parallel_for(std::size_t{0}, num_blocks, [&](std::size_t block) {
    const std::size_t begin = block * block_size;
    body(begin, std::min(count, begin + block_size));
  });
}

/// Sums `block_sum(begin, end)` over fixed blocks of [0, count), adding the block results in
/// block order, so the total is bit-identical for any number of threads.
template <typename T, typename BlockSum>
T DeterministicSum(std::size_t count, std::size_t block_size, const BlockSum& block_sum,
                   T zero = T{}) {
  const std::size_t num_blocks = (count + block_size - 1) / block_size;
  std::vector<T> partial(num_blocks, zero);
  ParallelForBlocks(count, block_size, [&](std::size_t begin, std::size_t end) {
    partial[begin / block_size] = block_sum(begin, end);
  });
  T total = zero;
  for (const T& value : partial)
    total += value;
  return total;
}

}  // namespace clv::detail
