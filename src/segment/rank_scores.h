// SPDX-License-Identifier: MIT
// Rank-based scores with ties kept together: a customer's score depends on how many customers
// are strictly worse (or strictly better), so equal values always get equal scores.
#pragma once

#include <cstddef>
#include <vector>

namespace clv::detail {

/// For each entry of `values`, how many entries are strictly smaller. Parallel, deterministic.
std::vector<std::size_t> CountStrictlyBelow(const std::vector<double>& values);

/// 1 + floor(buckets x below / count), so 1..buckets: the bucket of a customer with `below`
/// customers ranked under it among `count`.
inline int BucketOfRank(std::size_t below, std::size_t count, int buckets) {
  const std::size_t bucket = below * static_cast<std::size_t>(buckets) / count;
  return 1 + static_cast<int>(bucket);
}

}  // namespace clv::detail
