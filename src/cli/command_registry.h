// SPDX-License-Identifier: MIT
// Each subcommand lives in its own src/cli/<name>_command.cpp and registers itself here with a
// static CommandRegistration, so main() needs no list of commands.
//
//   static const clv::cli::CommandRegistration kRegistration{{
//       .name = "summary", .order = 20, .add = &AddSummaryCommand}};
//
// `add` creates the CLI11 subcommand and sets its callback; the callback stores the exit status
// of the run in `*exit_status`. Errors are thrown (clv::InputError -> status 2, clv::Error -> 1)
// and translated once, in main().
#pragma once

#include <CLI/CLI.hpp>
#include <string_view>
#include <vector>

namespace clv::cli {

struct CommandSpec {
  std::string_view name;
  int order = 0;  ///< position in `clv --help`
  void (*add)(CLI::App& app, int* exit_status) = nullptr;
};

/// All registered subcommands, sorted by order.
std::vector<CommandSpec> RegisteredCommands();

struct CommandRegistration {
  explicit CommandRegistration(CommandSpec spec);
};

}  // namespace clv::cli
