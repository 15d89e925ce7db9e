// SPDX-License-Identifier: MIT
// What the optimiser needs to know about a model and its data, whatever the model is.
#pragma once

#include <array>
#include <chrono>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "clv/fit.h"
#include "common/parallel.h"

namespace clv::detail {

/// The most parameters any clv model has.
inline constexpr std::size_t kMaxParameters = 6;

struct LikelihoodProblem {
  ModelKind model = ModelKind::kBgNbd;
  std::vector<std::string> parameter_names;
  std::vector<double> starting_point;  ///< natural scale

  /// sum_i w_i ln L_i at natural-scale `params`; writes d/d params into `gradient` (same size
  /// as params) when it is not empty. May be called from one thread at a time only.
  std::function<double(std::span<const double> params, std::span<double> gradient)> log_likelihood;

  /// theta_k enters the penalty as (penalty_scale_k theta_k)^2 (see FitOptions::penalizer).
  std::vector<double> penalty_scale;

  double num_customers = 0;
  std::size_t num_distinct_rows = 0;
  double num_excluded = 0;
  std::string exclusion_note;
};

/// A block's share of the log-likelihood and its gradient.
struct LikelihoodPart {
  double value = 0;
  std::array<double, kMaxParameters> gradient{};

  LikelihoodPart& operator+=(const LikelihoodPart& other) {
    value += other.value;
    for (std::size_t k = 0; k < kMaxParameters; ++k)
      gradient[k] += other.gradient[k];
    return *this;
  }
};

/// Sums `block_sum(begin, end, block_gradient)` (which returns the block's log-likelihood and
/// adds its gradient into `block_gradient`) over fixed blocks of [0, rows), in block order, so
/// the total is identical for any thread count. Fills `gradient` when it is not empty.
template <typename BlockSum>
double SumOverBlocks(std::size_t rows, int block_size, std::span<double> gradient,
                     const BlockSum& block_sum) {
  const std::size_t num_parameters = gradient.size();
  const LikelihoodPart total = DeterministicSum<LikelihoodPart>(
      rows, static_cast<std::size_t>(block_size), [&](std::size_t begin, std::size_t end) {
        LikelihoodPart part;
        part.value = block_sum(begin, end, std::span<double>(part.gradient.data(), num_parameters));
        return part;
      });
  for (std::size_t k = 0; k < num_parameters; ++k)
    gradient[k] = total.gradient[k];
  return total.value;
}

/// Maximises the penalised likelihood of `problem` and fills every field of the summary;
/// elapsed_seconds counts from `started` (so it includes the caller's collapsing and checks).
/// Logs the brief report at info level, or at warning level when the fit is not usable.
FitSummary MaximiseLikelihood(const LikelihoodProblem& problem, const FitOptions& options,
                              std::chrono::steady_clock::time_point started);

/// Throws InputError naming the first violated rule of `options`.
void ThrowUnlessValid(const FitOptions& options);

}  // namespace clv::detail
