// SPDX-License-Identifier: MIT
// Output that appears whole or not at all: bytes go to a temporary file beside the target, which
// Commit() renames over it. Without Commit() (an error, an exception) the temporary is removed,
// so a failed run never leaves a partial or stale-looking output behind. A target that exists and
// is not a regular file (a device such as /dev/null, a named pipe) is written in place instead.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace clv::detail {

class AtomicOutputFile {
 public:
  /// Opens a temporary beside `path`; "-" or "" writes to standard output instead (no rename).
  /// Throws clv::Error when the directory is not writable.
  explicit AtomicOutputFile(std::string path);
  ~AtomicOutputFile();
  AtomicOutputFile(const AtomicOutputFile&) = delete;
  AtomicOutputFile& operator=(const AtomicOutputFile&) = delete;

  void Write(std::string_view bytes);
  std::FILE* stream() { return stream_; }

  /// Flushes, syncs and renames the temporary over the target. Throws clv::Error on failure.
  void Commit();

  const std::string& path() const { return path_; }

 private:
  void OpenDirectly();

  std::string path_;
  std::string temporary_path_;
  std::FILE* stream_ = nullptr;
  bool to_stdout_ = false;
  bool writes_in_place_ = false;
  bool committed_ = false;
};

/// Writes `contents` to `path` through an AtomicOutputFile.
void WriteFileAtomically(const std::string& path, std::string_view contents);

}  // namespace clv::detail
