// SPDX-License-Identifier: MIT
// Gamma-Gamma spend kernels (REFERENCE.md §9). In the paper's notation x = frequency,
// zbar = monetary value, and (p, q, v) with v the paper's gamma.
#include "clv/models/gamma_gamma.h"

#include <cmath>
#include <limits>

#include "models/special_functions.h"

namespace clv {

GammaGammaFrequencyTerms GammaGammaTermsOfFrequency(std::span<const double> params,
                                                    double frequency, bool with_gradient) {
  const double p = params[0];
  const double q = params[1];
  const double v = params[2];
  const double px = p * frequency;
  GammaGammaFrequencyTerms terms;
  terms.log_v = std::log(v);
  terms.log_gamma_ratio =
      detail::LogGamma(px + q) - detail::LogGamma(px) - detail::LogGamma(q) + q * terms.log_v;
  if (with_gradient) {
    terms.digamma_sum = detail::Digamma(px + q);
    terms.digamma_px = detail::Digamma(px);
    terms.digamma_q = detail::Digamma(q);
  }
  return terms;
}

double GammaGammaLogDensity(std::span<const double> params, double frequency, double monetary_value,
                            double log_frequency, double log_monetary_value,
                            const GammaGammaFrequencyTerms& terms, std::span<double> gradient) {
  // ln f = lnG(px+q) - lnG(px) - lnG(q) + q ln v + (px-1) ln zbar + px ln x - (px+q) ln(v+x zbar)
  const double p = params[0];
  const double q = params[1];
  const double v = params[2];
  const double x = frequency;
  const double px = p * x;
  const double log_posterior_rate = std::log(v + x * monetary_value);
  if (!gradient.empty()) {
    gradient[0] = x * (terms.digamma_sum - terms.digamma_px + log_monetary_value + log_frequency -
                       log_posterior_rate);
    gradient[1] = terms.digamma_sum - terms.digamma_q + terms.log_v - log_posterior_rate;
    gradient[2] = q / v - (px + q) / (v + x * monetary_value);
  }
  return terms.log_gamma_ratio + (px - 1) * log_monetary_value + px * log_frequency -
         (px + q) * log_posterior_rate;
}

double GammaGammaLogDensity(std::span<const double> params, double frequency, double monetary_value,
                            std::span<double> gradient) {
  return GammaGammaLogDensity(
      params, frequency, monetary_value, std::log(frequency), std::log(monetary_value),
      GammaGammaTermsOfFrequency(params, frequency, !gradient.empty()), gradient);
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
