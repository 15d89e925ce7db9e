// SPDX-License-Identifier: MIT
// The `clv` executable: parses the subcommand line and translates errors into exit statuses.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <exception>
#include <string>

#include "cli/command_registry.h"
#include "clv/error.h"
#include "clv/version.h"
#include "common/log.h"

namespace clv::cli {
namespace {

std::vector<CommandSpec>& Registry() {
  static std::vector<CommandSpec> commands;
  return commands;
}

int ReportError(const char* kind, const std::exception& error, ExitStatus status) {
  std::fprintf(stderr, "clv: %s: %s\n", kind, error.what());
  return static_cast<int>(status);
}

int Run(int argc, char** argv) {
  CLI::App app{"clv: customer lifetime value from a purchase log", "clv"};
  app.set_version_flag("--version", std::string(kVersion));
  app.require_subcommand(1);
  app.add_option_function<std::string>(
      "--log-level", [](const std::string& level) { detail::SetLogLevel(level); },
      "Messages on stderr: error, warn, info (default) or debug; before the subcommand");
  int exit_status = 0;
  for (const CommandSpec& command : RegisteredCommands())
    command.add(app, &exit_status);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // CLI11 prints help and version as "errors" with status 0; usage errors map to status 2.
    const int status = app.exit(error);
    return status == 0 ? 0 : static_cast<int>(ExitStatus::kInputError);
  } catch (const InputError& error) {
    return ReportError("error", error, ExitStatus::kInputError);
  } catch (const Error& error) {
    return ReportError("error", error, ExitStatus::kFailure);
  } catch (const std::bad_alloc& error) {
    return ReportError("error: out of memory", error, ExitStatus::kFailure);
  } catch (const std::exception& error) {
    return ReportError("internal error (a bug in clv, please report it)", error,
                       ExitStatus::kFailure);
  }
  return exit_status;
}

}  // namespace

std::vector<CommandSpec> RegisteredCommands() {
  std::vector<CommandSpec> commands = Registry();
  std::sort(commands.begin(), commands.end(),
            [](const CommandSpec& a, const CommandSpec& b) { return a.order < b.order; });
  return commands;
}

CommandRegistration::CommandRegistration(CommandSpec spec) {
  Registry().push_back(spec);
}

}  // namespace clv::cli

int main(int argc, char** argv) {
  return clv::cli::Run(argc, argv);
}
