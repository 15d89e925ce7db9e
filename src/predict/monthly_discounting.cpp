// SPDX-License-Identifier: MIT
#include "predict/monthly_discounting.h"

#include <cmath>

#include "clv/error.h"

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

void ExpectedPurchasesPerMonth(const PurchaseModel& model, std::span<const double> params,
                               const CustomerHistory& history, const MonthlySchedule& schedule,
                               std::span<double> increments) {
  CLV_CHECK(increments.size() == schedule.months(), "one increment per month");
  double previous_end = 0;
  double expected_at_previous_end = 0;
  bool have_previous = false;
  for (std::size_t month = 0; month < schedule.months(); ++month) {
    const double start = schedule.month_start[month];
    const double expected_at_start = have_previous && start == previous_end
                                         ? expected_at_previous_end
                                         : model.ExpectedPurchases(params, history, start);
    previous_end = schedule.month_end[month];
    expected_at_previous_end = model.ExpectedPurchases(params, history, previous_end);
    have_previous = true;
    increments[month] = expected_at_previous_end - expected_at_start;
  }
}

double DiscountedValue(std::span<const double> increments, const MonthlySchedule& schedule,
                       double spend) {
  double value = 0;
  for (std::size_t month = 0; month < increments.size(); ++month) {
    value += (spend * increments[month]) / schedule.discount_factor[month];
  }
  return value;
}

}  // namespace clv::detail
