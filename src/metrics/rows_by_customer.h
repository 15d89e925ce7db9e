// SPDX-License-Identifier: MIT
// The rows of a purchase log regrouped so that each customer's rows are contiguous and sorted,
// which lets every later step walk one customer at a time in parallel.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "clv/metrics.h"

namespace clv::detail {

struct CustomerRow {
  std::int64_t timestamp = 0;
  std::int64_t amount = 0;
  std::uint32_t channel = 0;  ///< 0 when the log has no channels

  /// A purchase row marks an order; a refund row (amount < 0) only changes revenue.
  bool is_purchase() const { return amount >= 0; }
};

/// Rows grouped by customer index; inside a customer sorted by (timestamp, amount, channel),
/// an order that depends on the rows alone, never on their position in the log.
struct RowsByCustomer {
  std::vector<std::size_t> offsets;  ///< customer c owns rows [offsets[c], offsets[c + 1])
  std::vector<CustomerRow> rows;

  std::size_t customers() const { return offsets.size() - 1; }
  std::span<const CustomerRow> RowsOf(std::size_t customer) const {
    return {rows.data() + offsets[customer], rows.data() + offsets[customer + 1]};
  }
};

/// Groups the rows of `log` with a timestamp <= `last_timestamp` (a counting sort by customer,
/// then a parallel sort inside each customer).
RowsByCustomer GroupRowsByCustomer(const PurchaseLog& log, std::int64_t last_timestamp);

}  // namespace clv::detail
