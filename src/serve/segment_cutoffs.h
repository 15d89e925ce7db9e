// SPDX-License-Identifier: MIT
// The segment boundaries a model version carries: value tier cut-offs and RFM score boundaries,
// drawn at refit time from the customers the model was fitted on with the rank rules of
// `clv segment` (clv/segment.h, docs/metrics.md). A customer read later is placed against these
// boundaries, so a read ranks nobody else and a customer's tier does not move when others buy.
// For the fitted customers as of the fit, the placement equals what `clv segment` gives.
#pragma once

#include <array>
#include <string>
#include <vector>

namespace clv::detail {

/// The three RFM scores, 1..5 with 5 best.
struct RfmScores {
  int recency = 1;
  int frequency = 1;
  int monetary = 1;
};

struct SegmentCutoffs {
  /// A value below cut-off k ranks under the share kValueTierStarts[k + 1] of the fitted
  /// customers; the tier index (into kValueTierNames) is the number of cut-offs it is below.
  std::array<double, 3> value_tier_cutoffs{};
  /// Score boundaries: a customer scores 1 plus the number of boundaries it beats, where a
  /// shorter time since the last purchase, more repeat purchases and a higher mean repeat spend
  /// beat a boundary when strictly better than it.
  std::array<double, 4> time_since_last_purchase{};
  std::array<double, 4> frequency{};
  std::array<double, 4> monetary_value{};

  /// Index into kValueTierNames of `value` (CLV, or expected purchases without a spend model).
  int ValueTierOf(double value) const;
  RfmScores ScoresOf(double time_since_last_purchase, double frequency,
                     double monetary_value) const;

  std::string ToJson() const;
  /// Throws InputError naming `source` when `text` is not the JSON ToJson writes.
  static SegmentCutoffs FromJson(const std::string& text, const std::string& source);
};

/// The boundaries of the customers given column by column (one entry per customer, at least
/// one). A value that is not finite counts as 0, as in `clv segment`.
SegmentCutoffs ComputeSegmentCutoffs(const std::vector<double>& value,
                                     const std::vector<double>& time_since_last_purchase,
                                     const std::vector<double>& frequency,
                                     const std::vector<double>& monetary_value);

}  // namespace clv::detail
