// SPDX-License-Identifier: MIT
// The purchase model evaluated once per distinct history (see distinct_histories.h): checks the
// history against the model's rules, computes the requested predictions and the discounted
// expected purchases that CLV needs, and marks what could not be computed.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "clv/models/purchase_model.h"
#include "clv/predict.h"
#include "predict/monthly_discounting.h"

namespace clv::detail {

/// The value of a cell that could not be computed (PredictionTable's convention).
inline constexpr double kNotComputed = std::numeric_limits<double>::quiet_NaN();

/// The first entries of PredictionTable::status_details: the reasons every table can have.
enum PredictionReason : std::uint32_t {
  kNoReason,
  kExpectedPurchasesNotComputable,
  kPAliveNotComputable,
  kExpectedSpendNotComputable,
  kClvNotComputable,
  kDertNotComputable,
  kPAliveFutureNotComputable,
  kInvalidMonetaryValue,
  kNumFixedReasons,
};
inline constexpr std::array<std::string_view, kNumFixedReasons> kFixedReasonTexts{
    "",
    "expected_purchases",
    "p_alive",
    "expected_spend",
    "clv",
    "dert",
    "p_alive_future",
    "monetary_value must be finite and >= 0"};

/// Results per distinct history, columnar; optional columns are empty unless requested.
struct HistoryPredictions {
  std::vector<double> expected_purchases;
  std::vector<double> p_alive;
  std::vector<double> p_alive_future;
  std::vector<double> dert;
  /// CLV per unit of spend over the months of the schedule (monthly_discounting.h).
  std::vector<double> discounted_purchases;
  std::vector<RowStatus> status;
  /// A PredictionReason for not computable histories; set for invalid ones by the caller.
  std::vector<std::uint32_t> detail;
  /// The rule an invalid history breaks; empty for the others.
  std::vector<std::string> broken_rule;
};

/// Scores every history in parallel blocks of options.block_size. `wants_clv` asks for the
/// discounted expected purchases over `schedule`.
HistoryPredictions ScoreHistories(const PurchaseModel& model, std::span<const double> params,
                                  std::span<const CustomerHistory> histories,
                                  const PredictOptions& options, const MonthlySchedule& schedule,
                                  bool wants_clv);

}  // namespace clv::detail
