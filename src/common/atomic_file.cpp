// SPDX-License-Identifier: MIT
#include "common/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "clv/error.h"

namespace clv::detail {
namespace {

std::string SystemError(std::string_view what, const std::string& path) {
  return std::string(what) + " '" + path + "': " + std::strerror(errno);
}

}  // namespace

AtomicOutputFile::AtomicOutputFile(std::string path) : path_(std::move(path)) {
  if (path_.empty() || path_ == "-") {
    to_stdout_ = true;
    stream_ = stdout;
    return;
  }
  std::error_code status_error;
  const auto status = std::filesystem::status(path_, status_error);
  if (std::filesystem::is_directory(status)) {
    throw Error("cannot write output '" + path_ + "': it is a directory");
  }
  if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
    // A device or pipe (/dev/null, a named pipe) cannot be replaced by a rename: write to it.
    OpenDirectly();
    return;
  }
  temporary_path_ = path_ + ".tmp.XXXXXX";
  const int fd = ::mkstemp(temporary_path_.data());
  if (fd < 0) throw Error(SystemError("cannot create output beside", path_));
  stream_ = ::fdopen(fd, "wb");
  if (stream_ == nullptr) {
    ::close(fd);
    ::unlink(temporary_path_.c_str());
    throw Error(SystemError("cannot open output", temporary_path_));
  }
  static constexpr std::size_t kBufferBytes = 1 << 20;
  std::setvbuf(stream_, nullptr, _IOFBF, kBufferBytes);
}

void AtomicOutputFile::OpenDirectly() {
  writes_in_place_ = true;
  stream_ = std::fopen(path_.c_str(), "wb");
  if (stream_ == nullptr) throw Error(SystemError("cannot open output", path_));
}

AtomicOutputFile::~AtomicOutputFile() {
  if (writes_in_place_ && !committed_ && stream_ != nullptr) std::fclose(stream_);
  if (to_stdout_ || writes_in_place_ || committed_) return;
  if (stream_ != nullptr) std::fclose(stream_);
  ::unlink(temporary_path_.c_str());
}

void AtomicOutputFile::Write(std::string_view bytes) {
  if (bytes.empty()) return;
  if (std::fwrite(bytes.data(), 1, bytes.size(), stream_) != bytes.size()) {
    throw Error(SystemError("cannot write output", to_stdout_ ? "-" : path_));
  }
}

void AtomicOutputFile::Commit() {
  CLV_CHECK(!committed_, "output committed twice");
  committed_ = true;
  if (to_stdout_) {
    if (std::fflush(stdout) != 0) throw Error(SystemError("cannot write output", "-"));
    return;
  }
  if (writes_in_place_) {
    const bool closed = std::fclose(stream_) == 0;
    stream_ = nullptr;
    if (!closed) throw Error(SystemError("cannot write output", path_));
    return;
  }
  const bool flushed = std::fflush(stream_) == 0 && ::fsync(::fileno(stream_)) == 0;
  const bool closed = std::fclose(stream_) == 0;
  stream_ = nullptr;
  if (!flushed || !closed) {
    ::unlink(temporary_path_.c_str());
    throw Error(SystemError("cannot write output", path_));
  }
  // mkstemp creates the file 0600; give the output the permissions a plain create would.
  const mode_t umask_bits = ::umask(0);
  ::umask(umask_bits);
  ::chmod(temporary_path_.c_str(), 0666 & ~umask_bits);
  if (std::rename(temporary_path_.c_str(), path_.c_str()) != 0) {
    ::unlink(temporary_path_.c_str());
    throw Error(SystemError("cannot move output into place", path_));
  }
}

void WriteFileAtomically(const std::string& path, std::string_view contents) {
  AtomicOutputFile out(path);
  out.Write(contents);
  out.Commit();
}

}  // namespace clv::detail
