// SPDX-License-Identifier: MIT
// The self-contained HTML report of one analysis: a single report.html that opens from disk
// with no network, its charts drawn by Vega-Lite (the libraries are inlined into the page), its
// data embedded as JSON. The report holds aggregates only, so its size does not grow with the
// number of customers; report_builder.h turns per-customer vectors into those aggregates.
//
// The JSON embedded in the page (and returned by ReportDataJson) is described field by field
// in docs/report-data.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace clv {

/// One fitted model parameter, in the paper's notation (r, alpha, a, b, ...).
struct ReportParameter {
  std::string name;  ///< "r", "alpha", ...
  double estimate = 0.0;
  std::optional<double> standard_error;  ///< unset when the Hessian was not invertible
  std::string meaning;                   ///< "shape of the purchase-rate distribution"
};

/// Goodness of fit and how the optimiser ended.
struct ReportDiagnostics {
  double log_likelihood = 0.0;
  double aic = 0.0;
  double bic = 0.0;
  std::string termination;  ///< "converged", "iteration limit", ...
  int iterations = 0;
  std::int64_t customers = 0;          ///< customers the model was fitted on
  std::optional<double> holdout_mae;   ///< mean absolute error of holdout purchases per customer
  std::optional<double> holdout_rmse;  ///< root mean squared error of the same
};

/// A fitted model: the purchase model, or the spend model.
struct ReportModel {
  std::string name;  ///< "BG/NBD", "Gamma-Gamma", ...
  std::vector<ReportParameter> parameters;
  ReportDiagnostics diagnostics;
};

/// One candidate model of an automatic choice, fitted on the calibration window.
struct ReportCandidate {
  std::string name;  ///< "BG/NBD", ...
  bool usable = false;
  bool chosen = false;
  double log_likelihood = 0.0;
  double bic = 0.0;
  std::optional<double> holdout_mae;
  std::optional<double> holdout_rmse;
  std::optional<double> aggregate_error_share;  ///< (expected - actual) / actual holdout total
  std::string termination;                      ///< "converged", "no_progress", ...
};

/// Which model was chosen among which candidates, and why.
struct ModelChoiceSection {
  std::vector<ReportCandidate> candidates;  ///< empty when the model was given
  std::string reason;                       ///< one sentence
  std::string holdout;                      ///< the holdout window, or why there is none
};

/// Repeat purchases of the whole customer base in one period, actual against model.
struct TrackingPoint {
  std::string period;  ///< label on the x axis: "1997-W05", "week 5", ...
  double actual_purchases = 0.0;
  double expected_purchases = 0.0;
  double cumulative_actual = 0.0;
  double cumulative_expected = 0.0;
};

/// The tracking plots: per-period (incremental) and cumulative repeat purchases.
struct TrackingSeries {
  std::string period_unit = "week";
  std::vector<TrackingPoint> points;
  /// Label of the last calibration period; the chart draws the calibration end after it.
  std::string calibration_end_period;
};

/// Holdout purchases of the customers with one calibration frequency (the last row may gather
/// "7+"), actual mean against the model's conditional expectation.
struct HoldoutFrequencyRow {
  std::string calibration_frequency;  ///< "0", "1", ..., "7+"
  std::int64_t customers = 0;
  double actual_mean = 0.0;
  double expected_mean = 0.0;
};

/// One cell of a heatmap: a row and a column index into the labels and the cell's value.
struct HeatmapCell {
  int row = 0;
  int column = 0;
  double value = 0.0;
  std::int64_t customers = 0;  ///< customers in the cell (0 for a cell of a model grid)
};

/// A grid of values over two ordered categorical axes (frequency x recency, cohort x period).
/// Cells that hold no value are left out.
struct Heatmap {
  std::string row_title;
  std::string column_title;
  std::string value_title;
  std::vector<std::string> row_labels;
  std::vector<std::string> column_labels;
  std::vector<HeatmapCell> cells;
};

/// One bin of a histogram over [lower, upper); the last bin may be open above.
struct HistogramBin {
  double lower = 0.0;
  double upper = 0.0;
  std::int64_t customers = 0;
};

