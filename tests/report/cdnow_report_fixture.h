// SPDX-License-Identifier: MIT
// A realistic report input built from the CDNOW sample (REFERENCE.md §3.1) with the published
// BG/NBD (§4.3) and Gamma-Gamma (§9) estimates: every section of the report is filled.
#pragma once

#include <string>
#include <vector>

#include "clv/report.h"
#include "clv/report_builder.h"

namespace clv::test {

/// Per-customer columns of the 2,357 CDNOW sample customers in sample-id order (weeks).
struct CdnowColumns {
  std::vector<std::string> customer_ids;
  std::vector<double> frequency, recency, age, monetary_value;
  std::vector<double> expected_purchases;  ///< next 52 weeks
  std::vector<double> p_alive, clv;
  std::vector<double> holdout_purchases, expected_holdout_purchases;
  std::vector<long> first_purchase_day;          ///< days since 1970-01-01
  std::vector<std::vector<long>> purchase_days;  ///< distinct purchase days, ascending

  CustomerScoresView View() const;
};

/// Reads CDNOW_sample.txt and scores every customer with the published estimates.
const CdnowColumns& CdnowSample();

/// A complete report input for CDNOW: models, tracking, holdout, grids, CLV, segments, cohorts,
/// top customers and metrics. Computed once per process; each call returns a copy.
ReportInput CdnowReportInput();
ReportInput BuildCdnowReportInput();

/// A report input of the largest shape the report allows (full grids, 50 top customers, 101
/// concentration points, 36 monthly cohorts, 10 segments) with counts summing to
/// `num_customers`: what a base of 10^7 customers produces.
ReportInput LargestShapeReportInput(std::int64_t num_customers);

}  // namespace clv::test
