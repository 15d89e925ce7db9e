// SPDX-License-Identifier: MIT
#include "serve/rfm_rule_table.h"

#include <algorithm>

#include "clv/error.h"

namespace clv::detail {
namespace {

bool InRange(int score, int low, int high) {
  return score >= low && score <= high;
}

}  // namespace

RfmRuleTable::RfmRuleTable(const SegmentRules& rules) : names_(rules.SegmentNames()) {
  for (int code = 0; code < kLevels * kLevels * kLevels; ++code) {
    const int r = code / (kLevels * kLevels) + 1;
    const int f = code / kLevels % kLevels + 1;
    const int m = code % kLevels + 1;
    const auto rule = std::find_if(rules.rules.begin(), rules.rules.end(), [&](const auto& x) {
      return InRange(r, x.recency_min, x.recency_max) &&
             InRange(f, x.frequency_min, x.frequency_max) &&
             InRange(m, x.monetary_min, x.monetary_max);
    });
    CLV_CHECK(rule != rules.rules.end(), "segment rules were validated to cover every score");
    segment_of_code_[static_cast<std::size_t>(code)] = IndexOf(rule->segment);
  }
}

int RfmRuleTable::SegmentOf(const RfmScores& scores) const {
  const int code =
      ((scores.recency - 1) * kLevels + (scores.frequency - 1)) * kLevels + (scores.monetary - 1);
  return segment_of_code_[static_cast<std::size_t>(code)];
}

int RfmRuleTable::IndexOf(std::string_view name) const {
  const auto found = std::find(names_.begin(), names_.end(), name);
  return found == names_.end() ? -1 : static_cast<int>(found - names_.begin());
}

}  // namespace clv::detail
