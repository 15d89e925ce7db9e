// SPDX-License-Identifier: MIT
// The generated transaction log: deterministic bytes, both row orders holding the same rows, and
// rows that respect the options they were drawn under.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "clv/error.h"
#include "clv/generate.h"
#include "common/parallel.h"
#include "generate/log_reading.h"

namespace clv {
namespace {

using testing::FreshDirectory;
using testing::ReadWholeFile;
using testing::RunClv;
using testing::SplitFields;
using testing::SplitLines;

TransactionLogOptions SmallLog() {
  TransactionLogOptions options;
  options.num_customers = 40000;  // more than two blocks of customers
  options.start_date = "2023-12-30";
  options.observation_days = 200;
  options.acquisition_days = 60;
  options.seed = 7;
  options.timestamps = TimestampFormat::kDateTime;
  return options;
}

std::string Generate(const TransactionLogOptions& options, const std::string& name,
                     int threads = 0) {
  const detail::ThreadLimit limit(threads);
  const auto path = FreshDirectory(name) / "log.csv";
  WriteTransactionLog(options, path.string());
  return ReadWholeFile(path);
}

std::vector<std::string> SortedRows(const std::string& log) {
  std::vector<std::string> lines = SplitLines(log);
  std::sort(lines.begin() + 1, lines.end());
  return lines;
}

TEST(Consistency, SameSeedGivesIdenticalBytesOnOneAndTwoThreads) {
  const std::string one_thread = Generate(SmallLog(), "one_thread", 1);
  const std::string two_threads = Generate(SmallLog(), "two_threads", 2);
  EXPECT_GT(one_thread.size(), 1000000u);
  EXPECT_TRUE(one_thread == two_threads);
}

TEST(Consistency, TimeOrderIsIdenticalOnOneAndTwoThreads) {
  TransactionLogOptions options = SmallLog();
  options.order = RowOrder::kTime;
  EXPECT_TRUE(Generate(options, "time_one", 1) == Generate(options, "time_two", 2));
}

TEST(Consistency, DifferentSeedsGiveDifferentLogs) {
  TransactionLogOptions other = SmallLog();
  other.seed = 8;
  EXPECT_FALSE(Generate(SmallLog(), "seed_7") == Generate(other, "seed_8"));
}

TEST(Consistency, CustomerAndTimeOrderHoldTheSameRows) {
  TransactionLogOptions options = SmallLog();
  options.transaction_ids = true;
  options.channels = {"web", "store", "app"};
  const std::string by_customer = Generate(options, "by_customer");
  options.order = RowOrder::kTime;
  const std::string by_time = Generate(options, "by_time");
  EXPECT_FALSE(by_customer == by_time);
  EXPECT_EQ(SortedRows(by_customer), SortedRows(by_time));
}

TEST(Consistency, TimeOrderRowsAreSortedByTimestamp) {
  TransactionLogOptions options = SmallLog();
  options.order = RowOrder::kTime;
  const std::vector<std::string> lines = SplitLines(Generate(options, "sorted"));
  ASSERT_GT(lines.size(), 2u);
  for (std::size_t i = 2; i < lines.size(); ++i) {
    ASSERT_LE(SplitFields(lines[i - 1])[1], SplitFields(lines[i])[1]) << "line " << i + 1;
  }
}

TEST(Consistency, TimeOrderInManyPassesEqualsOnePass) {
  TransactionLogOptions options = SmallLog();
  options.num_customers = 3000;
  options.order = RowOrder::kTime;
  const std::string one_pass = Generate(options, "one_pass");
  options.memory_budget_bytes = 16 * 500;  // about 500 pending rows: one pass per few days
  const auto path = FreshDirectory("many_passes") / "log.csv";
  const TransactionLogSummary summary = WriteTransactionLog(options, path.string());
  EXPECT_GT(summary.passes, 10);
  EXPECT_TRUE(ReadWholeFile(path) == one_pass);
}

TEST(Consistency, GzipOutputDecompressesToThePlainLog) {
  const std::string plain = Generate(SmallLog(), "plain");
  const auto path = FreshDirectory("gzip") / "log.csv.gz";
  WriteTransactionLog(SmallLog(), path.string());
  EXPECT_LT(std::filesystem::file_size(path), plain.size() / 2);
  EXPECT_TRUE(ReadWholeFile(path) == plain);
}

TEST(Consistency, CommandLineWritesTheSameLogAsTheLibrary) {
  TransactionLogOptions options = SmallLog();
  options.order = RowOrder::kTime;
  options.id_format = CustomerIdFormat::kInteger;
  const std::string library = Generate(options, "library");
  const auto path = FreshDirectory("cli") / "log.csv";
  ASSERT_EQ(RunClv("generate --customers 40000 --start 2023-12-30 --days 200 "
                   "--acquisition-days 60 --seed 7 --timestamps datetime --order time "
                   "--id-format int --threads 2 -o " +
                   path.string()),
            0);
  EXPECT_TRUE(ReadWholeFile(path) == library);
}

TEST(Consistency, MoreCustomersKeepTheFirstCustomersUnchanged) {
  TransactionLogOptions options = SmallLog();
  const std::string larger = Generate(options, "larger");
  options.num_customers = 1000;
  const std::string smaller = Generate(options, "smaller");
  EXPECT_EQ(larger.compare(0, smaller.size(), smaller), 0);
}

// Each row's fields, checked against the options; returns rows per customer id.
std::map<std::string, std::vector<std::vector<std::string>>> CheckedRows(
    const std::string& log, const std::string& first_date, const std::string& last_date) {
  std::map<std::string, std::vector<std::vector<std::string>>> rows;
  const std::vector<std::string> lines = SplitLines(log);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::vector<std::string> fields = SplitFields(lines[i]);
    EXPECT_EQ(fields.size(), 3u) << lines[i];
    EXPECT_GT(std::stod(fields[2]), 0.0) << lines[i];
    EXPECT_GE(fields[1].substr(0, 10), first_date) << lines[i];
    EXPECT_LE(fields[1].substr(0, 10), last_date) << lines[i];
    rows[fields[0]].push_back(fields);
  }
  return rows;
}

TEST(Correctness, RowsRespectTheRequestedCustomersDatesAndAmounts) {
  TransactionLogOptions options = SmallLog();
  options.num_customers = 5000;
  options.start_date = "2024-02-20";  // the window crosses 29 February
  options.observation_days = 30;
  options.acquisition_days = 10;
  options.timestamps = TimestampFormat::kDate;
  const std::string log = Generate(options, "round_trip");
  EXPECT_EQ(SplitLines(log)[0], "customer_id,timestamp,amount");

  const auto rows = CheckedRows(log, "2024-02-20", "2024-03-20");
  EXPECT_EQ(rows.size(), 5000u);  // every customer makes a first purchase
  EXPECT_EQ(rows.begin()->first, "C000000001");
  EXPECT_EQ(rows.rbegin()->first, "C000005000");
  for (const auto& [id, customer_rows] : rows) {
    const std::string& first_purchase = customer_rows.front()[1];
    EXPECT_LE(first_purchase, "2024-02-29") << id;  // acquired within 10 days of the start
    EXPECT_TRUE(std::is_sorted(customer_rows.begin(), customer_rows.end(),
                               [](const auto& a, const auto& b) { return a[1] < b[1]; }))
        << id;
  }
}

TEST(Correctness, LatentTraitsFileHasOneRowPerCustomerWithItsFirstPurchase) {
  TransactionLogOptions options = SmallLog();
  options.model = ModelKind::kParetoNbd;
  options.num_customers = 2000;
  const auto dir = FreshDirectory("traits");
  WriteLatentTraits(options, (dir / "traits.csv").string());
  WriteTransactionLog(options, (dir / "log.csv").string());
  const std::vector<std::string> traits = SplitLines(ReadWholeFile(dir / "traits.csv"));
  const std::vector<std::string> log = SplitLines(ReadWholeFile(dir / "log.csv"));
  ASSERT_EQ(traits.size(), 2001u);
  EXPECT_EQ(traits[0], "customer_id,first_purchase,purchase_rate,dropout,spend_rate");

  std::map<std::string, std::string> first_purchase;
  for (std::size_t i = log.size() - 1; i >= 1; --i) {
    const std::vector<std::string> fields = SplitFields(log[i]);
    first_purchase[fields[0]] = fields[1];
  }
  for (std::size_t i = 1; i < traits.size(); ++i) {
    const std::vector<std::string> fields = SplitFields(traits[i]);
    ASSERT_EQ(fields.size(), 5u);
    EXPECT_EQ(fields[1], first_purchase[fields[0]]) << traits[i];
    for (std::size_t k = 2; k < 5; ++k)
      EXPECT_GE(std::stod(fields[k]), 0.0) << traits[i];
  }
}

TEST(Correctness, MeanPurchasesPerCustomerFollowTheModel) {
  // Every customer is observed for exactly 100 days (acquired in the first day), so the mean
  // rows per customer is 1 + E[X(100)] of Pareto/NBD (REFERENCE.md §6.2), with the default daily
  // parameters r = 0.553, alpha = 74.046, s = 0.606, beta = 81.683.
  TransactionLogOptions options;
  options.model = ModelKind::kParetoNbd;
  options.num_customers = 100000;
  options.observation_days = 100;
  options.acquisition_days = 1;
  options.timestamps = TimestampFormat::kDateTime;
  const std::vector<std::string> lines = SplitLines(Generate(options, "mean_rows"));
  const double r = 0.553, alpha = 10.578 * 7, s = 0.606, beta = 11.669 * 7, t = 100;
  // The acquisition time is uniform in the first day: average over it by Simpson's rule.
  auto expected = [&](double age) {
    return r * beta / (alpha * (s - 1)) * (1 - std::pow(beta / (beta + age), s - 1));
  };
  const double expected_repeats = (expected(t) + 4 * expected(t - 0.5) + expected(t - 1)) / 6;
  const double mean_rows = static_cast<double>(lines.size() - 1) / 100000;
  // Repeat purchases per customer have a standard deviation below 3 here; 4 standard errors.
  EXPECT_NEAR(mean_rows, 1 + expected_repeats, 4 * 3 / std::sqrt(100000.0));
}

TEST(InputChecks, RejectsOptionsThatBreakTheirRules) {
  auto rejects = [](auto change) {
    TransactionLogOptions options = SmallLog();
    change(options);
    EXPECT_THROW(options.Validate(), InputError);
  };
  rejects([](TransactionLogOptions& o) { o.num_customers = 0; });
  rejects([](TransactionLogOptions& o) { o.observation_days = 0; });
  rejects([](TransactionLogOptions& o) { o.acquisition_days = o.observation_days + 1; });
  rejects([](TransactionLogOptions& o) { o.start_date = "2023-02-29"; });
  rejects([](TransactionLogOptions& o) { o.start_date = "2023/01/01"; });
  rejects([](TransactionLogOptions& o) { o.model = ModelKind::kBgBb; });
  rejects([](TransactionLogOptions& o) { o.purchase_params = {0.2, 4.0, 0.8}; });
  rejects([](TransactionLogOptions& o) { o.purchase_params = {0.2, -4.0, 0.8, 2.0}; });
  rejects([](TransactionLogOptions& o) { o.spend_params = {6.25, 0.0, 15.44}; });
  rejects([](TransactionLogOptions& o) { o.channels = {"web", "a,b"}; });
}

TEST(InputChecks, CommandLineExitsWithStatusTwoOnBadOptions) {
  const auto path = FreshDirectory("bad_cli") / "log.csv";
  EXPECT_EQ(
      RunClv("generate --customers 10 --start 2024-13-01 -o " + path.string() + " 2>/dev/null"), 2);
  EXPECT_EQ(RunClv("generate --customers 10 --params 1,2,3 -o " + path.string() + " 2>/dev/null"),
            2);
  EXPECT_EQ(RunClv("generate --customers 10 --order random -o " + path.string() + " 2>/dev/null"),
            2);
  EXPECT_FALSE(std::filesystem::exists(path));
}

}  // namespace
}  // namespace clv
