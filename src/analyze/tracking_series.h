// SPDX-License-Identifier: MIT
// The tracking plot: repeat purchases of the whole customer base per period, actual against
// the model, through calibration and holdout. The model's curve is the expected number of
// repeat purchases of a new customer, E[X(t)] (REFERENCE.md §4.2, §5.2, §6.2), summed over the
// acquisition cohorts: a cohort of n customers who first bought at time s contributes
// n E[X(t - s)] by time t. Grouping customers by first period makes the cost periods x cohorts,
// independent of the number of customers.
//
// Time is counted as the summary counts T: by the end of period e a cohort of period s has been
// observed for e - s periods. BTYD's tracking expectation counts one period more (to the start
// of the next day), so with continuous weeks this curve runs one day behind BTYD's; the counted
// series are the same. With floored periods, a log that ends inside a period makes the last
// point a partial period, lower than its neighbours in both series.
#pragma once

#include <span>

#include "analyze/log_windows.h"
#include "clv/models/model_kind.h"
#include "clv/report.h"

namespace clv::detail {

/// At most this many points; longer logs merge whole units into one point.
inline constexpr int kMaxTrackingPoints = 160;

/// The tracking series of `windows.activity` under the purchase model `kind` at `params`.
/// Points are labelled by the date their period starts; the calibration end is marked when
/// the windows were split.
TrackingSeries BuildTrackingSeries(const LogWindows& windows, ModelKind kind,
                                   std::span<const double> params);

}  // namespace clv::detail
