// SPDX-License-Identifier: MIT
#include "serve/segment_cutoffs.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <iterator>
#include <nlohmann/json.hpp>

#include "clv/error.h"
#include "clv/segment.h"

namespace clv::detail {
namespace {

using nlohmann::json;

constexpr int kScoreLevels = 5;

double FiniteOrZero(double value) {
  return std::isfinite(value) ? value : 0.0;
}

// `clv segment` scores a customer 1 + floor(5 below / n), `below` counting customers strictly
// worse. The score passes k + 1 exactly when below >= ceil(k n / 5), that is when the customer
// is strictly better than the ceil(k n / 5)-th worst customer: that customer is boundary k.
std::array<double, 4> ScoreBoundaries(std::vector<double> higher_is_better) {
  std::sort(higher_is_better.begin(), higher_is_better.end());
  const std::size_t count = higher_is_better.size();
  std::array<double, 4> boundaries{};
  for (std::size_t k = 1; k < kScoreLevels; ++k) {
    const std::size_t worse = (k * count + kScoreLevels - 1) / kScoreLevels;
    boundaries[k - 1] = higher_is_better[worse - 1];
  }
  return boundaries;
}

// `clv segment` puts a customer in tier k when the share of customers strictly more valuable,
// above / n, is at least kValueTierStarts[k]. With m_k the least count whose share reaches that
// start, the tier is reached exactly when the value is below the m_k-th most valuable customer.
std::array<double, 3> TierCutoffs(std::vector<double> values) {
  std::sort(values.begin(), values.end(), std::greater<>());
  const auto count = static_cast<double>(values.size());
  std::array<double, 3> cutoffs{};
  for (std::size_t k = 1; k < std::size(kValueTierStarts); ++k) {
    const double start = kValueTierStarts[k];
    auto above = static_cast<std::size_t>(std::ceil(start * count));
    while (above > 0 && static_cast<double>(above - 1) / count >= start)
      --above;
    while (static_cast<double>(above) / count < start)
      ++above;
    cutoffs[k - 1] = values[std::max<std::size_t>(above, 1) - 1];
  }
  return cutoffs;
}

int CountBeaten(const std::array<double, 4>& boundaries, double value) {
  return static_cast<int>(std::count_if(boundaries.begin(), boundaries.end(),
                                        [value](double boundary) { return value > boundary; }));
}

template <std::size_t N>
std::array<double, N> ReadArray(const json& parsed, const char* key, const std::string& source) {
  const auto found = parsed.find(key);
  if (found == parsed.end() || !found->is_array() || found->size() != N) {
    throw InputError(
        fmt::format("{}: segment cut-offs lack an array of {} under {}", source, N, key));
  }
  std::array<double, N> values{};
  for (std::size_t k = 0; k < N; ++k) {
    if (!(*found)[k].is_number()) {
      throw InputError(fmt::format("{}: segment cut-off {}[{}] is not a number", source, key, k));
    }
    values[k] = (*found)[k].get<double>();
  }
  return values;
}

}  // namespace

int SegmentCutoffs::ValueTierOf(double value) const {
  const double finite = FiniteOrZero(value);
  return static_cast<int>(std::count_if(value_tier_cutoffs.begin(), value_tier_cutoffs.end(),
                                        [finite](double cutoff) { return finite < cutoff; }));
}

RfmScores SegmentCutoffs::ScoresOf(double since_last, double repeat_purchases,
                                   double mean_repeat_spend) const {
  // Stored as times since the last purchase; a shorter time is the better one.
  const int recency = static_cast<int>(
      std::count_if(time_since_last_purchase.begin(), time_since_last_purchase.end(),
                    [since_last](double boundary) { return since_last < boundary; }));
  return {.recency = 1 + recency,
          .frequency = 1 + CountBeaten(frequency, repeat_purchases),
          .monetary = 1 + CountBeaten(monetary_value, mean_repeat_spend)};
}

std::string SegmentCutoffs::ToJson() const {
  return json{{"value_tier_cutoffs", value_tier_cutoffs},
              {"time_since_last_purchase", time_since_last_purchase},
              {"frequency", frequency},
              {"monetary_value", monetary_value}}
      .dump();
}

SegmentCutoffs SegmentCutoffs::FromJson(const std::string& text, const std::string& source) {
  const json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object()) {
    throw InputError(fmt::format("{}: segment cut-offs are not a JSON object", source));
  }
  SegmentCutoffs cutoffs;
  cutoffs.value_tier_cutoffs = ReadArray<3>(parsed, "value_tier_cutoffs", source);
  cutoffs.time_since_last_purchase = ReadArray<4>(parsed, "time_since_last_purchase", source);
  cutoffs.frequency = ReadArray<4>(parsed, "frequency", source);
  cutoffs.monetary_value = ReadArray<4>(parsed, "monetary_value", source);
  return cutoffs;
}

SegmentCutoffs ComputeSegmentCutoffs(const std::vector<double>& value,
                                     const std::vector<double>& time_since_last_purchase,
                                     const std::vector<double>& frequency,
                                     const std::vector<double>& monetary_value) {
  CLV_CHECK(!value.empty(), "segment cut-offs need at least one customer");
  std::vector<double> finite_value(value.size());
  std::transform(value.begin(), value.end(), finite_value.begin(), FiniteOrZero);
  std::vector<double> recentness(time_since_last_purchase.size());
  std::transform(time_since_last_purchase.begin(), time_since_last_purchase.end(),
                 recentness.begin(), std::negate<>());

  SegmentCutoffs cutoffs;
  cutoffs.value_tier_cutoffs = TierCutoffs(std::move(finite_value));
  cutoffs.time_since_last_purchase = ScoreBoundaries(std::move(recentness));
  for (double& boundary : cutoffs.time_since_last_purchase)
    boundary = -boundary;
  cutoffs.frequency = ScoreBoundaries(frequency);
  cutoffs.monetary_value = ScoreBoundaries(monetary_value);
  return cutoffs;
}

}  // namespace clv::detail
