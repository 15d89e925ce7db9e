// SPDX-License-Identifier: MIT
// Segment: value deciles and tiers, the concentration of value, RFM scores and segments, and
// summaries per segment, tier and group (docs/metrics.md, "Segments").
#include "clv/segment.h"

#include <fmt/format.h>
#include <tbb/parallel_invoke.h>
#include <tbb/parallel_sort.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <map>
#include <numeric>

#include "clv/error.h"
#include "segment/rank_scores.h"

namespace clv {
namespace {

constexpr int kDeciles = 10;
constexpr int kScoreLevels = 5;

std::vector<double> Negated(const std::vector<double>& values) {
  std::vector<double> negated(values.size());
  std::transform(values.begin(), values.end(), negated.begin(), std::negate<>());
  return negated;
}

// Deciles and tiers rank customers by value, best first; ties share the better rank. A tier
// begins where the share of customers ranked strictly above reaches its start.
void AssignValueRanks(const CustomerValues& customers, Segmentation& result) {
  const std::size_t count = customers.size();
  const std::vector<double> negated = Negated(customers.value);
  const std::vector<int> worse_deciles = detail::RankBuckets(negated, kDeciles);
  result.value_decile = worse_deciles;

  std::vector<std::size_t> tier_thresholds;
  for (const double start : kValueTierStarts) {
    // The fewest customers above whose share, computed in doubles, reaches `start`.
    auto above = static_cast<std::size_t>(std::ceil(start * static_cast<double>(count)));
    while (above > 0 && static_cast<double>(above - 1) / static_cast<double>(count) >= start) {
      --above;
    }
    while (static_cast<double>(above) / static_cast<double>(count) < start)
      ++above;
    tier_thresholds.push_back(above);
  }
  result.value_tier = detail::RankThresholdsReached(negated, tier_thresholds);
  for (int& tier : result.value_tier)
    tier -= 1;  // the first start, 0, is reached by everyone
}

std::vector<int> ScoresOf(const std::vector<double>& higher_is_better) {
  return detail::RankBuckets(higher_is_better, kScoreLevels);
}

// RFM scores 1..5, 5 best: a recent last purchase, many repeat purchases, a high mean spend.
void AssignRfmSegments(const CustomerValues& customers, const SegmentRules& rules,
                       Segmentation& result) {
  std::vector<double> recentness(customers.size());
  for (std::size_t row = 0; row < customers.size(); ++row) {
    recentness[row] = -customers.TimeSinceLastPurchase(row);
  }
  tbb::parallel_invoke([&] { result.recency_score = ScoresOf(recentness); },
                       [&] { result.frequency_score = ScoresOf(customers.frequency); },
                       [&] { result.monetary_score = ScoresOf(customers.monetary_value); });

  result.segment_names = rules.SegmentNames();
  std::array<int, 125> segment_of_scores{};
  for (int code = 0; code < 125; ++code) {
    const int r = code / 25 + 1, f = code / 5 % 5 + 1, m = code % 5 + 1;
    const auto rule = std::find_if(rules.rules.begin(), rules.rules.end(), [&](const auto& x) {
      return r >= x.recency_min && r <= x.recency_max && f >= x.frequency_min &&
             f <= x.frequency_max && m >= x.monetary_min && m <= x.monetary_max;
    });
    CLV_CHECK(rule != rules.rules.end(), "segment rules were validated to cover every score");
    segment_of_scores[static_cast<std::size_t>(code)] = static_cast<int>(
        std::find(result.segment_names.begin(), result.segment_names.end(), rule->segment) -
        result.segment_names.begin());
  }
  result.segment.resize(customers.size());
  for (std::size_t row = 0; row < customers.size(); ++row) {
    const int code = (result.recency_score[row] - 1) * 25 + (result.frequency_score[row] - 1) * 5 +
                     (result.monetary_score[row] - 1);
    result.segment[row] = segment_of_scores[static_cast<std::size_t>(code)];
  }
}

void AssignGroups(const std::vector<std::string>& group_of_customer, Segmentation& result) {
  std::map<std::string, int> index_of;
  for (const std::string& name : group_of_customer)
    index_of.emplace(name, 0);
  for (auto& [name, index] : index_of) {
    index = static_cast<int>(result.group_names.size());
    result.group_names.push_back(name);
  }
  result.group.reserve(group_of_customer.size());
  for (const std::string& name : group_of_customer)
    result.group.push_back(index_of.at(name));
}

// The share of value held by the top `share` of customers (at least one customer).
double TopShare(const std::vector<double>& descending, const std::vector<double>& prefix,
                double share) {
  const auto top = std::max<std::size_t>(
      1,
      static_cast<std::size_t>(std::ceil(share * static_cast<double>(descending.size()) - 1e-9)));
  return prefix[top] / prefix.back();
}

std::string PercentText(double share) {
  const double percent = 100.0 * share;
  return std::abs(percent - std::round(percent)) < 1e-9 ? fmt::format("{:.0f}", percent)
                                                        : fmt::format("{:.1f}", percent);
}

// Lorenz-curve Gini over the values sorted ascending: sum_i (2 i - n - 1) x_i / (n sum x).
ValueConcentration MeasureConcentration(const CustomerValues& customers) {
  ValueConcentration concentration;
  std::vector<double> descending = customers.value;
  tbb::parallel_sort(descending.begin(), descending.end(), std::greater<>());
  std::vector<double> prefix(descending.size() + 1, 0.0);
  for (std::size_t i = 0; i < descending.size(); ++i)
    prefix[i + 1] = prefix[i] + descending[i];
  if (!(prefix.back() > 0.0)) return concentration;

  const double n = static_cast<double>(descending.size());
  double weighted = 0.0;
  for (std::size_t i = 0; i < descending.size(); ++i) {
    const double ascending_rank = n - static_cast<double>(i);  // 1-based rank from the bottom
    weighted += (2.0 * ascending_rank - n - 1.0) * descending[i];
  }
  concentration.gini = weighted / (n * prefix.back());
  for (const double share : {0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0}) {
    concentration.curve.emplace_back(share, TopShare(descending, prefix, share));
  }
  concentration.top_20_share = TopShare(descending, prefix, 0.2);
  const std::string kind = customers.value_is_predicted ? "expected" : "historical";
  for (const double share : {0.01, 0.1, 0.2}) {
    concentration.sentences.push_back(
        fmt::format("the top {} % of customers hold {} % of the {} value", PercentText(share),
                    PercentText(TopShare(descending, prefix, share)), kind));
  }
  return concentration;
}

std::vector<SegmentSummary> Summarize(const CustomerValues& customers,
                                      const std::vector<int>& category,
                                      const std::vector<std::string>& names) {
  std::vector<SegmentSummary> summaries(names.size());
  std::vector<double> p_alive_sum(names.size(), 0.0);
  double total_value = 0.0;
  for (std::size_t row = 0; row < customers.size(); ++row) {
    SegmentSummary& summary = summaries[static_cast<std::size_t>(category[row])];
    ++summary.customers;
    summary.total_value += customers.value[row];
    total_value += customers.value[row];
    if (!customers.p_alive.empty()) {
      p_alive_sum[static_cast<std::size_t>(category[row])] += customers.p_alive[row];
    }
  }
  for (std::size_t k = 0; k < names.size(); ++k) {
    SegmentSummary& summary = summaries[k];
    summary.name = names[k];
    summary.share_of_customers =
        static_cast<double>(summary.customers) / static_cast<double>(customers.size());
    if (summary.customers == 0) continue;
    summary.mean_value = summary.total_value / static_cast<double>(summary.customers);
    if (total_value > 0.0) summary.share_of_value = summary.total_value / total_value;
    if (!customers.p_alive.empty()) {
      summary.mean_p_alive = p_alive_sum[k] / static_cast<double>(summary.customers);
    }
  }
  return summaries;
}

}  // namespace

Segmentation Segment(const CustomerValues& customers, const SegmentOptions& options) {
  if (customers.size() == 0) throw InputError("there are no customers to segment");
  if (!options.group_of_customer.empty() && options.group_of_customer.size() != customers.size()) {
    throw InputError("a group is needed for every customer");
  }
  Segmentation result;
  result.has_value = options.by != SegmentBy::kRfm;
  result.has_rfm = options.by != SegmentBy::kValue;
  result.has_groups = !options.group_of_customer.empty();

  // The value ranks, the concentration and the RFM scores are independent: each has serial
  // steps (order statistics, prefix sums) that the others can fill the idle cores during.
  tbb::parallel_invoke(
      [&] {
        AssignValueRanks(customers, result);
        const std::vector<std::string> tier_names(std::begin(kValueTierNames),
                                                  std::end(kValueTierNames));
        result.by_tier = Summarize(customers, result.value_tier, tier_names);
      },
      [&] { result.concentration = MeasureConcentration(customers); },
      [&] {
        if (!result.has_rfm) return;
        AssignRfmSegments(customers, options.rules, result);
        result.by_segment = Summarize(customers, result.segment, result.segment_names);
      });
  if (result.has_groups) {
    AssignGroups(options.group_of_customer, result);
    result.by_group = Summarize(customers, result.group, result.group_names);
    std::stable_sort(result.by_group.begin(), result.by_group.end(),
                     [](const SegmentSummary& a, const SegmentSummary& b) {
                       return a.mean_value > b.mean_value;
                     });
  }
  return result;
}

}  // namespace clv
