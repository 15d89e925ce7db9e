// SPDX-License-Identifier: MIT
// Central-difference gradients of any scalar function of the parameters, for gradient checks of
// kernels outside the PurchaseModel interface (Gamma-Gamma, sBG).
#pragma once

#include <vector>

namespace clv::test {

/// d f / d params_k by central differences with step `relative_step * params_k`.
template <typename Function>
std::vector<double> CentralDifferenceGradient(const Function& function,
                                              const std::vector<double>& params,
                                              double relative_step = 1e-6) {
  std::vector<double> gradient(params.size());
  for (std::size_t k = 0; k < params.size(); ++k) {
    const double step = relative_step * params[k];
    std::vector<double> up = params;
    std::vector<double> down = params;
    up[k] += step;
    down[k] -= step;
    gradient[k] = (function(up) - function(down)) / (2 * step);
  }
  return gradient;
}

}  // namespace clv::test
