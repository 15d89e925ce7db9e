// SPDX-License-Identifier: MIT
// Reading purchase logs. ReadTransactions parses delimited text on every core and hands each
// worker's batch of parsed rows to a TransactionSink, so the customer summary, business metrics
// and any other consumer share one parser and never materialise the whole log.
//
// Conventions (docs/ingest.md has the full list):
//  - timestamps are Unix seconds, UTC; a date without a time is midnight UTC; a UTC offset in the
//    text is applied;
//  - amounts are fixed point, kAmountScale units per currency unit, so sums are exact and do not
//    depend on the order of rows or the number of threads;
//  - line numbers are 1-based physical lines of the file (a quoted line break counts).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace clv {

/// Fixed-point scale of amounts: micro-units of the currency.
inline constexpr std::int64_t kAmountScale = 1'000'000;

enum class Delimiter { kAuto, kComma, kTab, kSemicolon, kPipe, kWhitespace };
enum class HeaderMode { kAuto, kPresent, kAbsent };
enum class OnError { kFail, kSkip };

std::string_view ToString(Delimiter delimiter);
/// "auto", "comma" or ",", "tab" or "\t", "semicolon" or ";", "pipe" or "|", "whitespace".
Delimiter ParseDelimiter(std::string_view text);
HeaderMode ParseHeaderMode(std::string_view text);  ///< "auto", "yes", "no"
OnError ParseOnError(std::string_view text);        ///< "fail", "skip"

/// What to read and how.
struct IngestOptions {
  /// Files to read in order; "-" is standard input. Gzip input is recognised by its magic bytes.
  std::vector<std::string> paths;
  Delimiter delimiter = Delimiter::kAuto;
  HeaderMode header = HeaderMode::kAuto;

  /// Columns by header name (case-insensitive) or 1-based position. Empty: found by common
  /// names (customer_id, date, amount, ...) in a header, else positions 1 and 2 and no amount.
  std::string customer_column;
  std::string date_column;
  std::string amount_column;               ///< empty and not found: every amount is 0
  std::string transaction_id_column;       ///< optional
  std::vector<std::string> extra_columns;  ///< more columns handed to the sink as text

  /// strftime-style date format (%Y %y %m %d %e %H %M %S %f %z %b %B %j %s %F %T %%); empty:
  /// ISO 8601 date or date-time, YYYYMMDD, or Unix seconds, recognised per value.
  std::string date_format;

  OnError on_error = OnError::kFail;
  /// Bytes per parse chunk. Chunks end at a line break outside quotes; tests make it tiny.
  std::size_t chunk_bytes = std::size_t{4} << 20;
  /// Show a progress bar on stderr when it is a terminal and the input is large.
  bool progress = false;
};

/// Rows parsed by one worker from one chunk. Views point into buffers that live only during
/// TransactionSink::Consume.
struct TransactionBatch {
  std::size_t file_index = 0;  ///< index into IngestOptions::paths
  std::vector<std::string_view> customer_ids;
  std::vector<std::int64_t> timestamps;  ///< Unix seconds, UTC
  std::vector<std::int64_t> amounts;     ///< fixed point, kAmountScale per unit; 0 without column
  std::vector<std::string_view> transaction_ids;  ///< empty without the column
  /// extra[k][row] is the text of IngestOptions::extra_columns[k].
  std::vector<std::vector<std::string_view>> extra;

  std::size_t size() const { return customer_ids.size(); }
  void Clear();
};

/// Receives parsed rows. Consume is called concurrently from several threads, each with its own
/// batch; the order of batches is unspecified, so a sink must combine them order-independently.
class TransactionSink {
 public:
  virtual ~TransactionSink() = default;
  virtual void Consume(const TransactionBatch& batch) = 0;
};

/// A skipped row, for the report.
struct SkippedRow {
  std::string reason;   ///< e.g. "unparseable date"
  std::string message;  ///< one line: file:line: column 'c': reason 'text'
};

/// What ReadTransactions saw.
struct IngestReport {
  std::int64_t rows_read = 0;  ///< data rows, header excluded, skipped rows included
  std::int64_t rows_skipped = 0;
  std::int64_t bytes_read = 0;
  std::map<std::string, std::int64_t> skipped_by_reason;
  std::vector<SkippedRow> first_skipped;  ///< at most 10, in input order
  double elapsed_seconds = 0.0;
};

/// Parses every file of `options` and hands the rows to `sink`.
/// Throws InputError for a missing, unreadable, empty, header-only or binary file, an unknown
/// column, and (with OnError::kFail) at the first bad row: missing column, unparseable date or
/// amount, unbalanced quote, embedded NUL. The message names file, line, column and the text.
IngestReport ReadTransactions(const IngestOptions& options, TransactionSink& sink);

}  // namespace clv
