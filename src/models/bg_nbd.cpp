// SPDX-License-Identifier: MIT
#include "models/bg_nbd.h"

#include <algorithm>
#include <array>
#include <boost/math/quadrature/tanh_sinh.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <cmath>
#include <limits>
#include <numbers>
#include <string>

#include "clv/error.h"
#include "models/hypergeometric.h"
#include "models/model_factories.h"
#include "models/special_functions.h"

namespace clv::detail {
namespace {

constexpr std::array<std::string_view, 4> kParameterNames{"r", "alpha", "a", "b"};

// Series terms allowed before a prediction switches to quadrature over the drop-out probability.
constexpr int kSeriesBudget = 5000;

struct Parameters {
  double r, alpha, a, b;
  explicit Parameters(std::span<const double> values)
      : r(values[0]), alpha(values[1]), a(values[2]), b(values[3]) {}
};

// The parts of ln L that depend only on the parameters and x (REFERENCE.md §4.1, §5.1), with
// their derivatives; SumLogLikelihood caches them per frequency. b_x = b + x + shift is the
// posterior Beta parameter (shift 1 for MBG/NBD, whose first purchase is also survived).
struct FrequencyTerms {
  double purchase_count = 0;      // lnG(r+x) - lnG(r)                  (A1 without r ln alpha)
  double dropout = 0;             // lnB(a, b_x) - lnB(a, b)            (A2)
  bool may_have_dropped = false;  // whether the "dropped after the last purchase" term exists
  double log_dropout_odds = 0;    // ln a - ln(b_x - 1)              (A4 without t_x)
  double d_purchase_count_d_r = 0;
  double d_dropout_d_a = 0;
  double d_dropout_d_b = 0;
  double inverse_b_x_minus_one = 0;
};

FrequencyTerms ComputeFrequencyTerms(const Parameters& p, double x, double shift,
                                     bool with_gradient) {
  const double b_x = p.b + x + shift;
  FrequencyTerms terms;
  terms.purchase_count = LogGamma(p.r + x) - LogGamma(p.r);
  terms.dropout = LogGamma(b_x) - LogGamma(p.a + b_x) - LogGamma(p.b) + LogGamma(p.a + p.b);
  terms.may_have_dropped = x > 0 || shift > 0;
  if (terms.may_have_dropped) terms.log_dropout_odds = std::log(p.a) - std::log(b_x - 1);
  if (with_gradient) {
    const double digamma_a_b = Digamma(p.a + p.b);
    const double digamma_a_b_x = Digamma(p.a + b_x);
    terms.d_purchase_count_d_r = Digamma(p.r + x) - Digamma(p.r);
    terms.d_dropout_d_a = digamma_a_b - digamma_a_b_x;
    terms.d_dropout_d_b = Digamma(b_x) - digamma_a_b_x - Digamma(p.b) + digamma_a_b;
    if (terms.may_have_dropped) terms.inverse_b_x_minus_one = 1 / (b_x - 1);
  }
  return terms;
}

// ln L of one customer, adding weight * d ln L / d params into `gradient` when it is not empty:
//   ln L = A1 + A2 + A3                  when the customer cannot have dropped out
//   ln L = A1 + A2 + logaddexp(A3, A4)   otherwise (REFERENCE.md §4.1, §5.1).
double CustomerLogLikelihood(const Parameters& p, const FrequencyTerms& terms, double log_alpha,
                             const CustomerHistory& history, double weight,
                             std::span<double> gradient) {
  const double x = history.frequency;
  const double log_alpha_age = std::log(p.alpha + history.age);
  const double a3 = -(p.r + x) * log_alpha_age;
  double log_likelihood = terms.purchase_count + p.r * log_alpha + terms.dropout;
  double log_alpha_recency = 0;
  double dropped_weight = 0;  // share of A4 in logaddexp(A3, A4)
  if (terms.may_have_dropped) {
    log_alpha_recency = std::log(p.alpha + history.recency);
    const double a4 = terms.log_dropout_odds - (p.r + x) * log_alpha_recency;
    log_likelihood += LogAddExp(a3, a4);
    dropped_weight = Logistic(a4 - a3);
  } else {
    log_likelihood += a3;
  }
  if (!gradient.empty()) {
    const double alive_weight = 1 - dropped_weight;
    gradient[0] += weight * (terms.d_purchase_count_d_r + log_alpha - alive_weight * log_alpha_age -
                             dropped_weight * log_alpha_recency);
    gradient[1] +=
        weight * (p.r / p.alpha - (p.r + x) * (alive_weight / (p.alpha + history.age) +
                                               dropped_weight / (p.alpha + history.recency)));
    gradient[2] += weight * (terms.d_dropout_d_a + dropped_weight / p.a);
    gradient[3] += weight * (terms.d_dropout_d_b - dropped_weight * terms.inverse_b_x_minus_one);
  }
  return weight * log_likelihood;
}

// An active customer's posterior: lambda ~ Gamma(shape, rate), p ~ Beta(a, b).
struct ActivePosterior {
  double shape, rate, a, b;
};

ActivePosterior PosteriorOf(const Parameters& p, const CustomerHistory& history, double shift) {
  return {p.r + history.frequency, p.alpha + history.age, p.a, p.b + history.frequency + shift};
}

// E[f(p)] for p ~ Beta(a, b) by tanh-sinh quadrature on p < 1/2 and p > 1/2. Substituting
// p = v^(1/a) on the left and 1 - p = w^(1/b) on the right turns the density into
// (1-p)^(b-1) dv / (a B(a, b)) and p^(a-1) dw / (b B(a, b)): bounded for every a, b > 0, so tiny
// shapes (where nearly all mass sits at an end point) lose nothing.
template <typename Function>
double ExpectOverDropoutProbability(double a, double b, const Function& f) {
  const double log_beta = LogBeta(a, b);
  const auto left = [&](double v) {
    const double log_p = std::log(v) / a;
    return std::exp((b - 1) * std::log1p(-std::exp(log_p)) - std::log(a) - log_beta) *
           f(std::exp(log_p));
  };
  const auto right = [&](double w) {
    const double one_minus_p = std::exp(std::log(w) / b);
    return std::exp((a - 1) * std::log1p(-one_minus_p) - std::log(b) - log_beta) *
           f(1 - one_minus_p);
  };
  boost::math::quadrature::tanh_sinh<double> integrator;
  constexpr double kTolerance = 1e-10;
  return integrator.integrate(left, 0.0, std::exp(-a * std::numbers::ln2), kTolerance) +
         integrator.integrate(right, 0.0, std::exp(-b * std::numbers::ln2), kTolerance);
}

// E[(1 - e^(-lambda p t)) / p] over the posterior: expected purchases in the next t while
// active (REFERENCE.md §4.2 eq. 10, §5.2), with the Euler-transformed bracket
//   (a+b-1)/(a-1) [1 - (1-z)^(a-1) 2F1(a+b-1-shape, a-1; a+b-1; z)],  z = t / (rate + t).
double ExpectedPurchasesWhileActive(const ActivePosterior& post, double t) {
  if (t <= 0) return 0;
  const double c = post.a + post.b - 1;
  const double z = t / (post.rate + t);
  if (c > 0) {
    const SeriesValue bracket =
        EulerBracketOverExponent(c - post.shape, post.a - 1, c, z, kSeriesBudget);
    if (bracket.converged && std::isfinite(bracket.value)) return c * bracket.value;
  }
  const double scaled_horizon = t / post.rate;
  return ExpectOverDropoutProbability(post.a, post.b, [&](double p) {
    if (p == 0) return post.shape * scaled_horizon;
    return -std::expm1(-post.shape * std::log1p(p * scaled_horizon)) / p;
  });
}

// E[exp(-lambda p t)] over the posterior: the chance of surviving every purchase in the next t,
//   (1-z)^a 2F1(a, a+b-shape; a+b; z)   (Pfaff transformation of E[(1 + p t/rate)^-shape]).
double SurvivalWhileActive(const ActivePosterior& post, double t) {
  if (t <= 0) return 1;
  const double z = t / (post.rate + t);
  const SeriesValue series =
      Hyp2F1Series(post.a, post.a + post.b - post.shape, post.a + post.b, z, kSeriesBudget);
  const double value = std::exp(post.a * std::log1p(-z)) * series.value;
  if (series.converged && std::isfinite(value)) return std::clamp(value, 0.0, 1.0);
  const double scaled_horizon = t / post.rate;
  return ExpectOverDropoutProbability(post.a, post.b, [&](double p) {
    return std::exp(-post.shape * std::log1p(p * scaled_horizon));
  });
}

// ln P(alive | x, t_x, T) = -log1p(exp(ln a - ln(b_x - 1) + (r+x) ln((alpha+T)/(alpha+t_x))))
// (REFERENCE.md §4.2, §5.2); exactly 0 for a BG/NBD zero-repeater (§13.7).
double LogProbabilityAliveNow(const Parameters& p, const CustomerHistory& history, double shift) {
  const double x = history.frequency;
  if (x == 0 && shift == 0) return 0;
  const double log_odds =
      std::log(p.a) - std::log(p.b + x + shift - 1) +
      (p.r + x) * std::log1p((history.age - history.recency) / (p.alpha + history.recency));
  return -Log1pExp(log_odds);
}

}  // namespace

ModelKind BetaGeometricNbdModel::kind() const {
  return dropout_ == DropoutOpportunity::kRepeatPurchases ? ModelKind::kBgNbd
                                                          : ModelKind::kModifiedBgNbd;
}

std::span<const std::string_view> BetaGeometricNbdModel::ParameterNames() const {
  return kParameterNames;
}

double BetaGeometricNbdModel::LogLikelihood(std::span<const double> params,
                                            const CustomerHistory& history,
                                            std::span<double> gradient) const {
  ValidateParameters(params);
  const Parameters p(params);
  std::fill(gradient.begin(), gradient.end(), 0.0);
  const FrequencyTerms terms =
      ComputeFrequencyTerms(p, history.frequency, DropoutShift(), !gradient.empty());
  return CustomerLogLikelihood(p, terms, std::log(p.alpha), history, 1, gradient);
}

double BetaGeometricNbdModel::SumLogLikelihood(std::span<const double> params,
                                               std::span<const CustomerHistory> histories,
                                               std::span<const double> weights,
                                               std::span<double> gradient) const {
  ValidateParameters(params);
  const Parameters p(params);
  const double log_alpha = std::log(p.alpha);
  const bool with_gradient = !gradient.empty();
  FrequencyTermsCache cache(histories, [&](double x) {
    return ComputeFrequencyTerms(p, x, DropoutShift(), with_gradient);
  });
  double total = 0;
  for (std::size_t i = 0; i < histories.size(); ++i) {
    const double weight = weights.empty() ? 1.0 : weights[i];
    total += CustomerLogLikelihood(p, cache.Get(histories[i].frequency), log_alpha, histories[i],
                                   weight, gradient);
  }
  return total;
}

double BetaGeometricNbdModel::ExpectedPurchasesNewCustomer(std::span<const double> params,
                                                           double t) const {
  return ExpectedPurchases(params, CustomerHistory{}, t);
}

double BetaGeometricNbdModel::ExpectedPurchases(std::span<const double> params,
                                                const CustomerHistory& history, double t) const {
  ValidateParameters(params);
  const Parameters p(params);
  const double alive = std::exp(LogProbabilityAliveNow(p, history, DropoutShift()));
  return alive * ExpectedPurchasesWhileActive(PosteriorOf(p, history, DropoutShift()), t);
}

double BetaGeometricNbdModel::ProbabilityAlive(std::span<const double> params,
                                               const CustomerHistory& history, double t) const {
  ValidateParameters(params);
  const Parameters p(params);
  const double alive = std::exp(LogProbabilityAliveNow(p, history, DropoutShift()));
  return alive * SurvivalWhileActive(PosteriorOf(p, history, DropoutShift()), t);
}

// P(X(t) = n) (REFERENCE.md §4.2 eq. 8, §5.2): customers still active at t with n purchases,
// plus those who dropped out after their n-th, whose purchase-count tail is ibeta(n, r, q).
double BetaGeometricNbdModel::ProbabilityOfPurchases(std::span<const double> params, double t,
                                                     int n) const {
  ValidateParameters(params);
  if (n < 0) throw InputError("number of purchases must be >= 0, got " + std::to_string(n));
  const Parameters p(params);
  const double shift = DropoutShift();
  const double q = t / (p.alpha + t);
  const double log_b_ab = LogBeta(p.a, p.b);
  const double log_active = LogBeta(p.a, p.b + n + shift) - log_b_ab + LogGamma(p.r + n) -
                            LogGamma(p.r) - LogGamma(n + 1.0) - p.r * std::log1p(t / p.alpha) +
                            (n > 0 ? n * std::log(q) : 0.0);
  double probability = std::exp(log_active);
  if (n > 0 || shift > 0) {
    const double purchases_tail = n > 0 ? boost::math::ibeta(static_cast<double>(n), p.r, q) : 1;
    probability += std::exp(LogBeta(p.a + 1, p.b + n + shift - 1) - log_b_ab) * purchases_tail;
  }
  return std::min(probability, 1.0);  // log-gamma differences may round just above 1
}

// DERT by the route of REFERENCE.md §11.2, delta int_0^inf e^(-delta tau) E[Y(tau)] dtau, with
// the integrals over tau and lambda done in closed form: for an active customer
//   delta int e^(-delta tau) (1 - e^(-lambda p tau)) / p dtau = lambda / (delta + lambda p),
//   E[lambda / (delta + lambda p)] = (k/p) e^y E_{k+1}(y),  lambda ~ Gamma(k, R), y = delta R / p,
// (size-biasing lambda to Gamma(k+1, R)), leaving one adaptive quadrature over p.
double BetaGeometricNbdModel::DiscountedResidualTransactions(std::span<const double> params,
                                                             const CustomerHistory& history,
                                                             double rate) const {
  ValidateParameters(params);
  ValidateDiscountRate(rate);
  const Parameters p(params);
  const ActivePosterior post = PosteriorOf(p, history, DropoutShift());
  const double undiscounted_scale = post.shape / (rate * post.rate);  // k / (delta R)
  const double discounted_while_active =
      ExpectOverDropoutProbability(post.a, post.b, [&](double dropout) {
        const double y = rate * post.rate / dropout;
        if (!std::isfinite(y)) return undiscounted_scale;  // y e^y E_n(y) -> 1 as y -> inf
        return undiscounted_scale * (y * ScaledExponentialIntegral(post.shape + 1, y));
      });
  return std::exp(LogProbabilityAliveNow(p, history, DropoutShift())) * discounted_while_active;
}

std::vector<double> BetaGeometricNbdModel::DefaultStartingPoint() const {
  return {1, 1, 1, 1};
}

std::unique_ptr<PurchaseModel> MakeBgNbdModel() {
  return std::make_unique<BgNbdModel>();
}

}  // namespace clv::detail
