// SPDX-License-Identifier: MIT
// `clv generate`: writes a synthetic transaction log drawn from BG/NBD or Pareto/NBD customers
// with Gamma-Gamma spend (see clv/generate.h).
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <map>
#include <memory>
#include <string>

#include "cli/command_registry.h"
#include "clv/error.h"
#include "clv/generate.h"
#include "common/log.h"
#include "common/parallel.h"

namespace clv::cli {
namespace {

struct GenerateArguments {
  TransactionLogOptions options;
  std::string model = "bgnbd";
  std::vector<double> spend_params;
  std::string output = "-";
  std::string traits_output;
  std::int64_t memory_budget_mb = 1024;
  int threads = 0;
};

void Run(GenerateArguments& arguments) {
  const detail::ThreadLimit thread_limit(arguments.threads);
  TransactionLogOptions& options = arguments.options;
  options.model = ParseModelKind(arguments.model);
  if (!arguments.spend_params.empty()) {
    if (arguments.spend_params.size() != options.spend_params.size()) {
      throw InputError(fmt::format("--spend-params must be 3 values (p,q,gamma), got {}",
                                   arguments.spend_params.size()));
    }
    std::copy(arguments.spend_params.begin(), arguments.spend_params.end(),
              options.spend_params.begin());
  }
  options.memory_budget_bytes = arguments.memory_budget_mb << 20;
  options.Validate();
  if (!arguments.traits_output.empty()) WriteLatentTraits(options, arguments.traits_output);
  const TransactionLogSummary summary = WriteTransactionLog(options, arguments.output);
  detail::Log().info(
      "generated {} rows for {} customers in {:.2f} s ({} passes over the customers)", summary.rows,
      summary.customers, summary.elapsed_seconds, summary.passes);
}

void AddGenerateCommand(CLI::App& app, int* /*exit_status*/) {
  CLI::App* command = app.add_subcommand(
      "generate", "Write a synthetic transaction log drawn from BG/NBD or Pareto/NBD customers");
  auto arguments = std::make_shared<GenerateArguments>();
  TransactionLogOptions& options = arguments->options;

  command->add_option("--model", arguments->model, "Purchase model: bgnbd or pnbd")
      ->capture_default_str();
  command
      ->add_option("--params", options.purchase_params,
                   "Purchase parameters per day: r,alpha,a,b (bgnbd) or r,alpha,s,beta (pnbd); "
                   "default: the CDNOW estimates converted to days")
      ->delimiter(',');
  command
      ->add_option("--spend-params", arguments->spend_params,
                   "Gamma-Gamma spend parameters p,q,gamma (default 6.25,3.74,15.44, CDNOW)")
      ->delimiter(',');
  command->add_option("--customers", options.num_customers, "Number of customers")
      ->capture_default_str();
  command->add_option("--start", options.start_date, "First day of the log, YYYY-MM-DD")
      ->capture_default_str();
  command->add_option("--days", options.observation_days, "Length of the log in days")
      ->capture_default_str();
  command
      ->add_option("--acquisition-days", options.acquisition_days,
                   "First purchases are spread uniformly over this many days from the start")
      ->capture_default_str();
  command->add_option("--seed", options.seed, "Random seed")->capture_default_str();
  command->add_option("--order", options.order, "Row order: customer or time")
      ->transform(CLI::CheckedTransformer(std::map<std::string, RowOrder>{
          {"customer", RowOrder::kCustomer}, {"time", RowOrder::kTime}}))
      ->default_str("customer");
  command
      ->add_option("--id-format", options.id_format, "Customer ids: string (C000000001) or int (1)")
      ->transform(CLI::CheckedTransformer(std::map<std::string, CustomerIdFormat>{
          {"string", CustomerIdFormat::kString}, {"int", CustomerIdFormat::kInteger}}))
      ->default_str("string");
  command
      ->add_option("--timestamps", options.timestamps,
                   "Timestamps: date (YYYY-MM-DD) or datetime (YYYY-MM-DDTHH:MM:SS)")
      ->transform(CLI::CheckedTransformer(std::map<std::string, TimestampFormat>{
          {"date", TimestampFormat::kDate}, {"datetime", TimestampFormat::kDateTime}}))
      ->default_str("date");
  command->add_flag("--transaction-ids", options.transaction_ids, "Add a transaction_id column");
  command
      ->add_option("--channels", options.channels,
                   "Add a channel column, each customer's drawn from these names (a,b,c)")
      ->delimiter(',');
  command
      ->add_option("--memory-budget-mb", arguments->memory_budget_mb,
                   "With --order time: memory for pending rows; larger logs take more passes")
      ->capture_default_str();
  command->add_option("-o,--output", arguments->output, "Output CSV ('-' for stdout; .gz: gzip)")
      ->capture_default_str();
  command->add_option("--truth", arguments->traits_output,
                      "Also write each customer's latent traits (lambda, p or mu, nu) here");
  command->add_option("--threads", arguments->threads, "Worker threads (0: all cores)")
      ->capture_default_str();
  command->callback([arguments] { Run(*arguments); });
}

const CommandRegistration kRegistration{
    {.name = "generate", .order = 90, .add = &AddGenerateCommand}};

}  // namespace
}  // namespace clv::cli
