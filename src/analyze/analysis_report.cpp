// SPDX-License-Identifier: MIT
#include "analyze/analysis_report.h"

#include <fmt/format.h>
#include <tbb/parallel_invoke.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "clv/report_builder.h"

namespace clv::detail {
namespace {

// The cohort heatmap shows at most this many of the latest cohorts and periods.
constexpr std::size_t kMaxCohortRows = 36;
constexpr int kMaxCohortColumns = 36;

// What each parameter means in business words; the papers' names stay as the keys.
std::string ParameterMeaning(ModelKind model, std::string_view name) {
  const bool pareto = model == ModelKind::kParetoNbd;
  if (model == ModelKind::kGammaGamma) {
    if (name == "p") return "shape of each customer's transaction values";
    if (name == "q") return "shape of the spread of mean spend across customers";
    return "scale of the spread of mean spend across customers";
  }
  if (name == "r") return "shape of the purchase-rate distribution across customers";
  if (name == "alpha") return "scale (in time units) of the purchase-rate distribution";
  if (pareto && name == "s") return "shape of the drop-out-rate distribution across customers";
  if (pareto && name == "beta") return "scale (in time units) of the drop-out-rate distribution";
  if (name == "a") return "drop-out probability after a purchase, Beta shape a";
  if (name == "b") return "drop-out probability after a purchase, Beta shape b";
  return "";
}

std::vector<double> FiniteOrZero(const std::vector<double>& values) {
  std::vector<double> finite(values.size());
  std::transform(values.begin(), values.end(), finite.begin(),
                 [](double value) { return std::isfinite(value) ? value : 0.0; });
  return finite;
}

std::vector<ReportCandidate> Candidates(const Analysis& analysis) {
  std::vector<ReportCandidate> rows;
  for (const CandidateModel& candidate : analysis.candidates) {
    ReportCandidate row{.name = std::string(DisplayName(candidate.model)),
                        .usable = candidate.fit.usable,
                        .chosen = candidate.chosen,
                        .log_likelihood = candidate.fit.log_likelihood,
                        .bic = candidate.fit.bic,
                        .termination = std::string(ToString(candidate.fit.termination))};
    if (candidate.holdout) {
      row.holdout_mae = candidate.holdout->mae;
      row.holdout_rmse = candidate.holdout->rmse;
      row.aggregate_error_share = candidate.holdout->aggregate_error_share;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string HorizonText(const Analysis& analysis) {
  return fmt::format("next {:g} {}s", analysis.options.predict.horizon,
                     ToString(analysis.whole.unit));
}

// "R 4-5, F 1-2, M any" for the first rule naming `segment`.
std::string RuleText(const SegmentRules& rules, const std::string& segment) {
  const auto range = [](const char* letter, int low, int high) {
    if (low == 1 && high == 5) return fmt::format("{} any", letter);
    return low == high ? fmt::format("{} {}", letter, low)
                       : fmt::format("{} {}-{}", letter, low, high);
  };
  for (const SegmentRule& rule : rules.rules) {
    if (rule.segment != segment) continue;
    return fmt::format("RFM scores {}, {}, {}", range("R", rule.recency_min, rule.recency_max),
                       range("F", rule.frequency_min, rule.frequency_max),
                       range("M", rule.monetary_min, rule.monetary_max));
  }
  return "";
}

// The prediction columns the report reads, with a row the model could not score counted as 0
// (its status says why).
struct ScoredColumns {
  std::vector<double> expected_purchases;
  std::vector<double> p_alive;
  std::vector<double> clv;  ///< empty without a spend model
};

ScoredColumns FiniteColumnsOf(const PredictionTable& predictions) {
  return {.expected_purchases = FiniteOrZero(predictions.expected_purchases),
          .p_alive = FiniteOrZero(predictions.p_alive),
          .clv = FiniteOrZero(predictions.clv)};
}

std::vector<SegmentRow> SegmentRows(const Analysis& analysis, const ScoredColumns& scores) {
  const Segmentation& segmentation = analysis.segmentation;
  std::vector<SegmentRow> rows(segmentation.segment_names.size());
  for (std::size_t k = 0; k < rows.size(); ++k) {
    rows[k].name = segmentation.segment_names[k];
    rows[k].description = RuleText(analysis.options.segment_rules, rows[k].name);
  }
  for (std::size_t row = 0; row < segmentation.segment.size(); ++row) {
    SegmentRow& segment = rows[static_cast<std::size_t>(segmentation.segment[row])];
    ++segment.customers;
    segment.mean_expected_purchases += scores.expected_purchases[row];
    segment.mean_p_alive += scores.p_alive[row];
    if (!scores.clv.empty()) segment.total_clv += scores.clv[row];
  }
  for (SegmentRow& segment : rows) {
    const double size = std::max(1.0, static_cast<double>(segment.customers));
    segment.mean_expected_purchases /= size;
    segment.mean_p_alive /= size;
    segment.mean_clv = segment.total_clv / size;
  }
  return rows;
}

Heatmap CohortRetention(const BusinessMetrics& metrics) {
  Heatmap heatmap{.row_title = "Acquisition cohort",
                  .column_title = fmt::format("{}s since acquisition", ToString(metrics.period)),
                  .value_title = "Share active"};
  const std::size_t first_cohort =
      metrics.cohorts.size() > kMaxCohortRows ? metrics.cohorts.size() - kMaxCohortRows : 0;
  int columns = 0;
  for (std::size_t c = first_cohort; c < metrics.cohorts.size(); ++c) {
    const Cohort& cohort = metrics.cohorts[c];
    const auto row = static_cast<int>(heatmap.row_labels.size());
    heatmap.row_labels.push_back(cohort.label);
    for (const CohortCell& cell : cohort.cells) {
      if (cell.periods_since_acquisition >= kMaxCohortColumns || cell.active_customers == 0) {
        continue;
      }
      columns = std::max(columns, cell.periods_since_acquisition + 1);
      heatmap.cells.push_back({.row = row,
                               .column = cell.periods_since_acquisition,
                               .value = cell.share_active,
                               .customers = cell.active_customers});
    }
  }
  for (int column = 0; column < columns; ++column)
    heatmap.column_labels.push_back(std::to_string(column));
  return heatmap;
}

std::vector<ReportMetric> Metrics(const BusinessMetrics& metrics) {
  const CustomerBaseTotals& totals = metrics.totals;
  const std::string period(ToString(metrics.period));
  std::vector<ReportMetric> rows = {
      {"Customers", static_cast<double>(totals.customers), MetricFormat::kCount,
       fmt::format("customers with an order, {} to {}", metrics.first_day, metrics.last_day)},
      {"Orders", static_cast<double>(totals.orders), MetricFormat::kCount,
       "customer-days with a purchase"},
      {"Revenue", totals.revenue, MetricFormat::kMoney, "sum of all amounts, refunds netted"},
      {"Average order value", totals.average_order_value, MetricFormat::kMoney, "revenue / orders"},
      {"Orders per customer", totals.orders_per_customer, MetricFormat::kNumber, ""},
      {"Purchase frequency", totals.purchase_frequency, MetricFormat::kNumber,
       "orders per customer-year observed"},
      {"Repeat purchase rate", totals.repeat_purchase_rate, MetricFormat::kPercent,
       "share of customers with two or more orders"},
      {"Observed lifespan (years)", totals.observed_lifespan_years, MetricFormat::kNumber,
       "mean time from first to last order"}};
  if (totals.retention_rate) {
    rows.push_back(
        {fmt::format("Retention per {}", period), *totals.retention_rate, MetricFormat::kPercent,
         fmt::format("customers active in consecutive {}s / active in the first", period)});
    rows.push_back({fmt::format("Churn per {}", period), *totals.churn_rate, MetricFormat::kPercent,
                    "1 - retention"});
  }
  if (totals.simple_clv) {
    rows.push_back({"Simple CLV", *totals.simple_clv, MetricFormat::kMoney,
                    "AOV x purchase frequency x expected lifespan x margin (no model)"});
  }
  if (metrics.retention_clv.finite_horizon_value) {
    rows.push_back({"Retention-based CLV", *metrics.retention_clv.finite_horizon_value,
                    MetricFormat::kMoney,
                    fmt::format("margin per {} discounted over {} {}s at constant retention",
                                period, metrics.retention_clv.horizon_periods, period)});
  }
  for (const LtvCac& ratio : metrics.ltv_cac) {
    if (!ratio.ratio) continue;
    rows.push_back({ratio.channel.empty() ? "LTV:CAC" : "LTV:CAC, " + ratio.channel, *ratio.ratio,
                    MetricFormat::kNumber, "simple CLV / acquisition cost"});
  }
  return rows;
}

}  // namespace

ReportModel ReportModelOf(const FitSummary& fit, const std::optional<HoldoutScore>& holdout) {
  ReportModel model{.name = std::string(DisplayName(fit.model))};
  for (std::size_t k = 0; k < fit.params.size(); ++k) {
    ReportParameter parameter{.name = fit.parameter_names[k],
                              .estimate = fit.params[k],
                              .meaning = ParameterMeaning(fit.model, fit.parameter_names[k])};
    if (k < fit.standard_errors.size()) parameter.standard_error = fit.standard_errors[k];
    model.parameters.push_back(std::move(parameter));
  }
  model.diagnostics = {.log_likelihood = fit.log_likelihood,
                       .aic = fit.aic,
                       .bic = fit.bic,
                       .termination = std::string(ToString(fit.termination)),
                       .iterations = fit.iterations,
                       .customers = static_cast<std::int64_t>(fit.num_customers)};
  if (holdout) {
    model.diagnostics.holdout_mae = holdout->mae;
    model.diagnostics.holdout_rmse = holdout->rmse;
  }
  return model;
}

ReportInput BuildAnalysisReport(const Analysis& analysis, TrackingSeries tracking,
                                std::span<const double> expected_holdout) {
  const AnalyzeOptions& options = analysis.options;
  const SummaryTable& whole = analysis.whole;
  const PredictionTable& predictions = analysis.predictions;
  ReportInput report{.title = "Customer lifetime value report",
                     .data_source = options.data_source,
                     .generated_at = options.generated_at,
                     .currency = options.currency,
                     .time_unit = std::string(ToString(whole.unit)) + "s"};

  const ScoredColumns scores = FiniteColumnsOf(predictions);
  const auto sum = [](const std::vector<double>& values) {
    return std::accumulate(values.begin(), values.end(), 0.0);
  };
  report.headline = {.customers = static_cast<std::int64_t>(whole.size()),
                     .expected_purchases = sum(scores.expected_purchases),
                     .total_clv = sum(scores.clv),
                     .horizon = HorizonText(analysis)};
  report.notes = analysis.warnings;

  report.model_choice = {.reason = analysis.choice_reason, .holdout = analysis.window.note};
  if (analysis.candidates.size() > 1) report.model_choice.candidates = Candidates(analysis);
  std::optional<HoldoutScore> chosen_holdout;
  for (const CandidateModel& candidate : analysis.candidates) {
    if (candidate.chosen) chosen_holdout = candidate.holdout;
  }
  report.purchase_model = ReportModelOf(analysis.purchase_fit, chosen_holdout);
  if (analysis.spend_fit) report.spend_model = ReportModelOf(*analysis.spend_fit, std::nullopt);
  report.tracking = std::move(tracking);

  const ReportAggregationOptions aggregation;
  if (analysis.calibration.has_holdout && !expected_holdout.empty()) {
    const SummaryTable& calibration = analysis.calibration;
    report.holdout_by_frequency =
        BuildHoldoutByFrequency({.frequency = calibration.frequency,
                                 .holdout_purchases = calibration.frequency_holdout,
                                 .expected_holdout_purchases = expected_holdout},
                                aggregation);
  }
  const std::vector<double>& expected = scores.expected_purchases;
  const std::vector<double>& p_alive = scores.p_alive;
  const std::vector<double>& clv = scores.clv;
  const CustomerScoresView view{.customer_ids = whole.customer_ids,
                                .frequency = whole.frequency,
                                .recency = whole.recency,
                                .age = whole.age,
                                .monetary_value = whole.monetary_value,
                                .expected_purchases = expected,
                                .p_alive = p_alive,
                                .clv = clv};
  // The aggregates are independent of each other; built side by side they share the cores.
  // Without a spend model there is no CLV to rank, bin or concentrate.
  const bool has_clv = predictions.has_spend;
  tbb::parallel_invoke(
      [&] {
        report.expected_purchases_grid =
            BuildFrequencyRecencyGrid(view, expected, "Expected purchases", aggregation);
      },
      [&] {
        report.p_alive_grid = BuildFrequencyRecencyGrid(view, p_alive, "P(alive)", aggregation);
      },
      [&] {
        if (has_clv) report.clv_histogram = BuildHistogram(clv, "CLV", aggregation);
      },
      [&] {
        if (!has_clv) return;
        // Net refunds can make a customer's CLV negative; concentration measures shares of
        // what customers bring, so those count as 0 there.
        std::vector<double> non_negative = clv;
        for (double& value : non_negative)
          value = std::max(value, 0.0);
        report.clv_concentration = BuildConcentration(non_negative, aggregation);
      },
      [&] {
        if (has_clv) report.top_customers = SelectTopCustomers(view, aggregation);
      });

  report.segments = SegmentRows(analysis, scores);
  report.cohort_retention = CohortRetention(analysis.metrics);
  report.metrics = Metrics(analysis.metrics);
  return report;
}

}  // namespace clv::detail
