// SPDX-License-Identifier: MIT
// The shifted-beta-geometric (sBG) model of contractual retention (Fader & Hardie 2007; DEL and
// DERL from Fader & Hardie 2010; REFERENCE.md §10).
//
// Each customer renews at the end of each period until churning with probability
// theta ~ Beta(alpha, beta). Parameters travel as a span {alpha, beta}, natural scale. Periods
// are whole numbers: period 0 is acquisition. Every function is pure and thread safe.
#pragma once

#include <span>

namespace clv {

/// S(t): the share of a cohort still active at the start of period t (S(0) = 1).
double SbgSurvival(std::span<const double> params, int period);

/// P(T = t): the share of the cohort lost during period t >= 1.
double SbgChurnProbability(std::span<const double> params, int period);

/// r_t = S(t) / S(t - 1), the retention rate of period t >= 1; it rises with t.
double SbgRetentionRate(std::span<const double> params, int period);

/// Log-likelihood of one cohort, `active_customers[t]` active at the start of period t
/// (REFERENCE.md §10); fills d LL / d(alpha, beta) when `gradient` is not empty.
double SbgLogLikelihood(std::span<const double> params, std::span<const double> active_customers,
                        std::span<double> gradient = {});

/// DEL(d): discounted expected lifetime (in periods, first payment included and undiscounted)
/// of a just-acquired customer at discount rate d > 0 per period.
double SbgDiscountedExpectedLifetime(std::span<const double> params, double discount_rate);

/// DERL(d | renewals): discounted expected residual lifetime of a customer who has renewed
/// `renewals` times, evaluated just before the next renewal decision (Fader & Hardie 2010,
/// eq. 6). `renewals` = n - 1 in the paper's notation.
double SbgDiscountedExpectedResidualLifetime(std::span<const double> params, double discount_rate,
                                             int renewals);

}  // namespace clv
