// SPDX-License-Identifier: MIT
// Analyze, step by step; each step's details live in the file named after it.
#include "clv/analyze.h"

#include <fmt/format.h>
#include <tbb/task_group.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "analyze/analysis_report.h"
#include "analyze/holdout_window.h"
#include "analyze/log_windows.h"
#include "analyze/model_selection.h"
#include "analyze/spend_model.h"
#include "analyze/tracking_series.h"
#include "clv/error.h"

namespace clv {
namespace {

// Fewer customers than this cannot pin down four parameters; the job refuses them.
constexpr std::size_t kMinimumCustomers = 10;

void Stage(const AnalyzeOptions& options, std::string_view name) {
  if (options.on_stage) options.on_stage(name);
}

// The purchase models need customers who came back; say so before fitting fails obscurely.
void RequireFittableSummary(const SummaryTable& whole) {
  if (whole.size() < kMinimumCustomers) {
    throw InputError(fmt::format(
        "the log has {} customer{}; fitting a purchase model needs at least {} (hundreds for "
        "stable estimates)",
        whole.size(), whole.size() == 1 ? "" : "s", kMinimumCustomers));
  }
  const bool any_repeat = std::any_of(whole.frequency.begin(), whole.frequency.end(),
                                      [](double frequency) { return frequency > 0; });
  if (!any_repeat) {
    throw InputError(fmt::format(
        "no customer of the {} bought in more than one {}: the purchase models learn how often "
        "customers come back and cannot be fitted without repeat buyers",
        whole.size(), ToString(whole.unit)));
  }
}

// Per row of `whole`, the first-purchase attribute to group by.
std::vector<std::string> GroupsOf(const SummaryTable& whole, const PurchaseLog& log,
                                  const std::string& group_by) {
  std::vector<std::string> groups = FirstPurchaseGroups(log, group_by, whole.customer_ids);
  for (std::string& group : groups) {
    if (group.empty()) group = "(refunds only)";
  }
  return groups;
}

// Segments the customers of `analysis.whole` by CLV (expected purchases without a spend
// model). Segmentation reads the summary's columns; they are lent to it for the call rather
// than copied, which for 10^7 customers saves a second copy of every id.
void SegmentCustomers(Analysis& analysis, SegmentOptions segment_options) {
  SummaryTable& whole = analysis.whole;
  const PredictionTable& predictions = analysis.predictions;
  CustomerValues customers{
      .value = predictions.has_spend ? predictions.clv : predictions.expected_purchases,
      .p_alive = predictions.p_alive,
      .value_is_predicted = true};
  for (double& value : customers.value) {
    if (std::isfinite(value)) continue;
    value = 0;
    ++customers.values_not_finite;
  }
  const auto lend = [&] {
    customers.customer_ids.swap(whole.customer_ids);
    customers.frequency.swap(whole.frequency);
    customers.recency.swap(whole.recency);
    customers.age.swap(whole.age);
    customers.monetary_value.swap(whole.monetary_value);
  };
  lend();
  analysis.segmentation = Segment(customers, segment_options);
  analysis.segments_json = SegmentationJson(customers, analysis.segmentation);
  lend();  // and give back
}

SummaryOptions WithCalibrationEnd(SummaryOptions options, const HoldoutWindow& window) {
  options.calibration_end.reset();
  if (window.used) options.calibration_end = window.calibration_end;
  return options;
}

// Fits and ranks the candidates: on the calibration window when there is one.
detail::ModelSelection RankCandidates(const Analysis& analysis) {
  const AnalyzeOptions& options = analysis.options;
  if (analysis.window.used) {
    return detail::SelectPurchaseModel(options.model, analysis.calibration, true, options.fit);
  }
  return detail::SelectPurchaseModel(options.model, analysis.whole, false, options.fit);
}

// Summarises `rows` on the windows of `analysis.window` into `analysis`; returns what the
// tracking plot needs.
detail::LogWindows Summarise(Analysis& analysis, const detail::LogRows& rows) {
  detail::LogWindows windows = detail::SummarizeLogWindows(
      rows, WithCalibrationEnd(analysis.options.summary, analysis.window));
  analysis.read_report = windows.report;
  analysis.whole = std::move(windows.whole);
  analysis.calibration = std::move(windows.calibration).value_or(SummaryTable{});
  return windows;
}

// Chooses, fits and validates the models, then predicts and segments. Returns false, with
// the reason in `analysis.choice_reason`, when no usable purchase model comes out.
bool ModelPredictAndSegment(Analysis& analysis, const detail::LogRows& rows,
                            detail::LogWindows& windows, TrackingSeries* tracking,
                            std::vector<double>* expected_holdout) {
  const AnalyzeOptions& options = analysis.options;
  Stage(options, "fitting and validating the purchase models");
  detail::ModelSelection selection = RankCandidates(analysis);
  if (!selection.found && analysis.window.used) {
    // A calibration window can be too thin to fit (no repeat buyers yet); the whole window
    // may still be enough, judged by BIC.
    analysis.warnings.push_back("the holdout was not used: " + selection.reason +
                                " on the calibration window");
    analysis.window = {.observation_end = analysis.window.observation_end,
                       .note = "no holdout: no model could be fitted on the calibration window"};
    windows = Summarise(analysis, rows);
    selection = RankCandidates(analysis);
  }
  analysis.choice_reason = selection.reason;
  analysis.candidates = selection.candidates;
  if (!selection.found) {
    analysis.purchase_fit = selection.candidates.front().fit;
    return false;
  }
  const CandidateModel& chosen = selection.candidates[selection.chosen];
  analysis.chosen_model = chosen.model;
  // The spend model needs only the whole window: it is fitted alongside the tracking series
  // and the refit, whose serial steps leave a core free.
  Stage(options, "fitting the spend model and refitting on the whole window");
  detail::SpendModel spend;
  tbb::task_group spend_fit;
  spend_fit.run([&] { spend = detail::FitSpendModel(analysis.whole, options.fit); });
  try {
    // The tracking plot shows the model the holdout judged, fitted on the calibration window.
    *tracking = detail::BuildTrackingSeries(windows, chosen.model, chosen.fit.params);
    *expected_holdout = std::move(selection.expected_holdout);
    analysis.purchase_fit = analysis.window.used ? detail::FitOnDistinctHistories(
                                                       chosen.model, analysis.whole, options.fit)
                                                 : chosen.fit;
  } catch (...) {
    spend_fit.wait();
    throw;
  }
  spend_fit.wait();
  if (!analysis.purchase_fit.usable) {
    analysis.choice_reason = fmt::format(
        "{} was chosen on the calibration window, but its refit on the whole window is not "
        "usable ({}: {})",
        DisplayName(chosen.model), ToString(analysis.purchase_fit.termination),
        analysis.purchase_fit.message);
    return false;
  }
  analysis.spend_fit = spend.fit;
  analysis.spend_independence = spend.independence;
  analysis.warnings.insert(analysis.warnings.end(), spend.warnings.begin(), spend.warnings.end());

  Stage(options, "predicting");
  const auto model = MakePurchaseModel(analysis.chosen_model);
  const std::vector<double> spend_params =
      analysis.spend_fit ? analysis.spend_fit->params : std::vector<double>{};
  analysis.predictions = PredictCustomers(analysis.whole, *model, analysis.purchase_fit.params,
                                          spend_params, options.predict);
  if (analysis.predictions.NumProblemRows() > 0) {
    analysis.warnings.push_back(
        fmt::format("{} customers could not be scored completely; their status column says why",
                    analysis.predictions.NumProblemRows()));
  }

  Stage(options, "segmenting");
  SegmentOptions segment_options{.by = SegmentBy::kBoth, .rules = options.segment_rules};
  if (!options.group_by.empty()) {
    segment_options.group_of_customer = GroupsOf(analysis.whole, rows.log, options.group_by);
  }
  SegmentCustomers(analysis, std::move(segment_options));

  return true;
}

}  // namespace

std::string_view ToString(ModelChoice choice) {
  switch (choice) {
    case ModelChoice::kAuto:
      return "auto";
    case ModelChoice::kBgNbd:
      return "bgnbd";
    case ModelChoice::kModifiedBgNbd:
      return "mbgnbd";
    case ModelChoice::kParetoNbd:
      return "pnbd";
  }
  CLV_CHECK(false, "unknown ModelChoice");
}

ModelChoice ParseModelChoice(std::string_view text) {
  for (const ModelChoice choice : {ModelChoice::kAuto, ModelChoice::kBgNbd,
                                   ModelChoice::kModifiedBgNbd, ModelChoice::kParetoNbd}) {
    if (ToString(choice) == text) return choice;
  }
  throw InputError("--model must be auto, bgnbd, mbgnbd or pnbd; got '" + std::string(text) + "'");
}

void AnalyzeOptions::Validate() const {
  if (!(holdout_share > 0 && holdout_share < 1)) {
    throw InputError(fmt::format("holdout share must be in (0, 1), got {}", holdout_share));
  }
  std::string why;
  if (!fit.Validate(&why)) throw InputError(why);
  if (!predict.Validate(&why)) throw InputError(why);
  metrics.Validate();
  if (ingest.paths.empty()) throw InputError("clv analyze needs a purchase log FILE");
}

Analysis Analyze(const AnalyzeOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  options.Validate();
  Analysis analysis{.options = options};

  Stage(options, "reading the log");
  const detail::LogRows rows =
      detail::ReadLogRows(options.ingest, GroupColumnOf(options.group_by), options.summary);
  analysis.window = detail::ResolveHoldoutWindow(options, rows);

  Stage(options, "summarising");
  detail::LogWindows windows = Summarise(analysis, rows);
  RequireFittableSummary(analysis.whole);

  // The business metrics need only the log, so they are measured alongside the models, on
  // the cores that the models' serial steps leave idle.
  MetricsOptions metrics_options = options.metrics;
  metrics_options.observation_end = analysis.window.observation_end;
  tbb::task_group business;
  business.run([&] { analysis.metrics = ComputeBusinessMetrics(rows.log, metrics_options); });
  TrackingSeries tracking;
  std::vector<double> expected_holdout;
  bool modelled = false;
  try {
    modelled = ModelPredictAndSegment(analysis, rows, windows, &tracking, &expected_holdout);
  } catch (...) {
    business.wait();
    throw;
  }
  business.wait();
  if (!modelled) return analysis;

  Stage(options, "building the report");
  analysis.report = detail::BuildAnalysisReport(analysis, std::move(tracking), expected_holdout);
  analysis.elapsed_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return analysis;
}

}  // namespace clv
