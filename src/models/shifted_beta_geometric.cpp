// SPDX-License-Identifier: MIT
// sBG kernels (REFERENCE.md §10): survival, churn, retention, the cohort log-likelihood, and
// the discounted lifetimes DEL and DERL (Fader & Hardie 2010, eq. 6).
#include "clv/models/shifted_beta_geometric.h"

#include <cmath>

#include "models/bg_bb.h"
#include "models/special_functions.h"

namespace clv {
namespace {

using detail::Digamma;
using detail::LogBeta;

// ln S(t) = lnB(alpha, beta + t) - lnB(alpha, beta).
double LogSurvival(double alpha, double beta, double t) {
  return LogBeta(alpha, beta + t) - LogBeta(alpha, beta);
}

// ln P(T = t) = lnB(alpha + 1, beta + t - 1) - lnB(alpha, beta).
double LogChurn(double alpha, double beta, double t) {
  return LogBeta(alpha + 1, beta + t - 1) - LogBeta(alpha, beta);
}

}  // namespace

double SbgSurvival(std::span<const double> params, int period) {
  return std::exp(LogSurvival(params[0], params[1], period));
}

double SbgChurnProbability(std::span<const double> params, int period) {
  return std::exp(LogChurn(params[0], params[1], period));
}

double SbgRetentionRate(std::span<const double> params, int period) {
  const double alpha = params[0];
  const double beta = params[1];
  return (beta + period - 1) / (alpha + beta + period - 1);
}

double SbgLogLikelihood(std::span<const double> params, std::span<const double> active_customers,
                        std::span<double> gradient) {
  // LL = sum_t n_t ln P(T = t) + (still active at the last period) ln S(last), n_t lost in t.
  const double alpha = params[0];
  const double beta = params[1];
  const double psi_ab = Digamma(alpha + beta);
  const bool want_gradient = !gradient.empty();
  double log_likelihood = 0;
  double d_alpha = 0;
  double d_beta = 0;
  for (std::size_t t = 1; t < active_customers.size(); ++t) {
    const double lost = active_customers[t - 1] - active_customers[t];
    if (lost == 0) continue;
    const double period = static_cast<double>(t);
    log_likelihood += lost * LogChurn(alpha, beta, period);
    if (!want_gradient) continue;
    const double psi_all = Digamma(alpha + beta + period);
    d_alpha += lost * (Digamma(alpha + 1) - psi_all - Digamma(alpha) + psi_ab);
    d_beta += lost * (Digamma(beta + period - 1) - psi_all - Digamma(beta) + psi_ab);
  }
  const double last = static_cast<double>(active_customers.size() - 1);
  const double survivors = active_customers.back();
  if (survivors > 0) {
    log_likelihood += survivors * LogSurvival(alpha, beta, last);
    if (want_gradient) {
      const double psi_all = Digamma(alpha + beta + last);
      d_alpha += survivors * (psi_ab - psi_all);
      d_beta += survivors * (Digamma(beta + last) - psi_all - Digamma(beta) + psi_ab);
    }
  }
  if (want_gradient) {
    gradient[0] = d_alpha;
    gradient[1] = d_beta;
  }
  return log_likelihood;
}

double SbgDiscountedExpectedLifetime(std::span<const double> params, double discount_rate) {
  // DEL(d) = 2F1(1, beta; alpha + beta; 1 / (1 + d)).
  return detail::Hypergeometric2F1WithUnitA(params[1], params[0] + params[1],
                                            1.0 / (1.0 + discount_rate));
}

double SbgDiscountedExpectedResidualLifetime(std::span<const double> params, double discount_rate,
                                             int renewals) {
  // DERL(d | n-1 renewals) = (beta+n-1)/(alpha+beta+n-1) * 2F1(1, beta+n; alpha+beta+n; 1/(1+d)).
  const double alpha = params[0];
  const double beta = params[1];
  const double n = renewals + 1.0;
  return (beta + n - 1) / (alpha + beta + n - 1) *
         detail::Hypergeometric2F1WithUnitA(beta + n, alpha + beta + n,
                                            1.0 / (1.0 + discount_rate));
}

}  // namespace clv
