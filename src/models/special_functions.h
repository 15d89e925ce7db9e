// SPDX-License-Identifier: MIT
// Scalar special functions shared by the model kernels, written for log space and for use from
// many threads at once (REFERENCE.md §13.9: glibc's lgamma writes the global `signgam`).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

#include "clv/models/purchase_model.h"

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
/// integral, for n > 0 and y > 0.
double ScaledExponentialIntegral(double n, double y);

/// Throws InputError unless the continuous discount rate of a DERT is finite and > 0.
void ValidateDiscountRate(double rate);

/// Terms of a log-likelihood that depend only on the parameters and the frequency x (log-gamma
/// and digamma values), computed once per distinct whole frequency within one SumLogLikelihood
/// call. `compute(x)` returns the terms; frequencies that are not whole numbers, or too large
/// for a table sized to the block, are computed every time.
template <typename Terms, typename Compute>
class FrequencyTermsCache {
 public:
  FrequencyTermsCache(std::span<const CustomerHistory> histories, Compute compute)
      : compute_(std::move(compute)), slots_(TableSize(histories)), filled_(slots_.size(), 0) {}

  Terms Get(double frequency) {
    if (!IsCacheable(frequency, static_cast<double>(slots_.size()) - 1)) {
      return compute_(frequency);
    }
    const auto slot = static_cast<std::size_t>(frequency);
    if (!filled_[slot]) {
      slots_[slot] = compute_(frequency);
      filled_[slot] = 1;
    }
    return slots_[slot];
  }

 private:
  // One slot per whole frequency up to the largest in the block, if that is at most a few slots
  // per row (a larger table would cost more to fill than it saves).
  static std::size_t TableSize(std::span<const CustomerHistory> histories) {
    const double limit = 4.0 * static_cast<double>(histories.size()) + 256;
    double max_frequency = -1;
    for (const CustomerHistory& history : histories) {
      if (IsCacheable(history.frequency, limit)) {
        max_frequency = std::max(max_frequency, history.frequency);
      }
    }
    return static_cast<std::size_t>(max_frequency + 1);
  }

  static bool IsCacheable(double frequency, double limit) {
    return frequency >= 0 && frequency <= limit && frequency == std::floor(frequency);
  }

  Compute compute_;
  std::vector<Terms> slots_;
  std::vector<char> filled_;
};

template <typename Compute>
FrequencyTermsCache(std::span<const CustomerHistory>, Compute)
    -> FrequencyTermsCache<std::invoke_result_t<Compute, double>, Compute>;

}  // namespace clv::detail
