// SPDX-License-Identifier: MIT
// Attributes of each customer's first purchase: the acquisition channel (or any other column
// read as the channel) and the acquisition month.
#include <algorithm>
#include <limits>
#include <string_view>
#include <unordered_map>

#include "clv/error.h"
#include "clv/metrics.h"
#include "common/parallel.h"
#include "metrics/calendar_period.h"
#include "metrics/rows_by_customer.h"

namespace clv {
namespace {

// Calls `describe(first purchase row)` for every customer with a purchase, in parallel.
template <typename Describe>
std::vector<std::string> DescribeFirstPurchases(const PurchaseLog& log, const Describe& describe) {
  const detail::RowsByCustomer rows =
      detail::GroupRowsByCustomer(log, std::numeric_limits<std::int64_t>::max());
  std::vector<std::string> described(rows.customers());
  detail::ParallelForBlocks(rows.customers(), 8192, [&](std::size_t begin, std::size_t end) {
    for (std::size_t customer = begin; customer < end; ++customer) {
      const std::span<const detail::CustomerRow> own = rows.RowsOf(customer);
      const auto first = std::find_if(
          own.begin(), own.end(), [](const detail::CustomerRow& row) { return row.is_purchase(); });
      if (first != own.end()) described[customer] = describe(*first);
    }
  });
  return described;
}

}  // namespace

std::vector<std::string> FirstPurchaseChannels(const PurchaseLog& log) {
  CLV_CHECK(!log.channel.empty(), "FirstPurchaseChannels needs the channel column");
  return DescribeFirstPurchases(
      log, [&](const detail::CustomerRow& row) { return log.channel_names[row.channel]; });
}

std::vector<std::string> AcquisitionMonths(const PurchaseLog& log) {
  return DescribeFirstPurchases(log, [](const detail::CustomerRow& row) {
    return detail::PeriodLabel(
        detail::PeriodOfDay(detail::DayOfTimestamp(row.timestamp), CalendarPeriod::kMonth),
        CalendarPeriod::kMonth);
  });
}

std::vector<std::string> FirstPurchaseGroups(const PurchaseLog& log, std::string_view group_by,
                                             const std::vector<std::string>& customer_ids) {
  const std::vector<std::string> attribute =
      group_by == kAcquisitionMonthGroup ? AcquisitionMonths(log) : FirstPurchaseChannels(log);
  std::unordered_map<std::string_view, std::size_t> index_of;
  index_of.reserve(log.num_customers);
  for (std::size_t customer = 0; customer < log.num_customers; ++customer) {
    index_of.emplace(log.customer_ids[customer], customer);
  }
  std::vector<std::string> groups(customer_ids.size());
  for (std::size_t row = 0; row < customer_ids.size(); ++row) {
    const auto found = index_of.find(customer_ids[row]);
    if (found != index_of.end()) groups[row] = attribute[found->second];
  }
  return groups;
}

}  // namespace clv
