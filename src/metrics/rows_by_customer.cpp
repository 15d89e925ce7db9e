// SPDX-License-Identifier: MIT
#include "metrics/rows_by_customer.h"

#include <algorithm>
#include <tuple>

#include "common/parallel.h"

namespace clv::detail {
namespace {

constexpr std::size_t kCustomersPerBlock = 16384;

std::vector<std::size_t> CountRowsPerCustomer(const PurchaseLog& log, std::int64_t last_timestamp) {
  std::vector<std::size_t> offsets(log.num_customers + 1, 0);
  for (std::size_t row = 0; row < log.rows(); ++row) {
    if (log.timestamp[row] <= last_timestamp) ++offsets[log.customer[row] + 1];
  }
  for (std::size_t customer = 1; customer < offsets.size(); ++customer) {
    offsets[customer] += offsets[customer - 1];
  }
  return offsets;
}

void ScatterRows(const PurchaseLog& log, std::int64_t last_timestamp, RowsByCustomer& grouped) {
  std::vector<std::size_t> next(grouped.offsets.begin(), grouped.offsets.end() - 1);
  const bool has_channels = !log.channel.empty();
  for (std::size_t row = 0; row < log.rows(); ++row) {
    if (log.timestamp[row] > last_timestamp) continue;
    grouped.rows[next[log.customer[row]]++] = {.timestamp = log.timestamp[row],
                                               .amount = log.amount[row],
                                               .channel = has_channels ? log.channel[row] : 0U};
  }
}

bool RowBefore(const CustomerRow& a, const CustomerRow& b) {
  return std::tie(a.timestamp, a.amount, a.channel) < std::tie(b.timestamp, b.amount, b.channel);
}

}  // namespace

RowsByCustomer GroupRowsByCustomer(const PurchaseLog& log, std::int64_t last_timestamp) {
  RowsByCustomer grouped;
  grouped.offsets = CountRowsPerCustomer(log, last_timestamp);
  grouped.rows.resize(grouped.offsets.back());
  ScatterRows(log, last_timestamp, grouped);
  ParallelForBlocks(
      grouped.customers(), kCustomersPerBlock, [&](std::size_t begin, std::size_t end) {
        for (std::size_t customer = begin; customer < end; ++customer) {
          std::sort(
              grouped.rows.begin() + static_cast<std::ptrdiff_t>(grouped.offsets[customer]),
              grouped.rows.begin() + static_cast<std::ptrdiff_t>(grouped.offsets[customer + 1]),
              RowBefore);
        }
      });
  return grouped;
}

}  // namespace clv::detail
