// SPDX-License-Identifier: MIT
// Fitting the sBG model on one cohort's survival counts (REFERENCE.md §10).
#include <fmt/format.h>

#include <chrono>
#include <cmath>

#include "clv/error.h"
#include "clv/fit.h"
#include "clv/models/shifted_beta_geometric.h"
#include "fit/likelihood_problem.h"

namespace clv {
namespace {

void CheckActiveCustomers(std::span<const double> active_customers) {
  if (active_customers.size() < 2) {
    throw InputError(
        fmt::format("sbg needs at least two periods (0 and 1), got {}", active_customers.size()));
  }
  if (!(active_customers[0] > 0) || !std::isfinite(active_customers[0])) {
    throw InputError(
        fmt::format("sbg period 0: customers must be > 0, got {}", active_customers[0]));
  }
  for (std::size_t t = 1; t < active_customers.size(); ++t) {
    const double customers = active_customers[t];
    if (!(customers >= 0) || !std::isfinite(customers)) {
      throw InputError(fmt::format("sbg period {}: customers must be >= 0, got {}", t, customers));
    }
    if (customers > active_customers[t - 1]) {
      throw InputError(
          fmt::format("sbg period {}: customers must not exceed the previous period's ({} > {})", t,
                      customers, active_customers[t - 1]));
    }
  }
}

}  // namespace

FitSummary FitShiftedBetaGeometric(std::span<const double> active_customers,
                                   const FitOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  detail::ThrowUnlessValid(options);
  CheckActiveCustomers(active_customers);

  detail::LikelihoodProblem problem;
  problem.model = ModelKind::kShiftedBetaGeometric;
  problem.parameter_names = {"alpha", "beta"};
  problem.starting_point =
      options.starting_point.empty() ? std::vector<double>{1.0, 1.0} : options.starting_point;
  if (problem.starting_point.size() != 2) {
    throw InputError(fmt::format("sbg needs 2 starting values (alpha, beta), got {}",
                                 problem.starting_point.size()));
  }
  problem.penalty_scale = {1.0, 1.0};
  problem.num_customers = active_customers[0];
  problem.num_distinct_rows = active_customers.size();
  problem.log_likelihood = [&](std::span<const double> params, std::span<double> gradient) {
    return SbgLogLikelihood(params, active_customers, gradient);
  };
  return detail::MaximiseLikelihood(problem, options, started);
}

}  // namespace clv
