// SPDX-License-Identifier: MIT
// Every customer of the book summarised as of one instant and scored with one model: the input
// of a refit, of the customer list and of the segment counts.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "clv/predict.h"
#include "clv/summary_table.h"
#include "serve/customer_book.h"
#include "serve/customer_history.h"
#include "serve/segment_cutoffs.h"
#include "serve/serving_model.h"
#include "summary/periods.h"

namespace clv::detail {

/// What a customer read reports besides the summary row.
struct ScoringOptions {
  double horizon = 365;  ///< window of expected_purchases, in the service's unit
  int clv_months = 12;
  double monthly_discount_rate = 0.01;
};

/// The customers observed by `observation_end`, sorted by id, with their purchase counts.
struct Portfolio {
  SummaryTable summary;
  std::vector<std::int64_t> transactions;
};

Portfolio SummarizeBook(const CustomerBook& book, std::int64_t observation_end,
                        const PeriodScale& scale, TimeUnit unit);

/// The portfolio of `rows` (customer id and summary row), in the given order.
Portfolio MakePortfolio(std::vector<std::pair<std::string, HistoryRow>> rows, TimeUnit unit);

/// Scores every row of `summary` with `model` (PredictCustomers of clv/predict.h).
PredictionTable ScoreSummary(const SummaryTable& summary, const ServingModel& model,
                             const ScoringOptions& options);

/// The value a tier is read from: CLV with a spend model, else expected purchases.
double TierValue(const PredictionTable& scores, std::size_t row);

/// The value tier and RFM boundaries of the customers of `summary` scored as `scores`.
SegmentCutoffs FitSegmentCutoffs(const SummaryTable& summary, const PredictionTable& scores);

}  // namespace clv::detail
