// SPDX-License-Identifier: MIT
#include "clv/error.h"

#include <gtest/gtest.h>

namespace clv {
namespace {

TEST(InputChecks, InputErrorNamesFileLineColumnAndText) {
  const InputError error({.file = "log.csv", .line = 12, .column = "date", .text = "2020-13-01"},
                         "cannot parse date", "pass --date-format");
  EXPECT_STREQ(error.what(),
               "log.csv:12: column 'date': cannot parse date '2020-13-01' (pass --date-format)");
}

TEST(InputChecks, InputErrorLeavesOutUnknownParts) {
  const InputError error(InputLocation{.file = "log.csv"}, "file is empty");
  EXPECT_STREQ(error.what(), "log.csv: file is empty");
}

TEST(InputChecks, QuotedTextShowsControlBytesAndIsShortened) {
  EXPECT_EQ(QuoteForMessage(std::string_view("a\0b\tc", 5)), "a\\0b\\x09c");
  EXPECT_EQ(QuoteForMessage(std::string(100, 'x'), 10), std::string(10, 'x') + "...");
}

}  // namespace
}  // namespace clv
