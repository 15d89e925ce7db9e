// SPDX-License-Identifier: MIT
// Parses one chunk of whole records into a TransactionBatch, checking each row and recording the
// rows it cannot use. Line numbers here are relative to the chunk; read_transactions.cpp adds the
// lines of the chunks before.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "clv/ingest.h"
#include "ingest/column_selection.h"
#include "ingest/date_parser.h"
#include "ingest/detect_dialect.h"

namespace clv::detail {

/// A row that could not be used.
struct RowProblem {
  std::int64_t line = 0;  ///< 1-based within the chunk
  std::string reason;     ///< "missing column", "unparseable date", ...
  std::string column;     ///< label of the column, empty for whole-row problems
  std::string text;       ///< the offending text
};

/// What parsing one chunk found besides the rows.
struct ChunkOutcome {
  std::int64_t lines = 0;  ///< physical lines in the chunk
  std::int64_t rows = 0;   ///< data rows, skipped ones included
  std::int64_t skipped = 0;
  std::map<std::string, std::int64_t> skipped_by_reason;
  std::vector<RowProblem> first_problems;  ///< at most kKeptProblems, in order
  bool stopped_at_problem = false;         ///< OnError::kFail and a problem was found

  static constexpr std::size_t kKeptProblems = 10;
};

struct ParseSettings {
  Dialect dialect;
  ColumnSelection columns;
  const DateFormat* date_format = nullptr;
  OnError on_error = OnError::kFail;
};

/// Parses records of one chunk. Views in the batch point into `chunk` or into the parser's own
/// storage (unescaped quoted fields), so both must outlive the batch's use.
class ChunkParser {
 public:
  explicit ChunkParser(const ParseSettings& settings);

  /// Clears `batch` and fills it from `chunk`; `skip_first_record` drops a header.
  ChunkOutcome Parse(std::string_view chunk, bool skip_first_record, TransactionBatch* batch);

 private:
  // Returns the problem with the row (reason empty when it is fine) after appending it.
  RowProblem ParseRow(const std::vector<std::string_view>& fields, std::string_view record,
                      bool quote_problem, bool nul_problem, TransactionBatch* batch);
  std::string_view Keep(std::string_view field, std::string_view chunk);

  const ParseSettings& settings_;
  TimestampParser timestamps_;
  std::vector<std::string_view> fields_;
  std::deque<std::string> kept_fields_;  // copies of fields that do not live in the chunk
  std::string_view chunk_;
  std::size_t needed_fields_ = 0;
};

}  // namespace clv::detail
