// SPDX-License-Identifier: MIT
// `clv summary` as users run it: exit statuses, one-line messages naming file, line, column and
// text, and no output file left behind after a failure.
#include <gtest/gtest.h>

#include <filesystem>

#include "ingest/test_files.h"

namespace clv {
namespace {

using testing::CommandResult;
using testing::RunClv;
using testing::WriteFile;

namespace fs = std::filesystem;

std::string Quote(const std::string& text) {
  return "'" + text + "'";
}

// Runs `clv summary <input> <options> -o <fresh output>` and checks that a failure left no file.
CommandResult SummaryFails(const std::string& input, const std::string& options = "") {
  const fs::path dir = testing::TestDirectory() / ("out_" + std::to_string(std::rand()));
  fs::create_directories(dir);
  const std::string output = (dir / "summary.csv").string();
  CommandResult result = RunClv("summary " + input + " " + options + " -o " + Quote(output));
  EXPECT_EQ(result.exit_status, 2) << result.err;
  EXPECT_TRUE(fs::is_empty(dir)) << "output or temporary left behind";
  // One line on stderr.
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
  return result;
}

void ExpectMentions(const std::string& message, std::initializer_list<std::string> parts) {
  for (const std::string& part : parts) {
    EXPECT_NE(message.find(part), std::string::npos) << "'" << part << "' not in: " << message;
  }
}

const char* const kHeader = "customer_id,date,amount\n";

TEST(InputChecks, RowWithMissingColumnNamesFileLineAndColumn) {
  const std::string path =
      WriteFile("missing_column.csv", std::string(kHeader) + "a,2020-01-01,1\nb,2020-01-02\n");
  const CommandResult result = SummaryFails(Quote(path));
  ExpectMentions(result.err, {path + ":3", "column 'amount'", "missing column", "b,2020-01-02"});
}

TEST(InputChecks, UnparseableDateNamesFileLineColumnAndText) {
  const std::string path =
      WriteFile("bad_date.csv", std::string(kHeader) + "a,2020-01-01,1\nb,2020-02-30,1\n");
  const CommandResult result = SummaryFails(Quote(path));
  ExpectMentions(result.err, {path + ":3", "column 'date'", "unparseable date", "'2020-02-30'"});
}

TEST(InputChecks, UnparseableAmountNamesFileLineColumnAndText) {
  const std::string path =
      WriteFile("bad_amount.csv", std::string(kHeader) + "a,2020-01-01,1\nb,2020-01-02,12;5\n");
  const CommandResult result = SummaryFails(Quote(path));
  ExpectMentions(result.err, {path + ":3", "column 'amount'", "unparseable amount", "'12;5'"});
}

TEST(InputChecks, UnbalancedQuoteNamesFileAndLine) {
  const std::string path =
      WriteFile("bad_quote.csv", std::string(kHeader) + "a,2020-01-01,1\n\"b,2020-01-02,1\n");
  const CommandResult result = SummaryFails(Quote(path));
  ExpectMentions(result.err, {path + ":3", "unbalanced quote", "\"b,2020-01-02,1"});
}

TEST(InputChecks, EmbeddedNulNamesFileAndLine) {
  const std::string path = WriteFile("nul.csv", std::string(kHeader) + "a,2020-01-01,1\n" +
                                                    std::string("b\0c,2020-01-02,1\n", 17));
  const CommandResult result = SummaryFails(Quote(path));
  ExpectMentions(result.err, {path + ":3", "embedded NUL", "b\\0c"});
}

TEST(InputChecks, LineNumbersCountEveryChunkBefore) {
  std::string text = kHeader;
  for (int row = 0; row < 500; ++row)
    text += "c" + std::to_string(row) + ",2020-01-01,1\n";
  text += "bad,2020-01-01,x\n";
  const std::string path = WriteFile("late_error.csv", text);
  const CommandResult result = SummaryFails(Quote(path), "--chunk-size 100 --threads 2");
  ExpectMentions(result.err, {path + ":502", "unparseable amount"});
}

TEST(InputChecks, SkipModeCountsReasonsAndPrintsTheFirstTenExamples) {
  std::string text = kHeader;
  for (int row = 0; row < 30; ++row) {
    text += "c" + std::to_string(row) + (row % 2 == 0 ? ",2020-01-01,1\n" : ",notadate,1\n");
  }
  text += "d,2020-01-03\n";
  const std::string path = WriteFile("skip.csv", text);
  const std::string output = (testing::TestDirectory() / "skip_out.csv").string();
  const CommandResult result =
      RunClv("summary " + Quote(path) + " --on-error skip -o " + Quote(output));
  EXPECT_EQ(result.exit_status, 0) << result.err;
  ExpectMentions(result.err,
                 {"31 rows read, 16 skipped (1 missing column, 15 unparseable date)",
                  "15 customers", path + ":3: column 'date': unparseable date", "and 6 more"});
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 12) << result.err;
  const std::string summary = testing::ReadFile(output);
  EXPECT_EQ(std::count(summary.begin(), summary.end(), '\n'), 16);  // header and 15 customers
}

TEST(InputChecks, MissingFileDirectoryAndEmptyFilesAreOneLineErrors) {
  ExpectMentions(SummaryFails("/nonexistent/log.csv").err,
                 {"/nonexistent/log.csv", "no such file"});
  ExpectMentions(SummaryFails(Quote(testing::TestDirectory().string())).err, {"is a directory"});
  ExpectMentions(SummaryFails(Quote(WriteFile("empty.csv", ""))).err, {"empty.csv", "is empty"});
  ExpectMentions(SummaryFails(Quote(WriteFile("header_only.csv", kHeader))).err,
                 {"header_only.csv", "header line but no data rows"});
}

TEST(InputChecks, BinaryFileIsAOneLineError) {
  ExpectMentions(SummaryFails(Quote(CLV_BINARY)).err, {"binary file"});
}

TEST(InputChecks, UnknownColumnNameListsTheColumns) {
  const std::string path = WriteFile("columns.csv", std::string(kHeader) + "a,2020-01-01,1\n");
  ExpectMentions(SummaryFails(Quote(path), "--amount revenue").err,
                 {"unknown column 'revenue'", "--amount", "customer_id, date, amount"});
}

TEST(InputChecks, ObservationEndBeforeTheFirstPurchaseIsRejected) {
  const std::string path = WriteFile("late.csv", std::string(kHeader) + "a,2020-01-01,1\n");
  ExpectMentions(SummaryFails(Quote(path), "--observation-end 2019-12-31").err,
                 {"observation end 2019-12-31 is before the first purchase"});
}

TEST(InputChecks, BadOptionValuesAreRejected) {
  const std::string path = WriteFile("options.csv", std::string(kHeader) + "a,2020-01-01,1\n");
  ExpectMentions(SummaryFails(Quote(path), "--unit fortnight").err, {"fortnight"});
  ExpectMentions(SummaryFails(Quote(path), "--observation-end soon").err,
                 {"--observation-end", "soon"});
  ExpectMentions(SummaryFails(Quote(path), "--date-format %Q").err, {"%Q"});
}

TEST(Consistency, CommandLineMatchesTheLibraryAndStandardInput) {
  const std::string sample = testing::SharedData("CDNOW_sample.txt");
  const std::string options =
      " --customer 2 --date 3 --amount 5 --unit week --durations continuous "
      "--observation-end 1998-06-30 --calibration-end 1997-09-30";
  const CommandResult from_file = RunClv("summary " + Quote(sample) + options + " --threads 1");
  const CommandResult from_stdin = RunClv("summary -" + options + " --threads 2", sample);
  ASSERT_EQ(from_file.exit_status, 0) << from_file.err;
  ASSERT_EQ(from_stdin.exit_status, 0) << from_stdin.err;
  EXPECT_EQ(from_file.out, from_stdin.out);
  EXPECT_EQ(from_file.out.substr(0, from_file.out.find('\n')),
            "customer_id,frequency,recency,T,monetary_value,frequency_holdout,"
            "monetary_value_holdout,duration_holdout");
  ExpectMentions(from_file.err, {"6919 rows read, 0 skipped", "2357 customers"});
}

}  // namespace
}  // namespace clv
