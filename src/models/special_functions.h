// SPDX-License-Identifier: MIT
// Scalar special functions shared by the model kernels, written for log space and for use from
// many threads at once (REFERENCE.md §13.9: glibc's lgamma writes the global `signgam`).
#pragma once

namespace clv::detail {

/// ln Gamma(z) for z > 0; thread safe (uses lgamma_r, never the global signgam).
double LogGamma(double z);

/// psi(z) = d ln Gamma(z) / dz for z > 0.
double Digamma(double z);

/// ln B(u, v) = ln Gamma(u) + ln Gamma(v) - ln Gamma(u + v).
double LogBeta(double u, double v);

/// ln(e^u + e^v) without overflow; -inf when both are -inf.
double LogAddExp(double u, double v);

/// ln(1 + e^u) without overflow (the "softplus").
double Log1pExp(double u);

/// 1 / (1 + e^-u), the weight of `u` in LogAddExp(u, v) when called with u - v.
double Logistic(double u);

/// -expm1(-k y) / k, continued to y at k = 0 (REFERENCE.md §6.2, §13.3): the s = 1 limit of
/// Pareto/NBD expressions and the a = 1 limit of BG/NBD brackets stay exact.
double ExpIntegralOfRate(double k, double y);

/// e^z * Gamma(a, z), the scaled upper incomplete gamma function, for any real a and z > 0
/// (REFERENCE.md §13.12: a = 1 - s is negative for Pareto/NBD DERT with s > 1).
double ScaledUpperIncompleteGamma(double a, double z);

/// e^y E_n(y) = int_0^inf e^(-y v) (1 + v)^(-n) dv, the scaled generalised exponential
/// integral, for n >= 1 and y > 0 (n = 1 needs y > 0 only).
double ScaledExponentialIntegral(double n, double y);

}  // namespace clv::detail
