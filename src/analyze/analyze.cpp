// SPDX-License-Identifier: MIT
// Analyze, step by step; each step's details live in the file named after it.
#include "clv/analyze.h"

#include <fmt/format.h>

#include <chrono>
#include <unordered_map>

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

constexpr std::string_view kAcquisitionMonth = "acquisition_month";

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
  const std::vector<std::string> attribute =
      group_by == kAcquisitionMonth ? AcquisitionMonths(log) : FirstPurchaseChannels(log);
  std::unordered_map<std::string_view, std::size_t> index_of;
  index_of.reserve(log.num_customers);
  for (std::size_t customer = 0; customer < log.num_customers; ++customer) {
    index_of.emplace(log.customer_ids[customer], customer);
  }
  std::vector<std::string> groups(whole.size());
  for (std::size_t row = 0; row < whole.size(); ++row) {
    const std::string& group = attribute[index_of.at(whole.customer_ids[row])];
    groups[row] = group.empty() ? "(refunds only)" : group;
  }
  return groups;
}

// The customers as segmentation reads them: CLV as the value, or expected purchases without
// a spend model.
CustomerValues SegmentedCustomers(const SummaryTable& whole, const PredictionTable& predictions) {
  CustomerValues customers{
      .customer_ids = whole.customer_ids,
      .frequency = whole.frequency,
      .recency = whole.recency,
      .age = whole.age,
      .monetary_value = whole.monetary_value,
      .value = predictions.has_spend ? predictions.clv : predictions.expected_purchases,
      .p_alive = predictions.p_alive,
      .value_is_predicted = true};
  for (double& value : customers.value) {
    if (std::isfinite(value)) continue;
    value = 0;
    ++customers.values_not_finite;
  }
  return customers;
}

SummaryOptions WithCalibrationEnd(SummaryOptions options, const HoldoutWindow& window) {
  options.calibration_end.reset();
  if (window.used) options.calibration_end = window.calibration_end;
  return options;
}

// Fits and ranks the candidates: on the calibration window when there is one.
detail::ModelSelection RankCandidates(const AnalyzeOptions& options,
                                      const detail::LogWindows& windows) {
  if (windows.calibration) {
    return detail::SelectPurchaseModel(options.model, *windows.calibration, true, options.fit);
  }
  return detail::SelectPurchaseModel(options.model, windows.whole, false, options.fit);
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
  const std::string group_column = options.group_by == kAcquisitionMonth ? "" : options.group_by;
  const detail::LogRows rows = detail::ReadLogRows(options.ingest, group_column, options.summary);
  analysis.window = detail::ResolveHoldoutWindow(options, rows);

  Stage(options, "summarising");
  detail::LogWindows windows =
      detail::SummarizeLogWindows(rows, WithCalibrationEnd(options.summary, analysis.window));
  analysis.read_report = windows.report;
  RequireFittableSummary(windows.whole);
  if (windows.calibration) analysis.calibration = *windows.calibration;

  Stage(options, "fitting and validating the purchase models");
  detail::ModelSelection selection = RankCandidates(options, windows);
  if (!selection.found && windows.calibration) {
    // A calibration window can be too thin to fit (no repeat buyers yet); the whole window
    // may still be enough, judged by BIC.
    analysis.warnings.push_back("the holdout was not used: " + selection.reason +
                                " on the calibration window");
    analysis.window = {.observation_end = analysis.window.observation_end,
                       .note = "no holdout: no model could be fitted on the calibration window"};
    analysis.calibration = {};
    windows =
        detail::SummarizeLogWindows(rows, WithCalibrationEnd(options.summary, analysis.window));
    selection = RankCandidates(options, windows);
  }
  analysis.choice_reason = selection.reason;
  analysis.candidates = selection.candidates;
  if (!selection.found) {
    analysis.purchase_fit = selection.candidates.front().fit;
    return analysis;
  }
  const CandidateModel& chosen = selection.candidates[selection.chosen];
  analysis.chosen_model = chosen.model;
  // The tracking plot shows the model the holdout judged, fitted on the calibration window.
  TrackingSeries tracking = detail::BuildTrackingSeries(windows, chosen.model, chosen.fit.params);
  analysis.purchase_fit =
      windows.calibration ? FitPurchaseModel(chosen.model, windows.whole, options.fit) : chosen.fit;
  if (!analysis.purchase_fit.usable) return analysis;

  Stage(options, "fitting the spend model");
  detail::SpendModel spend = detail::FitSpendModel(windows.whole, options.fit);
  analysis.spend_fit = spend.fit;
  analysis.spend_independence = spend.independence;
  analysis.warnings.insert(analysis.warnings.end(), spend.warnings.begin(), spend.warnings.end());

  Stage(options, "predicting");
  const auto model = MakePurchaseModel(analysis.chosen_model);
  const std::vector<double> spend_params =
      analysis.spend_fit ? analysis.spend_fit->params : std::vector<double>{};
  analysis.predictions = PredictCustomers(windows.whole, *model, analysis.purchase_fit.params,
                                          spend_params, options.predict);
  if (analysis.predictions.NumProblemRows() > 0) {
    analysis.warnings.push_back(
        fmt::format("{} customers could not be scored completely; their status column says why",
                    analysis.predictions.NumProblemRows()));
  }

  Stage(options, "segmenting");
  SegmentOptions segment_options{.by = SegmentBy::kBoth, .rules = options.segment_rules};
  if (!options.group_by.empty()) {
    segment_options.group_of_customer = GroupsOf(windows.whole, rows.log, options.group_by);
  }
  analysis.segmented_customers = SegmentedCustomers(windows.whole, analysis.predictions);
  analysis.segmentation = Segment(analysis.segmented_customers, segment_options);

  Stage(options, "measuring the business");
  MetricsOptions metrics_options = options.metrics;
  metrics_options.observation_end = analysis.window.observation_end;
  analysis.metrics = ComputeBusinessMetrics(rows.log, metrics_options);

  Stage(options, "building the report");
  analysis.whole = std::move(windows.whole);
  analysis.report =
      detail::BuildAnalysisReport(analysis, std::move(tracking), selection.expected_holdout);
  analysis.elapsed_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return analysis;
}

}  // namespace clv
