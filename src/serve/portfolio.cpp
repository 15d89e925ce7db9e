// SPDX-License-Identifier: MIT
#include "serve/portfolio.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "serve/customer_history.h"

namespace clv::detail {
Portfolio SummarizeBook(const CustomerBook& book, std::int64_t observation_end,
                        const PeriodScale& scale, TimeUnit unit) {
  std::vector<std::pair<std::string, HistoryRow>> rows;
  rows.reserve(static_cast<std::size_t>(book.NumCustomers()));
  book.ForEachCustomer([&](const std::string& customer_id, const std::vector<Purchase>& purchases) {
    if (auto row = SummarizeHistory(purchases, observation_end, scale)) {
      rows.emplace_back(customer_id, *row);
    }
  });
  std::sort(rows.begin(), rows.end(),
            [](const auto& left, const auto& right) { return left.first < right.first; });
  return MakePortfolio(std::move(rows), unit);
}

Portfolio MakePortfolio(std::vector<std::pair<std::string, HistoryRow>> rows, TimeUnit unit) {
  Portfolio portfolio;
  SummaryTable& summary = portfolio.summary;
  summary.unit = unit;
  for (auto& [customer_id, row] : rows) {
    summary.customer_ids.push_back(std::move(customer_id));
    summary.frequency.push_back(row.frequency);
    summary.recency.push_back(row.recency);
    summary.age.push_back(row.age);
    summary.monetary_value.push_back(row.monetary_value);
    portfolio.transactions.push_back(row.transactions);
  }
  return portfolio;
}

PredictionTable ScoreSummary(const SummaryTable& summary, const ServingModel& model,
                             const ScoringOptions& options) {
  PredictOptions predict;
  predict.horizon = options.horizon;
  predict.clv_months = options.clv_months;
  predict.monthly_discount_rate = options.monthly_discount_rate;
  const std::vector<double> no_spend;
  return PredictCustomers(summary, *model.kernel, model.purchase.params,
                          model.spend ? model.spend->params : no_spend, predict);
}

double TierValue(const PredictionTable& scores, std::size_t row) {
  return scores.has_spend ? scores.clv[row] : scores.expected_purchases[row];
}

SegmentCutoffs FitSegmentCutoffs(const SummaryTable& summary, const PredictionTable& scores) {
  std::vector<double> values(scores.size());
  std::vector<double> time_since_last_purchase(summary.size());
  for (std::size_t row = 0; row < summary.size(); ++row) {
    values[row] = TierValue(scores, row);
    time_since_last_purchase[row] = summary.age[row] - summary.recency[row];
  }
  return ComputeSegmentCutoffs(values, time_since_last_purchase, summary.frequency,
                               summary.monetary_value);
}

}  // namespace clv::detail
