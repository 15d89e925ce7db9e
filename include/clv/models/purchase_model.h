// SPDX-License-Identifier: MIT
// The interface shared by the purchase-count ("buy 'til you die") models: BG/NBD, MBG/NBD,
// Pareto/NBD and BG/BB. Fitting (clv/fit.h) and prediction (clv/predict.h) use only this.
//
// Parameters travel as a span of doubles in natural scale, in the order of ParameterNames()
// (the JSON keys of the model file): bgnbd and mbgnbd (r, alpha, a, b), pnbd (r, alpha, s, beta),
// bgbb (alpha, beta, gamma, delta).
//
// Every function is thread safe and pure. For valid parameters and histories the results are
// finite; a non-finite result is a bug and the prediction layer reports it as a row status.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "clv/models/model_kind.h"

namespace clv {

/// One customer's history. See clv/summary_table.h for the mapping to x, t_x, T (n for BG/BB).
struct CustomerHistory {
  double frequency = 0;
  double recency = 0;
  double age = 0;
};

class PurchaseModel {
 public:
  virtual ~PurchaseModel() = default;

  virtual ModelKind kind() const = 0;
  virtual std::span<const std::string_view> ParameterNames() const = 0;
  std::size_t NumParameters() const { return ParameterNames().size(); }

  /// Throws InputError naming the first parameter that is not finite and > 0.
  void ValidateParameters(std::span<const double> params) const;

  /// The rule a history breaks ("recency must be <= T"), or "" when it is valid for this model.
  virtual std::string CheckHistory(const CustomerHistory& history) const;

  /// ln L for one customer; fills d ln L / d params (natural scale) when `gradient` is not empty.
  virtual double LogLikelihood(std::span<const double> params, const CustomerHistory& history,
                               std::span<double> gradient) const = 0;

  /// sum_i weight_i ln L_i over `histories`, adding the weighted gradient into `gradient` when it
  /// is not empty. The default loops over LogLikelihood; models may override it with a faster
  /// batch form (caching terms shared by rows). Serial: the caller parallelises over blocks.
  virtual double SumLogLikelihood(std::span<const double> params,
                                  std::span<const CustomerHistory> histories,
                                  std::span<const double> weights,
                                  std::span<double> gradient) const;

  /// E[X(t)]: expected repeat purchases in (0, t] of a customer acquired at time 0.
  virtual double ExpectedPurchasesNewCustomer(std::span<const double> params, double t) const = 0;

  /// E[Y(t) | history]: expected purchases in (T, T + t]. For BG/BB, t counts opportunities.
  virtual double ExpectedPurchases(std::span<const double> params, const CustomerHistory& history,
                                   double t) const = 0;

  /// P(still alive at T + t | history); t = 0 is "now" (for BG/BB: at opportunity n + 1 + t).
  virtual double ProbabilityAlive(std::span<const double> params, const CustomerHistory& history,
                                  double t) const = 0;

  /// P(X(t) = n) for a customer acquired at time 0.
  virtual double ProbabilityOfPurchases(std::span<const double> params, double t, int n) const = 0;

  /// Discounted expected residual transactions (DERT). `rate` is a continuous rate per time unit
  /// for the continuous-time models and a discrete rate per opportunity for BG/BB.
  virtual double DiscountedResidualTransactions(std::span<const double> params,
                                                const CustomerHistory& history,
                                                double rate) const = 0;

  /// A starting point for maximum likelihood when the user gives none.
  virtual std::vector<double> DefaultStartingPoint() const = 0;
};

/// The model of `kind`; throws InputError for gg and sbg, which are not purchase-count models.
std::unique_ptr<PurchaseModel> MakePurchaseModel(ModelKind kind);

}  // namespace clv
