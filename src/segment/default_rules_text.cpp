// SPDX-License-Identifier: MIT
// A compiled copy of data/segments/default_rfm_segments.csv, the source of truth; the test
// Consistency.CompiledDefaultRulesMatchTheRulesFile keeps the two identical.
#include "segment/default_rules_text.h"

namespace clv::detail {

std::string_view DefaultSegmentRulesText() {
  return R"rules(# Default RFM segments of `clv segment` (docs/metrics.md, "RFM segments").
#
# Each customer has three scores from 1 to 5, where 5 is best:
#   r_score  time since the last purchase (5 = most recent)
#   f_score  repeat purchases             (5 = most frequent)
#   m_score  mean repeat spend            (5 = highest)
# A rule lists a score or a range of scores for each; the first rule a customer matches names
# the segment. A segment may have several rules. Every combination of scores must match a rule.
# Replace this file with `clv segment --segments FILE`.
segment,r_score,f_score,m_score
champions,4-5,4-5,1-5
new,5,1,1-5
promising,4,1,1-5
potential_loyalists,4-5,2-3,1-5
loyal,3,3-5,1-5
needs_attention,3,2,1-5
about_to_sleep,3,1,1-5
cant_lose_them,1-2,4-5,4-5
at_risk,1-2,3-5,1-5
hibernating,2,1-2,1-5
lost,1,1-2,1-5
)rules";
}

}  // namespace clv::detail
