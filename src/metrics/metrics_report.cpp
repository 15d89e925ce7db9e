// SPDX-License-Identifier: MIT
// The two renderings of BusinessMetrics: JSON for programs, a plain table for people.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "clv/metrics.h"

namespace clv {
namespace {

using Json = nlohmann::ordered_json;

Json OrNull(const std::optional<double>& value) {
  return value ? Json(*value) : Json(nullptr);
}

Json TotalsJson(const CustomerBaseTotals& totals, double margin) {
  return {{"customers", totals.customers},
          {"orders", totals.orders},
          {"revenue", totals.revenue},
          {"average_order_value", totals.average_order_value},
          {"orders_per_customer", totals.orders_per_customer},
          {"purchase_frequency", totals.purchase_frequency},
          {"lifespan",
           {{"observed_years", totals.observed_lifespan_years},
            {"expected_years", OrNull(totals.expected_lifespan_years)}}},
          {"simple_clv",
           {{"value", OrNull(totals.simple_clv)},
            {"average_order_value", totals.average_order_value},
            {"purchase_frequency", totals.purchase_frequency},
            {"lifespan_years", OrNull(totals.expected_lifespan_years)},
            {"margin", margin}}},
          {"retention_rate", OrNull(totals.retention_rate)},
          {"churn_rate", OrNull(totals.churn_rate)},
          {"repeat_purchase_rate", totals.repeat_purchase_rate}};
}

Json RetentionClvJson(const RetentionClv& clv) {
  return {{"value", OrNull(clv.value)},
          {"multiple", OrNull(clv.multiple)},
          {"margin", clv.margin},
          {"margin_per_period", clv.margin_per_period},
          {"retention_rate", OrNull(clv.retention_rate)},
          {"discount_rate", clv.discount_rate},
          {"horizon_periods", clv.horizon_periods},
          {"finite_horizon_value", OrNull(clv.finite_horizon_value)}};
}

Json PeriodJson(const PeriodMetrics& row) {
  return {{"period", row.label},
          {"new_customers", row.new_customers},
          {"active_customers", row.active_customers},
          {"returning_customers", row.returning_customers},
          {"retained_customers", row.retained_customers},
          {"retention_rate", OrNull(row.retention_rate)},
          {"churn_rate", OrNull(row.churn_rate)},
          {"customers_so_far", row.customers_so_far},
          {"repeat_customers_so_far", row.repeat_customers_so_far},
          {"repeat_purchase_rate", row.repeat_purchase_rate},
          {"orders", row.orders},
          {"revenue", row.revenue}};
}

Json CohortJson(const Cohort& cohort) {
  Json cells = Json::array();
  for (const CohortCell& cell : cohort.cells) {
    cells.push_back({{"periods_since_acquisition", cell.periods_since_acquisition},
                     {"active_customers", cell.active_customers},
                     {"share_active", cell.share_active},
                     {"revenue", cell.revenue},
                     {"revenue_per_customer", cell.revenue_per_customer}});
  }
  return {{"cohort", cohort.label}, {"customers", cohort.customers}, {"periods", cells}};
}

Json LtvCacJson(const LtvCac& ltv_cac) {
  Json json = Json::object();
  if (!ltv_cac.channel.empty()) json["channel"] = ltv_cac.channel;
  json["customers"] = ltv_cac.customers;
  json["cac"] = ltv_cac.cac;
  json["ltv"] = OrNull(ltv_cac.ltv);
  json["ratio"] = OrNull(ltv_cac.ratio);
  json["months_to_recover"] = OrNull(ltv_cac.months_to_recover);
  return json;
}

std::string Optional(const std::optional<double>& value, std::string_view format) {
  return value ? fmt::format(fmt::runtime(format), *value) : std::string("n/a");
}

}  // namespace

std::string MetricsToJson(const BusinessMetrics& metrics) {
  Json json = {{"period", ToString(metrics.period)},
               {"first_day", metrics.first_day},
               {"last_day", metrics.last_day},
               {"rows_used", metrics.rows_used},
               {"rows_after_observation_end", metrics.rows_after_observation_end}};
  json.update(TotalsJson(metrics.totals, metrics.retention_clv.margin));
  json["retention_clv"] = RetentionClvJson(metrics.retention_clv);
  json["periods"] = Json::array();
  for (const PeriodMetrics& row : metrics.periods)
    json["periods"].push_back(PeriodJson(row));
  json["cohorts"] = Json::array();
  for (const Cohort& cohort : metrics.cohorts)
    json["cohorts"].push_back(CohortJson(cohort));
  if (!metrics.channels.empty()) {
    json["channels"] = Json::array();
    for (const auto& [name, totals] : metrics.channels) {
      Json channel = {{"channel", name}};
      channel.update(TotalsJson(totals, metrics.retention_clv.margin));
      json["channels"].push_back(channel);
    }
  }
  if (!metrics.ltv_cac.empty()) {
    json["ltv_cac"] = LtvCacJson(metrics.ltv_cac.front());
    if (metrics.ltv_cac.size() > 1) {
      json["ltv_cac"]["channels"] = Json::array();
      for (std::size_t i = 1; i < metrics.ltv_cac.size(); ++i) {
        json["ltv_cac"]["channels"].push_back(LtvCacJson(metrics.ltv_cac[i]));
      }
    }
  }
  return json.dump(2) + "\n";
}

std::string MetricsToText(const BusinessMetrics& metrics) {
  const CustomerBaseTotals& totals = metrics.totals;
  const RetentionClv& retention = metrics.retention_clv;
  std::string text = fmt::format("Purchase log {} .. {} ({} rows)\n", metrics.first_day,
                                 metrics.last_day, metrics.rows_used);
  text += fmt::format("  customers               {}\n", totals.customers);
  text += fmt::format("  orders                  {}\n", totals.orders);
  text += fmt::format("  revenue                 {:.2f}\n", totals.revenue);
  text += fmt::format("  average order value     {:.2f}\n", totals.average_order_value);
  text += fmt::format("  orders per customer     {:.4f}\n", totals.orders_per_customer);
  text += fmt::format("  purchase frequency      {:.4f} orders per customer-year\n",
                      totals.purchase_frequency);
  text += fmt::format("  repeat purchase rate    {:.4f}\n", totals.repeat_purchase_rate);
  text += fmt::format("  retention rate          {} per {}\n",
                      Optional(totals.retention_rate, "{:.4f}"), ToString(metrics.period));
  text += fmt::format("  churn rate              {} per {}\n",
                      Optional(totals.churn_rate, "{:.4f}"), ToString(metrics.period));
  text += fmt::format("  lifespan                {:.3f} years observed, {} years expected\n",
                      totals.observed_lifespan_years,
                      Optional(totals.expected_lifespan_years, "{:.3f}"));
  text += fmt::format("  simple CLV              {} (margin {})\n",
                      Optional(totals.simple_clv, "{:.2f}"), retention.margin);
  text += fmt::format(
      "  retention CLV           {} (margin {:.2f} per {}, discount {:.4f}; "
      "{} over {} periods)\n",
      Optional(retention.value, "{:.2f}"), retention.margin_per_period, ToString(metrics.period),
      retention.discount_rate, Optional(retention.finite_horizon_value, "{:.2f}"),
      retention.horizon_periods);
  for (const LtvCac& row : metrics.ltv_cac) {
    text +=
        fmt::format("  LTV:CAC {:<15} {} (CAC {:.2f}, {} months to recover)\n",
                    row.channel.empty() ? "overall" : row.channel, Optional(row.ratio, "{:.2f}"),
                    row.cac, Optional(row.months_to_recover, "{:.1f}"));
  }
  text += fmt::format("\n{:<9} {:>9} {:>9} {:>9} {:>9} {:>7} {:>14}\n", "period", "new", "active",
                      "returning", "retention", "repeat", "revenue");
  for (const PeriodMetrics& row : metrics.periods) {
    text +=
        fmt::format("{:<9} {:>9} {:>9} {:>9} {:>9} {:>7.4f} {:>14.2f}\n", row.label,
                    row.new_customers, row.active_customers, row.returning_customers,
                    Optional(row.retention_rate, "{:.4f}"), row.repeat_purchase_rate, row.revenue);
  }
  return text;
}

}  // namespace clv
