// SPDX-License-Identifier: MIT
// The Gamma-Gamma spend model (Fader & Hardie 2013; REFERENCE.md §9).
//
// Mapping to the paper, stated once: frequency = x (repeat purchases), monetary_value = zbar
// (mean spend of the repeat purchases); parameters (p, q, v) with v the paper's gamma.
// Parameters travel as a span {p, q, v}, natural scale. Every function is pure and thread safe.
#pragma once

#include <span>

namespace clv {

/// ln f(monetary_value | frequency) for a repeat buyer (frequency >= 1, monetary_value > 0);
/// fills d ln f / d(p, q, v) into `gradient` when it is not empty.
double GammaGammaLogDensity(std::span<const double> params, double frequency, double monetary_value,
                            std::span<double> gradient = {});

/// The terms of ln f that depend on the parameters and the frequency only: many customers
/// share a frequency, so a fit computes these once per distinct frequency, not per customer.
struct GammaGammaFrequencyTerms {
  double log_gamma_ratio = 0;  ///< lnG(p x + q) - lnG(p x) - lnG(q) + q ln v
  double digamma_sum = 0;      ///< psi(p x + q), with a gradient
  double digamma_px = 0;       ///< psi(p x), with a gradient
  double digamma_q = 0;        ///< psi(q), with a gradient
  double log_v = 0;            ///< ln v
};

/// The frequency terms at `params` and `frequency`; the digammas only when `with_gradient`.
GammaGammaFrequencyTerms GammaGammaTermsOfFrequency(std::span<const double> params,
                                                    double frequency, bool with_gradient);

/// ln f as GammaGammaLogDensity, from the frequency terms and the logarithms of the frequency
/// and the monetary value (constants of a customer that a fit computes once).
double GammaGammaLogDensity(std::span<const double> params, double frequency, double monetary_value,
                            double log_frequency, double log_monetary_value,
                            const GammaGammaFrequencyTerms& terms, std::span<double> gradient);

/// E[M]: the population mean spend per transaction, p v / (q - 1). For q <= 1 the mean is
/// infinite (REFERENCE.md §13.10) and this returns +infinity.
double GammaGammaPopulationMeanSpend(std::span<const double> params);

/// E[M | frequency, monetary_value]: the expected spend per future transaction,
/// p (v + x zbar) / (p x + q - 1). For frequency 0 it is the population mean. When p x + q <= 1
/// the posterior mean is infinite and this returns +infinity; callers treat that as a status.
double GammaGammaConditionalExpectedSpend(std::span<const double> params, double frequency,
                                          double monetary_value);

}  // namespace clv
