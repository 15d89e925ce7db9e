// SPDX-License-Identifier: MIT
// Assembles the report of an analysis (clv/report.h) from its parts: the fitted models and the
// model choice, the tracking series, the holdout comparison, the per-customer aggregates, the
// RFM segments, the cohort table and the business metrics. Only aggregates enter the report.
#pragma once

#include <span>

#include "clv/analyze.h"

namespace clv::detail {

/// The report of `analysis`. `expected_holdout` holds the chosen calibration model's expected
/// holdout purchases per row of `analysis.calibration` (empty without a holdout).
ReportInput BuildAnalysisReport(const Analysis& analysis, TrackingSeries tracking,
                                std::span<const double> expected_holdout);

/// The report's section on a fit: parameters with their meaning, standard errors, diagnostics.
ReportModel ReportModelOf(const FitSummary& fit, const std::optional<HoldoutScore>& holdout);

}  // namespace clv::detail
