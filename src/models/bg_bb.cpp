// SPDX-License-Identifier: MIT
// BG/BB kernels, written after BTYD's bgbb formulas as collected in REFERENCE.md §8.
#include "models/bg_bb.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "clv/error.h"
#include "models/model_factories.h"
#include "models/special_functions.h"

namespace clv::detail {
namespace {

constexpr std::array<std::string_view, 4> kParameterNames{"alpha", "beta", "gamma", "delta"};

struct Params {
  double alpha, beta, gamma, delta;
  explicit Params(std::span<const double> p) : alpha(p[0]), beta(p[1]), gamma(p[2]), delta(p[3]) {}
};

// One term of the likelihood sum (§8.1) with its gradient: the transaction part
// B(alpha + x, beta + m) / B(alpha, beta) times the dropout part
// B(gamma + g, delta + k) / B(gamma, delta), where g = 0 for the "still alive at n" term and 1
// for "dropped out after opportunity k".
struct Term {
  double value;
  std::array<double, 4> gradient;
};

Term LikelihoodTerm(const Params& p, double x, double m, double g, double k, bool want_gradient) {
  Term term{LogBeta(p.alpha + x, p.beta + m) - LogBeta(p.alpha, p.beta) +
                LogBeta(p.gamma + g, p.delta + k) - LogBeta(p.gamma, p.delta),
            {}};
  if (!want_gradient) return term;
  const double psi_ab = Digamma(p.alpha + p.beta);
  const double psi_abxm = Digamma(p.alpha + p.beta + x + m);
  const double psi_gd = Digamma(p.gamma + p.delta);
  const double psi_gdgk = Digamma(p.gamma + p.delta + g + k);
  term.gradient = {Digamma(p.alpha + x) - psi_abxm - Digamma(p.alpha) + psi_ab,
                   Digamma(p.beta + m) - psi_abxm - Digamma(p.beta) + psi_ab,
                   Digamma(p.gamma + g) - psi_gdgk - Digamma(p.gamma) + psi_gd,
                   Digamma(p.delta + k) - psi_gdgk - Digamma(p.delta) + psi_gd};
  return term;
}

// Running log-sum-exp of terms and of their gradients weighted by exp(term).
class LogSumExp {
 public:
  void Add(const Term& term) {
    if (term.value > max_) {
      const double rescale = std::exp(max_ - term.value);
      sum_ *= rescale;
      for (double& g : weighted_gradient_)
        g *= rescale;
      max_ = term.value;
    }
    const double share = std::exp(term.value - max_);
    sum_ += share;
    for (std::size_t k = 0; k < 4; ++k)
      weighted_gradient_[k] += share * term.gradient[k];
  }
  double Value() const { return max_ + std::log(sum_); }
  void Gradient(std::span<double> gradient) const {
    for (std::size_t k = 0; k < 4; ++k)
      gradient[k] = weighted_gradient_[k] / sum_;
  }

