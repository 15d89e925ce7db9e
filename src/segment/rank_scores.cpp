// SPDX-License-Identifier: MIT
#include "segment/rank_scores.h"

#include <algorithm>

#include "common/parallel.h"

namespace clv::detail {

std::vector<int> RankThresholdsReached(const std::vector<double>& values,
                                       std::span<const std::size_t> rank_thresholds) {
  // The m-th smallest value for each threshold m >= 1; m = 0 is reached by everyone.
  std::vector<double> order = values;
  std::vector<double> smallest;
  int always_reached = 0;
  auto from = order.begin();
  for (const std::size_t m : rank_thresholds) {
    if (m == 0) {
      ++always_reached;
      continue;
    }
    if (m > order.size()) break;
    const auto nth = order.begin() + static_cast<std::ptrdiff_t>(m - 1);
    std::nth_element(from, nth, order.end());
    smallest.push_back(*nth);
    from = nth;
  }

  std::vector<int> reached(values.size());
  ParallelForBlocks(values.size(), std::size_t{1} << 16, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      int count = always_reached;
      for (const double threshold : smallest)
        count += threshold < values[i] ? 1 : 0;
      reached[i] = count;
    }
  });
  return reached;
}

std::vector<int> RankBuckets(const std::vector<double>& values, int buckets) {
  // floor(buckets x below / count) >= j exactly when below >= ceil(j x count / buckets).
  const std::size_t count = values.size();
  std::vector<std::size_t> thresholds;
  for (int j = 1; j < buckets; ++j) {
    const std::size_t scaled = static_cast<std::size_t>(j) * count;
    thresholds.push_back((scaled + static_cast<std::size_t>(buckets) - 1) /
                         static_cast<std::size_t>(buckets));
  }
  std::vector<int> scores = RankThresholdsReached(values, thresholds);
  for (int& score : scores)
    score += 1;
  return scores;
}

}  // namespace clv::detail
