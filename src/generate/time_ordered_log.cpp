// SPDX-License-Identifier: MIT
#include "generate/time_ordered_log.h"

#include <fmt/format.h>
#include <tbb/parallel_sort.h>

#include <algorithm>
#include <vector>

#include "clv/error.h"
#include "common/log.h"
#include "common/parallel.h"

namespace clv::detail {
namespace {

// A pending row, 16 bytes: sorting by (key, ordinal_and_channel) is time order, then customer,
// then purchase.
struct PendingRow {
  std::uint64_t key;  // second << 32 | customer index
  std::uint32_t cents;
  std::uint32_t ordinal_and_channel;  // ordinal in the low 24 bits, channel in the high 8

  bool operator<(const PendingRow& other) const {
    return key != other.key ? key < other.key : ordinal_and_channel < other.ordinal_and_channel;
  }
};

constexpr std::uint32_t kMaxOrdinal = (1u << 24) - 1;
constexpr std::size_t kRowsPerOutputBlock = 1 << 16;
// The per-block day counts stay below this many entries (64 MB).
constexpr std::int64_t kMaxCountEntries = std::int64_t{1} << 24;

// Customers are cut into blocks; counts[block * days + day] holds each block's rows per day.
struct DayCounts {
  std::int64_t customers_per_block = 0;
  std::size_t num_blocks = 0;
  int days = 0;
  std::vector<std::uint32_t> counts;