/// Histogram of per-customer values.
struct Histogram {
  std::string value_title;
  std::vector<HistogramBin> bins;
  /// True when the last bin gathers every value >= its lower edge (its upper edge is the
  /// largest value), which keeps a long tail from flattening the other bins.
  bool last_bin_open = false;
};

/// One point of the concentration (Lorenz-type) curve: the top `customer_share` of customers,
/// ranked by value, hold `value_share` of the total.
struct ConcentrationPoint {
  double customer_share = 0.0;
  double value_share = 0.0;
};

/// How concentrated value is among customers.
struct Concentration {
  std::vector<ConcentrationPoint> points;  ///< at most 101, from (0, 0) to (1, 1)
  double top20_share = 0.0;                ///< share of the total held by the top 20 % of customers
  double gini = 0.0;                       ///< Gini coefficient in [0, 1]
};

/// One customer segment.
struct SegmentRow {
  std::string name;
  std::string description;  ///< the rule or meaning: "P(alive) >= 0.8 and top CLV quintile"
  std::int64_t customers = 0;
  double mean_expected_purchases = 0.0;
  double mean_p_alive = 0.0;
  double mean_clv = 0.0;
  double total_clv = 0.0;
};

/// One row of the top-customers table.
struct TopCustomer {
  std::string customer_id;
  double frequency = 0.0;  ///< repeat purchases in the calibration period
  double recency = 0.0;    ///< time from first to last purchase
  double age = 0.0;        ///< time from first purchase to the end of calibration (T)
  double monetary_value = 0.0;
  double expected_purchases = 0.0;
  double p_alive = 0.0;
  double clv = 0.0;
};

/// How a business metric's value is printed.
enum class MetricFormat { kCount, kMoney, kPercent, kNumber };

/// One business metric (REFERENCE.md §12): revenue, average order value, retention, ...
struct ReportMetric {
  std::string name;
  double value = 0.0;
  MetricFormat format = MetricFormat::kNumber;
  std::string note;  ///< one line on the definition, optional
};

/// The headline numbers at the top of the report.
struct ReportHeadline {
  std::int64_t customers = 0;
  double expected_purchases = 0.0;  ///< over `horizon`
  double total_clv = 0.0;
  std::string horizon = "next period";  ///< "next 52 weeks"
};

/// Everything the report shows. Every part but the headline may be left empty; the report
/// then says that the part is not available instead of drawing an empty chart.
struct ReportInput {
  std::string title = "Customer lifetime value report";
  std::string data_source;   ///< file name or description of the purchase log
  std::string generated_at;  ///< timestamp printed in the footer; empty leaves it out
  std::string currency = "$";
  std::string time_unit = "weeks";

  ReportHeadline headline;
  /// Warnings and caveats shown above the sections ("spend is correlated with frequency").
  std::vector<std::string> notes;
  ModelChoiceSection model_choice;
  std::optional<ReportModel> purchase_model;
  std::optional<ReportModel> spend_model;
  TrackingSeries tracking;
  std::vector<HoldoutFrequencyRow> holdout_by_frequency;
  Heatmap expected_purchases_grid;  ///< frequency x recency
  Heatmap p_alive_grid;             ///< frequency x recency
  Histogram clv_histogram;
  Concentration clv_concentration;
  std::vector<SegmentRow> segments;
  Heatmap cohort_retention;  ///< acquisition cohort x periods since acquisition, share active
  std::vector<TopCustomer> top_customers;  ///< at most 50 rows are shown
  std::vector<ReportMetric> metrics;
};

/// The report data as the JSON document embedded in the page (docs/report-data.md).
/// Throws InputError when a number is not finite or a heatmap cell points outside its labels.
std::string ReportDataJson(const ReportInput& input);

/// The complete report.html: styles, chart libraries, data and script in one page.
/// Throws as ReportDataJson.
std::string RenderReportHtml(const ReportInput& input);

/// Writes RenderReportHtml(input) to `path` atomically (whole or not at all).
/// Throws as ReportDataJson, and clv::Error when the file cannot be written.
void WriteReport(const ReportInput& input, const std::string& path);

}  // namespace clv
