// SPDX-License-Identifier: MIT
// From aggregated customer states to summary rows (REFERENCE.md §2.1; the calibration columns
// as summary/summary_row.h computes them); the holdout columns are the distinct holdout
// periods, their mean spend, and the holdout length.
#include "summary/customer_summaries.h"

#include <fmt/format.h>
#include <tbb/parallel_sort.h>

#include <algorithm>
#include <charconv>
#include <chrono>

#include "clv/error.h"
#include "common/atomic_file.h"
#include "common/parallel.h"

namespace clv::detail {
namespace {

constexpr int kMaxIntegerIdDigits = 19;

// The id as an unsigned integer, when it is one (leading zeros allowed).
bool IntegerId(std::string_view id, std::uint64_t* value) {
  if (id.empty() || id.find_first_not_of("0123456789") != std::string_view::npos) return false;
  const std::size_t first_nonzero = id.find_first_not_of('0');
  if (first_nonzero != std::string_view::npos) id.remove_prefix(first_nonzero);
  if (first_nonzero == std::string_view::npos) id = {};
  if (id.size() > kMaxIntegerIdDigits) return false;
  std::uint64_t result = 0;
  for (char c : id)
    result = result * 10 + static_cast<std::uint64_t>(c - '0');
  *value = result;
  return true;
}

// Eight bytes of the id from `offset` on, big-endian, zero-padded: comparing keys compares those
// bytes as text would.
std::uint64_t TextKey(std::string_view id, std::size_t offset) {
  std::uint64_t key = 0;
  for (std::size_t byte = offset; byte < offset + 8; ++byte) {
    key = (key << 8) | (byte < id.size() ? static_cast<unsigned char>(id[byte]) : 0u);
  }
  return key;
}

std::size_t CommonPrefixLength(std::string_view a, std::string_view b) {
  const std::size_t limit = std::min(a.size(), b.size());
  std::size_t length = 0;
  while (length < limit && a[length] == b[length])
    ++length;
  return length;
}

void AppendId(std::string& out, std::string_view id) {
  if (id.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += id;
    return;
  }
  out += '"';
  for (char c : id) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

// ",value" in the shortest form that reads back to the same double.
void AppendNumber(std::string& out, double value) {
  char text[32];
  text[0] = ',';
  const auto result = std::to_chars(text + 1, text + sizeof(text), value);
  out.append(text, result.ptr);
}

}  // namespace

std::string FormatTimestamp(std::int64_t seconds) {
  const CivilDate date = CivilFromDays(FloorDivide(seconds, kSecondsPerDay));
  const std::int64_t second_of_day =
      seconds - FloorDivide(seconds, kSecondsPerDay) * kSecondsPerDay;
  if (second_of_day == kSecondsPerDay - 1 || second_of_day == 0) {
    return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
  }
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", date.year, date.month, date.day,
                     second_of_day / 3600, second_of_day / 60 % 60, second_of_day % 60);
}

CustomerSummaries::CustomerSummaries(const IngestOptions& ingest, const SummaryOptions& options)
    : options_(options) {
  // Checked before reading when the observation end is given, after when it is the last date.
  if (options.observation_end) CheckCalibrationEnd(*options.observation_end);
  auto sink = std::make_shared<RfmSink>(options);
  report_.ingest = ReadTransactions(ingest, *sink);
  sink_ = std::move(sink);
  Finish();
}

CustomerSummaries::CustomerSummaries(std::shared_ptr<const RfmSink> sink,
                                     const SummaryOptions& options, const IngestReport& ingest)
    : options_(options), sink_(std::move(sink)) {
  report_.ingest = ingest;
  Finish();
}

void CustomerSummaries::Finish() {
  report_.rows_used = sink_->rows_used();
  report_.rows_after_observation_end = sink_->rows_after_observation_end();
  report_.rows_refund_dropped = sink_->rows_refund_dropped();
  report_.observation_end = ResolveObservationEnd();
  CheckCalibrationEnd(report_.observation_end);
  observation_end_period_ = sink_->scale().PeriodOf(report_.observation_end);
  calibration_end_period_ =
      has_holdout() ? sink_->calibration_end_period() : observation_end_period_;
  SortCustomers();
  report_.customers = static_cast<std::int64_t>(order_.size());
  if (order_.empty()) {
    throw InputError(fmt::format("every customer's first purchase is after the calibration end {}",
                                 FormatTimestamp(*options_.calibration_end)));
  }
}

std::int64_t CustomerSummaries::ResolveObservationEnd() const {
  if (sink_->rows_used() == 0) {
    if (options_.observation_end && sink_->rows_after_observation_end() > 0) {
      throw InputError(fmt::format(
          "observation end {} is before the first purchase; all {} rows are later",
          FormatTimestamp(*options_.observation_end), sink_->rows_after_observation_end()));
    }
    throw InputError("no usable purchase rows in the input");
  }
  return options_.observation_end.value_or(sink_->latest_timestamp());
}

void CustomerSummaries::CheckCalibrationEnd(std::int64_t observation_end) const {
  if (options_.calibration_end && *options_.calibration_end >= observation_end) {
    throw InputError(fmt::format("--calibration-end {} must be before the observation end {}",
                                 FormatTimestamp(*options_.calibration_end),
                                 FormatTimestamp(observation_end)));
  }
}

void CustomerSummaries::SortCustomers() {
  // Which customers stay, and whether every id is an integer.
  std::size_t total = 0;
  for (std::size_t p = 0; p < RfmSink::kPartitions; ++p)
    total += sink_->partition(p).states().size();
  order_.reserve(total);
  for (std::size_t p = 0; p < RfmSink::kPartitions; ++p) {
    const CustomerPartition& partition = sink_->partition(p);
    const auto& states = partition.states();
    for (std::size_t s = 0; s < states.size(); ++s) {
      if (states[s].periods.front() > calibration_end_period_) {
        ++report_.customers_first_seen_in_holdout;
        continue;
      }
      std::uint64_t value = 0;
      numeric_ids_ = numeric_ids_ && IntegerId(partition.IdOf(states[s]), &value);
      order_.push_back({value, static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(s)});
    }
  }
  if (!numeric_ids_ && !order_.empty()) {
    // Ids such as C000123456 share a prefix; the key starts after it so that keys rarely tie.
    const std::string_view first_id = CustomerId(0);
    std::size_t common = first_id.size();
    for (std::size_t row = 1; row < order_.size(); ++row) {
      common = std::min(common, CommonPrefixLength(first_id, CustomerId(row)));
    }
    for (std::size_t row = 0; row < order_.size(); ++row) {
      order_[row].sort_key = TextKey(CustomerId(row), common);
    }
  }
  // Equal keys fall back to the id text ("7" and "007"; ids alike in the 8 key bytes), so the
  // order is total and independent of partitions and threads.
  tbb::parallel_sort(order_.begin(), order_.end(), [this](const RowRef& a, const RowRef& b) {
    if (a.sort_key != b.sort_key) return a.sort_key < b.sort_key;
    const CustomerPartition& pa = sink_->partition(a.partition);
    const CustomerPartition& pb = sink_->partition(b.partition);
    return pa.IdOf(pa.states()[a.state]) < pb.IdOf(pb.states()[b.state]);
  });
}

std::string_view CustomerSummaries::CustomerId(std::size_t row) const {
  const RowRef& ref = order_[row];
  const CustomerPartition& partition = sink_->partition(ref.partition);
  return partition.IdOf(partition.states()[ref.state]);
}

CustomerRow CustomerSummaries::Row(std::size_t row) const {
  return RowSplitAt(row, calibration_end_period_, has_holdout());
}

bool CustomerSummaries::FirstPurchaseAfter(std::size_t row, std::int32_t period) const {
  const RowRef& ref = order_[row];
  return sink_->partition(ref.partition).states()[ref.state].periods.front() > period;
}

CustomerRow CustomerSummaries::RowSplitAt(std::size_t row, std::int32_t calibration_end_period,
                                          bool holdout) const {
  CLV_CHECK(!holdout || calibration_end_period == sink_->calibration_end_period(),
            "a holdout row must be split where the sink split the spend");
  const RowRef& ref = order_[row];
  const CustomerState& state = sink_->partition(ref.partition).states()[ref.state];
  const PeriodScale& scale = sink_->scale();
  const std::int32_t* periods = state.periods.begin();
  const auto calibration_periods = static_cast<std::uint32_t>(
      std::upper_bound(periods, state.periods.end(), calibration_end_period) - periods);
  // The sink splits spend at its own calibration end; a row without a holdout spends both parts.
  CustomerRow result = SummaryRowOf(
      {.first_period = periods[0],
       .last_period = periods[calibration_periods - 1],
       .repeat_periods = calibration_periods - 1,
       .spend = holdout ? state.calibration_spend : state.calibration_spend + state.holdout_spend,
       .first_period_spend = state.first_period_spend},
      calibration_end_period, scale);
  if (holdout) {
    const std::uint32_t holdout_periods = state.periods.size() - calibration_periods;
    result.frequency_holdout = holdout_periods;
    if (holdout_periods > 0) {
      result.monetary_value_holdout = static_cast<double>(state.holdout_spend) /
                                      (static_cast<double>(kAmountScale) * holdout_periods);
    }
    result.duration_holdout = scale.Duration(calibration_end_period, observation_end_period_);
  }
  return result;
}

namespace {

// The table of `size` rows, row k being `customers` row `row_of(k)`, split as RowSplitAt does.
template <typename RowOf>
SummaryTable FillSummaryTable(const CustomerSummaries& customers, std::size_t size,
                              const RowOf& row_of, std::int32_t calibration_end_period,
                              bool holdout) {
  static constexpr std::size_t kBlockRows = std::size_t{1} << 14;
  SummaryTable table;
  table.unit = customers.unit();
  table.has_holdout = holdout;
  table.customer_ids.resize(size);
  for (std::vector<double>* column :
       {&table.frequency, &table.recency, &table.age, &table.monetary_value}) {
    column->resize(size);
  }
  if (holdout) {
    for (std::vector<double>* column :
         {&table.frequency_holdout, &table.monetary_value_holdout, &table.duration_holdout}) {
      column->resize(size);
    }
  }
  ParallelForBlocks(size, kBlockRows, [&](std::size_t begin, std::size_t end) {
    for (std::size_t k = begin; k < end; ++k) {
      const std::size_t row = row_of(k);
      const CustomerRow values = customers.RowSplitAt(row, calibration_end_period, holdout);
      table.customer_ids[k] = customers.CustomerId(row);
      table.frequency[k] = values.frequency;
      table.recency[k] = values.recency;
      table.age[k] = values.age;
      table.monetary_value[k] = values.monetary_value;
      if (!holdout) continue;
      table.frequency_holdout[k] = values.frequency_holdout;
      table.monetary_value_holdout[k] = values.monetary_value_holdout;
      table.duration_holdout[k] = values.duration_holdout;
    }
  });
  return table;
}

}  // namespace

SummaryTable ToSummaryTable(const CustomerSummaries& customers) {
  return FillSummaryTable(
      customers, customers.size(), [](std::size_t k) { return k; },
      customers.calibration_end_period(), customers.has_holdout());
}

SummaryTable ToSummaryTable(const CustomerSummaries& customers, std::span<const std::size_t> rows,
                            std::int32_t calibration_end_period, bool holdout) {
  return FillSummaryTable(
      customers, rows.size(), [&](std::size_t k) { return rows[k]; }, calibration_end_period,
      holdout);
}

std::string SummaryCsvHeader(bool has_holdout) {
  std::string header = "customer_id,frequency,recency,T,monetary_value";
  if (has_holdout) header += ",frequency_holdout,monetary_value_holdout,duration_holdout";
  return header + '\n';
}

void AppendSummaryCsvRow(std::string& out, std::string_view customer_id, const CustomerRow& row,
                         bool has_holdout) {
  AppendId(out, customer_id);
  for (double value : {row.frequency, row.recency, row.age, row.monetary_value}) {
    AppendNumber(out, value);
  }
  if (has_holdout) {
    for (double value : {row.frequency_holdout, row.monetary_value_holdout, row.duration_holdout}) {
      AppendNumber(out, value);
    }
  }
  out += '\n';
}

void WriteCustomerSummariesCsv(const CustomerSummaries& customers, AtomicOutputFile& out) {
  // Rows are formatted in parallel blocks and written in order, a window of blocks at a time.
  static constexpr std::size_t kBlockRows = std::size_t{1} << 14;
  static constexpr std::size_t kBlocksPerWindow = 16;
  out.Write(SummaryCsvHeader(customers.has_holdout()));
  std::vector<std::string> blocks(kBlocksPerWindow);
  const std::size_t size = customers.size();
  for (std::size_t window = 0; window < size; window += kBlockRows * kBlocksPerWindow) {
    const std::size_t window_rows = std::min(size - window, kBlockRows * kBlocksPerWindow);
    ParallelForBlocks(window_rows, kBlockRows, [&](std::size_t begin, std::size_t end) {
      std::string& block = blocks[begin / kBlockRows];
      block.clear();
      for (std::size_t row = window + begin; row < window + end; ++row) {
        AppendSummaryCsvRow(block, customers.CustomerId(row), customers.Row(row),
                            customers.has_holdout());
      }
    });
    for (std::size_t block = 0; block * kBlockRows < window_rows; ++block)
      out.Write(blocks[block]);
  }
}

}  // namespace clv::detail
