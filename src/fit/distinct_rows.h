// SPDX-License-Identifier: MIT
// Collapsing customers to distinct rows with counts (REFERENCE.md §1.2), so that a likelihood
// pass costs one evaluation per distinct (frequency, recency, age) row, not per customer.
#pragma once

#include <span>
#include <vector>

#include "clv/models/purchase_model.h"

namespace clv::detail {

struct DistinctRows {
  std::vector<CustomerHistory> histories;  ///< in order of first appearance
  std::vector<double> weights;             ///< customers per distinct row
  double num_customers = 0;                ///< sum of the weights
};

/// Merges rows with bit-identical (frequency, recency, age), summing their weights (1 each when
/// `weights` is empty) in input order. Rows of weight 0 are dropped. Serial and deterministic.
DistinctRows CollapseToDistinctRows(std::span<const CustomerHistory> rows,
                                    std::span<const double> weights);

}  // namespace clv::detail
