// SPDX-License-Identifier: MIT
// Running the built `clv` binary from tests: exit status, stdout and stderr of one command.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace clv::testing {

struct CliResult {
  int exit_status = -1;
  std::string out;
  std::string err;
};

inline std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// A scratch directory of this test process, ending in '/'. ctest runs tests as parallel
/// processes, so fixed names directly in the shared temporary directory would collide.
inline const std::string& ScratchDir() {
  static const std::string dir = [] {
    const std::string path =
        ::testing::TempDir() + "clv_cli_tests_" + std::to_string(::getpid()) + "/";
    std::filesystem::create_directories(path);
    return path;
  }();
  return dir;
}

/// Writes `contents` to a file in the test's scratch directory and returns its path.
inline std::string WriteTempFile(const std::string& name, const std::string& contents) {
  const std::string path = ScratchDir() + name;
  std::ofstream(path, std::ios::binary) << contents;
  return path;
}

/// Runs `clv <arguments>` through the shell.
inline CliResult RunClv(const std::string& arguments) {
  const std::string out = ScratchDir() + "clv_cli_stdout.txt";
  const std::string err = ScratchDir() + "clv_cli_stderr.txt";
  const std::string command = std::string(CLV_BINARY) + " " + arguments + " >" + out + " 2>" + err;
  const int status = std::system(command.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, ReadWholeFile(out), ReadWholeFile(err)};
}

/// Counts the lines of `text` that are not empty.
inline int LineCount(const std::string& text) {
  int lines = 0;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines += line.empty() ? 0 : 1;
  return lines;
}

/// Expects exit status 2 and one line on stderr containing `fragment`.
inline void ExpectOneLineInputError(const CliResult& result, const std::string& fragment) {
  EXPECT_EQ(result.exit_status, 2);
  EXPECT_EQ(LineCount(result.err), 1) << result.err;
  EXPECT_NE(result.err.find(fragment), std::string::npos) << result.err;
}

}  // namespace clv::testing
