// SPDX-License-Identifier: MIT
#include "predict/monthly_discounting.h"

#include <cmath>

namespace clv::detail {

MonthlySchedule MakeMonthlySchedule(int months, double units_per_month,
                                    double monthly_discount_rate) {
  MonthlySchedule schedule;
  for (int month = 1; month <= months; ++month) {
    const double end = static_cast<double>(month) * units_per_month;
    schedule.month_end.push_back(end);
    schedule.month_start.push_back(end - units_per_month);
    schedule.discount_factor.push_back(
        std::pow(1.0 + monthly_discount_rate, end / units_per_month));
  }
  return schedule;
}

double DiscountedExpectedPurchases(const PurchaseModel& model, std::span<const double> params,
                                   const CustomerHistory& history,
                                   const MonthlySchedule& schedule) {
  double discounted_sum = 0;
  double previous_end = 0;
  double expected_at_previous_end = 0;
  for (std::size_t month = 0; month < schedule.months(); ++month) {
    const double start = schedule.month_start[month];
    const double expected_at_start = month > 0 && start == previous_end
                                         ? expected_at_previous_end
                                         : model.ExpectedPurchases(params, history, start);
    previous_end = schedule.month_end[month];
    expected_at_previous_end = model.ExpectedPurchases(params, history, previous_end);
    discounted_sum +=
        (expected_at_previous_end - expected_at_start) / schedule.discount_factor[month];
  }
  return discounted_sum;
}

}  // namespace clv::detail
