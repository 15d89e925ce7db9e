// SPDX-License-Identifier: MIT
#include "ingest/parse_chunk.h"

#include <algorithm>

#include "ingest/amount_parser.h"
#include "ingest/csv_record.h"

namespace clv::detail {
namespace {

bool Within(std::string_view inner, std::string_view outer) {
  return inner.data() >= outer.data() && inner.data() + inner.size() <= outer.data() + outer.size();
}

std::size_t NeededFields(const ColumnSelection& columns) {
  int highest = std::max({columns.customer.index, columns.date.index, columns.amount.index,
                          columns.transaction_id.index});
  for (const ChosenColumn& extra : columns.extra)
    highest = std::max(highest, extra.index);
  return static_cast<std::size_t>(highest + 1);
}

void Record(const RowProblem& problem, ChunkOutcome* outcome) {
  ++outcome->skipped;
  ++outcome->skipped_by_reason[problem.reason];
  if (outcome->first_problems.size() < ChunkOutcome::kKeptProblems) {
    outcome->first_problems.push_back(problem);
  }
}

}  // namespace

ChunkParser::ChunkParser(const ParseSettings& settings)
    : settings_(settings),
      timestamps_(settings.date_format),
      needed_fields_(NeededFields(settings.columns)) {}

ChunkOutcome ChunkParser::Parse(std::string_view chunk, bool skip_first_record,
                                TransactionBatch* batch) {
  batch->Clear();
  kept_fields_.clear();
  chunk_ = chunk;
  if (!settings_.columns.extra.empty()) batch->extra.resize(settings_.columns.extra.size());
  ChunkOutcome outcome;
  CsvRecordReader reader(chunk, settings_.dialect.delimiter);
  bool header_pending = skip_first_record;
  while (true) {
    const std::int64_t first_line = reader.line() + 1;
    if (!reader.Next(fields_)) break;
    if (fields_.empty()) continue;  // blank line
    if (header_pending) {
      header_pending = false;
      continue;
    }
    ++outcome.rows;
    RowProblem problem =
        ParseRow(fields_, reader.record(), reader.unbalanced_quote(), reader.has_nul(), batch);
    if (problem.reason.empty()) continue;
    problem.line = first_line;
    Record(problem, &outcome);
    if (settings_.on_error == OnError::kFail) {
      outcome.stopped_at_problem = true;
      break;
    }
  }
  outcome.lines = reader.line();
  return outcome;
}

std::string_view ChunkParser::Keep(std::string_view field, std::string_view chunk) {
  if (Within(field, chunk)) return TrimSpaces(field);
  return kept_fields_.emplace_back(field);  // an unescaped quoted field: keep it verbatim
}

RowProblem ChunkParser::ParseRow(const std::vector<std::string_view>& fields,
                                 std::string_view record, bool quote_problem, bool nul_problem,
                                 TransactionBatch* batch) {
  if (quote_problem) return {0, "unbalanced quote", "", std::string(record)};
  if (nul_problem) return {0, "embedded NUL", "", std::string(record)};
  const ColumnSelection& columns = settings_.columns;
  if (fields.size() < needed_fields_) {
    const ChosenColumn* missing = &columns.customer;
    for (const ChosenColumn* column :
         {&columns.customer, &columns.date, &columns.amount, &columns.transaction_id}) {
      if (column->index >= static_cast<int>(fields.size())) {
        missing = column;
        break;
      }
    }
    for (const ChosenColumn& extra : columns.extra) {
      if (missing->index < static_cast<int>(fields.size()) &&
          extra.index >= static_cast<int>(fields.size())) {
        missing = &extra;
      }
    }
    return {0, "missing column", missing->label, std::string(record)};
  }

  const std::string_view customer = Keep(fields[columns.customer.index], chunk_);
  if (customer.empty()) return {0, "missing customer id", columns.customer.label, ""};
  std::int64_t timestamp = 0;
  const std::string_view date_text = TrimSpaces(fields[columns.date.index]);
  if (!timestamps_.Parse(date_text, &timestamp)) {
    return {0, "unparseable date", columns.date.label, std::string(date_text)};
  }
  std::int64_t amount = 0;
  if (columns.amount.index >= 0) {
    const std::string_view amount_text = TrimSpaces(fields[columns.amount.index]);
    if (!ParseAmount(amount_text, &amount)) {
      return {0, "unparseable amount", columns.amount.label, std::string(amount_text)};
    }
  }

  batch->customer_ids.push_back(customer);
  batch->timestamps.push_back(timestamp);
  batch->amounts.push_back(amount);
  if (columns.transaction_id.index >= 0) {
    batch->transaction_ids.push_back(Keep(fields[columns.transaction_id.index], chunk_));
  }
  for (std::size_t extra = 0; extra < columns.extra.size(); ++extra) {
    batch->extra[extra].push_back(Keep(fields[columns.extra[extra].index], chunk_));
  }
  return {};
}

}  // namespace clv::detail
