// SPDX-License-Identifier: MIT
// Speed of the purchase-model kernels: ns per distinct row of SumLogLikelihood (what fitting
// calls on blocks of collapsed rows), with and without the gradient, and the per-customer
// predictions. Rows resemble a weekly CDNOW-like summary with fractional recency, so nearly all
// rows are distinct; items/s in the output is rows (or customers) per second.
//
//   cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DCLV_BUILD_BENCHMARKS=ON
//   cmake --build build-bench --target models_benchmark && build-bench/bench/models_benchmark
#include <benchmark/benchmark.h>

#include <array>
#include <memory>
#include <random>
#include <vector>

#include "clv/models/purchase_model.h"
#include "models/model_factories.h"

namespace clv {
namespace {

// Ages 27..39 weeks, 60 % zero-repeaters, repeaters with 1..30 repeat weeks and a recency
// anywhere in their age; a fixed seed keeps runs comparable.
std::vector<CustomerHistory> GenerateHistories(std::size_t count) {
  std::mt19937_64 random(2026);
  std::uniform_real_distribution<double> age_weeks(27, 39);
  std::uniform_real_distribution<double> share(0, 1);
  std::uniform_int_distribution<int> repeat_weeks(1, 30);
  std::vector<CustomerHistory> histories(count);
  for (CustomerHistory& history : histories) {
    history.age = age_weeks(random);
    if (share(random) < 0.4) {
      history.frequency = repeat_weeks(random);
      history.recency = history.age * (0.05 + 0.95 * share(random));
    }
  }
  return histories;
}

struct ModelCase {
  std::unique_ptr<PurchaseModel> model;
  std::array<double, 4> params;
};

// CDNOW estimates of each model (REFERENCE.md §4.3, §5.3, §6.3).
ModelCase MakeCase(int model_index) {
  switch (model_index) {
    case 0:
      return {detail::MakeBgNbdModel(), {0.2425982, 4.4136842, 0.7929899, 2.4261667}};
    case 1:
      return {detail::MakeModifiedBgNbdModel(), {0.525, 6.183, 0.891, 1.614}};
    default:
      return {detail::MakeParetoNbdModel(), {0.5534, 10.5802, 0.6061, 11.6562}};
  }
}

void SetModelLabel(benchmark::State& state, const PurchaseModel& model) {
  state.SetLabel(std::string(ToString(model.kind())));
}

// range(0): model (0 bgnbd, 1 mbgnbd, 2 pnbd); range(1): rows; range(2): 1 with gradient.
void BM_SumLogLikelihood(benchmark::State& state) {
  const ModelCase c = MakeCase(static_cast<int>(state.range(0)));
  const auto histories = GenerateHistories(static_cast<std::size_t>(state.range(1)));
  const std::vector<double> weights(histories.size(), 1.0);
  std::vector<double> gradient(state.range(2) ? 4 : 0);
  for (auto _ : state) {
    std::fill(gradient.begin(), gradient.end(), 0.0);
    benchmark::DoNotOptimize(c.model->SumLogLikelihood(c.params, histories, weights, gradient));
  }
  state.SetItemsProcessed(state.iterations() * state.range(1));
  SetModelLabel(state, *c.model);
}
BENCHMARK(BM_SumLogLikelihood)
    ->ArgsProduct({{0, 1, 2}, {10000}, {0, 1}})
    ->Unit(benchmark::kMicrosecond);

// The predictions a scoring run makes per customer: E[Y(39)] and P(alive).
void BM_ExpectedPurchasesAndProbabilityAlive(benchmark::State& state) {
  const ModelCase c = MakeCase(static_cast<int>(state.range(0)));
  const auto histories = GenerateHistories(1000);
  for (auto _ : state) {
    for (const CustomerHistory& history : histories) {
      benchmark::DoNotOptimize(c.model->ExpectedPurchases(c.params, history, 39));
      benchmark::DoNotOptimize(c.model->ProbabilityAlive(c.params, history, 0));
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(histories.size()));
  SetModelLabel(state, *c.model);
}
BENCHMARK(BM_ExpectedPurchasesAndProbabilityAlive)->DenseRange(0, 2)->Unit(benchmark::kMicrosecond);

void BM_DiscountedResidualTransactions(benchmark::State& state) {
  const ModelCase c = MakeCase(static_cast<int>(state.range(0)));
  const auto histories = GenerateHistories(100);
  for (auto _ : state) {
    for (const CustomerHistory& history : histories) {
      benchmark::DoNotOptimize(c.model->DiscountedResidualTransactions(c.params, history, 0.0027));
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(histories.size()));
  SetModelLabel(state, *c.model);
}
BENCHMARK(BM_DiscountedResidualTransactions)->DenseRange(0, 2)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace clv
