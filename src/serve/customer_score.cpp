// SPDX-License-Identifier: MIT
#include "serve/customer_score.h"

#include <cmath>

namespace clv::detail {
namespace {

using nlohmann::json;

// A non-finite value (a status says why) is written as null, so no NaN reaches a client.
json FiniteOrNull(double value) {
  return std::isfinite(value) ? json(value) : json(nullptr);
}

}  // namespace

std::vector<CustomerScore> ScorePortfolio(const Portfolio& portfolio, const ServingModel& model,
                                          const ScoringOptions& options) {
  const SummaryTable& summary = portfolio.summary;
  const PredictionTable scores = ScoreSummary(summary, model, options);
  const double no_spend = std::nan("");
  std::vector<CustomerScore> customers(summary.size());
  for (std::size_t row = 0; row < summary.size(); ++row) {
    CustomerScore& customer = customers[row];
    customer.row = {summary.frequency[row], summary.recency[row], summary.age[row],
                    summary.monetary_value[row], portfolio.transactions[row]};
    customer.expected_purchases = scores.expected_purchases[row];
    customer.p_alive = scores.p_alive[row];
    customer.expected_spend = scores.has_spend ? scores.expected_spend[row] : no_spend;
    customer.clv = scores.has_spend ? scores.clv[row] : no_spend;
    customer.status = scores.StatusText(row);
    customer.value = TierValue(scores, row);
    customer.value_tier = model.segments.ValueTierOf(customer.value);
    customer.rfm = model.segments.ScoresOf(summary.age[row] - summary.recency[row],
                                           summary.frequency[row], summary.monetary_value[row]);
    customer.segment = model.rfm_rules.SegmentOf(customer.rfm);
  }
  return customers;
}

json CustomerScoreJson(const std::string& customer_id, const CustomerScore& score,
                       const ServingModel* model, const AnswerContext& context) {
  const HistoryRow& row = score.row;
  json body = {{"customer_id", customer_id},
               {"as_of", context.as_of},
               {"unit", context.unit},
               {"frequency", row.frequency},
               {"recency", row.recency},
               {"T", row.age},
               {"monetary_value", row.monetary_value},
               {"transactions", row.transactions},
               {"horizon", context.horizon}};
  if (model == nullptr) {
    for (const char* key : {"expected_purchases", "p_alive", "expected_spend", "clv", "value_tier",
                            "segment", "rfm", "model_version"}) {
      body[key] = nullptr;
    }
    body["status"] = "no_model";
    return body;
  }
  body["expected_purchases"] = FiniteOrNull(score.expected_purchases);
  body["p_alive"] = FiniteOrNull(score.p_alive);
  body["expected_spend"] = FiniteOrNull(score.expected_spend);
  body["clv"] = FiniteOrNull(score.clv);
  body["value_tier"] = kValueTierNames[static_cast<std::size_t>(score.value_tier)];
  body["segment"] = model->rfm_rules.names()[static_cast<std::size_t>(score.segment)];
  body["rfm"] = {{"r_score", score.rfm.recency},
                 {"f_score", score.rfm.frequency},
                 {"m_score", score.rfm.monetary}};
  body["model_version"] = model->version;
  body["status"] = score.status;
  return body;
}

}  // namespace clv::detail
