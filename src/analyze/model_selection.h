// SPDX-License-Identifier: MIT
// Choosing the purchase model. Each candidate is fitted on the calibration window and asked to
// forecast every calibration customer's purchases in the holdout; the candidate with the
// lowest per-customer RMSE wins, since squared error rewards forecasting each customer's mean,
// which is what the models predict. Without a holdout there is nothing to forecast, and the
// lowest BIC (fit penalised by the number of parameters) decides instead.
#pragma once

#include <span>
#include <vector>

#include "clv/analyze.h"

namespace clv::detail {

/// bgnbd, mbgnbd and pnbd for auto, else the one model asked for.
std::vector<ModelKind> CandidateKinds(ModelChoice choice);

/// MAE, RMSE and aggregate error of `expected` against the summary's frequency_holdout, over
/// the rows whose expectation is finite.
HoldoutScore ScoreHoldout(const SummaryTable& calibration, std::span<const double> expected);

/// FitPurchaseModel(kind, summary, options) computed on the summary's distinct histories: the
/// same estimate, without a per-customer copy of the histories.
FitSummary FitOnDistinctHistories(ModelKind kind, const SummaryTable& summary,
                                  const FitOptions& options);

/// The candidates fitted and scored, and the choice.
struct ModelSelection {
  std::vector<CandidateModel> candidates;
  std::size_t chosen = 0;  ///< index into candidates; meaningful only when `found`
  bool found = false;      ///< some candidate fit is usable
  std::string reason;      ///< one sentence
  /// The chosen candidate's expected holdout purchases per calibration customer (empty
  /// without a holdout).
  std::vector<double> expected_holdout;
};

/// Fits every candidate of `choice` on `fitting`. With `use_holdout`, `fitting` must have the
/// holdout columns and candidates are ranked by holdout RMSE; otherwise by BIC.
ModelSelection SelectPurchaseModel(ModelChoice choice, const SummaryTable& fitting,
                                   bool use_holdout, const FitOptions& fit_options);

}  // namespace clv::detail
