// SPDX-License-Identifier: MIT
// Rank-based scores with ties kept together: a customer's score depends on how many customers
// are strictly worse (or strictly better), so equal values always get equal scores.
//
// Scores need only a few ranks, not every customer's: "at least m customers are strictly below
// v" holds exactly when the m-th smallest value is below v. So a handful of order statistics
// (found in linear time) and one comparison pass replace ranking millions of customers.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace clv::detail {

/// For each entry of `values`, how many of `rank_thresholds` (ascending counts m) it reaches,
/// reaching m meaning that at least m entries are strictly smaller. Parallel, deterministic.
std::vector<int> RankThresholdsReached(const std::vector<double>& values,
                                       std::span<const std::size_t> rank_thresholds);

/// The score 1..buckets of each entry: 1 + floor(buckets x below / count), with `below` the
/// number of entries strictly smaller, so that the top score goes to the best 1 / buckets.
std::vector<int> RankBuckets(const std::vector<double>& values, int buckets);

}  // namespace clv::detail
