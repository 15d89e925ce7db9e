// SPDX-License-Identifier: MIT
#include "models/pareto_nbd.h"

#include <algorithm>
#include <array>
#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <cmath>
#include <string>

#include "clv/error.h"
#include "models/hypergeometric.h"
#include "models/model_factories.h"
#include "models/special_functions.h"

namespace clv::detail {
namespace {

constexpr std::array<std::string_view, 4> kParameterNames{"r", "alpha", "s", "beta"};

struct Parameters {
  double r, alpha, s, beta;
  explicit Parameters(std::span<const double> values)
      : r(values[0]), alpha(values[1]), s(values[2]), beta(values[3]) {}
};

// lnG(r+x) - lnG(r) and its derivative in r: the only terms of ln L that depend on x alone.
struct FrequencyTerms {
  double purchase_count = 0;
  double d_purchase_count_d_r = 0;
};

FrequencyTerms ComputeFrequencyTerms(const Parameters& p, double x, bool with_gradient) {
  return {.purchase_count = LogGamma(p.r + x) - LogGamma(p.r),
          .d_purchase_count_d_r = with_gradient ? Digamma(p.r + x) - Digamma(p.r) : 0.0};
}

// ln I(p, q; t) = ln int_t^inf (alpha+tau)^-p (beta+tau)^-q dtau with its partial derivatives.
struct LogTailIntegral {
  double value = 0;
  double d_p = 0, d_q = 0, d_alpha = 0, d_beta = 0;
};

// I = 2F1(c, q_or_p; c+1; z) / (c (big+t)^c), c = p + q - 1, where big is the larger of alpha
// and beta, its exponent is moved into c, and the 2F1 second argument is the other exponent
// (REFERENCE.md §6.1): z = |alpha - beta| / (big + t) stays in [0, 1).
LogTailIntegral ComputeLogTailIntegral(double p, double q, double alpha, double beta, double t,
                                       bool with_gradient) {
  const bool alpha_is_larger = alpha >= beta;
  const double big = alpha_is_larger ? alpha : beta;
  const double small = alpha_is_larger ? beta : alpha;
  const double c = p + q - 1;
  const double base = big + t;
  const double log_base = std::log(base);
  const double z = (big - small) / base;
  const double b = alpha_is_larger ? q : p;
  LogTailIntegral result;
  if (!with_gradient) {
    result.value = LogHyp2F1UnitGapValue(c, b, z) - c * log_base - std::log(c);
    return result;
  }
  const LogHypergeometric f = LogHyp2F1UnitGap(c, b, z);
  result.value = f.value - c * log_base - std::log(c);
  const double d_c = f.d_c - log_base - 1 / c;  // dc/dp = dc/dq = 1
  result.d_p = d_c + (alpha_is_larger ? 0 : f.d_b);
  result.d_q = d_c + (alpha_is_larger ? f.d_b : 0);
  const double d_big = -c / base + f.d_z * (small + t) / (base * base);
  const double d_small = -f.d_z / base;
  result.d_alpha = alpha_is_larger ? d_big : d_small;
  result.d_beta = alpha_is_larger ? d_small : d_big;
  return result;
}

// ln L = K + logaddexp(ln s + ln I(r+x, s+1; t_x), ln(r+x) + ln I(r+x+1, s; T)),
// K = lnG(r+x) - lnG(r) + r ln alpha + s ln beta (REFERENCE.md §6.1, subtraction-free form).
// Adds weight * d ln L / d params into `gradient` when it is not empty.
double CustomerLogLikelihood(const Parameters& p, const FrequencyTerms& terms,
                             const CustomerHistory& history, double weight,
                             std::span<double> gradient) {
  const double x = history.frequency;
  const double log_alpha = std::log(p.alpha), log_beta = std::log(p.beta);
  const LogTailIntegral died =
      ComputeLogTailIntegral(p.r + x, p.s + 1, p.alpha, p.beta, history.recency, !gradient.empty());
  const LogTailIntegral survived =
      ComputeLogTailIntegral(p.r + x + 1, p.s, p.alpha, p.beta, history.age, !gradient.empty());
  const double u1 = std::log(p.s) + died.value;
  const double u2 = std::log(p.r + x) + survived.value;
  const double k = terms.purchase_count + p.r * log_alpha + p.s * log_beta;
  if (!gradient.empty()) {
    const double w1 = Logistic(u1 - u2), w2 = 1 - w1;
    gradient[0] += weight * (terms.d_purchase_count_d_r + log_alpha + w1 * died.d_p +
                             w2 * (1 / (p.r + x) + survived.d_p));
    gradient[1] += weight * (p.r / p.alpha + w1 * died.d_alpha + w2 * survived.d_alpha);
    gradient[2] += weight * (log_beta + w1 * (1 / p.s + died.d_q) + w2 * survived.d_q);
    gradient[3] += weight * (p.s / p.beta + w1 * died.d_beta + w2 * survived.d_beta);
  }
  return weight * (k + LogAddExp(u1, u2));
}

// P(alive | x, t_x, T) = exp(K - (r+x) ln(alpha+T) - s ln(beta+T) - ln L) (REFERENCE.md §6.2):
// the "alive at T" part of L over L, so it never exceeds 1 and cannot overflow (§13.8).
double ProbabilityAliveNow(const Parameters& p, const CustomerHistory& history) {
  const double x = history.frequency;
  const double log_alive_part =
      LogGamma(p.r + x) - LogGamma(p.r) + p.r * std::log(p.alpha) + p.s * std::log(p.beta) -
      (p.r + x) * std::log(p.alpha + history.age) - p.s * std::log(p.beta + history.age);
  const double log_likelihood =
      CustomerLogLikelihood(p, ComputeFrequencyTerms(p, x, false), history, 1, {});
  return std::min(1.0, std::exp(log_alive_part - log_likelihood));
}

}  // namespace

std::span<const std::string_view> ParetoNbdModel::ParameterNames() const {
  return kParameterNames;
}

double ParetoNbdModel::LogLikelihood(std::span<const double> params, const CustomerHistory& history,
                                     std::span<double> gradient) const {
  ValidateParameters(params);
  const Parameters p(params);
  std::fill(gradient.begin(), gradient.end(), 0.0);
  const FrequencyTerms terms = ComputeFrequencyTerms(p, history.frequency, !gradient.empty());
  return CustomerLogLikelihood(p, terms, history, 1, gradient);
}

double ParetoNbdModel::SumLogLikelihood(std::span<const double> params,
                                        std::span<const CustomerHistory> histories,
                                        std::span<const double> weights,
                                        std::span<double> gradient) const {
  ValidateParameters(params);
  const Parameters p(params);
  const bool with_gradient = !gradient.empty();
  FrequencyTermsCache cache(histories,
                            [&](double x) { return ComputeFrequencyTerms(p, x, with_gradient); });
  double total = 0;
  for (std::size_t i = 0; i < histories.size(); ++i) {
    const double weight = weights.empty() ? 1.0 : weights[i];
    total +=
        CustomerLogLikelihood(p, cache.Get(histories[i].frequency), histories[i], weight, gradient);
  }
  return total;
}

// E[X(t)] = (r beta / alpha) G(s-1, ln(1 + t/beta)), G(k, y) = -expm1(-k y)/k (REFERENCE.md
// §6.2), exact at s = 1 (§13.3).
double ParetoNbdModel::ExpectedPurchasesNewCustomer(std::span<const double> params,
                                                    double t) const {
  ValidateParameters(params);
  const Parameters p(params);
  return p.r * p.beta / p.alpha * ExpIntegralOfRate(p.s - 1, std::log1p(t / p.beta));
}

// E[Y(t) | x, t_x, T] = P(alive) (r+x)(beta+T)/(alpha+T) G(s-1, ln(1 + t/(beta+T))) (§6.2).
double ParetoNbdModel::ExpectedPurchases(std::span<const double> params,
                                         const CustomerHistory& history, double t) const {
  ValidateParameters(params);
  const Parameters p(params);
  const double x = history.frequency, beta_age = p.beta + history.age;
  return ProbabilityAliveNow(p, history) * (p.r + x) * beta_age / (p.alpha + history.age) *
         ExpIntegralOfRate(p.s - 1, std::log1p(t / beta_age));
}

double ParetoNbdModel::ProbabilityAlive(std::span<const double> params,
                                        const CustomerHistory& history, double t) const {
  ValidateParameters(params);
  const Parameters p(params);
  const double survival = std::exp(-p.s * std::log1p(t / (p.beta + history.age)));
  return ProbabilityAliveNow(p, history) * survival;
}

// P(X(t) = n) by the one-dimensional form of REFERENCE.md §6.2, safe for any n (the closed form
// subtracts nearly equal terms for large n, §13.2):
//   NB(n, t) (beta/(beta+t))^s + int_0^t NB(n, u) s beta^s / (beta+u)^(s+1) du,
//   NB(n, u) = Gamma(r+n)/(Gamma(r) n!) (alpha/(alpha+u))^r (u/(alpha+u))^n.
double ParetoNbdModel::ProbabilityOfPurchases(std::span<const double> params, double t,
                                              int n) const {
  ValidateParameters(params);
  if (n < 0) throw InputError("number of purchases must be >= 0, got " + std::to_string(n));
  const Parameters p(params);
  const double log_count = LogGamma(p.r + n) - LogGamma(p.r) - LogGamma(n + 1.0);
  const auto log_negative_binomial = [&](double u) {
    const double log_share = n > 0 ? n * std::log(u / (p.alpha + u)) : 0.0;
    return log_count - p.r * std::log1p(u / p.alpha) + log_share;
  };
  const double alive = std::exp(log_negative_binomial(t) - p.s * std::log1p(t / p.beta));
  if (t <= 0) return std::min(1.0, alive);
  // Integrated over v = u / t in [0, 1]: Boost's adaptive Gauss-Kronrod compares an unscaled
  // error estimate with a scaled tolerance, so a short interval would never converge.
  const auto died_at = [&](double v) {
    const double u = v * t;
    return t * std::exp(log_negative_binomial(u) + std::log(p.s / p.beta) -
                        (p.s + 1) * std::log1p(u / p.beta));
  };
  constexpr unsigned kMaxBisections = 15;
  const double died = boost::math::quadrature::gauss_kronrod<double, 31>::integrate(
      died_at, 0.0, 1.0, kMaxBisections, 1e-11);
  return std::clamp(alive + died, 0.0, 1.0);
}

// DERT (Fader, Hardie & Lee 2005, "RFM and CLV", eq. 2; REFERENCE.md §6.2):
//   P(alive) (r+x)/(alpha+T) E[1/(mu + delta)],  mu ~ Gamma(s, beta+T),
//   E[1/(mu + delta)] = (beta+T) y^(s-1) e^y Gamma(1-s, y),  y = delta (beta+T),
// with the upper incomplete gamma defined for 1 - s <= 0 too (§13.12). y^(s-1) e^y Gamma(1-s, y)
// is e^y E_s(y), evaluated as one quantity so that neither factor overflows for large s.
double ParetoNbdModel::DiscountedResidualTransactions(std::span<const double> params,
                                                      const CustomerHistory& history,
                                                      double rate) const {
  ValidateParameters(params);
  ValidateDiscountRate(rate);
  const Parameters p(params);
  const double beta_age = p.beta + history.age;
  const double y = rate * beta_age;
  const double discounted_lifetime = beta_age * ScaledExponentialIntegral(p.s, y);
  return ProbabilityAliveNow(p, history) * (p.r + history.frequency) / (p.alpha + history.age) *
         discounted_lifetime;
}

std::unique_ptr<PurchaseModel> MakeParetoNbdModel() {
  return std::make_unique<ParetoNbdModel>();
}

}  // namespace clv::detail
