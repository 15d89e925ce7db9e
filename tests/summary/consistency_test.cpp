// SPDX-License-Identifier: MIT
// The summary does not depend on threads, chunk boundaries, row order or how the input arrives.
#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <random>
#include <sstream>

#include "clv/summary.h"
#include "common/atomic_file.h"
#include "common/parallel.h"
#include "ingest/test_files.h"

namespace clv {
namespace {

std::string FormatRow(const std::string& id, long timestamp, long cents) {
  std::ostringstream line;
  line << id << ',' << timestamp << ',' << (cents < 0 ? "-" : "") << std::abs(cents) / 100 << '.'
       << (std::abs(cents) % 100 < 10 ? "0" : "") << std::abs(cents) % 100 << '\n';
  return line.str();
}

// A log with awkward ids (quoted, with commas, quotes and line breaks), refunds, several rows per
// day and times of day, in random order.
std::vector<std::string> RandomRows(unsigned seed, int rows) {
  std::mt19937 random(seed);
  std::vector<std::string> lines;
  for (int row = 0; row < rows; ++row) {
    const int customer = static_cast<int>(random() % 300);
    std::string id = customer % 7 == 0 ? "\"c,\"\"" + std::to_string(customer) + "\"\"\nx\""
                                       : "c" + std::to_string(customer);
    const int day = static_cast<int>(random() % 400);
    const int second = static_cast<int>(random() % 86400);
    const long cents = static_cast<long>(random() % 20000) - 2000;
    lines.push_back(FormatRow(id, 1577836800 + day * 86400 + second, cents));
  }
  return lines;
}

std::string Join(const std::vector<std::string>& rows) {
  std::string text = "customer_id,timestamp,amount\n";
  for (const std::string& row : rows)
    text += row;
  return text;
}

SummaryTable Summarize(const std::vector<std::string>& paths, std::size_t chunk_bytes,
                       int threads) {
  const detail::ThreadLimit limit(threads);
  IngestOptions ingest;
  ingest.paths = paths;
  ingest.chunk_bytes = chunk_bytes;
  SummaryOptions options;
  options.unit = TimeUnit::kWeek;
  options.calibration_end = 1577836800 + 200 * 86400;
  return SummarizeTransactions(ingest, options);
}

std::string AsCsv(const SummaryTable& table) {
  const std::string path = testing::WriteFile("as_csv.csv", "");
  {
    detail::AtomicOutputFile out(path);
    WriteSummaryCsv(table, out);
    out.Commit();
  }
  return testing::ReadFile(path);
}

TEST(Consistency, SummaryIsIdenticalForAnyThreadCountChunkSizeAndRowOrder) {
  std::vector<std::string> rows = RandomRows(7, 5000);
  const std::string path = testing::WriteFile("random.csv", Join(rows));
  const std::string reference = AsCsv(Summarize({path}, std::size_t{4} << 20, 1));
  EXPECT_EQ(AsCsv(Summarize({path}, std::size_t{4} << 20, 2)), reference);
  for (std::size_t chunk_bytes : {std::size_t{1}, std::size_t{37}, std::size_t{1000}}) {
    EXPECT_EQ(AsCsv(Summarize({path}, chunk_bytes, 2)), reference) << chunk_bytes;
  }
  std::shuffle(rows.begin(), rows.end(), std::mt19937(11));
  const std::string shuffled = testing::WriteFile("shuffled.csv", Join(rows));
  EXPECT_EQ(AsCsv(Summarize({shuffled}, 64, 2)), reference);
}

TEST(Consistency, SeveralFilesAndGzipReadAsTheirConcatenation) {
  const std::vector<std::string> rows = RandomRows(3, 2000);
  const std::vector<std::string> first(rows.begin(), rows.begin() + 700);
  const std::vector<std::string> second(rows.begin() + 700, rows.end());
  const std::string whole = testing::WriteFile("whole.csv", Join(rows));
  const std::string part1 = testing::WriteFile("part1.csv", Join(first));
  const std::string part2_text = Join(second);
  const std::string part2 = (testing::TestDirectory() / "part2.csv.gz").string();
  gzFile gz = gzopen(part2.c_str(), "wb");
  ASSERT_NE(gz, nullptr);
  gzwrite(gz, part2_text.data(), static_cast<unsigned>(part2_text.size()));
  gzclose(gz);
  const std::string reference = AsCsv(Summarize({whole}, std::size_t{4} << 20, 2));
  EXPECT_EQ(AsCsv(Summarize({part1, part2}, 100, 2)), reference);
}

}  // namespace
}  // namespace clv
