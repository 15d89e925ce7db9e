// SPDX-License-Identifier: MIT
#include "analyze/tracking_series.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "clv/models/purchase_model.h"
#include "common/parallel.h"
#include "summary/customer_summaries.h"

namespace clv::detail {
namespace {

// Exclusive period bounds of the points: point k covers [bounds[k], bounds[k + 1]).
std::vector<std::int32_t> PointBounds(const LogWindows& windows, int* units_per_point) {
  const std::int32_t first = windows.activity.first_period;
  const std::int32_t end = windows.observation_end_period + 1;
  // A point spans at least one period and one unit: a day of hours, a week of days.
  const double unit_width = std::max(1.0, windows.scale.PeriodsPerUnit());
  const double periods = end - first;
  *units_per_point =
      std::max(1, static_cast<int>(std::ceil(periods / unit_width / kMaxTrackingPoints)));
  const double width = unit_width * *units_per_point;
  std::vector<std::int32_t> bounds{first};
  for (int k = 1; bounds.back() < end; ++k) {
    const auto bound = first + static_cast<std::int32_t>(std::floor(k * width + 1e-9));
    bounds.push_back(std::min(std::max(bound, bounds.back() + 1), end));
  }
  return bounds;
}

}  // namespace

TrackingSeries BuildTrackingSeries(const LogWindows& windows, ModelKind kind,
                                   std::span<const double> params) {
  const PurchaseActivity& activity = windows.activity;
  int units_per_point = 1;
  const std::vector<std::int32_t> bounds = PointBounds(windows, &units_per_point);
  const std::size_t points = bounds.size() - 1;
  const auto model = MakePurchaseModel(kind);

  // Cumulative repeat purchases by the end of each point: counted, and expected.
  std::vector<double> actual(points, 0.0);
  std::vector<double> expected(points, 0.0);
  ParallelForBlocks(points, 1, [&](std::size_t point, std::size_t) {
    const std::int32_t last_period = bounds[point + 1] - 1;
    double count = 0;
    double expectation = 0;
    for (std::int32_t period = activity.first_period; period <= last_period; ++period) {
      const auto index = static_cast<std::size_t>(period - activity.first_period);
      count += static_cast<double>(activity.repeat_purchases[index]);
      const std::int64_t cohort = activity.first_purchases[index];
      if (cohort == 0 || period == last_period) continue;
      expectation +=
          static_cast<double>(cohort) *
          model->ExpectedPurchasesNewCustomer(params, windows.scale.Duration(period, last_period));
    }
    actual[point] = count;
    expected[point] = expectation;
  });

  TrackingSeries series;
  const std::string unit(ToString(windows.scale.unit()));
  series.period_unit =
      units_per_point == 1 ? unit : fmt::format("{}-{} period", units_per_point, unit);
  const bool split = windows.split;
  for (std::size_t point = 0; point < points; ++point) {
    const std::string label = FormatTimestamp(windows.scale.PeriodStart(bounds[point]));
    const double previous_actual = point == 0 ? 0.0 : actual[point - 1];
    const double previous_expected = point == 0 ? 0.0 : expected[point - 1];
    series.points.push_back({.period = label,
                             .actual_purchases = actual[point] - previous_actual,
                             .expected_purchases = expected[point] - previous_expected,
                             .cumulative_actual = actual[point],
                             .cumulative_expected = expected[point]});
    if (split && bounds[point] <= windows.calibration_end_period &&
        windows.calibration_end_period < bounds[point + 1]) {
      series.calibration_end_period = label;
    }
  }
  return series;
}

}  // namespace clv::detail
