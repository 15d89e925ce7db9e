// SPDX-License-Identifier: MIT
// The public simulators of clv/generate.h.
#include <fmt/format.h>

#include <cmath>

#include "clv/error.h"
#include "clv/generate.h"
#include "common/parallel.h"
#include "generate/parameter_checks.h"
#include "generate/purchase_process.h"
#include "generate/random_stream.h"

namespace clv {
namespace {

constexpr std::size_t kCustomersPerBlock = 4096;

void RequireAges(ModelKind model, std::span<const double> ages) {
  for (std::size_t i = 0; i < ages.size(); ++i) {
    const bool whole = model != ModelKind::kBgBb || ages[i] == std::floor(ages[i]);
    if (!std::isfinite(ages[i]) || ages[i] < 0 || !whole) {
      throw InputError(fmt::format("age of simulated customer {} must be a finite {} >= 0, got {}",
                                   i, model == ModelKind::kBgBb ? "whole number" : "value",
                                   ages[i]));
    }
  }
}

// A continuous-time customer (BG/NBD, MBG/NBD, Pareto/NBD) observed for `age` after its first
// purchase: x counts the repeat purchases, t_x is the last one (REFERENCE.md §2.1).
CustomerHistory SimulateContinuousCustomer(ModelKind model, std::span<const double> params,
                                           double age, detail::RandomStream& random) {
  const detail::PurchaseTraits traits = detail::DrawPurchaseTraits(model, params, random);
  CustomerHistory history{.frequency = 0, .recency = 0, .age = age};
  detail::DrawRepeatPurchaseTimes(model, traits, age, random, [&](double t) {
    history.frequency += 1;
    history.recency = t;
    return true;
  });
  return history;
}

// BG/BB (REFERENCE.md §8): at each opportunity 1..n the customer first survives with chance
// 1 - theta, then transacts with chance p. The likelihood's (1-theta)^n for a customer alive at
// the end, and theta (1-theta)^(t_x+i) for one who left later, are this order of events.
CustomerHistory SimulateDiscreteCustomer(std::span<const double> params, double opportunities,
                                         detail::RandomStream& random) {
  const detail::PurchaseTraits traits =
      detail::DrawPurchaseTraits(ModelKind::kBgBb, params, random);
  CustomerHistory history{.frequency = 0, .recency = 0, .age = opportunities};
  const auto n = static_cast<std::int64_t>(opportunities);
  for (std::int64_t opportunity = 1; opportunity <= n; ++opportunity) {
    if (random.Bernoulli(traits.dropout)) break;
    if (random.Bernoulli(traits.transaction_probability)) {
      history.frequency += 1;
      history.recency = static_cast<double>(opportunity);
    }
  }
  return history;
}

}  // namespace

std::vector<CustomerHistory> SimulateCustomers(ModelKind model, std::span<const double> params,
                                               std::span<const double> ages, std::uint64_t seed) {
  detail::RequirePurchaseParameters(model, params);
  RequireAges(model, ages);
  std::vector<CustomerHistory> histories(ages.size());
  detail::ParallelForBlocks(
      ages.size(), kCustomersPerBlock, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
          detail::RandomStream random(seed, i);
          histories[i] = model == ModelKind::kBgBb
                             ? SimulateDiscreteCustomer(params, ages[i], random)
                             : SimulateContinuousCustomer(model, params, ages[i], random);
        }
      });
  return histories;
}

std::vector<double> SimulateMonetaryValues(std::span<const double> params,
                                           std::span<const double> frequencies,
                                           std::uint64_t seed) {
  detail::RequirePositiveParameters("gg parameters", {"p", "q", "gamma"}, params);
  for (std::size_t i = 0; i < frequencies.size(); ++i) {
    if (!(frequencies[i] >= 0) || frequencies[i] != std::floor(frequencies[i])) {
      throw InputError(
          fmt::format("frequency of simulated customer {} must be a whole number >= 0, got {}", i,
                      frequencies[i]));
    }
  }
  const double p = params[0], q = params[1], gamma = params[2];
  std::vector<double> monetary_values(frequencies.size(), 0.0);
  detail::ParallelForBlocks(frequencies.size(), kCustomersPerBlock,
                            [&](std::size_t begin, std::size_t end) {
                              for (std::size_t i = begin; i < end; ++i) {
                                if (frequencies[i] == 0) continue;
                                detail::RandomStream random(seed, i);
                                const double nu = random.Gamma(q, gamma);
                                // The sum of x independent Gamma(p, nu) values is Gamma(p x, nu):
                                // one draw, same law.
                                const double x = frequencies[i];
                                monetary_values[i] = random.Gamma(p * x, nu) / x;
                              }
                            });
  return monetary_values;
}

std::vector<std::int64_t> SimulateCohortSurvival(double alpha, double beta,
                                                 std::int64_t num_customers, int num_periods,
                                                 std::uint64_t seed) {
  const double params[] = {alpha, beta};
  detail::RequirePositiveParameters("sbg parameters", {"alpha", "beta"}, params);
  if (num_customers < 0) {
    throw InputError(fmt::format("number of customers must be >= 0, got {}", num_customers));
  }
  if (num_periods < 0) throw InputError(fmt::format("periods must be >= 0, got {}", num_periods));

  // Lifetime in periods of each customer (capped at num_periods + 1: still active at the end).
  std::vector<int> periods_survived(static_cast<std::size_t>(num_customers));
  detail::ParallelForBlocks(periods_survived.size(), kCustomersPerBlock,
                            [&](std::size_t begin, std::size_t end) {
                              for (std::size_t i = begin; i < end; ++i) {
                                detail::RandomStream random(seed, i);
                                const double theta = random.Beta(alpha, beta);
                                int period = 1;
                                while (period <= num_periods && !random.Bernoulli(theta))
                                  ++period;
                                periods_survived[i] = period;  // churned at the end of `period`
                              }
                            });

  std::vector<std::int64_t> active(static_cast<std::size_t>(num_periods) + 1, 0);
  for (const int churn_period : periods_survived) {
    for (int t = 0; t < churn_period && t <= num_periods; ++t)
      ++active[t];
  }
  return active;
}

}  // namespace clv
