// SPDX-License-Identifier: MIT
// Customer segments: value deciles and tiers by CLV with the concentration of value, RFM scores
// 1-5 with named segments from a readable rules file, and value by a first-purchase attribute
// (acquisition channel, first product, acquisition month). Definitions in docs/metrics.md.
//
// RFM practice measures recency as the time since the last purchase, age - recency in the
// business words of clv/summary_table.h (T - t_x), not the BTYD recency t_x.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace clv {

/// The customers to segment, read from `clv predict` output or from a customer summary.
struct CustomerValues {
  std::vector<std::string> customer_ids;
  std::vector<double> frequency;       ///< repeat purchase periods
  std::vector<double> recency;         ///< first to last purchase (t_x)
  std::vector<double> age;             ///< first purchase to end of observation (T)
  std::vector<double> monetary_value;  ///< mean repeat spend
  /// Predicted CLV (`clv` column), or the historical value frequency x monetary_value when the
  /// input is a plain summary. Values that are not finite numbers count as 0.
  std::vector<double> value;
  std::vector<double> p_alive;  ///< empty when the input has no `p_alive` column
  bool value_is_predicted = false;
  std::int64_t values_not_finite = 0;  ///< rows whose `clv` was empty or not a finite number

  std::size_t size() const { return customer_ids.size(); }
  /// Time since the last purchase, the R of RFM.
  double TimeSinceLastPurchase(std::size_t row) const { return age[row] - recency[row]; }
};

/// Reads `clv predict` output or a summary CSV (`customer_id` or `ID`, `frequency`, `recency`,
/// `T`, `monetary_value`, optionally `clv` and `p_alive`). Throws InputError naming file, line
/// and column for an empty file, a missing column (a prediction without `clv` among them) or a
/// summary value that is not a finite number.
CustomerValues ReadCustomerValues(const std::string& path);

/// One rule: customers whose three scores fall in the ranges belong to `segment`.
struct SegmentRule {
  std::string segment;
  int recency_min = 1, recency_max = 5;
  int frequency_min = 1, frequency_max = 5;
  int monetary_min = 1, monetary_max = 5;
  std::int64_t line = 0;  ///< line in the rules file
};

/// Ordered rules; the first rule a customer matches names its segment. Every one of the 125
/// score combinations must match some rule.
struct SegmentRules {
  std::string source;  ///< file name, for messages
  std::vector<SegmentRule> rules;

  /// The segment names in order of first appearance.
  std::vector<std::string> SegmentNames() const;
};

/// The rules of data/segments/default_rfm_segments.csv, compiled in.
SegmentRules DefaultSegmentRules();
/// Parses a rules file: comment lines start with '#', then the header
/// `segment,r_score,f_score,m_score`, then one rule per line with each score a value `4` or a
/// range `3-5`. Throws InputError naming file and line for a malformed rule, and naming the
/// first uncovered combination when the rules leave one out.
SegmentRules ParseSegmentRules(std::string_view text, const std::string& source);
/// Reads and parses a rules file; throws InputError when it cannot be read.
SegmentRules ReadSegmentRules(const std::string& path);

enum class SegmentBy { kValue, kRfm, kBoth };
/// "value", "rfm", "both".
std::string_view ToString(SegmentBy by);
SegmentBy ParseSegmentBy(std::string_view text);

/// Value tier names, best first, and the share of customers ranked above which each begins.
inline constexpr std::string_view kValueTierNames[] = {"platinum", "gold", "silver", "bronze"};
inline constexpr double kValueTierStarts[] = {0.0, 0.01, 0.10, 0.50};

struct SegmentOptions {
  SegmentBy by = SegmentBy::kBoth;
  SegmentRules rules = DefaultSegmentRules();
  /// One group name per customer (from a first-purchase attribute); empty for no grouping.
  std::vector<std::string> group_of_customer;
};

/// Customers, value and P(alive) of one segment, tier or group.
struct SegmentSummary {
  std::string name;
  std::int64_t customers = 0;
  double share_of_customers = 0.0;
  double total_value = 0.0;
  double mean_value = 0.0;
  double share_of_value = 0.0;  ///< unset-like 0 when the total value is not positive
  std::optional<double> mean_p_alive;
};

/// The concentration of value: how much of it the most valuable customers hold.
struct ValueConcentration {
  /// (share of customers, share of value) for the top 1, 5, 10, 20, ..., 100 % of customers.
  std::vector<std::pair<double, double>> curve;
  std::optional<double> top_20_share;  ///< unset when the total value is not positive
  std::optional<double> gini;          ///< Gini coefficient of the value; unset likewise
  std::vector<std::string> sentences;  ///< "the top 20 % of customers hold 64 % of ..."
};

/// Everything Segment computes; per-customer vectors are in input row order.
struct Segmentation {
  bool has_value = false;
  bool has_rfm = false;
  bool has_groups = false;
  std::vector<int> value_decile;                                    ///< 1 = the most valuable 10 %
  std::vector<int> value_tier;                                      ///< index into kValueTierNames
  std::vector<int> recency_score, frequency_score, monetary_score;  ///< 1..5, 5 is best
  std::vector<int> segment;                                         ///< index into segment_names
  std::vector<std::string> segment_names;
  std::vector<int> group;  ///< index into group_names
  std::vector<std::string> group_names;

  ValueConcentration concentration;
  std::vector<SegmentSummary> by_segment;  ///< in rule order, empty segments included
  std::vector<SegmentSummary> by_tier;     ///< best tier first
  std::vector<SegmentSummary> by_group;    ///< by descending mean value, then name
};

/// Segments `customers`. Deterministic: the result depends on the rows, not on the thread
/// count. Throws InputError for an empty input or a group vector of the wrong length.
Segmentation Segment(const CustomerValues& customers, const SegmentOptions& options);

/// The per-customer CSV (`customer_id`, then the columns of what was computed).
std::string SegmentationCsv(const CustomerValues& customers, const Segmentation& segmentation);

/// The JSON summary: `customers`, `value_kind`, `top_20_share`, `gini`, `concentration`,
/// `sentences`, `segments`, `tiers`, `groups`.
std::string SegmentationJson(const CustomerValues& customers, const Segmentation& segmentation);

}  // namespace clv