 private:
  double max_ = -std::numeric_limits<double>::infinity();
  double sum_ = 0;
  std::array<double, 4> weighted_gradient_{};
};

bool IsWholeNumber(double value) {
  return std::floor(value) == value;
}

// (1 - exp(difference)) / (gamma - 1), continuous at gamma = 1 where it equals the derivative of
// -difference in gamma, `slope_at_one` (the removable singularity of §13.3).
double DividedByGammaMinusOne(double difference, double gamma, double slope_at_one) {
  const double gamma_minus_one = gamma - 1.0;
  if (std::abs(gamma_minus_one) < 1e-7) return slope_at_one;
  return -std::expm1(difference) / gamma_minus_one;
}

// delta / (gamma - 1) * [1 - G(gamma+delta+m) G(1+delta+m+k) / (G(1+delta+m) G(gamma+delta+m+k))]
// with m = `from` and k = `count`: the bracket of E[X(n)] (m = 0) and of the conditional
// expectation (m = n), written as -expm1(.) / (gamma - 1) to keep digits.
double DropoutBracket(const Params& p, double from, double count) {
  const double difference = LogGamma(p.gamma + p.delta + from) +
                            LogGamma(1 + p.delta + from + count) - LogGamma(1 + p.delta + from) -
                            LogGamma(p.gamma + p.delta + from + count);
  const double slope = Digamma(1 + p.delta + from + count) - Digamma(1 + p.delta + from);
  // Both factors have the sign of gamma - 1, so the bracket is >= 0; clamp rounding noise.
  return std::max(0.0, p.delta * DividedByGammaMinusOne(difference, p.gamma, slope));
}

}  // namespace

double Hypergeometric2F1WithUnitA(double b, double c, double z) {
  // The terms (b)_j / (c)_j z^j shrink at least as fast as z^j once j > b - c.
  double term = 1.0;
  double sum = 1.0;
  for (int j = 0; j < 100'000'000; ++j) {
    term *= (b + j) / (c + j) * z;
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

std::span<const std::string_view> BgBbModel::ParameterNames() const {
  return kParameterNames;
}

std::string BgBbModel::CheckHistory(const CustomerHistory& history) const {
  std::string rule = PurchaseModel::CheckHistory(history);
  if (!rule.empty()) return rule;
  if (!IsWholeNumber(history.frequency) || !IsWholeNumber(history.recency) ||
      !IsWholeNumber(history.age)) {
    return "frequency, recency and periods must be whole numbers for bgbb";
  }
  if (history.frequency > history.recency) return "frequency must be <= recency for bgbb";
  return "";
}

double BgBbModel::LogLikelihood(std::span<const double> params, const CustomerHistory& history,
                                std::span<double> gradient) const {
  // §8.1: alive through all n opportunities, or dropped out after opportunity t_x + i.
  const Params p(params);
  const double x = history.frequency;
  const double t_x = history.recency;
  const double n = history.age;
  const bool want_gradient = !gradient.empty();
  LogSumExp sum;
  sum.Add(LikelihoodTerm(p, x, n - x, 0.0, n, want_gradient));
  for (double i = 0; i < n - t_x; i += 1.0) {
    sum.Add(LikelihoodTerm(p, x, t_x - x + i, 1.0, t_x + i, want_gradient));
  }
  if (want_gradient) sum.Gradient(gradient);
  return sum.Value();
}

double BgBbModel::ExpectedPurchasesNewCustomer(std::span<const double> params, double t) const {
  // §8.2 E[X(n)] = alpha / (alpha + beta) * delta / (gamma - 1) * [1 - ...].
  const Params p(params);
  return p.alpha / (p.alpha + p.beta) * DropoutBracket(p, 0.0, t);
}

double BgBbModel::ExpectedPurchases(std::span<const double> params, const CustomerHistory& history,
                                    double t) const {
  // §8.2 E[X(n, n + n*) | x, t_x, n] = B(alpha+x+1, beta+n-x)/B(alpha,beta) / L
  //   * Gamma(gamma+delta) Gamma(1+delta+n) / (Gamma(1+delta) Gamma(gamma+delta+n))
  //   * DropoutBracket(n, n*), after factoring the gamma ratio at n out of the paper's bracket.
  const Params p(params);
  const double x = history.frequency;
  const double n = history.age;
  const double log_transacting = LogBeta(p.alpha + x + 1, p.beta + n - x) -
                                 LogBeta(p.alpha, p.beta) - LogLikelihood(params, history, {});
  const double log_gamma_ratio = LogGamma(p.gamma + p.delta) - LogGamma(1 + p.delta) +
                                 LogGamma(1 + p.delta + n) - LogGamma(p.gamma + p.delta + n);
  return std::exp(log_transacting + log_gamma_ratio) * DropoutBracket(p, n, t);
}

double BgBbModel::ProbabilityAlive(std::span<const double> params, const CustomerHistory& history,
                                   double t) const {
  const Params p(params);
  const double x = history.frequency;
  const double n = history.age;
  const double log_alive = LogBeta(p.alpha + x, p.beta + n - x) - LogBeta(p.alpha, p.beta) +
                           LogBeta(p.gamma, p.delta + n + 1 + t) - LogBeta(p.gamma, p.delta) -
                           LogLikelihood(params, history, {});
  return std::exp(std::min(0.0, log_alive));
}

double BgBbModel::ProbabilityOfPurchases(std::span<const double> params, double t, int n) const {
  // §8.2 P(X(n) = k): alive throughout, or dropped out after opportunity i >= k.
  const Params p(params);
  const double opportunities = std::round(t);
  const double k = n;
  if (k < 0 || k > opportunities) return 0.0;
  const auto log_choose = [](double top, double bottom) {
    return LogGamma(top + 1) - LogGamma(bottom + 1) - LogGamma(top - bottom + 1);
  };
  const double log_b_ab = LogBeta(p.alpha, p.beta);
  const double log_b_gd = LogBeta(p.gamma, p.delta);
  double probability =
      std::exp(log_choose(opportunities, k) + LogBeta(p.alpha + k, p.beta + opportunities - k) -
               log_b_ab + LogBeta(p.gamma, p.delta + opportunities) - log_b_gd);
  for (double i = k; i < opportunities; i += 1.0) {
    probability += std::exp(log_choose(i, k) + LogBeta(p.alpha + k, p.beta + i - k) - log_b_ab +
                            LogBeta(p.gamma + 1, p.delta + i) - log_b_gd);
  }
  return probability;
}

double BgBbModel::DiscountedResidualTransactions(std::span<const double> params,
                                                 const CustomerHistory& history,
                                                 double rate) const {
  // §8.2 DERT(d) = B(alpha+x+1, beta+n-x)/B(alpha,beta) * B(gamma, delta+n+1)/B(gamma,delta)
  //               / (1+d) * 2F1(1, delta+n+1; gamma+delta+n+1; 1/(1+d)) / L.
  if (!(rate >= 0))
    throw InputError("bgbb discount rate must be >= 0, got " + std::to_string(rate));
  const Params p(params);
  const double x = history.frequency;
  const double n = history.age;
  const double b = p.delta + n + 1;
  const double c = p.gamma + p.delta + n + 1;
  const double log_scale = LogBeta(p.alpha + x + 1, p.beta + n - x) - LogBeta(p.alpha, p.beta) +
                           LogBeta(p.gamma, b) - LogBeta(p.gamma, p.delta) - std::log1p(rate) -
                           LogLikelihood(params, history, {});
  if (rate == 0) {
    // Gauss's sum at z = 1: finite only when gamma > 1 (dropout is certain enough).
    if (p.gamma <= 1) return std::numeric_limits<double>::infinity();
    return std::exp(log_scale) * (c - 1) / (c - b - 1);
  }
  return std::exp(log_scale) * Hypergeometric2F1WithUnitA(b, c, 1.0 / (1.0 + rate));
}

std::unique_ptr<PurchaseModel> MakeBgBbModel() {
  return std::make_unique<BgBbModel>();
}

}  // namespace clv::detail
