// SPDX-License-Identifier: MIT
// The options that say how a purchase log becomes a customer summary, shared by every command
// that summarises one (`clv summary`, `clv analyze`): unit, durations, refunds and the window.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "clv/summary.h"

namespace clv::cli {

/// Flag values as typed; ResolveSummaryOptions checks and converts them.
struct SummaryFlags {
  std::string unit = "day";
  std::string durations = "floored";
  std::string refunds = "net";
  std::string observation_end;
  std::string calibration_end;
};

/// Adds --unit, --durations, --refunds, --observation-end and --calibration-end, the last
/// described by `calibration_help`.
void AddSummaryOptions(CLI::App* command, SummaryFlags* flags, const std::string& calibration_help);

/// The SummaryOptions the flags describe; throws InputError for a bad value.
SummaryOptions ResolveSummaryOptions(const SummaryFlags& flags);

}  // namespace clv::cli
