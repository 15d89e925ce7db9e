// SPDX-License-Identifier: MIT
#include "analyze/log_windows.h"

#include <algorithm>
#include <limits>
#include <memory>

#include "clv/error.h"
#include "common/parallel.h"
#include "summary/customer_summaries.h"
#include "summary/rfm_sink.h"

namespace clv::detail {
namespace {

constexpr std::size_t kReplayRowsPerBatch = std::size_t{1} << 16;
constexpr std::size_t kPartitionsPerBlock = 64;

// Whether the summary would use the row: within the observation window and, when refunds are
// dropped, not a refund (the same rule as RfmSink::Consume).
bool SummaryUses(const SummaryOptions& options, std::int64_t timestamp, std::int64_t amount) {
  if (options.observation_end && timestamp > *options.observation_end) return false;
  return !(options.refunds == RefundRule::kDrop && amount < 0);
}

// Hands the kept rows to `sink` in batches, as ReadTransactions would after parsing.
void ReplayRows(const PurchaseLog& log, RfmSink& sink) {
  ParallelForBlocks(log.rows(), kReplayRowsPerBatch, [&](std::size_t begin, std::size_t end) {
    thread_local TransactionBatch batch;
    batch.Clear();
    for (std::size_t row = begin; row < end; ++row) {
      batch.customer_ids.push_back(log.customer_ids[log.customer[row]]);
      batch.timestamps.push_back(log.timestamp[row]);
      batch.amounts.push_back(log.amount[row]);
    }
    sink.Consume(batch);
  });
}

// Counts first and repeat purchase periods of the customers whose first period is at most
// `last_first_period`. Counts are integers, so the block order does not matter.
PurchaseActivity CountActivity(const RfmSink& sink, std::int32_t first_period,
                               std::int32_t last_period, std::int32_t last_first_period) {
  const auto periods = static_cast<std::size_t>(last_period - first_period + 1);
  const std::size_t blocks = (RfmSink::kPartitions + kPartitionsPerBlock - 1) / kPartitionsPerBlock;
  std::vector<PurchaseActivity> partial(blocks);
  ParallelForBlocks(
      RfmSink::kPartitions, kPartitionsPerBlock, [&](std::size_t begin, std::size_t end) {
        PurchaseActivity& counts = partial[begin / kPartitionsPerBlock];
        counts.first_purchases.assign(periods, 0);
        counts.repeat_purchases.assign(periods, 0);
        for (std::size_t p = begin; p < end; ++p) {
          for (const CustomerState& state : sink.partition(p).states()) {
            if (state.periods.front() > last_first_period) continue;
            ++counts
                  .first_purchases[static_cast<std::size_t>(state.periods.front() - first_period)];
            for (const std::int32_t* period = state.periods.begin() + 1;
                 period != state.periods.end(); ++period) {
              ++counts.repeat_purchases[static_cast<std::size_t>(*period - first_period)];
            }
          }
        }
      });
  PurchaseActivity total{.first_period = first_period,
                         .first_purchases = std::vector<std::int64_t>(periods, 0),
                         .repeat_purchases = std::vector<std::int64_t>(periods, 0)};
  for (const PurchaseActivity& counts : partial) {
    for (std::size_t k = 0; k < periods; ++k) {
      total.first_purchases[k] += counts.first_purchases[k];
      total.repeat_purchases[k] += counts.repeat_purchases[k];
    }
  }
  return total;
}

// The rows of `whole` whose customer had bought by `calibration_end_period`, in order.
std::vector<std::size_t> CalibrationRows(const CustomerSummaries& whole,
                                         std::int32_t calibration_end_period) {
  std::vector<std::uint8_t> kept(whole.size());
  ParallelForBlocks(whole.size(), std::size_t{1} << 16, [&](std::size_t begin, std::size_t end) {
    for (std::size_t row = begin; row < end; ++row) {
      kept[row] = whole.FirstPurchaseAfter(row, calibration_end_period) ? 0 : 1;
    }
  });
  std::vector<std::size_t> rows;
  rows.reserve(whole.size());
  for (std::size_t row = 0; row < kept.size(); ++row) {
    if (kept[row] != 0) rows.push_back(row);
  }
  return rows;
}

}  // namespace

LogRows ReadLogRows(const IngestOptions& ingest, const std::string& group_column,
                    const SummaryOptions& options) {
  LogRows rows;
  rows.log = ReadPurchaseLog(ingest, group_column, &rows.ingest, /*keep_customer_ids=*/true);
  std::int64_t first = std::numeric_limits<std::int64_t>::max();
  std::int64_t last = std::numeric_limits<std::int64_t>::min();
  for (std::size_t row = 0; row < rows.log.rows(); ++row) {
    if (!SummaryUses(options, rows.log.timestamp[row], rows.log.amount[row])) continue;
    first = std::min(first, rows.log.timestamp[row]);
    last = std::max(last, rows.log.timestamp[row]);
  }
  if (first > last) {
    throw InputError(rows.log.rows() == 0
                         ? "no usable purchase rows in the input"
                         : "no purchase row falls in the observation window (--observation-end)");
  }
  rows.first_timestamp = first;
  rows.last_timestamp = last;
  return rows;
}

LogWindows SummarizeLogWindows(const LogRows& rows, const SummaryOptions& options) {
  auto sink = std::make_shared<RfmSink>(options);
  ReplayRows(rows.log, *sink);

  // One view of every customer, sorted once; the calibration table is its subset of customers
  // who had bought by the calibration end.
  SummaryOptions whole_options = options;
  whole_options.calibration_end.reset();
  const CustomerSummaries whole(sink, whole_options, rows.ingest);
  LogWindows windows{.report = whole.report(), .scale = sink->scale()};
  windows.whole = ToSummaryTable(whole);
  windows.observation_end_period = whole.calibration_end_period();
  windows.calibration_end_period = windows.observation_end_period;
  if (options.calibration_end) {
    windows.split = true;
    windows.calibration_end_period = sink->calibration_end_period();
    const std::vector<std::size_t> calibration_rows =
        CalibrationRows(whole, windows.calibration_end_period);
    windows.report.customers_first_seen_in_holdout =
        static_cast<std::int64_t>(whole.size() - calibration_rows.size());
    windows.calibration =
        ToSummaryTable(whole, calibration_rows, windows.calibration_end_period, true);
  }
  windows.activity = CountActivity(*sink, sink->scale().PeriodOf(rows.first_timestamp),
                                   windows.observation_end_period, windows.calibration_end_period);
  return windows;
}

}  // namespace clv::detail
