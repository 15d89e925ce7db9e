// SPDX-License-Identifier: MIT
#include "common/atomic_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace clv::detail {
namespace {

namespace fs = std::filesystem;

fs::path FreshDirectory(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("clv_atomic_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

TEST(Consistency, CommittedOutputHoldsEverythingWritten) {
  const fs::path dir = FreshDirectory("commit");
  const std::string path = (dir / "out.csv").string();
  {
    AtomicOutputFile out(path);
    out.Write("a,b\n");
    out.Write("1,2\n");
    out.Commit();
  }
  std::ifstream in(path);
  std::stringstream contents;
  contents << in.rdbuf();
  EXPECT_EQ(contents.str(), "a,b\n1,2\n");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
}

TEST(Consistency, AbandonedOutputLeavesNoFileBehind) {
  const fs::path dir = FreshDirectory("abandon");
  const std::string path = (dir / "out.csv").string();
  try {
    AtomicOutputFile out(path);
    out.Write("partial");
    throw std::runtime_error("stop");
  } catch (const std::runtime_error&) {
  }
  EXPECT_FALSE(fs::exists(path));
  EXPECT_TRUE(fs::is_empty(dir));
}

TEST(Consistency, AbandonedOutputKeepsThePreviousFile) {
  const fs::path dir = FreshDirectory("keep");
  const std::string path = (dir / "out.csv").string();
  WriteFileAtomically(path, "old\n");
  {
    AtomicOutputFile out(path);
    out.Write("new");
  }
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "old");
}

TEST(Regression, DeviceTargetIsWrittenInPlaceNotReplaced) {
  // Renaming a temporary over /dev/null would turn the device into a regular file.
  {
    AtomicOutputFile out("/dev/null");
    out.Write("discarded");
    out.Commit();
  }
  EXPECT_TRUE(fs::is_character_file("/dev/null"));
}

}  // namespace
}  // namespace clv::detail
