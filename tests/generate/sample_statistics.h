// SPDX-License-Identifier: MIT
// Sample moments for the statistical checks of the simulators.
#pragma once

#include <cmath>
#include <vector>

namespace clv::testing {

struct SampleMean {
  double mean = 0;
  double standard_error = 0;  ///< sample standard deviation / sqrt(n)
};

inline SampleMean MeanOf(const std::vector<double>& values) {
  double sum = 0;
  for (const double value : values)
    sum += value;
  const double n = static_cast<double>(values.size());
  const double mean = sum / n;
  double squares = 0;
  for (const double value : values)
    squares += (value - mean) * (value - mean);
  return {.mean = mean, .standard_error = std::sqrt(squares / (n - 1) / n)};
}

/// Standard error of a share estimated from `n` draws when the true share is `probability`.
inline double ShareStandardError(double probability, double n) {
  return std::sqrt(probability * (1 - probability) / n);
}

}  // namespace clv::testing
