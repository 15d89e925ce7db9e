// SPDX-License-Identifier: MIT
// Speed of maximum-likelihood fitting on generated customers, from a summary table to a
// FitSummary: input checks, collapsing to distinct rows, L-BFGS and the standard errors.
// Customers are simulated from the CDNOW-like daily parameters of clv/generate.h, acquired
// uniformly over a year and observed to its end, with durations in whole days as `clv summary`
// writes them, so that many customers share a row.
//
//   cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DCLV_BUILD_BENCHMARKS=ON
//   cmake --build build-bench --target fit_benchmark && build-bench/bench/fit_benchmark
#include <benchmark/benchmark.h>

#include <cmath>
#include <map>
#include <random>
#include <utility>
#include <vector>

#include "clv/fit.h"
#include "clv/generate.h"

namespace clv {
namespace {

// A whole-day summary of `count` customers simulated from `kind` (generated once per size).
const SummaryTable& Customers(ModelKind kind, std::size_t count) {
  static std::map<std::pair<ModelKind, std::size_t>, SummaryTable> cache;
  auto [entry, inserted] = cache.try_emplace({kind, count});
  if (!inserted) return entry->second;
  std::mt19937_64 random(2026);
  std::uniform_int_distribution<int> age_days(1, 365);
  std::vector<double> ages(count);
  for (double& age : ages)
    age = age_days(random);
  const std::vector<CustomerHistory> simulated =
      SimulateCustomers(kind, DefaultDailyPurchaseParameters(kind), ages, 7);
  SummaryTable& table = entry->second;
  table.frequency.reserve(count);
  table.recency.reserve(count);
  table.age.reserve(count);
  for (const CustomerHistory& customer : simulated) {
    // Whole days: a repeat buyer's last purchase is at least one day after the first.
    const double recency = customer.frequency > 0
                               ? std::min(customer.age, std::max(1.0, std::ceil(customer.recency)))
                               : 0.0;
    table.frequency.push_back(customer.frequency);
    table.recency.push_back(recency);
    table.age.push_back(customer.age);
  }
  return table;
}

void BM_Fit(benchmark::State& state, ModelKind kind) {
  const auto count = static_cast<std::size_t>(state.range(0));
  const SummaryTable& customers = Customers(kind, count);
  FitSummary fit;
  for (auto _ : state) {
    fit = FitPurchaseModel(kind, customers);
    benchmark::DoNotOptimize(fit.log_likelihood);
  }
  state.counters["distinct_rows"] = static_cast<double>(fit.num_distinct_rows);
  state.counters["evaluations"] = fit.iterations;
  state.counters["usable"] = fit.usable ? 1 : 0;
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(count));
}

BENCHMARK_CAPTURE(BM_Fit, bgnbd, ModelKind::kBgNbd)
    ->Arg(1'000'000)
    ->Arg(10'000'000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_Fit, pnbd, ModelKind::kParetoNbd)
    ->Arg(1'000'000)
    ->Arg(10'000'000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace clv
