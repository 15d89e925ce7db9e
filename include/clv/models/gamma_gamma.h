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

/// E[M]: the population mean spend per transaction, p v / (q - 1). For q <= 1 the mean is
/// infinite (REFERENCE.md §13.10) and this returns +infinity.
double GammaGammaPopulationMeanSpend(std::span<const double> params);

/// E[M | frequency, monetary_value]: the expected spend per future transaction,
/// p (v + x zbar) / (p x + q - 1). For frequency 0 it is the population mean. When p x + q <= 1
/// the posterior mean is infinite and this returns +infinity; callers treat that as a status.
double GammaGammaConditionalExpectedSpend(std::span<const double> params, double frequency,
                                          double monetary_value);

}  // namespace clv
