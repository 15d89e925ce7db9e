// SPDX-License-Identifier: MIT
#include "ingest/csv_record.h"

#include <gtest/gtest.h>

#include "ingest/chunk_splitter.h"

namespace clv::detail {
namespace {

using Records = std::vector<std::vector<std::string>>;

Records ReadAll(std::string_view text, char delimiter) {
  CsvRecordReader reader(text, delimiter);
  std::vector<std::string_view> fields;
  Records records;
  while (reader.Next(fields))
    records.emplace_back(fields.begin(), fields.end());
  return records;
}

TEST(Correctness, Rfc4180QuotingHoldsDelimitersQuotesAndLineBreaks) {
  const Records records = ReadAll("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"x\ny\",2,\r\n", ',');
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0], (std::vector<std::string>{"a", "b,c", "say \"hi\""}));
  EXPECT_EQ(records[1], (std::vector<std::string>{"x\ny", "2", ""}));
}

TEST(Correctness, RunsOfBlanksSeparateFieldsInWhitespaceMode) {
  const Records records =
      ReadAll(" 00001 19970101  1   11.77\r\n\t7\t\t8 \n", kWhitespaceDelimiter);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0], (std::vector<std::string>{"00001", "19970101", "1", "11.77"}));
  EXPECT_EQ(records[1], (std::vector<std::string>{"7", "8"}));
}

TEST(Correctness, BlankLinesYieldNoFieldsAndLinesAreCounted) {
  CsvRecordReader reader("a,b\n\n\"q\nq\",c\nd,e", ',');
  std::vector<std::string_view> fields;
  ASSERT_TRUE(reader.Next(fields));
  EXPECT_EQ(reader.line(), 1);
  ASSERT_TRUE(reader.Next(fields));
  EXPECT_TRUE(fields.empty());
  ASSERT_TRUE(reader.Next(fields));
  EXPECT_EQ(reader.line(), 4);  // the quoted line break counts
  ASSERT_TRUE(reader.Next(fields));
  EXPECT_EQ(fields[1], "e");
  EXPECT_FALSE(reader.Next(fields));
}

TEST(InputChecks, UnbalancedAndStrayQuotesAreFlagged) {
  CsvRecordReader open_quote("a,\"b\n", ',');
  std::vector<std::string_view> fields;
  ASSERT_TRUE(open_quote.Next(fields));
  EXPECT_TRUE(open_quote.unbalanced_quote());
  CsvRecordReader stray("a,b\"c\"d,e\nf,g\n", ',');
  ASSERT_TRUE(stray.Next(fields));
  EXPECT_TRUE(stray.unbalanced_quote());
  ASSERT_TRUE(stray.Next(fields));
  EXPECT_FALSE(stray.unbalanced_quote());
  EXPECT_EQ(fields[0], "f");
}

TEST(Correctness, EmbeddedNulIsFlagged) {
  CsvRecordReader reader(std::string_view("a,b\0c\n", 6), ',');
  std::vector<std::string_view> fields;
  ASSERT_TRUE(reader.Next(fields));
  EXPECT_TRUE(reader.has_nul());
}

TEST(Correctness, ChunksEndAfterALineBreakOutsideQuotes) {
  EXPECT_EQ(CompleteRecordsLength("a,b\nc,d"), 4u);
  EXPECT_EQ(CompleteRecordsLength("a,\"b\nc\",d\ne"), 10u);
  EXPECT_EQ(CompleteRecordsLength("a,\"b\nc"), 0u);
  EXPECT_EQ(CompleteRecordsLength("x\na,\"b\nc"), 2u);
  EXPECT_EQ(CompleteRecordsLength("no line break"), 0u);
}

}  // namespace
}  // namespace clv::detail
