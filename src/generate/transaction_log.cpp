// SPDX-License-Identifier: MIT
// WriteTransactionLog and WriteLatentTraits (clv/generate.h). Customer order is one pass: blocks
// of customers are drawn and formatted in parallel and written in block order. Time order is in
// time_ordered_log.cpp.
#include <fmt/format.h>

#include <chrono>

#include "clv/generate.h"
#include "common/log.h"
#include "generate/log_customer.h"
#include "generate/ordered_output.h"
#include "generate/row_formatter.h"
#include "generate/time_ordered_log.h"

namespace clv {
namespace {

using detail::kLogCustomersPerBlock;

std::size_t NumCustomerBlocks(const detail::LogPlan& plan) {
  return static_cast<std::size_t>((plan.num_customers + kLogCustomersPerBlock - 1) /
                                  kLogCustomersPerBlock);
}

// Rows of the customers of `block`, each customer's in time order; returns the row count.
std::int64_t FormatCustomerBlock(const detail::LogPlan& plan, const detail::RowFormatter& formatter,
                                 std::size_t block, std::string& text) {
  const std::int64_t begin = static_cast<std::int64_t>(block) * kLogCustomersPerBlock;
  const std::int64_t end = std::min(plan.num_customers, begin + kLogCustomersPerBlock);
  std::int64_t rows = 0;
  for (std::int64_t index = begin; index < end; ++index) {
    const auto customer_index = static_cast<std::uint64_t>(index);
    detail::RandomStream random(plan.seed, customer_index);
    const detail::LogCustomer customer = detail::DrawLogCustomer(plan, random);
    detail::DrawTransactions(plan, customer, random, [&](const detail::LogTransaction& row) {
      formatter.AppendRow(text, customer_index, row, customer.channel);
      ++rows;
      return true;
    });
  }
  return rows;
}

std::int64_t WriteCustomerOrderedLog(const detail::LogPlan& plan,
                                     const detail::RowFormatter& formatter,
                                     detail::BlockOutput& output) {
  output.Write(output.Encode(formatter.Header()));
  std::vector<std::int64_t> rows_per_block(NumCustomerBlocks(plan), 0);
  detail::WriteBlocksInOrder(
      rows_per_block.size(), output, [&](std::size_t block, std::string& text) {
        rows_per_block[block] = FormatCustomerBlock(plan, formatter, block, text);
      });
  std::int64_t rows = 0;
  for (const std::int64_t block_rows : rows_per_block)
    rows += block_rows;
  return rows;
}

void AppendDouble(std::string& text, double value) {
  fmt::format_to(std::back_inserter(text), ",{:.6g}", value);
}

}  // namespace

TransactionLogSummary WriteTransactionLog(const TransactionLogOptions& options,
                                          const std::string& path) {
  const auto started = std::chrono::steady_clock::now();
  const detail::LogPlan plan = detail::MakeLogPlan(options);
  const detail::RowFormatter formatter(options, plan);
  detail::BlockOutput output(path);

  TransactionLogSummary summary;
  summary.customers = plan.num_customers;
  if (options.order == RowOrder::kCustomer) {
    summary.rows = WriteCustomerOrderedLog(plan, formatter, output);
    summary.passes = 1;
  } else {
    const detail::TimeOrderedResult result =
        detail::WriteTimeOrderedLog(plan, options.memory_budget_bytes, formatter, output);
    summary.rows = result.rows;
    summary.passes = result.passes;
  }
  output.Commit();
  summary.elapsed_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  detail::Log().debug("generated {} rows for {} customers in {:.2f} s ({} passes) to {}",
                      summary.rows, summary.customers, summary.elapsed_seconds, summary.passes,
                      path);
  return summary;
}

void WriteLatentTraits(const TransactionLogOptions& options, const std::string& path) {
  const detail::LogPlan plan = detail::MakeLogPlan(options);
  const detail::RowFormatter formatter(options, plan);
  detail::BlockOutput output(path);
  std::string header = "customer_id,first_purchase,purchase_rate,dropout,spend_rate";
  output.Write(output.Encode(header + (options.channels.empty() ? "\n" : ",channel\n")));
  detail::WriteBlocksInOrder(
      NumCustomerBlocks(plan), output, [&](std::size_t block, std::string& text) {
        const std::int64_t begin = static_cast<std::int64_t>(block) * kLogCustomersPerBlock;
        const std::int64_t end = std::min(plan.num_customers, begin + kLogCustomersPerBlock);
        for (std::int64_t index = begin; index < end; ++index) {
          const auto customer_index = static_cast<std::uint64_t>(index);
          detail::RandomStream random(plan.seed, customer_index);
          const detail::LogCustomer customer = detail::DrawLogCustomer(plan, random);
          formatter.AppendCustomerId(text, customer_index);
          text += ',';
          formatter.AppendTimestamp(
              text, static_cast<std::int64_t>(customer.acquisition_day * detail::kSecondsPerDay));
          AppendDouble(text, customer.purchase.purchase_rate);
          AppendDouble(text, customer.purchase.dropout);
          AppendDouble(text, customer.spend_rate);
          if (!options.channels.empty()) text += "," + formatter.ChannelName(customer.channel);
          text += '\n';
        }
      });
  output.Commit();
}

}  // namespace clv
