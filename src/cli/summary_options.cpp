// SPDX-License-Identifier: MIT
#include "cli/summary_options.h"

#include "cli/ingest_options.h"

namespace clv::cli {

void AddSummaryOptions(CLI::App* command, SummaryFlags* flags,
                       const std::string& calibration_help) {
  command->add_option("--unit", flags->unit, "Time unit: day, week, month or hour")
      ->capture_default_str();
  command
      ->add_option("--durations", flags->durations,
                   "floored: whole periods (lifetimes); continuous: fractional units from "
                   "day resolution (CLVTools, BTYD)")
      ->capture_default_str();
  command
      ->add_option("--refunds", flags->refunds,
                   "Rows with a negative amount: net (count as purchases, amounts net) or drop")
      ->capture_default_str();
  command->add_option("--observation-end", flags->observation_end,
                      "Last date observed (default: the last date in the log); later rows are "
                      "dropped and counted");
  command->add_option("--calibration-end", flags->calibration_end, calibration_help);
}

SummaryOptions ResolveSummaryOptions(const SummaryFlags& flags) {
  SummaryOptions options;
  options.unit = ParseTimeUnit(flags.unit);
  options.durations = ParseDurationMode(flags.durations);
  options.refunds = ParseRefundRule(flags.refunds);
  if (!flags.observation_end.empty()) {
    options.observation_end = ParseWindowEnd(flags.observation_end, "observation-end");
  }
  if (!flags.calibration_end.empty()) {
    options.calibration_end = ParseWindowEnd(flags.calibration_end, "calibration-end");
  }
  return options;
}

}  // namespace clv::cli
