// SPDX-License-Identifier: MIT
// ReadTransactions as a library: what a sink receives, for consumers other than the summary.
#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <tuple>

#include "clv/error.h"
#include "clv/ingest.h"
#include "ingest/csv_record.h"
#include "ingest/test_files.h"

namespace clv {
namespace {

struct Row {
  std::string customer;
  std::int64_t timestamp;
  std::int64_t amount;
  std::string transaction;
  std::string channel;
  bool operator<(const Row& other) const {
    return std::tie(customer, timestamp, transaction) <
           std::tie(other.customer, other.timestamp, other.transaction);
  }
  bool operator==(const Row& other) const = default;
};

class CollectingSink : public TransactionSink {
 public:
  void Consume(const TransactionBatch& batch) override {
    std::lock_guard lock(mutex_);
    for (std::size_t row = 0; row < batch.size(); ++row) {
      rows_.push_back({std::string(batch.customer_ids[row]), batch.timestamps[row],
                       batch.amounts[row], std::string(batch.transaction_ids[row]),
                       std::string(batch.extra[0][row])});
    }
  }
  std::vector<Row> Sorted() {
    std::sort(rows_.begin(), rows_.end());
    return rows_;
  }

 private:
  std::mutex mutex_;
  std::vector<Row> rows_;
};

const char* const kLog =
    "Order ID;Client;Channel;Ordered At;Revenue\r\n"
    "o1;\"Smith; John\";web;2021-03-01T10:00:00+01:00;€12.50\r\n"
    "o2;\"multi\nline\";\"store \"\"north\"\"\";2021-03-02;-3\r\n"
    "\r\n"
    "o3;42;app;2021-03-03 00:00:01;0.000001\r\n";

std::vector<Row> Read(std::size_t chunk_bytes) {
  IngestOptions options;
  options.paths = {testing::WriteFile("library.csv", kLog)};
  options.transaction_id_column = "order id";
  options.extra_columns = {"3"};
  options.chunk_bytes = chunk_bytes;
  CollectingSink sink;
  const IngestReport report = ReadTransactions(options, sink);
  EXPECT_EQ(report.rows_read, 3);
  EXPECT_EQ(report.rows_skipped, 0);
  return sink.Sorted();
}

TEST(Correctness, SinkReceivesIdsTimesAmountsTransactionIdsAndExtraColumns) {
  const std::vector<Row> rows = Read(std::size_t{4} << 20);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (Row{"42", 1614729601, 1, "o3", "app"}));
  EXPECT_EQ(rows[1], (Row{"Smith; John", 1614589200, 12'500'000, "o1", "web"}));
  EXPECT_EQ(rows[2], (Row{"multi\nline", 1614643200, -3'000'000, "o2", "store \"north\""}));
}

TEST(Consistency, TinyChunksDeliverTheSameRows) {
  const std::vector<Row> reference = Read(std::size_t{4} << 20);
  for (std::size_t chunk_bytes : {1, 2, 7, 30})
    EXPECT_EQ(Read(chunk_bytes), reference);
}

TEST(InputChecks, ColumnNameWithoutHeaderIsAnInputError) {
  IngestOptions options;
  options.paths = {testing::WriteFile("no_header.csv", "1,2020-01-01\n2,2020-01-02\n")};
  options.amount_column = "revenue";
  CollectingSink sink;
  EXPECT_THROW(ReadTransactions(options, sink), InputError);
}

TEST(Regression, LoneCarriageReturnAfterABlankDoesNotRecurseForever) {
  // Found by the row parser fuzzer: whitespace mode, a blank, then a CR not followed by LF.
  const std::string text = "a 1 \r7 x\r\n";
  detail::CsvRecordReader reader(text, detail::kWhitespaceDelimiter);
  std::vector<std::string_view> fields;
  ASSERT_TRUE(reader.Next(fields));
  EXPECT_EQ(fields, (std::vector<std::string_view>{"a", "1", "\r7", "x"}));
  EXPECT_FALSE(reader.Next(fields));
}

}  // namespace
}  // namespace clv
