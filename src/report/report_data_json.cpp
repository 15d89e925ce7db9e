// SPDX-License-Identifier: MIT
// ReportInput as the JSON document embedded in report.html; docs/report-data.md lists every
// field. A number that is not finite has no JSON form and would draw nothing, so it is refused
// with the path of the field that holds it.
#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "clv/error.h"
#include "clv/report.h"

namespace clv {
namespace {

using Json = nlohmann::ordered_json;

// The page shows at most this many top customers, whatever the caller passes.
constexpr std::size_t kMaxTopCustomers = 50;

// Returns `value` as JSON, or throws naming `field` when it is NaN or infinite.
Json Finite(double value, const std::string& field) {
  if (!std::isfinite(value)) {
    throw InputError(fmt::format("report data: {} must be finite, got {}", field, value));
  }
  return value;
}

Json OptionalFinite(const std::optional<double>& value, const std::string& field) {
  return value ? Finite(*value, field) : Json(nullptr);
}

Json ModelJson(const ReportModel& model, const std::string& field) {
  Json parameters = Json::array();
  for (const ReportParameter& parameter : model.parameters) {
    const std::string where = field + ".parameters." + parameter.name;
    parameters.push_back({{"name", parameter.name},
                          {"estimate", Finite(parameter.estimate, where)},
                          {"standard_error", OptionalFinite(parameter.standard_error, where)},
                          {"meaning", parameter.meaning}});
  }
  const ReportDiagnostics& fit = model.diagnostics;
  const std::string where = field + ".diagnostics";
  return {{"name", model.name},
          {"parameters", parameters},
          {"diagnostics",
           {{"log_likelihood", Finite(fit.log_likelihood, where + ".log_likelihood")},
            {"aic", Finite(fit.aic, where + ".aic")},
            {"bic", Finite(fit.bic, where + ".bic")},
            {"termination", fit.termination},
            {"iterations", fit.iterations},
            {"customers", fit.customers},
            {"holdout_mae", OptionalFinite(fit.holdout_mae, where + ".holdout_mae")},
            {"holdout_rmse", OptionalFinite(fit.holdout_rmse, where + ".holdout_rmse")}}}};
}

Json ModelChoiceJson(const ModelChoiceSection& choice) {
  Json candidates = Json::array();
  for (const ReportCandidate& candidate : choice.candidates) {
    const std::string where = "model_choice.candidates." + candidate.name;
    candidates.push_back(
        {{"name", candidate.name},
         {"usable", candidate.usable},
         {"chosen", candidate.chosen},
         {"log_likelihood", candidate.usable ? Finite(candidate.log_likelihood, where) : Json()},
         {"bic", candidate.usable ? Finite(candidate.bic, where) : Json()},
         {"holdout_mae", OptionalFinite(candidate.holdout_mae, where)},
         {"holdout_rmse", OptionalFinite(candidate.holdout_rmse, where)},
         {"aggregate_error_share", OptionalFinite(candidate.aggregate_error_share, where)},
         {"termination", candidate.termination}});
  }
  return {{"candidates", candidates}, {"reason", choice.reason}, {"holdout", choice.holdout}};
}

Json OptionalModelJson(const std::optional<ReportModel>& model, const std::string& field) {
  return model ? ModelJson(*model, field) : Json(nullptr);
}

Json TrackingJson(const TrackingSeries& tracking) {
  Json points = Json::array();
  for (const TrackingPoint& point : tracking.points) {
    const std::string where = "tracking." + point.period;
    points.push_back({{"period", point.period},
                      {"actual_purchases", Finite(point.actual_purchases, where)},
                      {"expected_purchases", Finite(point.expected_purchases, where)},
                      {"cumulative_actual", Finite(point.cumulative_actual, where)},
                      {"cumulative_expected", Finite(point.cumulative_expected, where)}});
  }
  return {{"period_unit", tracking.period_unit},
          {"calibration_end_period", tracking.calibration_end_period},
          {"points", points}};
}

Json HoldoutJson(const std::vector<HoldoutFrequencyRow>& rows) {
  Json json = Json::array();
  for (const HoldoutFrequencyRow& row : rows) {
    const std::string where = "holdout_by_frequency." + row.calibration_frequency;
    json.push_back({{"calibration_frequency", row.calibration_frequency},
                    {"customers", row.customers},
                    {"actual_mean", Finite(row.actual_mean, where)},
                    {"expected_mean", Finite(row.expected_mean, where)}});
  }
  return json;
}

// Cells carry their labels rather than indices, which is the form Vega-Lite draws.
Json HeatmapJson(const Heatmap& heatmap, const std::string& field) {
  Json cells = Json::array();
  for (const HeatmapCell& cell : heatmap.cells) {
    if (cell.row < 0 || static_cast<std::size_t>(cell.row) >= heatmap.row_labels.size() ||
        cell.column < 0 || static_cast<std::size_t>(cell.column) >= heatmap.column_labels.size()) {
      throw InputError(fmt::format(
          "report data: {} cell ({}, {}) lies outside its {} row and {} column labels", field,
          cell.row, cell.column, heatmap.row_labels.size(), heatmap.column_labels.size()));
    }
    cells.push_back({{"row", heatmap.row_labels[static_cast<std::size_t>(cell.row)]},
                     {"column", heatmap.column_labels[static_cast<std::size_t>(cell.column)]},
                     {"value", Finite(cell.value, field + ".cells.value")},
                     {"customers", cell.customers}});
  }
  return {{"row_title", heatmap.row_title},         {"column_title", heatmap.column_title},
          {"value_title", heatmap.value_title},     {"row_labels", heatmap.row_labels},
          {"column_labels", heatmap.column_labels}, {"cells", cells}};
}

Json HistogramJson(const Histogram& histogram) {
  Json bins = Json::array();
  for (const HistogramBin& bin : histogram.bins) {
    bins.push_back({{"lower", Finite(bin.lower, "clv_histogram.bins.lower")},
                    {"upper", Finite(bin.upper, "clv_histogram.bins.upper")},
                    {"customers", bin.customers}});
  }
  return {{"value_title", histogram.value_title},
          {"last_bin_open", histogram.last_bin_open},
          {"bins", bins}};
}

Json ConcentrationJson(const Concentration& concentration) {
  Json points = Json::array();
  for (const ConcentrationPoint& point : concentration.points) {
    points.push_back(
        {{"customer_share", Finite(point.customer_share, "clv_concentration.customer_share")},
         {"value_share", Finite(point.value_share, "clv_concentration.value_share")}});
  }
  return {{"top20_share", Finite(concentration.top20_share, "clv_concentration.top20_share")},
          {"gini", Finite(concentration.gini, "clv_concentration.gini")},
          {"points", points}};
}

Json SegmentsJson(const std::vector<SegmentRow>& segments) {
  Json json = Json::array();
  for (const SegmentRow& row : segments) {
    const std::string where = "segments." + row.name;
    json.push_back({{"name", row.name},
                    {"description", row.description},
                    {"customers", row.customers},
                    {"mean_expected_purchases", Finite(row.mean_expected_purchases, where)},
                    {"mean_p_alive", Finite(row.mean_p_alive, where)},
                    {"mean_clv", Finite(row.mean_clv, where)},
                    {"total_clv", Finite(row.total_clv, where)}});
  }
  return json;
}

Json TopCustomersJson(const std::vector<TopCustomer>& customers) {
  Json json = Json::array();
  for (std::size_t i = 0; i < customers.size() && i < kMaxTopCustomers; ++i) {
    const TopCustomer& row = customers[i];
    const std::string where = "top_customers." + row.customer_id;
    json.push_back({{"customer_id", row.customer_id},
                    {"frequency", Finite(row.frequency, where)},
                    {"recency", Finite(row.recency, where)},
                    {"age", Finite(row.age, where)},
                    {"monetary_value", Finite(row.monetary_value, where)},
                    {"expected_purchases", Finite(row.expected_purchases, where)},
                    {"p_alive", Finite(row.p_alive, where)},
                    {"clv", Finite(row.clv, where)}});
  }
  return json;
}

std::string FormatName(MetricFormat format) {
  switch (format) {
    case MetricFormat::kCount:
      return "count";
    case MetricFormat::kMoney:
      return "money";
    case MetricFormat::kPercent:
      return "percent";
    case MetricFormat::kNumber:
      return "number";
  }
  return "number";
}

Json MetricsJson(const std::vector<ReportMetric>& metrics) {
  Json json = Json::array();
  for (const ReportMetric& metric : metrics) {
    json.push_back({{"name", metric.name},
                    {"value", Finite(metric.value, "metrics." + metric.name)},
                    {"format", FormatName(metric.format)},
                    {"note", metric.note}});
  }
  return json;
}

Json HeadlineJson(const ReportHeadline& headline) {
  return {{"customers", headline.customers},
          {"expected_purchases", Finite(headline.expected_purchases, "headline.purchases")},
          {"total_clv", Finite(headline.total_clv, "headline.total_clv")},
          {"horizon", headline.horizon}};
}

}  // namespace

std::string ReportDataJson(const ReportInput& input) {
  const Json json = {{"title", input.title},
                     {"data_source", input.data_source},
                     {"generated_at", input.generated_at},
                     {"currency", input.currency},
                     {"time_unit", input.time_unit},
                     {"headline", HeadlineJson(input.headline)},
                     {"notes", input.notes},
                     {"model_choice", ModelChoiceJson(input.model_choice)},
                     {"purchase_model", OptionalModelJson(input.purchase_model, "purchase_model")},
                     {"spend_model", OptionalModelJson(input.spend_model, "spend_model")},
                     {"tracking", TrackingJson(input.tracking)},
                     {"holdout_by_frequency", HoldoutJson(input.holdout_by_frequency)},
                     {"expected_purchases_grid",
                      HeatmapJson(input.expected_purchases_grid, "expected_purchases_grid")},
                     {"p_alive_grid", HeatmapJson(input.p_alive_grid, "p_alive_grid")},
                     {"clv_histogram", HistogramJson(input.clv_histogram)},
                     {"clv_concentration", ConcentrationJson(input.clv_concentration)},
                     {"segments", SegmentsJson(input.segments)},
                     {"cohort_retention", HeatmapJson(input.cohort_retention, "cohort_retention")},
                     {"top_customers", TopCustomersJson(input.top_customers)},
                     {"metrics", MetricsJson(input.metrics)}};
  // Invalid UTF-8 in a label becomes U+FFFD instead of an exception half-way through a run.
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace clv
