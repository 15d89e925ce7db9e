// SPDX-License-Identifier: MIT
// The finished summary before it is copied into a SummaryTable: per-customer states read through
// a sorted index, turned into rows on demand. `clv summary` writes from here directly, so a log
// of ten million customers never holds the summary twice.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "clv/summary.h"
#include "summary/rfm_sink.h"
#include "summary/summary_row.h"

namespace clv::detail {

class CustomerSummaries {
 public:
  /// Reads the log and aggregates it; throws InputError as SummarizeTransactions does.
  CustomerSummaries(const IngestOptions& ingest, const SummaryOptions& options);

  /// A view of rows already folded into `sink`. `options` may differ from the sink's in one way
  /// only: without a calibration end, the view is the whole observation window (every customer,
  /// calibration and holdout spend together) even when the sink split the two. `ingest` is what
  /// the rows were read with, for the report. Throws InputError as SummarizeTransactions does.
  CustomerSummaries(std::shared_ptr<const RfmSink> sink, const SummaryOptions& options,
                    const IngestReport& ingest);

  std::size_t size() const { return order_.size(); }
  bool has_holdout() const { return options_.calibration_end.has_value(); }
  TimeUnit unit() const { return options_.unit; }
  std::string_view CustomerId(std::size_t row) const;
  CustomerRow Row(std::size_t row) const;

  /// The last period of the calibration window (the observation end's without a holdout).
  std::int32_t calibration_end_period() const { return calibration_end_period_; }
  /// Whether the customer of `row` first bought after `period`.
  bool FirstPurchaseAfter(std::size_t row, std::int32_t period) const;
  /// The row of a summary whose calibration window ends with `calibration_end_period`, with the
  /// holdout columns when `holdout` (then the period must be the sink's calibration end, where
  /// it split the spend).
  CustomerRow RowSplitAt(std::size_t row, std::int32_t calibration_end_period, bool holdout) const;

  /// Counts for the report (elapsed time excluded).
  const SummaryReport& report() const { return report_; }

 private:
  struct RowRef {
    std::uint64_t sort_key;  // the integer id, or the id's first 8 bytes big-endian
    std::uint32_t partition;
    std::uint32_t state;
  };
  void Finish();
  std::int64_t ResolveObservationEnd() const;
  void CheckCalibrationEnd(std::int64_t observation_end) const;
  void SortCustomers();

  SummaryOptions options_;
  std::shared_ptr<const RfmSink> sink_;
  SummaryReport report_;
  std::int32_t observation_end_period_ = 0;
  std::int32_t calibration_end_period_ = 0;
  bool numeric_ids_ = true;
  std::vector<RowRef> order_;
};

/// Appends one CSV row (id quoted when needed) to `out`; shared by both summary writers.
void AppendSummaryCsvRow(std::string& out, std::string_view customer_id, const CustomerRow& row,
                         bool has_holdout);
/// The header line, with a line break.
std::string SummaryCsvHeader(bool has_holdout);

/// "YYYY-MM-DD" for an instant at the start or the end of a day (UTC), else with the time.
std::string FormatTimestamp(std::int64_t seconds);

/// Copies every row of `customers` into a SummaryTable, in parallel.
SummaryTable ToSummaryTable(const CustomerSummaries& customers);
/// The table of the rows `rows` of `customers`, split as RowSplitAt(row, calibration_end_period,
/// holdout) does.
SummaryTable ToSummaryTable(const CustomerSummaries& customers, std::span<const std::size_t> rows,
                            std::int32_t calibration_end_period, bool holdout);

class AtomicOutputFile;
/// Writes the header and every row of `customers`, formatting blocks of rows in parallel.
void WriteCustomerSummariesCsv(const CustomerSummaries& customers, AtomicOutputFile& out);

}  // namespace clv::detail
