// SPDX-License-Identifier: MIT
// Reading generated logs back in the generator's tests.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace clv::testing {

/// A fresh, empty directory under the system temporary directory.
std::filesystem::path FreshDirectory(const std::string& name);

/// The whole file, decompressed when it is gzip (zlib reads concatenated members).
std::string ReadWholeFile(const std::filesystem::path& path);

/// The lines of `text` without their newlines.
std::vector<std::string> SplitLines(const std::string& text);

/// The comma-separated fields of one line.
std::vector<std::string> SplitFields(const std::string& line);

/// Runs the clv binary with `arguments`, returning its exit status.
int RunClv(const std::string& arguments);

}  // namespace clv::testing
