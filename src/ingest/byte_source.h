// SPDX-License-Identifier: MIT
// The bytes of one input: a file or standard input ("-"), gzip-compressed or not. Compression is
// recognised by the gzip magic bytes, not by the file name, so `zcat`-able pipes work too.
#pragma once

#include <zlib.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace clv::detail {

class ByteSource {
 public:
  /// Opens `path`; throws InputError when it does not exist, is a directory or is unreadable.
  explicit ByteSource(std::string path);
  ~ByteSource();
  ByteSource(const ByteSource&) = delete;
  ByteSource& operator=(const ByteSource&) = delete;

  /// Reads up to `size` bytes of (decompressed) content; returns 0 only at the end.
  std::size_t Read(char* destination, std::size_t size);

  const std::string& path() const { return path_; }
  /// Size on disk; 0 when unknown (a pipe).
  std::int64_t size_on_disk() const { return size_on_disk_; }
  /// Bytes taken from the disk or pipe so far (compressed bytes for gzip input).
  std::int64_t raw_bytes_read() const { return raw_bytes_read_; }

 private:
  std::size_t ReadRaw(char* destination, std::size_t size);
  std::size_t Inflate(char* destination, std::size_t size);

  std::string path_;
  int fd_ = -1;
  bool owns_fd_ = false;
  std::int64_t size_on_disk_ = 0;
  std::int64_t raw_bytes_read_ = 0;

  // First raw bytes, read to look for the gzip magic, handed out before reading on.
  std::vector<char> pending_;
  std::size_t pending_pos_ = 0;

  bool gzip_ = false;
  bool raw_end_ = false;
  std::unique_ptr<z_stream> inflater_;
  std::vector<char> compressed_;
};

}  // namespace clv::detail
