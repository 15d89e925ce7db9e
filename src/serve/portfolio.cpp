// SPDX-License-Identifier: MIT
#include "serve/portfolio.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "serve/customer_history.h"

namespace clv::detail {
namespace {

constexpr double kTierPercentiles[] = {0.90, 0.70, 0.40};

}  // namespace

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

ValueTiers ComputeValueTiers(const PredictionTable& scores) {
  std::vector<double> values;
  values.reserve(scores.size());
  for (std::size_t row = 0; row < scores.size(); ++row) {
    const double value = TierValue(scores, row);
    if (std::isfinite(value)) values.push_back(value);
  }
  ValueTiers tiers;
  if (values.empty()) return tiers;
  std::sort(values.begin(), values.end());
  for (std::size_t k = 0; k < 3; ++k) {
    const auto index =
        static_cast<std::size_t>(kTierPercentiles[k] * static_cast<double>(values.size() - 1));
    tiers.cutoffs[k] = values[index];
  }
  return tiers;
}

}  // namespace clv::detail
