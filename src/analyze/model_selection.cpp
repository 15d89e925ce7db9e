// SPDX-License-Identifier: MIT
#include "analyze/model_selection.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "clv/models/purchase_model.h"
#include "common/parallel.h"
#include "predict/distinct_histories.h"

namespace clv::detail {
namespace {

// The fitting customers collapsed once (REFERENCE.md §1.2): the distinct histories with their
// customer counts, in order of first appearance, which every candidate is fitted on (the same
// rows in the same order as a fit on the customers themselves), and each customer's history,
// through which holdout forecasts made per history reach the customers.
struct CollapsedCustomers {
  SummaryTable distinct;
  DistinctHistories histories;
};

CollapsedCustomers Collapse(const SummaryTable& summary) {
  CollapsedCustomers collapsed{
      .histories = CollapseHistories(summary.frequency, summary.recency, summary.age)};
  const std::vector<CustomerHistory>& histories = collapsed.histories.histories;
  SummaryTable& distinct = collapsed.distinct;
  distinct.unit = summary.unit;
  distinct.weight.assign(histories.size(), 0.0);
  for (std::size_t row = 0; row < summary.size(); ++row) {
    distinct.weight[collapsed.histories.index_of_row[row]] += summary.WeightOf(row);
  }
  distinct.customer_ids.resize(histories.size());
  distinct.monetary_value.assign(histories.size(), 0.0);
  for (const CustomerHistory& history : histories) {
    distinct.frequency.push_back(history.frequency);
    distinct.recency.push_back(history.recency);
    distinct.age.push_back(history.age);
  }
  return collapsed;
}

// Each customer's expected purchases over the holdout, which is as long for every customer
// (calibration end to observation end), evaluated once per distinct history.
std::vector<double> ExpectedHoldoutPurchases(const SummaryTable& calibration,
                                             const CollapsedCustomers& collapsed,
                                             const FitSummary& fit) {
  const double horizon = calibration.duration_holdout.empty() ? 0 : calibration.duration_holdout[0];
  const auto model = MakePurchaseModel(fit.model);
  const std::vector<CustomerHistory>& histories = collapsed.histories.histories;
  std::vector<double> per_history(histories.size());
  ParallelForBlocks(histories.size(), 256, [&](std::size_t begin, std::size_t end) {
    for (std::size_t k = begin; k < end; ++k) {
      per_history[k] = model->ExpectedPurchases(fit.params, histories[k], horizon);
    }
  });
  std::vector<double> expected(calibration.size());
  for (std::size_t row = 0; row < expected.size(); ++row) {
    expected[row] = per_history[collapsed.histories.index_of_row[row]];
  }
  return expected;
}

double RankingValue(const CandidateModel& candidate, bool use_holdout) {
  if (!candidate.fit.usable) return std::numeric_limits<double>::infinity();
  return use_holdout ? candidate.holdout->rmse : candidate.fit.bic;
}

std::string WhyNotUsable(const CandidateModel& candidate) {
  return fmt::format("{} was left out ({}: {})", DisplayName(candidate.model),
                     ToString(candidate.fit.termination), candidate.fit.message);
}

std::string ChoiceReason(const std::vector<CandidateModel>& candidates, std::size_t chosen,
                         bool use_holdout, ModelChoice choice) {
  const CandidateModel& best = candidates[chosen];
  if (choice != ModelChoice::kAuto) {
    return fmt::format("{} as asked (--model {})", DisplayName(best.model), ToString(choice));
  }
  std::string others;
  std::string left_out;
  for (const CandidateModel& candidate : candidates) {
    if (&candidate == &best) continue;
    if (!candidate.fit.usable) {
      left_out += "; " + WhyNotUsable(candidate);
      continue;
    }
    others += fmt::format("{}{:.4g} for {}", others.empty() ? "" : ", ",
                          RankingValue(candidate, use_holdout), DisplayName(candidate.model));
  }
  const std::string measure = use_holdout ? "holdout RMSE per customer" : "BIC";
  std::string reason = fmt::format("{}: the lowest {}, {:.4g}", DisplayName(best.model), measure,
                                   RankingValue(best, use_holdout));
  if (!others.empty()) reason += " against " + others;
  if (!use_holdout) reason += " (no holdout to compare forecasts on)";
  return reason + left_out;
}

}  // namespace

std::vector<ModelKind> CandidateKinds(ModelChoice choice) {
  switch (choice) {
    case ModelChoice::kAuto:
      return {ModelKind::kBgNbd, ModelKind::kModifiedBgNbd, ModelKind::kParetoNbd};
    case ModelChoice::kBgNbd:
      return {ModelKind::kBgNbd};
    case ModelChoice::kModifiedBgNbd:
      return {ModelKind::kModifiedBgNbd};
    case ModelChoice::kParetoNbd:
      return {ModelKind::kParetoNbd};
  }
  return {};
}

HoldoutScore ScoreHoldout(const SummaryTable& calibration, std::span<const double> expected) {
  HoldoutScore score;
  double absolute = 0;
  double squared = 0;
  double rows = 0;
  for (std::size_t row = 0; row < expected.size(); ++row) {
    if (!std::isfinite(expected[row])) continue;
    const double weight = calibration.WeightOf(row);
    const double error = expected[row] - calibration.frequency_holdout[row];
    absolute += weight * std::abs(error);
    squared += weight * error * error;
    rows += weight;
    score.actual_purchases += weight * calibration.frequency_holdout[row];
    score.expected_purchases += weight * expected[row];
  }
  if (rows > 0) {
    score.mae = absolute / rows;
    score.rmse = std::sqrt(squared / rows);
  }
  if (score.actual_purchases > 0) {
    score.aggregate_error_share =
        (score.expected_purchases - score.actual_purchases) / score.actual_purchases;
  }
  return score;
}

FitSummary FitOnDistinctHistories(ModelKind kind, const SummaryTable& summary,
                                  const FitOptions& options) {
  return FitPurchaseModel(kind, Collapse(summary).distinct, options);
}

ModelSelection SelectPurchaseModel(ModelChoice choice, const SummaryTable& fitting,
                                   bool use_holdout, const FitOptions& fit_options) {
  ModelSelection selection;
  std::vector<std::vector<double>> expected_holdout;
  const CollapsedCustomers collapsed = Collapse(fitting);
  for (const ModelKind kind : CandidateKinds(choice)) {
    CandidateModel candidate{.model = kind,
                             .fit = FitPurchaseModel(kind, collapsed.distinct, fit_options)};
    expected_holdout.emplace_back();
    if (use_holdout && candidate.fit.usable) {
      expected_holdout.back() = ExpectedHoldoutPurchases(fitting, collapsed, candidate.fit);
      candidate.holdout = ScoreHoldout(fitting, expected_holdout.back());
    }
    selection.candidates.push_back(std::move(candidate));
  }

  // The first of equally good candidates wins, so the order of CandidateKinds breaks ties.
  double best = std::numeric_limits<double>::infinity();
  for (std::size_t k = 0; k < selection.candidates.size(); ++k) {
    const double value = RankingValue(selection.candidates[k], use_holdout);
    if (value < best) {
      best = value;
      selection.chosen = k;
      selection.found = true;
    }
  }
  if (!selection.found) {
    std::string reasons;
    for (const CandidateModel& candidate : selection.candidates) {
      reasons += (reasons.empty() ? "" : "; ") + WhyNotUsable(candidate);
    }
    selection.reason = "no purchase model could be fitted: " + reasons;
    return selection;
  }
  selection.candidates[selection.chosen].chosen = true;
  selection.reason = ChoiceReason(selection.candidates, selection.chosen, use_holdout, choice);
  selection.expected_holdout = std::move(expected_holdout[selection.chosen]);
  return selection;
}

}  // namespace clv::detail
