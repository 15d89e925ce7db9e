// SPDX-License-Identifier: MIT
// Speed of per-customer prediction: CLV for 10^7 customers (BG/NBD with Gamma-Gamma spend) and
// writing the prediction CSV. Histories are drawn on a whole-week grid over a 52-week window,
// as a weekly customer summary has them, so many customers share a history.
//
//   cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DCLV_BUILD_BENCHMARKS=ON
//   cmake --build build-bench --target predict_benchmark && build-bench/bench/predict_benchmark
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <cstdint>
#include <string>

#include "clv/predict.h"

namespace clv {
namespace {

// A small, fast generator (SplitMix64): the benchmark needs plausible histories, not quality.
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  /// Uniform on 0..bound-1.
  int Below(int bound) { return static_cast<int>(Next() % static_cast<std::uint64_t>(bound)); }

 private:
  std::uint64_t state_;
};

// Weekly summary of `customers` customers: age 1..52 weeks, about 60 % without repeat purchase,
// repeat buyers with 1..20 repeat weeks no later than their age, spend in cents.
SummaryTable GenerateWeeklySummary(std::size_t customers, bool with_ids) {
  SummaryTable summary;
  summary.unit = TimeUnit::kWeek;
  summary.frequency.reserve(customers);
  summary.recency.reserve(customers);
  summary.age.reserve(customers);
  summary.monetary_value.reserve(customers);
  SplitMix64 random(2026);
  for (std::size_t i = 0; i < customers; ++i) {
    const int age = 1 + random.Below(52);
    const bool repeat_buyer = random.Below(10) < 4;
    const int recency = repeat_buyer ? 1 + random.Below(age) : 0;
    const int frequency = repeat_buyer ? 1 + random.Below(std::min(recency, 20)) : 0;
    summary.frequency.push_back(frequency);
    summary.recency.push_back(recency);
    summary.age.push_back(age);
    summary.monetary_value.push_back(repeat_buyer ? 5 + random.Below(20000) / 100.0 : 0.0);
    if (with_ids) summary.customer_ids.push_back(fmt::format("C{}", 1000000000 + i));
  }
  return summary;
}

const std::vector<double> kBgNbd{0.243, 4.414, 0.793, 2.426};
const std::vector<double> kGammaGamma{6.25, 3.74, 15.44};

void BM_PredictClv(benchmark::State& state) {
  const auto customers = static_cast<std::size_t>(state.range(0));
  const SummaryTable summary = GenerateWeeklySummary(customers, false);
  const auto model = MakePurchaseModel(ModelKind::kBgNbd);
  PredictOptions options;  // 39 weeks ahead, 12-month CLV at 1 % a month
  for (auto _ : state) {
    const PredictionTable table = PredictCustomers(summary, *model, kBgNbd, kGammaGamma, options);
    benchmark::DoNotOptimize(table.clv.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * customers));
}
BENCHMARK(BM_PredictClv)
    ->Arg(10'000'000)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

void BM_FormatPredictionCsv(benchmark::State& state) {
  const auto customers = static_cast<std::size_t>(state.range(0));
  const SummaryTable summary = GenerateWeeklySummary(customers, true);
  const auto model = MakePurchaseModel(ModelKind::kBgNbd);
  const PredictionTable table =
      PredictCustomers(summary, *model, kBgNbd, kGammaGamma, PredictOptions{});
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string csv = FormatPredictionCsv(summary, table);
    bytes = csv.size();
    benchmark::DoNotOptimize(csv.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * customers));
}
BENCHMARK(BM_FormatPredictionCsv)
    ->Arg(1'000'000)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

}  // namespace
}  // namespace clv
