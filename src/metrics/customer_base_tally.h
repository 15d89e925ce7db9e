// SPDX-License-Identifier: MIT
// The integer counts every business metric is derived from, gathered in one parallel pass over
// the customers. Counts and money in amount units are integers, so the totals are the same for
// any split of the work.
#pragma once

#include <cstdint>
#include <vector>

#include "clv/metrics.h"
#include "metrics/rows_by_customer.h"

namespace clv::detail {

/// The calendar span the metrics cover: from the first row kept to the end of observation.
struct ObservationWindow {
  CalendarPeriod period = CalendarPeriod::kMonth;
  std::int64_t first_day = 0;             ///< day of the earliest row kept
  std::int64_t end_day = 0;               ///< last day of observation, included
  std::int64_t first_period = 0;          ///< period index (PeriodOfDay) of first_day
  int num_periods = 0;                    ///< periods from first_day's to end_day's, both included
  std::vector<int> period_offset_of_day;  ///< [day - first_day] -> period - first_period

  ObservationWindow(CalendarPeriod period_kind, std::int64_t first, std::int64_t end);
  int PeriodOffset(std::int64_t day) const {
    return period_offset_of_day[static_cast<std::size_t>(day - first_day)];
  }
};

/// Counts of one group of customers. Per-period vectors are indexed by period offset; cohort
/// vectors by cohort offset * num_periods + periods since acquisition.
struct CustomerBaseTally {
  /// Without cohorts the cohort vectors stay empty (channel groups need none).
  CustomerBaseTally(int periods, bool with_cohorts);
  CustomerBaseTally& operator+=(const CustomerBaseTally& other);

  int num_periods = 0;
  std::int64_t customers = 0;
  std::int64_t orders = 0;
  std::int64_t revenue = 0;        ///< net, in amount units
  std::int64_t repeaters = 0;      ///< customers with two or more orders
  std::int64_t exposure_days = 0;  ///< sum of (end_day - first order day + 1)
  std::int64_t lifespan_days = 0;  ///< sum of (last order day - first order day)

  std::vector<std::int64_t> new_customers;
  std::vector<std::int64_t> active_customers;
  std::vector<std::int64_t> retained_customers;  ///< active in the period and the one before
  std::vector<std::int64_t> second_orders;       ///< customers whose second order falls here
  std::vector<std::int64_t> orders_in_period;
  std::vector<std::int64_t> revenue_in_period;

  std::vector<std::int64_t> cohort_active;
  std::vector<std::int64_t> cohort_revenue;
};

/// Tallies every customer with at least one order. Entry 0 counts all customers, cohort table
/// included; with `group_by_channel`, entry 1 + c counts the customers whose first purchase row
/// has channel c (c < num_channels), without cohorts.
std::vector<CustomerBaseTally> TallyCustomers(const RowsByCustomer& rows,
                                              const ObservationWindow& window,
                                              std::size_t num_channels, bool group_by_channel);

}  // namespace clv::detail
