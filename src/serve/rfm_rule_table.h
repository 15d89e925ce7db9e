// SPDX-License-Identifier: MIT
// The RFM segment of every score combination under a rule set (clv/segment.h): the first rule a
// combination matches names its segment, as in `clv segment`. Built once, so a read looks its
// segment up instead of walking the rules.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "clv/segment.h"
#include "serve/segment_cutoffs.h"

namespace clv::detail {

class RfmRuleTable {
 public:
  /// `rules` cover every combination (ParseSegmentRules checks it).
  explicit RfmRuleTable(const SegmentRules& rules);

  /// Index into names() of the segment of `scores`.
  int SegmentOf(const RfmScores& scores) const;
  /// The segment names in rule order.
  const std::vector<std::string>& names() const { return names_; }
  /// Index of `name` in names(); -1 when no rule names it.
  int IndexOf(std::string_view name) const;

 private:
  static constexpr int kLevels = 5;
  std::vector<std::string> names_;
  std::array<int, kLevels * kLevels * kLevels> segment_of_code_{};
};

}  // namespace clv::detail
