// SPDX-License-Identifier: MIT
#include "metrics/customer_base_tally.h"

#include <tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <limits>

#include "common/parallel.h"
#include "metrics/calendar_period.h"

namespace clv::detail {
namespace {

constexpr std::size_t kCustomersPerBlock = 8192;

void AddVector(std::vector<std::int64_t>& into, const std::vector<std::int64_t>& from) {
  for (std::size_t i = 0; i < into.size(); ++i)
    into[i] += from[i];
}

// Walks one customer's sorted rows from its first purchase row on. Several purchase rows on one
// day are one order; a period is active when it holds an order; refunds only move revenue
// (docs/metrics.md, "Orders"). Cohort cells are kept only in tallies that have them.
void TallyCustomer(std::span<const CustomerRow> rows, const CustomerRow& first_purchase,
                   const ObservationWindow& window, CustomerBaseTally& tally) {
  const std::int64_t first_order_day = DayOfTimestamp(first_purchase.timestamp);
  const int cohort = window.PeriodOffset(first_order_day);
  const bool with_cohorts = !tally.cohort_active.empty();
  const std::size_t cohort_row = static_cast<std::size_t>(cohort * window.num_periods);
  ++tally.customers;
  ++tally.new_customers[static_cast<std::size_t>(cohort)];

  std::int64_t last_order_day = std::numeric_limits<std::int64_t>::min();
  int last_active_period = -2;
  std::int64_t orders = 0;
  for (const CustomerRow& row : rows) {
    const std::int64_t day = DayOfTimestamp(row.timestamp);
    const int period = window.PeriodOffset(day);
    const auto since_acquisition = static_cast<std::size_t>(std::max(0, period - cohort));
    tally.revenue += row.amount;
    tally.revenue_in_period[static_cast<std::size_t>(period)] += row.amount;
    if (with_cohorts) tally.cohort_revenue[cohort_row + since_acquisition] += row.amount;
    if (!row.is_purchase() || day == last_order_day) continue;

    last_order_day = day;
    ++orders;
    ++tally.orders_in_period[static_cast<std::size_t>(period)];
    if (orders == 2) ++tally.second_orders[static_cast<std::size_t>(period)];
    if (period == last_active_period) continue;

    ++tally.active_customers[static_cast<std::size_t>(period)];
    if (with_cohorts) ++tally.cohort_active[cohort_row + since_acquisition];
    if (last_active_period == period - 1) {
      ++tally.retained_customers[static_cast<std::size_t>(period)];
    }
    last_active_period = period;
  }
  tally.orders += orders;
  if (orders >= 2) ++tally.repeaters;
  tally.exposure_days += window.end_day - first_order_day + 1;
  tally.lifespan_days += last_order_day - first_order_day;
}

// Tallies a customer with a purchase into all customers (entry 0) and, with channels, into the
// group of its first purchase's channel (entry 1 + channel).
void TallyCustomerEverywhere(std::span<const CustomerRow> rows, const ObservationWindow& window,
                             bool group_by_channel, std::vector<CustomerBaseTally>& tallies) {
  const auto first_purchase = std::find_if(
      rows.begin(), rows.end(), [](const CustomerRow& row) { return row.is_purchase(); });
  if (first_purchase == rows.end()) return;
  TallyCustomer(rows, *first_purchase, window, tallies[0]);
  if (group_by_channel)
    TallyCustomer(rows, *first_purchase, window, tallies[1 + first_purchase->channel]);
}

}  // namespace

ObservationWindow::ObservationWindow(CalendarPeriod period_kind, std::int64_t first,
                                     std::int64_t end)
    : period(period_kind), first_day(first), end_day(end) {
  first_period = PeriodOfDay(first_day, period);
  num_periods = static_cast<int>(PeriodOfDay(end_day, period) - first_period + 1);
  period_offset_of_day.resize(static_cast<std::size_t>(end_day - first_day + 1));
  for (std::int64_t day = first_day; day <= end_day; ++day) {
    period_offset_of_day[static_cast<std::size_t>(day - first_day)] =
        static_cast<int>(PeriodOfDay(day, period) - first_period);
  }
}

CustomerBaseTally::CustomerBaseTally(int periods, bool with_cohorts)
    : num_periods(periods),
      new_customers(static_cast<std::size_t>(periods)),
      active_customers(static_cast<std::size_t>(periods)),
      retained_customers(static_cast<std::size_t>(periods)),
      second_orders(static_cast<std::size_t>(periods)),
      orders_in_period(static_cast<std::size_t>(periods)),
      revenue_in_period(static_cast<std::size_t>(periods)),
      cohort_active(
          with_cohorts ? static_cast<std::size_t>(periods) * static_cast<std::size_t>(periods) : 0),
      cohort_revenue(with_cohorts
                         ? static_cast<std::size_t>(periods) * static_cast<std::size_t>(periods)
                         : 0) {}

CustomerBaseTally& CustomerBaseTally::operator+=(const CustomerBaseTally& other) {
  customers += other.customers;
  orders += other.orders;
  revenue += other.revenue;
  repeaters += other.repeaters;
  exposure_days += other.exposure_days;
  lifespan_days += other.lifespan_days;
  AddVector(new_customers, other.new_customers);
  AddVector(active_customers, other.active_customers);
  AddVector(retained_customers, other.retained_customers);
  AddVector(second_orders, other.second_orders);
  AddVector(orders_in_period, other.orders_in_period);
  AddVector(revenue_in_period, other.revenue_in_period);
  AddVector(cohort_active, other.cohort_active);
  AddVector(cohort_revenue, other.cohort_revenue);
  return *this;
}

std::vector<CustomerBaseTally> TallyCustomers(const RowsByCustomer& rows,
                                              const ObservationWindow& window,
                                              std::size_t num_channels, bool group_by_channel) {
  std::vector<CustomerBaseTally> empty{CustomerBaseTally(window.num_periods, true)};
  for (std::size_t channel = 0; group_by_channel && channel < num_channels; ++channel) {
    empty.emplace_back(window.num_periods, false);
  }
  tbb::enumerable_thread_specific<std::vector<CustomerBaseTally>> per_thread(empty);
  ParallelForBlocks(rows.customers(), kCustomersPerBlock, [&](std::size_t begin, std::size_t end) {
    std::vector<CustomerBaseTally>& tallies = per_thread.local();
    for (std::size_t customer = begin; customer < end; ++customer) {
      TallyCustomerEverywhere(rows.RowsOf(customer), window, group_by_channel, tallies);
    }
  });
  // Integer sums: the order in which the threads' tallies are added does not matter.
  std::vector<CustomerBaseTally> total = empty;
  for (const std::vector<CustomerBaseTally>& tallies : per_thread) {
    for (std::size_t k = 0; k < total.size(); ++k)
      total[k] += tallies[k];
  }
  return total;
}

}  // namespace clv::detail
