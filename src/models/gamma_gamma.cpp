// SPDX-License-Identifier: MIT
// Gamma-Gamma spend kernels (REFERENCE.md §9). In the paper's notation x = frequency,
// zbar = monetary value, and (p, q, v) with v the paper's gamma.
#include "clv/models/gamma_gamma.h"

#include <cmath>
#include <limits>

#include "models/special_functions.h"

namespace clv {

double GammaGammaLogDensity(std::span<const double> params, double frequency, double monetary_value,
                            std::span<double> gradient) {
  // ln f = lnG(px+q) - lnG(px) - lnG(q) + q ln v + (px-1) ln zbar + px ln x - (px+q) ln(v+x zbar)
  const double p = params[0];
  const double q = params[1];
  const double v = params[2];
  const double x = frequency;
  const double px = p * x;
  const double log_zbar = std::log(monetary_value);
  const double log_x = std::log(x);
  const double log_v = std::log(v);
  const double log_posterior_rate = std::log(v + x * monetary_value);
  if (!gradient.empty()) {
    const double psi_sum = detail::Digamma(px + q);
    gradient[0] = x * (psi_sum - detail::Digamma(px) + log_zbar + log_x - log_posterior_rate);
    gradient[1] = psi_sum - detail::Digamma(q) + log_v - log_posterior_rate;
    gradient[2] = q / v - (px + q) / (v + x * monetary_value);
  }
  return detail::LogGamma(px + q) - detail::LogGamma(px) - detail::LogGamma(q) + q * log_v +
         (px - 1) * log_zbar + px * log_x - (px + q) * log_posterior_rate;
}

double GammaGammaPopulationMeanSpend(std::span<const double> params) {
  const double p = params[0];
  const double q = params[1];
  const double v = params[2];
  // The mean of nu^-1 ~ InvGamma(q, v) is finite only for q > 1 (§13.10).
  if (q <= 1) return std::numeric_limits<double>::infinity();
  return p * v / (q - 1);
}

double GammaGammaConditionalExpectedSpend(std::span<const double> params, double frequency,
                                          double monetary_value) {
  if (frequency <= 0) return GammaGammaPopulationMeanSpend(params);
  const double p = params[0];
  const double q = params[1];
  const double v = params[2];
  const double denominator = p * frequency + q - 1;
  if (denominator <= 0) return std::numeric_limits<double>::infinity();
  return p * (v + frequency * monetary_value) / denominator;
}

}  // namespace clv
