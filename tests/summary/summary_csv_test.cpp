// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <numeric>

#include "clv/error.h"
#include "clv/summary.h"
#include "common/atomic_file.h"

namespace clv {
namespace {

namespace fs = std::filesystem;

std::string WriteTemporary(const std::string& name, const std::string& contents) {
  const fs::path path = fs::temp_directory_path() / ("clv_summary_csv_" + name);
  std::ofstream(path, std::ios::binary) << contents;
  return path.string();
}

// REFERENCE.md §3.1: the published CDNOW summary, 2,357 customers, sum of x = 2,457.
TEST(Correctness, ReadsThePublishedCdnowSummary) {
  const SummaryTable table = ReadSummaryCsv(
      std::string(CLV_SHARED_DATA_DIR) + "/cdnow_customers_summary.csv", TimeUnit::kWeek);
  ASSERT_EQ(table.size(), 2357u);
  EXPECT_EQ(table.customer_ids[0], "1");
  EXPECT_DOUBLE_EQ(table.recency[0], 30.43);
  EXPECT_DOUBLE_EQ(table.age[0], 38.86);
  EXPECT_DOUBLE_EQ(std::accumulate(table.frequency.begin(), table.frequency.end(), 0.0), 2457.0);
  EXPECT_FALSE(table.has_holdout);
  EXPECT_TRUE(table.weight.empty());
}

// REFERENCE.md §3.1: the `ID,x,t_x,T,zbar` variant; first zbar is 22.35.
TEST(Correctness, ReadsThePaperNotationHeader) {
  const SummaryTable table = ReadSummaryCsv(
      std::string(CLV_SHARED_DATA_DIR) + "/cdnow_customers_summary_with_transactions.csv",
      TimeUnit::kWeek);
  ASSERT_EQ(table.size(), 2357u);
  EXPECT_DOUBLE_EQ(table.monetary_value[0], 22.35);
  EXPECT_DOUBLE_EQ(table.frequency[5], 7.0);
}

// REFERENCE.md §3.2: 22 patterns standing for 11,104 donors.
TEST(Correctness, ReadsWeightsAndPeriodsOfTheDonationsFile) {
  const SummaryTable table =
      ReadSummaryCsv(std::string(CLV_SHARED_DATA_DIR) + "/donations.csv", TimeUnit::kDay);
  ASSERT_EQ(table.size(), 22u);
  EXPECT_DOUBLE_EQ(std::accumulate(table.weight.begin(), table.weight.end(), 0.0), 11104.0);
  EXPECT_DOUBLE_EQ(table.age[0], 6.0);
  EXPECT_EQ(table.customer_ids[21], "22");
}

TEST(Consistency, WrittenSummaryReadsBackBitForBit) {
  SummaryTable table;
  table.unit = TimeUnit::kWeek;
  table.customer_ids = {"a,b", "say \"hi\"", "7"};
  table.frequency = {1, 0, 3};
  table.recency = {0.1 + 0.2, 0, 1.0 / 3.0};
  table.age = {38.857142857142854, 2, 1e-300};
  table.monetary_value = {-1.5, 0, 123456.789};
  table.has_holdout = true;
  table.frequency_holdout = {2, 0, 1};
  table.monetary_value_holdout = {3.25, 0, 1};
  table.duration_holdout = {39, 39, 39};
  const std::string path = WriteTemporary("roundtrip.csv", "");
  {
    detail::AtomicOutputFile out(path);
    WriteSummaryCsv(table, out);
    out.Commit();
  }
  const SummaryTable back = ReadSummaryCsv(path, TimeUnit::kWeek);
  EXPECT_EQ(back.customer_ids, table.customer_ids);
  EXPECT_EQ(back.frequency, table.frequency);
  EXPECT_EQ(back.recency, table.recency);
  EXPECT_EQ(back.age, table.age);
  EXPECT_EQ(back.monetary_value, table.monetary_value);
  ASSERT_TRUE(back.has_holdout);
  EXPECT_EQ(back.frequency_holdout, table.frequency_holdout);
  EXPECT_EQ(back.monetary_value_holdout, table.monetary_value_holdout);
  EXPECT_EQ(back.duration_holdout, table.duration_holdout);
}

TEST(InputChecks, SummaryValueThatIsNotANumberNamesFileLineAndColumn) {
  const std::string path =
      WriteTemporary("bad_number.csv", "customer_id,frequency,recency,T\n1,1,2,3\n2,x1,0,3\n");
  try {
    ReadSummaryCsv(path, TimeUnit::kDay);
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find(path + ":3"), std::string::npos) << message;
    EXPECT_NE(message.find("column 'frequency'"), std::string::npos) << message;
    EXPECT_NE(message.find("'x1'"), std::string::npos) << message;
  }
}

TEST(InputChecks, SummaryWithoutRecencyColumnIsRejected) {
  const std::string path = WriteTemporary("no_recency.csv", "id,frequency,T\n1,1,3\n");
  EXPECT_THROW(ReadSummaryCsv(path, TimeUnit::kDay), InputError);
}

TEST(InputChecks, NegativeAgeIsRejected) {
  const std::string path = WriteTemporary("negative.csv", "id,frequency,recency,T\n1,1,0,-3\n");
  EXPECT_THROW(ReadSummaryCsv(path, TimeUnit::kDay), InputError);
}

TEST(InputChecks, MissingSummaryFileIsAnInputError) {
  EXPECT_THROW(ReadSummaryCsv("/nonexistent/summary.csv", TimeUnit::kDay), InputError);
}

}  // namespace
}  // namespace clv
