// SPDX-License-Identifier: MIT
// CLV with discrete monthly discounting, evaluated exactly as lifetimes'
// `customer_lifetime_value` does (REFERENCE.md §11.1, §2.2):
//
//   CLV = sum_{i=1}^{H} (spend * (E[Y(t_i)] - E[Y(t_i - f)])) / (1 + d)^(t_i / f),  t_i = i * f
//
// with H months, d the monthly discount rate and f model time units per month. The month
// boundaries t_i - f are computed as lifetimes computes them (not as (i - 1) * f), and each
// month's cash flow is multiplied, divided and added in the same order, so the result matches
// it to the last bit wherever the expected purchases do.
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

/// E[Y(t_i)] - E[Y(t_i - f)] for each month i of `schedule`, written to `increments`
/// (schedule.months() entries). Reuses the previous month's end when it equals the start.
void ExpectedPurchasesPerMonth(const PurchaseModel& model, std::span<const double> params,
                               const CustomerHistory& history, const MonthlySchedule& schedule,
                               std::span<double> increments);

/// sum_i (spend * increments[i]) / discount_factor[i], summed in month order.
double DiscountedValue(std::span<const double> increments, const MonthlySchedule& schedule,
                       double spend);

}  // namespace clv::detail
