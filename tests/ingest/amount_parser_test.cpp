// SPDX-License-Identifier: MIT
#include "ingest/amount_parser.h"

#include <gtest/gtest.h>

namespace clv::detail {
namespace {

std::int64_t Amount(std::string_view text) {
  std::int64_t value = 0;
  EXPECT_TRUE(ParseAmount(text, &value)) << text;
  return value;
}

TEST(Correctness, AmountsBecomeExactMicroUnits) {
  EXPECT_EQ(Amount("11.77"), 11'770'000);
  EXPECT_EQ(Amount("0"), 0);
  EXPECT_EQ(Amount(".5"), 500'000);
  EXPECT_EQ(Amount("7."), 7'000'000);
  EXPECT_EQ(Amount(" 29.33 "), 29'330'000);
  EXPECT_EQ(Amount("0.1234565"), 123'457);  // seventh decimal rounds half away from zero
  EXPECT_EQ(Amount("123456789012.999999"), 123'456'789'012'999'999);
}

TEST(Correctness, CurrencySymbolsAndSignsAreAccepted) {
  EXPECT_EQ(Amount("$12.50"), 12'500'000);
  EXPECT_EQ(Amount("12.50 \xE2\x82\xAC"), 12'500'000);
  EXPECT_EQ(Amount("\xC2\xA3 3"), 3'000'000);
  EXPECT_EQ(Amount("-$12.50"), -12'500'000);
  EXPECT_EQ(Amount("$-12.50"), -12'500'000);
  EXPECT_EQ(Amount("-4.25"), -4'250'000);
  EXPECT_EQ(Amount("+4.25"), 4'250'000);
}

TEST(InputChecks, TextThatIsNotAnAmountIsRejected) {
  std::int64_t value = 0;
  for (std::string_view text : {"", "abc", "1.2.3", "1,5", "$", "-", "12 34", "1e5", "--1",
                                "1234567890123", "$$1", "NaN"}) {
    EXPECT_FALSE(ParseAmount(text, &value)) << text;
  }
}

}  // namespace
}  // namespace clv::detail
