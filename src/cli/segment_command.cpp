// SPDX-License-Identifier: MIT
// `clv segment INPUT [--by value|rfm|both] [--transactions FILE... [ingest options]
// --group-by COLUMN] [--segments FILE] [-o OUT.csv] [--summary OUT.json]`: value tiers, RFM
// segments and value by first-purchase attribute (docs/metrics.md, "Segments").
#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "cli/command_registry.h"
#include "cli/ingest_options.h"
#include "clv/error.h"
#include "clv/metrics.h"
#include "clv/segment.h"
#include "common/atomic_file.h"
#include "common/log.h"
#include "common/parallel.h"

namespace clv::cli {
namespace {

struct SegmentFlags {
  std::string input;
  std::string by = "both";
  IngestFlags ingest;  ///< the transactions, for --group-by
  std::string group_by;
  std::string segments_file;
  std::string output;
  std::string summary_output;
  int threads = 0;
};

void CheckFlagCombinations(const SegmentFlags& flags) {
  if (!flags.group_by.empty() && flags.ingest.options.paths.empty()) {
    throw InputError("--group-by needs --transactions, the purchase log to take it from");
  }
  if (flags.group_by.empty() && !flags.ingest.options.paths.empty()) {
    throw InputError("--transactions needs --group-by, the first-purchase column to group by");
  }
  if (flags.output == "-" && flags.summary_output.empty()) {
    throw InputError("-o - writes the customers to standard output; give --summary a file");
  }
}

// The group of each customer of `customers`: the attribute of its first purchase in the log.
std::vector<std::string> GroupsFromTransactions(const SegmentFlags& flags,
                                                const CustomerValues& customers) {
  const PurchaseLog log = ReadPurchaseLog(ResolveIngestOptions(flags.ingest),
                                          GroupColumnOf(flags.group_by), nullptr, true);
  std::vector<std::string> groups =
      FirstPurchaseGroups(log, flags.group_by, customers.customer_ids);
  for (std::size_t row = 0; row < groups.size(); ++row) {
    if (groups[row].empty()) {
      throw InputError(
          InputLocation{
              .file = flags.input, .column = "customer_id", .text = customers.customer_ids[row]},
          "customer has no purchase in --transactions:");
    }
  }
  return groups;
}

void RunSegment(const SegmentFlags& flags) {
  const detail::ThreadLimit thread_limit(flags.threads);
  CheckFlagCombinations(flags);
  SegmentOptions options;
  options.by = ParseSegmentBy(flags.by);
  if (!flags.segments_file.empty()) options.rules = ReadSegmentRules(flags.segments_file);

  const CustomerValues customers = ReadCustomerValues(flags.input);
  if (customers.values_not_finite > 0) {
    detail::Log().warn("segment: {} customers without a finite clv count as 0",
                       customers.values_not_finite);
  }
  if (!flags.group_by.empty()) options.group_of_customer = GroupsFromTransactions(flags, customers);
  const Segmentation segmentation = Segment(customers, options);

  if (!flags.output.empty()) {
    detail::WriteFileAtomically(flags.output, SegmentationCsv(customers, segmentation));
  }
  detail::WriteFileAtomically(flags.summary_output.empty() ? "-" : flags.summary_output,
                              SegmentationJson(customers, segmentation));
  for (const std::string& sentence : segmentation.concentration.sentences) {
    detail::Log().info("segment: {}", sentence);
  }
}

void AddSegmentCommand(CLI::App& app, int* /*exit_status*/) {
  auto flags = std::make_shared<SegmentFlags>();
  CLI::App* command = app.add_subcommand(
      "segment", "Value tiers, RFM segments and value by acquisition source of each customer");
  AddIngestOptions(command, &flags->ingest);
  // The purchase log comes from --transactions here; the positional argument is INPUT.
  command->remove_option(command->get_option("files"));
  command->add_option("input", flags->input, "Output of clv predict, or a customer summary")
      ->required()
      ->type_name("INPUT");
  command->add_option("--by", flags->by, "What to compute: value, rfm or both")
      ->capture_default_str();
  command
      ->add_option("--transactions", flags->ingest.options.paths,
                   "Purchase log holding the --group-by column")
      ->type_name("FILE...");
  command->add_option("--group-by", flags->group_by,
                      "Column of the first purchase to group by, or acquisition_month");
  command->add_option("--segments", flags->segments_file,
                      "RFM segment rules (default: data/segments/default_rfm_segments.csv)");
  command->add_option("-o,--output", flags->output, "Per-customer CSV ('-' for standard output)");
  command->add_option("--summary", flags->summary_output,
                      "JSON summary file (default: standard output)");
  command->add_option("--threads", flags->threads, "Worker threads (0: every core)")
      ->capture_default_str();
  command->callback([flags] { RunSegment(*flags); });
}

const CommandRegistration kRegistration{
    {.name = "segment", .order = 70, .add = &AddSegmentCommand}};

}  // namespace
}  // namespace clv::cli
