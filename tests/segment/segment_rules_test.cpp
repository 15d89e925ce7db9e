// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "clv/error.h"
#include "clv/segment.h"
#include "segment/default_rules_text.h"

namespace clv {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string ErrorOf(std::string_view rules_text) {
  try {
    ParseSegmentRules(rules_text, "rules.csv");
  } catch (const InputError& error) {
    return error.what();
  }
  return "no error";
}

TEST(Consistency, CompiledDefaultRulesMatchTheRulesFile) {
  EXPECT_EQ(detail::DefaultSegmentRulesText(),
            ReadFile(std::string(CLV_SOURCE_DIR) + "/data/segments/default_rfm_segments.csv"));
}

TEST(Correctness, DefaultRulesNameTheElevenSegments) {
  const std::vector<std::string> expected{"champions",
                                          "new",
                                          "promising",
                                          "potential_loyalists",
                                          "loyal",
                                          "needs_attention",
                                          "about_to_sleep",
                                          "cant_lose_them",
                                          "at_risk",
                                          "hibernating",
                                          "lost"};
  EXPECT_EQ(DefaultSegmentRules().SegmentNames(), expected);
}

TEST(Correctness, CustomRulesFileReplacesTheDefaults) {
  const SegmentRules rules = ParseSegmentRules(
      "# two tiers\nsegment,r_score,f_score,m_score\nactive,4-5,1-5,1-5\n\ndormant,1-3,1-5,1-5\n",
      "two.csv");
  ASSERT_EQ(rules.rules.size(), 2U);
  EXPECT_EQ(rules.rules[0].segment, "active");
  EXPECT_EQ(rules.rules[0].recency_min, 4);
  EXPECT_EQ(rules.rules[0].recency_max, 5);
  EXPECT_EQ(rules.rules[1].line, 5);
  EXPECT_EQ(rules.SegmentNames(), (std::vector<std::string>{"active", "dormant"}));
}

TEST(InputChecks, RulesThatLeaveAScoreCombinationUncoveredAreRejected) {
  EXPECT_EQ(ErrorOf("segment,r_score,f_score,m_score\nactive,4-5,1-5,1-5\n"),
            "rules.csv: no rule matches r_score=1 f_score=1 m_score=1 (end the file with a "
            "catch-all rule such as 'other,1-5,1-5,1-5')");
}

TEST(InputChecks, ScoresOutsideOneToFiveOrReversedRangesAreRejected) {
  EXPECT_EQ(ErrorOf("segment,r_score,f_score,m_score\nall,0-5,1-5,1-5\n"),
            "rules.csv:2: column 'r_score': a score must be 1..5 or a range such as 3-5, got "
            "'0-5'");
  EXPECT_NE(ErrorOf("segment,r_score,f_score,m_score\nall,1-5,5-3,1-5\n"), "no error");
  EXPECT_NE(ErrorOf("segment,r_score,f_score,m_score\nall,1-5,1-6,1-5\n"), "no error");
  EXPECT_NE(ErrorOf("segment,r_score,f_score,m_score\nall,1-5,1-5,x\n"), "no error");
}

TEST(InputChecks, RulesNeedTheHeaderAndFourFields) {
  EXPECT_NE(ErrorOf("name,r,f,m\nall,1-5,1-5,1-5\n"), "no error");
  EXPECT_NE(ErrorOf("segment,r_score,f_score,m_score\nall,1-5,1-5\n"), "no error");
  EXPECT_NE(ErrorOf("# only a comment\n"), "no error");
}

TEST(InputChecks, MissingRulesFileIsAnInputError) {
  EXPECT_THROW(ReadSegmentRules("/nonexistent/rules.csv"), InputError);
}

}  // namespace
}  // namespace clv
