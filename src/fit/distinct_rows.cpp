// SPDX-License-Identifier: MIT
#include "fit/distinct_rows.h"

#include <bit>
#include <cstdint>

namespace clv::detail {
namespace {

// Bit pattern of a value, with -0.0 folded into 0.0 so that both land in one row.
std::uint64_t Bits(double value) {
  return std::bit_cast<std::uint64_t>(value + 0.0);
}

std::uint64_t HashOf(const CustomerHistory& row) {
  std::uint64_t hash = Bits(row.frequency) * 0x9E3779B97F4A7C15ULL;
  hash = (hash ^ (hash >> 29) ^ Bits(row.recency)) * 0xBF58476D1CE4E5B9ULL;
  hash = (hash ^ (hash >> 31) ^ Bits(row.age)) * 0x94D049BB133111EBULL;
  return hash ^ (hash >> 32);
}

bool SameRow(const CustomerHistory& a, const CustomerHistory& b) {
  return Bits(a.frequency) == Bits(b.frequency) && Bits(a.recency) == Bits(b.recency) &&
         Bits(a.age) == Bits(b.age);
}

// Open addressing with linear probing; a slot holds 1 + the index of a distinct row.
class RowIndex {
 public:
  explicit RowIndex(std::size_t expected_rows) {
    std::size_t capacity = 16;
    while (capacity < 2 * expected_rows)
      capacity *= 2;
    slots_.assign(capacity, 0);
  }

  /// The index of `row` among `distinct`, appending it there when it is new.
  std::size_t FindOrAdd(const CustomerHistory& row, std::vector<CustomerHistory>& distinct) {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t slot = HashOf(row) & mask;; slot = (slot + 1) & mask) {
      if (slots_[slot] == 0) {
        distinct.push_back(row);
        slots_[slot] = distinct.size();
        return distinct.size() - 1;
      }
      if (SameRow(distinct[slots_[slot] - 1], row)) return slots_[slot] - 1;
    }
  }

 private:
  std::vector<std::size_t> slots_;
};

}  // namespace

DistinctRows CollapseToDistinctRows(std::span<const CustomerHistory> rows,
                                    std::span<const double> weights) {
  DistinctRows result;
  RowIndex index(rows.size());
  for (std::size_t row = 0; row < rows.size(); ++row) {
    const double weight = weights.empty() ? 1.0 : weights[row];
    if (weight == 0) continue;
    const std::size_t distinct = index.FindOrAdd(rows[row], result.histories);
    if (distinct == result.weights.size()) result.weights.push_back(0.0);
    result.weights[distinct] += weight;
    result.num_customers += weight;
  }
  return result;
}

}  // namespace clv::detail
