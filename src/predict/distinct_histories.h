// SPDX-License-Identifier: MIT
// Customers share histories: on a large base many customers have the same (frequency, recency,
// age), so the model is evaluated once per distinct history and the results are scattered back
// to the rows (REFERENCE.md §1.2).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "clv/models/purchase_model.h"

namespace clv::detail {

struct DistinctHistories {
  /// One entry per distinct (frequency, recency, age), in order of first appearance.
  std::vector<CustomerHistory> histories;
  /// For each row, the index of its history in `histories`.
  std::vector<std::uint32_t> index_of_row;
};

/// Collapses the rows to their distinct histories. Values are compared bit for bit, so NaN
/// rows collapse with identical NaN rows and every row keeps exactly its own values.
DistinctHistories CollapseHistories(std::span<const double> frequency,
                                    std::span<const double> recency, std::span<const double> age);

}  // namespace clv::detail
