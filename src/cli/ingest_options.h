// SPDX-License-Identifier: MIT
// The options every command that reads a purchase log shares (`clv summary FILE`, `clv fit FILE`,
// `clv metrics FILE`): input files, columns, delimiter, header, date format, error handling.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "clv/ingest.h"

namespace clv::cli {

/// Flag values as typed; ResolveIngestOptions checks and converts them.
struct IngestFlags {
  IngestOptions options;
  std::string delimiter = "auto";
  std::string header = "auto";
  std::string on_error = "fail";
};

/// Adds the FILE... positional argument and the ingest flags to `command`.
void AddIngestOptions(CLI::App* command, IngestFlags* flags);

/// The IngestOptions the flags describe; throws InputError for a bad value.
IngestOptions ResolveIngestOptions(const IngestFlags& flags);

/// Logs the first skipped rows of `report` as warnings, and how many more there were.
void LogSkippedRows(const IngestReport& report);

/// The last second (Unix, UTC) of a window ending at `text`: a date means the end of that day,
/// a date-time that instant. Throws InputError naming `option` when `text` is not a date.
std::int64_t ParseWindowEnd(std::string_view text, std::string_view option);

}  // namespace clv::cli
