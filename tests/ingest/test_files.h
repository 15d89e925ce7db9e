// SPDX-License-Identifier: MIT
// Helpers for tests that need files on disk or run the clv binary.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace clv::testing {

/// A fresh directory for this test process.
inline std::filesystem::path TestDirectory() {
  static const std::filesystem::path dir = [] {
    const auto path =
        std::filesystem::temp_directory_path() / ("clv_ingest_tests_" + std::to_string(::getpid()));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
    return path;
  }();
  return dir;
}

inline std::string WriteFile(const std::string& name, const std::string& contents) {
  const std::filesystem::path path = TestDirectory() / name;
  std::ofstream(path, std::ios::binary) << contents;
  return path.string();
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

inline std::string SharedData(const std::string& name) {
  return std::string(CLV_SHARED_DATA_DIR) + "/" + name;
}

struct CommandResult {
  int exit_status = -1;
  std::string out;
  std::string err;
};

/// Runs `clv <arguments>` through the shell (arguments must be quoted by the caller).
inline CommandResult RunClv(const std::string& arguments, const std::string& stdin_path = "") {
  static int counter = 0;
  const std::string stem = (TestDirectory() / ("run" + std::to_string(++counter))).string();
  std::string command = std::string("'") + CLV_BINARY + "' " + arguments + " >'" + stem +
                        ".out' 2>'" + stem + ".err'";
  if (!stdin_path.empty()) command += " <'" + stdin_path + "'";
  const int status = std::system(command.c_str());
  CommandResult result;
  result.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = ReadFile(stem + ".out");
  result.err = ReadFile(stem + ".err");
  return result;
}

}  // namespace clv::testing
