// SPDX-License-Identifier: MIT
// Gauss hypergeometric function 2F1 for the arguments the purchase models need (REFERENCE.md
// §4.2, §5.2, §6.1, §13.1, §13.5). Boost 1.74 has no dedicated 2F1 and its pFq series gives no
// derivatives, so the models use these instead.
#pragma once

namespace clv::detail {

/// ln 2F1(c, b; c + 1; z) and its partial derivatives, the family in the Pareto/NBD likelihood.
struct LogHypergeometric {
  double value = 0;
  double d_c = 0;
  double d_b = 0;
  double d_z = 0;
};

/// ln 2F1(c, b; c + 1; z) for c > 0, b > 0, c + 1 > b and 0 <= z < 1, with derivatives.
///
/// Evaluated after Euler's transformation, 2F1(c, b; c+1; z) = (1-z)^(1-b) 2F1(1, c+1-b; c+1; z),
/// whose series has positive, decreasing terms with ratio below z (a rigorous tail bound). When
/// z is so close to 1 that the series would need thousands of terms (large frequency or a tiny
/// purchase-rate scale), the integral 2F1 = int_0^inf e^-u (1 - z e^(-u/c))^(-b) du is summed on
/// fixed double-exponential nodes instead; both give about 14 significant digits.
LogHypergeometric LogHyp2F1UnitGap(double c, double b, double z);

/// The value of LogHyp2F1UnitGap alone, about twice as fast.
double LogHyp2F1UnitGapValue(double c, double b, double z);

/// A series value and whether it met its error bound within the term budget.
struct SeriesValue {
  double value = 0;
  bool converged = false;
};

/// 2F1(a, b; c; z) by its Gauss series for c > 0 and 0 <= z < 1; stops when the tail is below
/// 1e-16 of the sum or after `max_terms` terms (then `converged` is false).
SeriesValue Hyp2F1Series(double a, double b, double c, double z, int max_terms);

/// [1 - (1-z)^e 2F1(a, e; c; z)] / e, continued to its limit at e = 0: the Euler-transformed
/// bracket of BG/NBD and MBG/NBD (REFERENCE.md §4.2, §5.2) divided by e = a_dropout - 1, so
/// that the removable singularity at a_dropout = 1 (§13.3) costs no digits.
SeriesValue EulerBracketOverExponent(double a, double e, double c, double z, int max_terms);

}  // namespace clv::detail
