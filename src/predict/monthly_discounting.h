// SPDX-License-Identifier: MIT
// CLV with discrete monthly discounting, as lifetimes' `customer_lifetime_value` computes it
// (REFERENCE.md §11.1, §2.2):
//
//   CLV = sum_{i=1}^{H} spend * (E[Y(t_i)] - E[Y(t_i - f)]) / (1 + d)^(t_i / f),  t_i = i * f
//
// with H months, d the monthly discount rate and f model time units per month. The month
// boundaries t_i - f and the exponents t_i / f are computed as lifetimes computes them (not as
// (i - 1) * f and i). The spend is factored out of the sum, so customers who share a history
// share the sum and each row costs one multiplication; the result differs from lifetimes'
// term-by-term order only by rounding (a few units in the last place).
#pragma once

#include <span>
#include <vector>

#include "clv/models/purchase_model.h"

namespace clv::detail {

struct MonthlySchedule {
  std::vector<double> month_start;      ///< t_i - f, model time
  std::vector<double> month_end;        ///< t_i = i * f, model time
  std::vector<double> discount_factor;  ///< (1 + d)^(t_i / f)

  std::size_t months() const { return month_end.size(); }
};

MonthlySchedule MakeMonthlySchedule(int months, double units_per_month,
                                    double monthly_discount_rate);

/// sum_i (E[Y(t_i)] - E[Y(t_i - f)]) / (1 + d)^(t_i / f) over the months of `schedule`, summed
/// in month order: the CLV of the history per unit of spend. E[Y] at a month's start reuses the
/// previous month's end when the two times are equal.
double DiscountedExpectedPurchases(const PurchaseModel& model, std::span<const double> params,
                                   const CustomerHistory& history, const MonthlySchedule& schedule);

}  // namespace clv::detail
