// SPDX-License-Identifier: MIT
// `clv analyze`, the one-command job: from a purchase log to per-customer value, the model that
// best explains the log, how far that model can be trusted, segments, business metrics and the
// report. It chains the stages of the other commands and adds the validation that only makes
// sense end to end:
//
//  1. read the log once (clv/ingest.h) and summarise it twice from the same rows: on the
//     calibration window, with the holdout columns, and on the whole observation window;
//  2. fit the candidate purchase models on the calibration window and score each on the holdout
//     (per-customer MAE and RMSE, aggregate error, tracking curve, comparison by frequency);
//  3. choose a model (lowest holdout RMSE, or lowest BIC without a holdout) and refit it on the
//     whole window; fit Gamma-Gamma and check its independence assumption;
//  4. predict, segment, measure, and build the report.
//
// Nothing is written by Analyze itself: WriteAnalysis writes the outputs of a finished analysis,
// all of them or none.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "clv/fit.h"
#include "clv/ingest.h"
#include "clv/metrics.h"
#include "clv/model_file.h"
#include "clv/predict.h"
#include "clv/report.h"
#include "clv/segment.h"
#include "clv/summary.h"

namespace clv {

/// Which purchase model to use.
enum class ModelChoice { kAuto, kBgNbd, kModifiedBgNbd, kParetoNbd };

/// "auto", "bgnbd", "mbgnbd", "pnbd".
std::string_view ToString(ModelChoice choice);
/// Parses the names above; throws InputError otherwise.
ModelChoice ParseModelChoice(std::string_view text);

/// Options of Analyze. The defaults are the README's main job.
struct AnalyzeOptions {
  IngestOptions ingest;

  /// Unit, durations, refunds and observation end of both summaries. `calibration_end` set
  /// here is used as given; unset, the default split below applies.
  SummaryOptions summary = {.unit = TimeUnit::kWeek};

  /// Without an explicit calibration end: split off the last `holdout_share` of the observed
  /// time (first purchase to observation end) as holdout, when the log is long enough for it
  /// (see docs/guide.md, "Validating on a holdout"). Set `holdout` false for no holdout at all.
  bool holdout = true;
  double holdout_share = 0.25;

  ModelChoice model = ModelChoice::kAuto;
  FitOptions fit;

  /// Horizon of expected_purchases (model periods), CLV months and monthly discount rate.
  PredictOptions predict = {.horizon = 52, .clv_months = 12, .monthly_discount_rate = 0.01};

  /// The business metrics of part 3 (calendar period, margin, CAC ...); observation_end is
  /// taken from `summary`.
  MetricsOptions metrics;

  SegmentRules segment_rules = DefaultSegmentRules();
  /// Column of the first purchase to group value by, or "acquisition_month"; empty for none.
  std::string group_by;

  /// Report header: where the data came from and when the report was made.
  std::string data_source;
  std::string generated_at;
  std::string currency = "$";

  /// Called at the start of each stage with a short name ("reading the log", ...).
  std::function<void(std::string_view stage)> on_stage;

  /// Throws InputError naming the first option that breaks its rule.
  void Validate() const;
};

/// How one candidate model did on the holdout.
struct HoldoutScore {
  double mae = 0;                    ///< mean absolute error of holdout purchases per customer
  double rmse = 0;                   ///< root mean squared error of the same
  double actual_purchases = 0;       ///< total holdout purchases of the calibration customers
  double expected_purchases = 0;     ///< the model's expectation of that total
  double aggregate_error_share = 0;  ///< (expected - actual) / actual; 0 when actual is 0
};

/// One candidate purchase model, fitted on the calibration window (or, without a holdout, on
/// the whole window).
struct CandidateModel {
  ModelKind model = ModelKind::kBgNbd;
  FitSummary fit;
  std::optional<HoldoutScore> holdout;  ///< unset without a holdout or when the fit is unusable
  bool chosen = false;
};

/// The Gamma-Gamma independence check (REFERENCE.md §9): spend per purchase should not depend
/// on how often a customer buys.
struct SpendIndependence {
  std::int64_t repeat_buyers = 0;
  double correlation = 0;  ///< Pearson correlation of frequency and monetary value
  bool holds = true;       ///< |correlation| < kSpendCorrelationLimit
  std::string note;        ///< one sentence, for the summary and the report
};

/// |correlation| at or above this makes the independence check fail.
inline constexpr double kSpendCorrelationLimit = 0.3;

/// Why the analysis has or lacks a holdout, and its window.
struct HoldoutWindow {
  bool used = false;
  std::int64_t calibration_end = 0;  ///< Unix seconds, last instant of calibration
  std::int64_t observation_end = 0;  ///< Unix seconds
  bool calibration_end_given = false;
  std::string note;  ///< "holdout: 1997-10-01 .. 1998-06-30 (39 weeks, the last quarter)"
};

/// Everything Analyze computed. Per-customer vectors are in `whole` row order.
struct Analysis {
  AnalyzeOptions options;
  SummaryReport read_report;
  HoldoutWindow window;

  SummaryTable calibration;  ///< empty without a holdout
  SummaryTable whole;

  std::vector<CandidateModel> candidates;
  ModelKind chosen_model = ModelKind::kBgNbd;
  std::string choice_reason;            ///< one sentence: which model and why
  FitSummary purchase_fit;              ///< the chosen model refitted on the whole window
  std::optional<FitSummary> spend_fit;  ///< unset when no Gamma-Gamma fit was usable
  std::optional<SpendIndependence> spend_independence;

  PredictionTable predictions;
  Segmentation segmentation;
  std::string segments_json;  ///< SegmentationJson of the segmented customers (segments.json)
  BusinessMetrics metrics;
  ReportInput report;

  /// Plain sentences about what could not be done or should be read with care.
  std::vector<std::string> warnings;
  double elapsed_seconds = 0;

  /// The short plain-text summary `clv analyze` prints on stdout.
  std::string PlainTextSummary() const;
};

/// Runs the whole job. Throws InputError with a one-line reason when the log cannot be
/// analysed at all (unreadable, no usable rows, too few customers to fit a model, no repeat
/// buyers); what can be done without some part (no holdout, no spend) is done and explained in
/// Analysis::warnings instead.
Analysis Analyze(const AnalyzeOptions& options);

/// Writes predictions.csv, model.json, spend_model.json (when there is a spend model),
/// metrics.json, segments.json and report.html into `directory` (created when missing). Every
/// file is complete before any is renamed into place, so a failure leaves none of them.
/// Returns the paths written. Throws Error when the directory cannot be written.
std::vector<std::string> WriteAnalysis(const Analysis& analysis, const std::string& directory);

}  // namespace clv
