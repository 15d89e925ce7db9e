// SPDX-License-Identifier: MIT
// The prediction CSV: the summary's columns, the prediction columns, then `status`. Rows are
// formatted in parallel into one buffer per block and written in row order, a batch of blocks
// at a time, so memory stays bounded and the bytes do not depend on the thread count.
#include <fmt/compile.h>
#include <fmt/format.h>

#include <cmath>
#include <iterator>
#include <string>
#include <vector>

#include "clv/error.h"
#include "clv/predict.h"
#include "common/atomic_file.h"
#include "common/csv_field.h"
#include "common/parallel.h"

namespace clv {
namespace {

constexpr std::size_t kRowsPerBlock = 8192;
constexpr std::size_t kBlocksPerBatch = 64;

// The optional numeric columns of a table, with their CSV names, in output order.
struct NumericColumn {
  std::string name;
  const std::vector<double>* values;
};

std::vector<NumericColumn> OptionalColumnsOf(const SummaryTable& summary,
                                             const PredictionTable& predictions) {
  std::vector<NumericColumn> columns;
  const auto add = [&](std::string name, const std::vector<double>& values) {
    if (!values.empty()) columns.push_back({std::move(name), &values});
  };
  add("weight", summary.weight);
  if (summary.has_holdout) {
    add("frequency_holdout", summary.frequency_holdout);
    add("monetary_value_holdout", summary.monetary_value_holdout);
    add("duration_holdout", summary.duration_holdout);
  }
  add("expected_purchases", predictions.expected_purchases);
  add("p_alive", predictions.p_alive);
  add("expected_spend", predictions.expected_spend);
  add("clv", predictions.clv);
  add("dert", predictions.dert);
  add("dert_value", predictions.dert_value);
  add("p_alive_future", predictions.p_alive_future);
  return columns;
}

class CsvRowFormatter {
 public:
  CsvRowFormatter(const SummaryTable& summary, const PredictionTable& predictions,
                  std::span<const LabelColumn> label_columns)
      : summary_(summary),
        predictions_(predictions),
        columns_(OptionalColumnsOf(summary, predictions)),
        label_columns_(label_columns) {
    for (double probability : predictions.new_customer.purchase_count_probabilities) {
      pmf_cells_ += ',';
      AppendNumber(pmf_cells_, probability);
    }
    // Each label is quoted once, not once per row.
    for (const LabelColumn& column : label_columns) {
      std::vector<std::string>& cells = label_cells_.emplace_back();
      for (const std::string& label : column.labels) {
        cells.emplace_back(",");
        detail::AppendCsvField(cells.back(), label);
      }
    }
  }

  std::string Header() const {
    std::string header = "customer_id,frequency,recency,T,monetary_value";
    for (const NumericColumn& column : columns_)
      header += "," + column.name;
    const std::size_t pmf_columns = predictions_.new_customer.purchase_count_probabilities.size();
    for (std::size_t n = 0; n < pmf_columns; ++n)
      header += fmt::format(",pmf_{}", n);
    header += ",status";
    for (const LabelColumn& column : label_columns_)
      header += "," + column.name;
    return header + '\n';
  }

  void AppendRows(std::size_t begin, std::size_t end, std::string& out) const {
    for (std::size_t row = begin; row < end; ++row)
      AppendRow(row, out);
  }

 private:
  void AppendRow(std::size_t row, std::string& out) const {
    detail::AppendCsvField(out, summary_.customer_ids[row]);
    for (const std::vector<double>* values :
         {&summary_.frequency, &summary_.recency, &summary_.age, &summary_.monetary_value}) {
      out += ',';
      AppendNumber(out, (*values)[row]);
    }
    for (const NumericColumn& column : columns_) {
      out += ',';
      AppendNumber(out, (*column.values)[row]);
    }
    out += pmf_cells_;
    out += ',';
    if (predictions_.status[row] == RowStatus::kOk) {
      out += "ok";
    } else {
      detail::AppendCsvField(out, predictions_.StatusText(row));
    }
    for (std::size_t k = 0; k < label_columns_.size(); ++k) {
      out += label_cells_[k][static_cast<std::size_t>(label_columns_[k].codes[row])];
    }
    out += '\n';
  }

  // A value that could not be computed is an empty cell, never "nan".
  // The shortest text that reads back to the same double; the format is compiled once.
  static void AppendNumber(std::string& out, double value) {
    if (!std::isfinite(value)) return;
    char text[32];
    const char* end = fmt::format_to(text, FMT_COMPILE("{}"), value);
    out.append(text, static_cast<std::size_t>(end - text));
  }

  const SummaryTable& summary_;
  const PredictionTable& predictions_;
  std::vector<NumericColumn> columns_;
  std::span<const LabelColumn> label_columns_;
  std::vector<std::vector<std::string>> label_cells_;
  std::string pmf_cells_;
};

// Calls `sink(text)` with the header, then with the rows in order, a batch at a time.
template <typename Sink>
void FormatInBatches(const SummaryTable& summary, const PredictionTable& predictions,
                     std::span<const LabelColumn> label_columns, const Sink& sink) {
  const CsvRowFormatter formatter(summary, predictions, label_columns);
  sink(formatter.Header());
  const std::size_t rows = predictions.size();
  std::vector<std::string> blocks(kBlocksPerBatch);
  for (std::size_t batch_begin = 0; batch_begin < rows;
       batch_begin += kRowsPerBlock * kBlocksPerBatch) {
    const std::size_t batch_rows = std::min(rows - batch_begin, kRowsPerBlock * kBlocksPerBatch);
    detail::ParallelForBlocks(batch_rows, kRowsPerBlock, [&](std::size_t begin, std::size_t end) {
      std::string& block = blocks[begin / kRowsPerBlock];
      block.clear();
      formatter.AppendRows(batch_begin + begin, batch_begin + end, block);
    });
    const std::size_t used_blocks = (batch_rows + kRowsPerBlock - 1) / kRowsPerBlock;
    for (std::size_t block = 0; block < used_blocks; ++block)
      sink(blocks[block]);
  }
}

}  // namespace

std::string FormatPredictionCsv(const SummaryTable& summary, const PredictionTable& predictions) {
  std::string csv;
  FormatInBatches(summary, predictions, {}, [&](std::string_view text) { csv += text; });
  return csv;
}

void WritePredictionCsv(const std::string& path, const SummaryTable& summary,
                        const PredictionTable& predictions) {
  detail::AtomicOutputFile out(path);
  WritePredictionCsv(out, summary, predictions, {});
  out.Commit();
}

void WritePredictionCsv(detail::AtomicOutputFile& out, const SummaryTable& summary,
                        const PredictionTable& predictions,
                        std::span<const LabelColumn> label_columns) {
  for (const LabelColumn& column : label_columns) {
    CLV_CHECK(column.codes.size() == predictions.size(), "one label code per row");
  }
  FormatInBatches(summary, predictions, label_columns,
                  [&](std::string_view text) { out.Write(text); });
}

}  // namespace clv
