// SPDX-License-Identifier: MIT
#include "analyze/holdout_window.h"

#include <fmt/format.h>

#include <cmath>

#include "clv/error.h"
#include "summary/customer_summaries.h"

namespace clv::detail {
namespace {

constexpr double kSecondsPerDayAsDouble = 86'400.0;

std::string UnitsText(double units, TimeUnit unit) {
  return fmt::format("{:.3g} {}s", units, ToString(unit));
}

}  // namespace

HoldoutWindow ResolveHoldoutWindow(const AnalyzeOptions& options, const LogRows& rows) {
  const SummaryOptions& summary = options.summary;
  HoldoutWindow window;
  window.observation_end = summary.observation_end.value_or(rows.last_timestamp);
  const PeriodScale scale(summary.unit, summary.durations);
  const std::int32_t end_period = scale.PeriodOf(window.observation_end);

  if (summary.calibration_end) {
    if (*summary.calibration_end < rows.first_timestamp) {
      throw InputError(fmt::format("--calibration-end {} is before the first purchase {}",
                                   FormatTimestamp(*summary.calibration_end),
                                   FormatTimestamp(rows.first_timestamp)));
    }
    if (*summary.calibration_end >= window.observation_end) {
      throw InputError(fmt::format("--calibration-end {} must be before the observation end {}",
                                   FormatTimestamp(*summary.calibration_end),
                                   FormatTimestamp(window.observation_end)));
    }
    window.used = true;
    window.calibration_end_given = true;
    window.calibration_end = *summary.calibration_end;
    const double units = scale.Duration(scale.PeriodOf(window.calibration_end), end_period);
    window.note = fmt::format(
        "holdout after the calibration end {} to {} ({})", FormatTimestamp(window.calibration_end),
        FormatTimestamp(window.observation_end), UnitsText(units, summary.unit));
    return window;
  }
  if (!options.holdout) {
    window.note = "no holdout (as asked): the model is chosen by BIC on the whole window";
    return window;
  }

  // The calibration end is the last instant of the period holding the cut point.
  const double span = static_cast<double>(window.observation_end - rows.first_timestamp);
  const auto cut = rows.first_timestamp +
                   static_cast<std::int64_t>(std::floor(span * (1 - options.holdout_share)));
  const std::int32_t cut_period = scale.PeriodOf(cut);
  const std::int64_t calibration_end = scale.PeriodStart(cut_period + 1) - 1;
  const double holdout_units = scale.Duration(cut_period, end_period);
  const double holdout_days =
      static_cast<double>(window.observation_end - calibration_end) / kSecondsPerDayAsDouble;
  if (holdout_units < kMinimumHoldoutUnits || holdout_days < kMinimumHoldoutDays) {
    window.note = fmt::format(
        "no holdout: the log covers {} from {} to {}, too short to keep its last quarter "
        "apart (a holdout needs {:.0f} days and {:.0f} {}s); the model is chosen by BIC",
        UnitsText(scale.Duration(scale.PeriodOf(rows.first_timestamp), end_period), summary.unit),
        FormatTimestamp(rows.first_timestamp), FormatTimestamp(window.observation_end),
        kMinimumHoldoutDays, kMinimumHoldoutUnits, ToString(summary.unit));
    return window;
  }
  window.used = true;
  window.calibration_end = calibration_end;
  window.note = fmt::format(
      "holdout: the last quarter of the log, after {} to {} ({})", FormatTimestamp(calibration_end),
      FormatTimestamp(window.observation_end), UnitsText(holdout_units, summary.unit));
  return window;
}

}  // namespace clv::detail
