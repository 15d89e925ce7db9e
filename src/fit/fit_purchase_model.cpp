// SPDX-License-Identifier: MIT
// Fitting the purchase-count models (BG/NBD, MBG/NBD, Pareto/NBD, BG/BB) on a customer summary.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "clv/error.h"
#include "clv/fit.h"
#include "clv/models/purchase_model.h"
#include "fit/distinct_rows.h"
#include "fit/likelihood_problem.h"

namespace clv {
namespace {

// Rows as histories, after checking each against the model's rules and its weight.
std::vector<CustomerHistory> CheckedHistories(const PurchaseModel& model,
                                              const SummaryTable& summary) {
  const std::string_view age_name = model.kind() == ModelKind::kBgBb ? "periods" : "T";
  std::vector<CustomerHistory> histories(summary.size());
  for (std::size_t row = 0; row < summary.size(); ++row) {
    const CustomerHistory history{summary.frequency[row], summary.recency[row], summary.age[row]};
    const std::string rule = model.CheckHistory(history);
    if (!rule.empty()) {
      throw InputError(fmt::format("summary row {}: {} (frequency {}, recency {}, {} {})", row + 1,
                                   rule, history.frequency, history.recency, age_name,
                                   history.age));
    }
    const double weight = summary.WeightOf(row);
    if (!(weight >= 0) || !std::isfinite(weight)) {
      throw InputError(
          fmt::format("summary row {}: weight must be finite and >= 0, got {}", row + 1, weight));
    }
    histories[row] = history;
  }
  return histories;
}

// lifetimes rescales time so that the oldest customer has age 10 before fitting BG/NBD,
// MBG/NBD and Pareto/NBD, and so penalises alpha (and Pareto/NBD's beta) in that unit.
std::vector<double> PenaltyScale(ModelKind kind, std::span<const CustomerHistory> histories) {
  std::vector<double> scale(4, 1.0);
  if (kind == ModelKind::kBgBb || histories.empty()) return scale;
  double oldest = 0;
  for (const CustomerHistory& history : histories)
    oldest = std::max(oldest, history.age);
  if (oldest <= 0) return scale;
  scale[1] = 10.0 / oldest;
  if (kind == ModelKind::kParetoNbd) scale[3] = 10.0 / oldest;
  return scale;
}

}  // namespace

FitSummary FitPurchaseModel(ModelKind kind, const SummaryTable& summary,
                            const FitOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  detail::ThrowUnlessValid(options);
  const std::unique_ptr<PurchaseModel> model = MakePurchaseModel(kind);
  const std::vector<CustomerHistory> histories = CheckedHistories(*model, summary);
  const detail::DistinctRows rows = detail::CollapseToDistinctRows(histories, summary.weight);
  if (rows.histories.empty()) throw InputError("the summary has no customers to fit on");

  detail::LikelihoodProblem problem;
  problem.model = kind;
  for (std::string_view name : model->ParameterNames())
    problem.parameter_names.emplace_back(name);
  problem.starting_point =
      options.starting_point.empty() ? model->DefaultStartingPoint() : options.starting_point;
  model->ValidateParameters(problem.starting_point);
  problem.penalty_scale = PenaltyScale(kind, rows.histories);
  problem.num_customers = rows.num_customers;
  problem.num_distinct_rows = rows.histories.size();
  problem.log_likelihood = [&](std::span<const double> params, std::span<double> gradient) {
    return detail::SumOverBlocks(
        rows.histories.size(), options.block_size, gradient,
        [&](std::size_t begin, std::size_t end, std::span<double> block_gradient) {
          return model->SumLogLikelihood(
              params, std::span(rows.histories).subspan(begin, end - begin),
              std::span(rows.weights).subspan(begin, end - begin), block_gradient);
        });
  };
  return detail::MaximiseLikelihood(problem, options, started);
}

FitSummary FitModel(ModelKind kind, const SummaryTable& summary, const FitOptions& options) {
  switch (kind) {
    case ModelKind::kGammaGamma:
      return FitGammaGamma(summary, options);
    case ModelKind::kShiftedBetaGeometric:
      throw InputError("sbg fits on a period,customers table, not on a customer summary");
    default:
      return FitPurchaseModel(kind, summary, options);
  }
}

}  // namespace clv
