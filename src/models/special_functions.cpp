// SPDX-License-Identifier: MIT
#include "models/special_functions.h"

#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/expint.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <limits>
#include <string>

#include "clv/error.h"

namespace clv::detail {

double LogGamma(double z) {
  int sign = 0;
  return ::lgamma_r(z, &sign);
}

double Digamma(double z) {
  return boost::math::digamma(z);
}

double LogBeta(double u, double v) {
  return LogGamma(u) + LogGamma(v) - LogGamma(u + v);
}

double LogAddExp(double u, double v) {
  if (u < v) return LogAddExp(v, u);
  if (v == -std::numeric_limits<double>::infinity()) return u;
  return u + std::log1p(std::exp(v - u));
}

double Log1pExp(double u) {
  return u > 0 ? u + std::log1p(std::exp(-u)) : std::log1p(std::exp(u));
}

double Logistic(double u) {
  if (u >= 0) return 1 / (1 + std::exp(-u));
  const double e = std::exp(u);
  return e / (1 + e);
}

double ExpIntegralOfRate(double k, double y) {
  if (k == 0) return y;
  return -std::expm1(-k * y) / k;
}

namespace {

// Modified Lentz evaluation of the continued fraction
//   e^z Gamma(a, z) = z^a / (z + 1 - a - 1 (1 - a) / (z + 3 - a - 2 (2 - a) / (z + 5 - a - ...)))
// returning the fraction without z^a. Valid for any real a; it converges quickly when
// z + 1 - a is large (z >= 1 or a very negative).
double UpperGammaContinuedFraction(double a, double z) {
  constexpr double kTiny = 1e-300;
  double b = z + 1 - a;
  double c = 1 / kTiny;
  double d = 1 / b;
  double h = d;
  for (int i = 1; i < 5000; ++i) {
    const double an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = b + an / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    const double step = d * c;
    h *= step;
    if (std::fabs(step - 1) < 3e-16) break;
  }
  return h;
}

// Where the continued fraction needs few terms.
bool ContinuedFractionIsFast(double a, double z) {
  return z >= 1 || z + 1 - a >= 8;
}

}  // namespace

double ScaledUpperIncompleteGamma(double a, double z) {
  if (ContinuedFractionIsFast(a, z))
    return std::exp(a * std::log(z)) * UpperGammaContinuedFraction(a, z);
  if (a > 0) return std::exp(z) * boost::math::tgamma(a, z);
  // Downward recurrence e^z Gamma(a, z) = (e^z Gamma(a + 1, z) - z^a) / a from the fractional
  // part of a; for z < 1 the subtraction loses no digits because z^a dominates.
  double fraction = a - std::floor(a);
  double value = fraction == 0 ? std::exp(z) * boost::math::expint(1, z)
                               : std::exp(z) * boost::math::tgamma(fraction, z);
  for (double order = fraction - 1; order >= a - 0.5; order -= 1) {
    value = (value - std::pow(z, order)) / order;
  }
  return value;
}

double ScaledExponentialIntegral(double n, double y) {
  // e^y E_n(y) = y^(n-1) e^y Gamma(1-n, y): the continued fraction without its z^a factor.
  if (ContinuedFractionIsFast(1 - n, y)) return UpperGammaContinuedFraction(1 - n, y);
  if (n < 1) return std::pow(y, n - 1) * ScaledUpperIncompleteGamma(1 - n, y);
  // Small y and n < 7: from n0 in [1, 2) up by E_{m+1}(y) = (e^-y - y E_m(y)) / m, stable for
  // y < 1 because each step shrinks earlier errors by y / m.
  const double n0 = n - std::floor(n - 1);
  double value = std::pow(y, n0 - 1) * ScaledUpperIncompleteGamma(1 - n0, y);
  for (double order = n0; order < n - 0.5; order += 1)
    value = (1 - y * value) / order;
  return value;
}

void ValidateDiscountRate(double rate) {
  if (!(rate > 0) || !std::isfinite(rate)) {
    throw InputError("discount rate must be finite and > 0, got " + std::to_string(rate));
  }
}

}  // namespace clv::detail
