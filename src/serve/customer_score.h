// SPDX-License-Identifier: MIT
// One customer as the service answers for it: the summary row, the predictions of the current
// model, the value tier and the RFM scores and segment placed against the model's boundaries.
// Single reads and lists build the same value with the same functions, so a customer reads the
// same through GET /v1/customers/{id} and through a list.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "clv/predict.h"
#include "serve/customer_history.h"
#include "serve/portfolio.h"
#include "serve/segment_cutoffs.h"
#include "serve/serving_model.h"

namespace clv::detail {

struct CustomerScore {
  HistoryRow row;
  double expected_purchases = 0;  ///< NaN (status says why) is answered as null
  double p_alive = 0;
  double expected_spend = 0;  ///< NaN without a spend model
  double clv = 0;
  std::string status;  ///< PredictionTable::StatusText
  int value_tier = 0;  ///< index into kValueTierNames
  RfmScores rfm;
  int segment = 0;  ///< index into the model's RfmRuleTable::names()
  /// What tiers and lists rank by: TierValue (CLV with a spend model, else expected purchases).
  double value = 0;
};

/// Scores the rows of `portfolio` with `model`, in the portfolio's row order.
std::vector<CustomerScore> ScorePortfolio(const Portfolio& portfolio, const ServingModel& model,
                                          const ScoringOptions& options);

/// What a customer answer says besides the customer's own numbers.
struct AnswerContext {
  std::string as_of;  ///< ISO 8601
  std::string unit;
  double horizon = 0;
};

/// The JSON of one customer; `model` null (and `score` its summary row only) before any fit.
nlohmann::json CustomerScoreJson(const std::string& customer_id, const CustomerScore& score,
                                 const ServingModel* model, const AnswerContext& context);

}  // namespace clv::detail
