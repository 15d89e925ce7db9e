// SPDX-License-Identifier: MIT
#include "ingest/date_parser.h"

#include <gtest/gtest.h>

#include "clv/error.h"
#include "ingest/civil_time.h"

namespace clv::detail {
namespace {

std::int64_t Auto(std::string_view text) {
  ParsedTimestamp parsed;
  EXPECT_TRUE(ParseTimestampAuto(text, &parsed)) << text;
  return parsed.seconds;
}

bool AutoRejects(std::string_view text) {
  ParsedTimestamp parsed;
  return !ParseTimestampAuto(text, &parsed);
}

constexpr std::int64_t kDay = 86400;

TEST(Correctness, CivilDayNumbersMatchKnownDates) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
  for (std::int64_t day = -800000; day < 3000000; day += 997) {
    const CivilDate date = CivilFromDays(day);
    EXPECT_EQ(DaysFromCivil(date.year, date.month, date.day), day);
  }
}

TEST(Correctness, IsoDatesAndDateTimesAreUtcSeconds) {
  EXPECT_EQ(Auto("1997-01-01"), 852076800);
  EXPECT_EQ(Auto("1997/01/01"), 852076800);
  EXPECT_EQ(Auto("1997-01-01 13:45:10"), 852076800 + 13 * 3600 + 45 * 60 + 10);
  EXPECT_EQ(Auto("1997-01-01T13:45"), 852076800 + 13 * 3600 + 45 * 60);
  EXPECT_EQ(Auto("1997-01-01T13:45:10.999"), 852076800 + 13 * 3600 + 45 * 60 + 10);
  EXPECT_EQ(Auto("1997-01-01T13:45:10Z"), 852076800 + 13 * 3600 + 45 * 60 + 10);
  // 13:45 at UTC+02:00 is 11:45 UTC; at -0530 it is 19:15 UTC.
  EXPECT_EQ(Auto("1997-01-01T13:45:00+02:00"), 852076800 + 11 * 3600 + 45 * 60);
  EXPECT_EQ(Auto("1997-01-01 13:45:00-0530"), 852076800 + 19 * 3600 + 15 * 60);
  EXPECT_EQ(Auto("2024-02-29"), DaysFromCivil(2024, 2, 29) * kDay);
}

TEST(Correctness, CompactDatesAndUnixSecondsAreRecognised) {
  EXPECT_EQ(Auto("19970101"), 852076800);
  EXPECT_EQ(Auto("852076800"), 852076800);
  EXPECT_EQ(Auto("1700000000.75"), 1700000000);
  EXPECT_EQ(Auto("-1"), -1);
}

TEST(InputChecks, ImpossibleDatesAreRejected) {
  for (std::string_view text :
       {"1997-02-29", "1997-13-01", "1997-00-10", "1997-01-32", "1997-01-01 24:00:00",
        "1997-01-01 12:60", "1997-1-1", "", "yesterday", "1997-01-01x", "1997-01-01T", "19971301",
        "1997-01-01 10:00:00+25:00", "99999999999999"}) {
    EXPECT_TRUE(AutoRejects(text)) << text;
  }
}

TEST(Correctness, StrftimeFormatsReadDayFirstAndMonthNames) {
  ParsedTimestamp parsed;
  ASSERT_TRUE(DateFormat("%d/%m/%Y").Parse("31/01/1997", &parsed));
  EXPECT_EQ(parsed.seconds, DaysFromCivil(1997, 1, 31) * kDay);
  ASSERT_TRUE(DateFormat("%d %b %Y %H:%M").Parse("5 Mar 2021 07:08", &parsed));
  EXPECT_EQ(parsed.seconds, DaysFromCivil(2021, 3, 5) * kDay + 7 * 3600 + 8 * 60);
  ASSERT_TRUE(DateFormat("%B %e, %y").Parse("December  9, 99", &parsed));
  EXPECT_EQ(parsed.seconds, DaysFromCivil(1999, 12, 9) * kDay);
  ASSERT_TRUE(DateFormat("%F %T%z").Parse("2020-06-01 10:00:00+0100", &parsed));
  EXPECT_EQ(parsed.seconds, DaysFromCivil(2020, 6, 1) * kDay + 9 * 3600);
  ASSERT_TRUE(DateFormat("%Y-%j").Parse("2020-061", &parsed));
  EXPECT_EQ(parsed.seconds, DaysFromCivil(2020, 3, 1) * kDay);
  ASSERT_TRUE(DateFormat("%s").Parse("852076800", &parsed));
  EXPECT_EQ(parsed.seconds, 852076800);
  EXPECT_FALSE(DateFormat("%d/%m/%Y").Parse("1997-01-31", &parsed));
  EXPECT_FALSE(DateFormat("%d/%m/%Y").Parse("31/02/1997", &parsed));
}

TEST(InputChecks, UnsupportedFormatDirectiveIsAnInputError) {
  EXPECT_THROW(DateFormat("%Q"), InputError);
  EXPECT_THROW(DateFormat("%Y-%"), InputError);
}

TEST(Consistency, CachedParserAgreesWithFreshParses) {
  TimestampParser parser(nullptr);
  std::int64_t seconds = 0;
  for (std::string_view text : {"2020-01-01", "2020-01-01", "2020-01-02", "bad", "2020-01-02"}) {
    ParsedTimestamp fresh;
    const bool fresh_ok = ParseTimestampAuto(text, &fresh);
    EXPECT_EQ(parser.Parse(text, &seconds), fresh_ok) << text;
    if (fresh_ok) {
      EXPECT_EQ(seconds, fresh.seconds) << text;
    }
  }
}

}  // namespace
}  // namespace clv::detail
