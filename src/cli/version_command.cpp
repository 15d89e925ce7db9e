// SPDX-License-Identifier: MIT
// `clv version`: prints the version and the libraries clv was built with.
#include <fmt/format.h>
#include <tbb/version.h>

#include <CLI/CLI.hpp>
#include <boost/version.hpp>

#include "cli/command_registry.h"
#include "clv/version.h"

namespace clv::cli {
namespace {

void AddVersionCommand(CLI::App& app, int* /*exit_status*/) {
  CLI::App* command = app.add_subcommand("version", "Print the version of clv and its libraries");
  command->callback([] {
    fmt::print("clv {}\nboost {}.{}\noneTBB {}\n", kVersion, BOOST_VERSION / 100000,
               BOOST_VERSION / 100 % 1000, TBB_VERSION_STRING);
  });
}

const CommandRegistration kRegistration{
    {.name = "version", .order = 100, .add = &AddVersionCommand}};

}  // namespace
}  // namespace clv::cli
