// SPDX-License-Identifier: MIT
// Turns per-customer vectors (10^7 customers and more) into the bounded aggregates that
// report.h draws: the CLV histogram, the concentration curve, the frequency x recency grids,
// the holdout comparison by calibration frequency and the top customers. Each result has a
// fixed maximum size whatever the number of customers, so report.html stays small.
//
// All functions are deterministic (the same output for any thread count) and take O(n) time,
// except BuildConcentration, which sorts a copy of the values (O(n log n), in parallel).
#pragma once

#include <clv/report.h>

#include <span>
#include <string>

namespace clv {

/// Per-customer columns, all of the same length (one entry per customer). Spans may be empty
/// when the corresponding part of the report is not wanted; see each builder for what it reads.
struct CustomerScoresView {
  std::span<const std::string> customer_ids;
  std::span<const double> frequency;       ///< repeat purchases in calibration (x)
  std::span<const double> recency;         ///< first to last purchase (t_x)
  std::span<const double> age;             ///< first purchase to calibration end (T)
  std::span<const double> monetary_value;  ///< mean spend per repeat purchase
  std::span<const double> expected_purchases;
  std::span<const double> p_alive;
  std::span<const double> clv;
  std::span<const double> holdout_purchases;           ///< actual, in the holdout period
  std::span<const double> expected_holdout_purchases;  ///< conditional expectation, same period
};

/// Sizes of the aggregates. Defaults suit a page 1200 pixels wide.
struct ReportAggregationOptions {
  int histogram_bins = 40;                ///< >= 2
  double histogram_tail_quantile = 0.99;  ///< in (0, 1]; values above go to the open last bin
  int concentration_points = 101;         ///< in [2, 101]
  int max_frequency_rows = 25;            ///< >= 2; the last row gathers higher frequencies
  int recency_columns = 20;               ///< >= 1, equal-width bins over [0, max age]
  int holdout_max_frequency = 7;          ///< >= 1; the last row is "7+"
  int top_customers = 50;                 ///< in [0, 50]

  /// Throws InputError naming the first option that breaks its rule.
  void Validate() const;
};

/// The parts of ReportInput that come from per-customer vectors.
struct CustomerAggregates {
  Histogram clv_histogram;
  Concentration clv_concentration;
  Heatmap expected_purchases_grid;
  Heatmap p_alive_grid;
  std::vector<HoldoutFrequencyRow> holdout_by_frequency;
  std::vector<TopCustomer> top_customers;
};

/// Histogram of `values` (>= 0 or not, finite) in equal-width bins from the smallest value to
/// the `tail_quantile` quantile, the last bin open above. Throws InputError on a non-finite
/// value. An empty input gives no bins.
Histogram BuildHistogram(std::span<const double> values, std::string value_title,
                         const ReportAggregationOptions& options);

/// Concentration curve of non-negative `values`: `concentration_points` evenly spaced customer
/// shares, the top-20 % share and the Gini coefficient. Throws InputError on a negative or
/// non-finite value.
Concentration BuildConcentration(std::span<const double> values,
                                 const ReportAggregationOptions& options);

/// Mean of `values` per cell of frequency (whole numbers 0, 1, ..., the last row "k+") by
/// recency (equal-width bins over [0, max age]). Reads frequency, recency, age.
Heatmap BuildFrequencyRecencyGrid(const CustomerScoresView& customers,
                                  std::span<const double> values, std::string value_title,
                                  const ReportAggregationOptions& options);

/// Mean actual and expected holdout purchases per calibration frequency 0 .. k-1, "k+".
/// Reads frequency, holdout_purchases, expected_holdout_purchases; empty when either holdout
/// column is empty.
std::vector<HoldoutFrequencyRow> BuildHoldoutByFrequency(const CustomerScoresView& customers,
                                                         const ReportAggregationOptions& options);

/// The `top_customers` customers of highest CLV, highest first (ties by position). Reads every
/// column but the holdout ones; customer_ids may be empty (rows are then numbered from 1).
std::vector<TopCustomer> SelectTopCustomers(const CustomerScoresView& customers,
                                            const ReportAggregationOptions& options);

/// All of the above. Throws InputError when the non-empty columns differ in length.
CustomerAggregates AggregateCustomers(const CustomerScoresView& customers,
                                      const ReportAggregationOptions& options = {});

}  // namespace clv
