// SPDX-License-Identifier: MIT
#include "segment/rank_scores.h"

#include <tbb/parallel_sort.h>

#include <algorithm>

#include "common/parallel.h"

namespace clv::detail {

std::vector<std::size_t> CountStrictlyBelow(const std::vector<double>& values) {
  std::vector<double> sorted = values;
  tbb::parallel_sort(sorted.begin(), sorted.end());
  std::vector<std::size_t> below(values.size());
  ParallelForBlocks(values.size(), 1 << 14, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      below[i] = static_cast<std::size_t>(
          std::lower_bound(sorted.begin(), sorted.end(), values[i]) - sorted.begin());
    }
  });
  return below;
}

}  // namespace clv::detail
