// SPDX-License-Identifier: MIT
#include "clv/models/purchase_model.h"

#include <cmath>
#include <string>

#include "clv/error.h"

namespace clv {

void PurchaseModel::ValidateParameters(std::span<const double> params) const {
  const auto names = ParameterNames();
  if (params.size() != names.size()) {
    throw InputError(std::string(ToString(kind())) + " needs " + std::to_string(names.size()) +
                     " parameters, got " + std::to_string(params.size()));
  }
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!std::isfinite(params[i]) || params[i] <= 0) {
      throw InputError(std::string(ToString(kind())) + " parameter " + std::string(names[i]) +
                       " must be finite and > 0, got " + std::to_string(params[i]));
    }
  }
}

std::string PurchaseModel::CheckHistory(const CustomerHistory& history) const {
  if (!(history.frequency >= 0)) return "frequency must be >= 0";
  if (!(history.recency >= 0)) return "recency must be >= 0";
  if (!(history.age >= 0)) return "T must be >= 0";
  if (history.recency > history.age) return "recency must be <= T";
  if (history.frequency > 0 && history.recency == 0)
    return "recency must be > 0 when frequency > 0";
  if (history.frequency == 0 && history.recency != 0)
    return "recency must be 0 when frequency is 0";
  return "";
}

double PurchaseModel::SumLogLikelihood(std::span<const double> params,
                                       std::span<const CustomerHistory> histories,
                                       std::span<const double> weights,
                                       std::span<double> gradient) const {
  double total = 0;
  std::vector<double> row_gradient(gradient.empty() ? 0 : gradient.size());
  for (std::size_t i = 0; i < histories.size(); ++i) {
    const double w = weights.empty() ? 1.0 : weights[i];
    total += w * LogLikelihood(params, histories[i], row_gradient);
    for (std::size_t k = 0; k < gradient.size(); ++k)
      gradient[k] += w * row_gradient[k];
  }
  return total;
}

}  // namespace clv
