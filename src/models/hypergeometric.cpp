// SPDX-License-Identifier: MIT
#include "models/hypergeometric.h"

#include <array>
#include <cmath>
#include <numbers>

namespace clv::detail {
namespace {

constexpr double kRelativeTolerance = 1e-17;
constexpr int kUnitGapSeriesBudget = 1500;

// Sums 2F1(1, d; c+1; z) = sum_j t_j, t_{j+1} = t_j z (d+j)/(c+1+j), with d = c + 1 - b, and,
// when kWithDerivatives, the sums of t_j times d ln t_j / d c, d ln t_j / d b and j. Returns
// false when over budget.
template <bool kWithDerivatives>
bool UnitGapSeries(double c, double b, double z, LogHypergeometric& out) {
  const double d = c + 1 - b;
  const double inverse_one_minus_z = 1 / (1 - z);
  double term = 1, sum = 1;
  double log_term_dc = 0, log_term_db = 0;
  double sum_dc = 0, sum_db = 0, sum_j = 0;
  for (int j = 0; j < kUnitGapSeriesBudget; ++j) {
    const double ratio_denominator = c + 1 + j;
    term *= z * (d + j) / ratio_denominator;
    sum += term;
    // Every later ratio is below z, so the tail of sum_j t_j j^k is at most
    // t (j + 1/(1-z))^k / (1-z); k = 1 covers the three derivatives too.
    double tail_bound = term * inverse_one_minus_z;
    if constexpr (kWithDerivatives) {
      const double inverse_d_j = 1 / (d + j);
      log_term_dc += inverse_d_j - 1 / ratio_denominator;
      log_term_db -= inverse_d_j;
      sum_dc += term * log_term_dc;
      sum_db += term * log_term_db;
      sum_j += term * (j + 1);
      tail_bound *= j + 1 + inverse_one_minus_z;
    }
    if (tail_bound <= kRelativeTolerance * sum) {
      out.value = (1 - b) * std::log1p(-z) + std::log(sum);
      if constexpr (kWithDerivatives) {
        out.d_c = sum_dc / sum;
        out.d_b = -std::log1p(-z) + sum_db / sum;
        out.d_z = (b - 1) * inverse_one_minus_z + (z > 0 ? sum_j / (z * sum) : d / (c + 1));
      }
      return true;
    }
  }
  return false;
}

// Nodes u_k and weights of the exp-sinh rule u = exp(pi/2 sinh(t)) on (0, inf), step 1/64,
// t in [-5, 3.2]: from u ~ 1e-51, where features at the scale c (1 - z) can sit, to u ~ 2e8.
struct ExpSinhRule {
  static constexpr int kSize = 525;
  std::array<double, kSize> node{};
  std::array<double, kSize> weight{};

  ExpSinhRule() {
    constexpr double kStep = 1.0 / 64;
    for (int k = 0; k < kSize; ++k) {
      const double t = -5 + k * kStep;
      node[k] = std::exp(std::numbers::pi / 2 * std::sinh(t));
      weight[k] = kStep * node[k] * std::numbers::pi / 2 * std::cosh(t);
    }
  }
};

// 2F1(c, b; c+1; z) = int_0^inf e^-u h(u)^-b du with h = 1 - z e^(-u/c) = (1-z) - z expm1(-u/c).
// With g = (1-z)/h in (0, 1]: ln 2F1 = -b ln(1-z) + ln Q, Q = int e^-u g^b du.
LogHypergeometric UnitGapQuadrature(double c, double b, double z) {
  static const ExpSinhRule rule;
  const double one_minus_z = 1 - z;
  double q = 0, q_db = 0, q_dz = 0, q_dc = 0;
  for (int k = 0; k < ExpSinhRule::kSize; ++k) {
    const double u = rule.node[k];
    const double decay = std::exp(-u / c);
    const double h = one_minus_z - z * std::expm1(-u / c);
    const double log_g = std::log(one_minus_z) - std::log(h);
    const double weighted = rule.weight[k] * std::exp(-u + b * log_g);
    q += weighted;
    q_db += weighted * log_g;
    q_dz += weighted * decay / h;
    q_dc += weighted * decay * u / h;
  }
  return {.value = -b * std::log(one_minus_z) + std::log(q),
          .d_c = b * z / (c * c) * q_dc / q,
          .d_b = -std::log(one_minus_z) + q_db / q,
          .d_z = b * q_dz / q};
}

}  // namespace

LogHypergeometric LogHyp2F1UnitGap(double c, double b, double z) {
  LogHypergeometric result;
  if (UnitGapSeries<true>(c, b, z, result)) return result;
  return UnitGapQuadrature(c, b, z);
}

double LogHyp2F1UnitGapValue(double c, double b, double z) {
  LogHypergeometric result;
  if (UnitGapSeries<false>(c, b, z, result)) return result.value;
  return UnitGapQuadrature(c, b, z).value;
}

SeriesValue Hyp2F1Series(double a, double b, double c, double z, int max_terms) {
  double term = 1, sum = 1;
  for (int j = 0; j < max_terms; ++j) {
    term *= (a + j) * (b + j) / ((c + j) * (j + 1)) * z;
    sum += term;
    if (term == 0) return {sum, true};
    const double next_ratio = std::fabs((a + j + 1) * (b + j + 1) / ((c + j + 1) * (j + 2)) * z);
    if (next_ratio < 1 &&
        std::fabs(term) / (1 - std::max(next_ratio, z)) <= kRelativeTolerance * std::fabs(sum)) {
      return {sum, true};
    }
  }
  return {sum, false};
}

SeriesValue EulerBracketOverExponent(double a, double e, double c, double z, int max_terms) {
  // (1-z)^e 2F1(a, e; c; z) = e^(eL) (1 + e S), S = sum_{j>=1} (a)_j (e+1)_{j-1} / ((c)_j j!) z^j,
  // so the bracket over e is -expm1(eL)/e - e^(eL) S, exact at e = 0 where it is -L - S.
  const double log_one_minus_z = std::log1p(-z);
  const double expm1_over_e = e == 0 ? log_one_minus_z : std::expm1(e * log_one_minus_z) / e;
  double term = a / c * z, sum = term;
  bool converged = term == 0;
  for (int j = 1; j < max_terms && !converged; ++j) {
    term *= (a + j) * (e + j) / ((c + j) * (j + 1)) * z;
    sum += term;
    const double next_ratio = std::fabs((a + j + 1) * (e + j + 1) / ((c + j + 1) * (j + 2)) * z);
    converged = term == 0 || (next_ratio < 1 && std::fabs(term) / (1 - std::max(next_ratio, z)) <=
                                                    kRelativeTolerance * std::fabs(sum));
  }
  return {-expm1_over_e - std::exp(e * log_one_minus_z) * sum, converged};
}

}  // namespace clv::detail
