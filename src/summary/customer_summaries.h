// SPDX-License-Identifier: MIT
// The finished summary before it is copied into a SummaryTable: per-customer states read through
// a sorted index, turned into rows on demand. `clv summary` writes from here directly, so a log
// of ten million customers never holds the summary twice.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "clv/summary.h"
#include "summary/rfm_sink.h"

namespace clv::detail {

/// One customer's summary in the business words of SummaryTable.
struct CustomerRow {
  double frequency = 0.0;
  double recency = 0.0;
  double age = 0.0;
  double monetary_value = 0.0;
  double frequency_holdout = 0.0;
  double monetary_value_holdout = 0.0;
  double duration_holdout = 0.0;
};

class CustomerSummaries {
 public:
  /// Reads the log and aggregates it; throws InputError as SummarizeTransactions does.
  CustomerSummaries(const IngestOptions& ingest, const SummaryOptions& options);

  std::size_t size() const { return order_.size(); }
  bool has_holdout() const { return options_.calibration_end.has_value(); }
  TimeUnit unit() const { return options_.unit; }
  std::string_view CustomerId(std::size_t row) const;
  CustomerRow Row(std::size_t row) const;

  /// Counts for the report (elapsed time excluded).
  const SummaryReport& report() const { return report_; }

 private:
  struct RowRef {
    std::uint64_t sort_key;  // the integer id, or the id's first 8 bytes big-endian
    std::uint32_t partition;
    std::uint32_t state;
  };
  std::int64_t ResolveObservationEnd() const;
  void CheckCalibrationEnd(std::int64_t observation_end) const;
  void SortCustomers();

  SummaryOptions options_;
  std::unique_ptr<RfmSink> sink_;
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

class AtomicOutputFile;
/// Writes the header and every row of `customers`, formatting blocks of rows in parallel.
void WriteCustomerSummariesCsv(const CustomerSummaries& customers, AtomicOutputFile& out);

}  // namespace clv::detail
