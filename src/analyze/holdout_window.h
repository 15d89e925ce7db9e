// SPDX-License-Identifier: MIT
// Where the calibration window ends. Given explicitly, it is used as is; otherwise the last
// quarter of the observed time (first purchase to observation end) becomes the holdout, cut at
// a period boundary so that the holdout holds whole periods, provided the log is long enough
// that the holdout says something (kMinimumHoldoutDays, kMinimumHoldoutUnits).
#pragma once

#include "analyze/log_windows.h"
#include "clv/analyze.h"

namespace clv::detail {

/// A holdout shorter than four weeks mostly measures the calendar, not the customers.
inline constexpr double kMinimumHoldoutDays = 28;
/// ... and it must hold at least two periods of the model's unit.
inline constexpr double kMinimumHoldoutUnits = 2;

/// The window for `rows` under `options`. Throws InputError for an explicit calibration end
/// before the first purchase (one at or after the observation end is refused by the summary).
HoldoutWindow ResolveHoldoutWindow(const AnalyzeOptions& options, const LogRows& rows);

}  // namespace clv::detail