  std::uint32_t& At(std::size_t block, int day) {
    return counts[block * static_cast<std::size_t>(days) + static_cast<std::size_t>(day)];
  }
};

// Days [begin_day, end_day) written in one pass.
struct DayWindow {
  int begin_day = 0;
  int end_day = 0;
};

// Calls on_row(customer_index, channel, transaction) for the rows of the customers of `block`
// dated before `end_second`.
template <typename OnRow>
void DrawBlockRows(const LogPlan& plan, const DayCounts& layout, std::size_t block,
                   std::int64_t end_second, OnRow&& on_row) {
  const std::int64_t begin = static_cast<std::int64_t>(block) * layout.customers_per_block;
  const std::int64_t end = std::min(plan.num_customers, begin + layout.customers_per_block);
  for (std::int64_t index = begin; index < end; ++index) {
    const auto customer_index = static_cast<std::uint64_t>(index);
    RandomStream random(plan.seed, customer_index);
    const LogCustomer customer = DrawLogCustomer(plan, random);
    if (customer.acquisition_day * kSecondsPerDay >= static_cast<double>(end_second)) continue;
    DrawTransactions(plan, customer, random, [&](const LogTransaction& row) {
      if (row.second >= end_second) return false;
      on_row(customer_index, customer.channel, row);
      return true;
    });
  }
}

DayCounts CountRowsPerDay(const LogPlan& plan) {
  DayCounts layout;
  layout.days = plan.observation_days;
  layout.customers_per_block =
      std::max(kLogCustomersPerBlock, plan.num_customers * layout.days / kMaxCountEntries + 1);
  layout.num_blocks = static_cast<std::size_t>(
      (plan.num_customers + layout.customers_per_block - 1) / layout.customers_per_block);
  layout.counts.assign(layout.num_blocks * static_cast<std::size_t>(layout.days), 0);
  tbb::parallel_for(std::size_t{0}, layout.num_blocks, [&](std::size_t block) {
    DrawBlockRows(plan, layout, block, plan.observation_seconds(),
                  [&](std::uint64_t, std::uint32_t, const LogTransaction& row) {
                    if (row.ordinal > kMaxOrdinal) {
                      throw InputError(fmt::format(
                          "a generated customer made more than {} purchases; lower the purchase "
                          "rate in --params",
                          kMaxOrdinal));
                    }
                    ++layout.At(block, static_cast<int>(row.second / kSecondsPerDay));
                  });
  });
  return layout;
}

std::vector<DayWindow> CutIntoWindows(const DayCounts& layout, std::int64_t max_rows) {
  std::vector<std::int64_t> rows_per_day(static_cast<std::size_t>(layout.days), 0);
  for (std::size_t block = 0; block < layout.num_blocks; ++block) {
    for (int day = 0; day < layout.days; ++day) {
      rows_per_day[static_cast<std::size_t>(day)] +=
          layout.counts[block * static_cast<std::size_t>(layout.days) +
                        static_cast<std::size_t>(day)];
    }
  }
  std::vector<DayWindow> windows;
  std::int64_t rows_in_window = 0;
  for (int day = 0; day < layout.days; ++day) {
    const std::int64_t rows = rows_per_day[static_cast<std::size_t>(day)];
    if (windows.empty() || (rows_in_window > 0 && rows_in_window + rows > max_rows)) {
      windows.push_back({.begin_day = day, .end_day = day});
      rows_in_window = 0;
    }
    windows.back().end_day = day + 1;
    rows_in_window += rows;
  }
  return windows;
}

// The rows of `window`, sorted: each block writes its rows from the offset its counts give.
std::vector<PendingRow> CollectWindow(const LogPlan& plan, DayCounts& layout,
                                      const DayWindow& window) {
  std::vector<std::size_t> offsets(layout.num_blocks + 1, 0);
  for (std::size_t block = 0; block < layout.num_blocks; ++block) {
    std::size_t rows = 0;
    for (int day = window.begin_day; day < window.end_day; ++day)
      rows += layout.At(block, day);
    offsets[block + 1] = offsets[block] + rows;
  }
  std::vector<PendingRow> pending(offsets.back());
  const std::int64_t begin_second = window.begin_day * kSecondsPerDay;
  tbb::parallel_for(std::size_t{0}, layout.num_blocks, [&](std::size_t block) {
    std::size_t next = offsets[block];
    DrawBlockRows(plan, layout, block, window.end_day * kSecondsPerDay,
                  [&](std::uint64_t customer, std::uint32_t channel, const LogTransaction& row) {
                    if (row.second < begin_second) return;
                    CLV_CHECK(next < offsets[block + 1],
                              "time-order pass drew more rows than "
                              "its counting pass");
                    pending[next++] = {
                        .key = static_cast<std::uint64_t>(row.second) << 32 | customer,
                        .cents = row.cents,
                        .ordinal_and_channel = row.ordinal | channel << 24};
                  });
    CLV_CHECK(next == offsets[block + 1], "time-order pass drew fewer rows than its counting pass");
  });
  tbb::parallel_sort(pending.begin(), pending.end());
  return pending;
}

void WritePendingRows(const std::vector<PendingRow>& pending, const RowFormatter& formatter,
                      BlockOutput& output) {
  const std::size_t num_blocks = (pending.size() + kRowsPerOutputBlock - 1) / kRowsPerOutputBlock;
  WriteBlocksInOrder(num_blocks, output, [&](std::size_t block, std::string& text) {
    const std::size_t end = std::min(pending.size(), (block + 1) * kRowsPerOutputBlock);
    for (std::size_t i = block * kRowsPerOutputBlock; i < end; ++i) {
      const PendingRow& row = pending[i];
      const LogTransaction transaction{.second = static_cast<std::int64_t>(row.key >> 32),
                                       .cents = row.cents,
                                       .ordinal = row.ordinal_and_channel & kMaxOrdinal};
      formatter.AppendRow(text, row.key & 0xFFFFFFFFu, transaction, row.ordinal_and_channel >> 24);
    }
  });
}

}  // namespace

TimeOrderedResult WriteTimeOrderedLog(const LogPlan& plan, std::int64_t memory_budget_bytes,
                                      const RowFormatter& formatter, BlockOutput& output) {
  output.Write(output.Encode(formatter.Header()));
  DayCounts layout = CountRowsPerDay(plan);
  const auto max_rows = memory_budget_bytes / static_cast<std::int64_t>(sizeof(PendingRow));
  const std::vector<DayWindow> windows = CutIntoWindows(layout, max_rows);

  TimeOrderedResult result{.rows = 0, .passes = 1};
  for (const DayWindow& window : windows) {
    const std::vector<PendingRow> pending = CollectWindow(plan, layout, window);
    WritePendingRows(pending, formatter, output);
    result.rows += static_cast<std::int64_t>(pending.size());
    ++result.passes;
    Log().debug("time order: days {}..{} hold {} rows", window.begin_day, window.end_day - 1,
                pending.size());
  }
  return result;
}

}  // namespace clv::detail
