// SPDX-License-Identifier: MIT
#include "ingest/byte_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "clv/error.h"

namespace clv::detail {
namespace {

constexpr std::size_t kCompressedBlock = std::size_t{1} << 20;

[[noreturn]] void ThrowOpenError(const std::string& path, const std::string& problem) {
  throw InputError(InputLocation{.file = path}, problem);
}

}  // namespace

ByteSource::ByteSource(std::string path) : path_(std::move(path)) {
  if (path_ == "-") {
    fd_ = STDIN_FILENO;
  } else {
    struct stat status {};
    if (::stat(path_.c_str(), &status) != 0) {
      ThrowOpenError(path_, errno == ENOENT ? "no such file" : std::strerror(errno));
    }
    if (S_ISDIR(status.st_mode)) ThrowOpenError(path_, "is a directory, not a file");
    fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) ThrowOpenError(path_, std::string("cannot open: ") + std::strerror(errno));
    owns_fd_ = true;
    if (S_ISREG(status.st_mode)) size_on_disk_ = status.st_size;
  }
  // Look for the gzip magic (1f 8b) in the first bytes.
  char magic[2];
  std::size_t got = 0;
  while (got < sizeof(magic)) {
    const std::size_t n = ReadRaw(magic + got, sizeof(magic) - got);
    if (n == 0) break;
    got += n;
  }
  pending_.assign(magic, magic + got);
  gzip_ = got == 2 && static_cast<unsigned char>(magic[0]) == 0x1f &&
          static_cast<unsigned char>(magic[1]) == 0x8b;
  if (gzip_) {
    inflater_ = std::make_unique<z_stream>();
    std::memset(inflater_.get(), 0, sizeof(z_stream));
    // 16 + MAX_WBITS: expect a gzip header.
    if (inflateInit2(inflater_.get(), 16 + MAX_WBITS) != Z_OK) {
      throw Error("cannot initialise gzip decompression");
    }
    compressed_.resize(kCompressedBlock);
  }
}

ByteSource::~ByteSource() {
  if (inflater_) inflateEnd(inflater_.get());
  if (owns_fd_) ::close(fd_);
}

std::size_t ByteSource::ReadRaw(char* destination, std::size_t size) {
  if (pending_pos_ < pending_.size()) {
    const std::size_t n = std::min(size, pending_.size() - pending_pos_);
    std::memcpy(destination, pending_.data() + pending_pos_, n);
    pending_pos_ += n;
    return n;
  }
  while (true) {
    const ssize_t n = ::read(fd_, destination, size);
    if (n >= 0) {
      raw_bytes_read_ += n;
      return static_cast<std::size_t>(n);
    }
    if (errno != EINTR) {
      throw InputError(InputLocation{.file = path_},
                       std::string("cannot read: ") + std::strerror(errno));
    }
  }
}

std::size_t ByteSource::Read(char* destination, std::size_t size) {
  if (!gzip_) {
    std::size_t total = 0;
    while (total < size) {
      const std::size_t n = ReadRaw(destination + total, size - total);
      if (n == 0) break;
      total += n;
    }
    return total;
  }
  return Inflate(destination, size);
}

std::size_t ByteSource::Inflate(char* destination, std::size_t size) {
  z_stream& stream = *inflater_;
  stream.next_out = reinterpret_cast<Bytef*>(destination);
  stream.avail_out = static_cast<uInt>(size);
  while (stream.avail_out > 0) {
    if (stream.avail_in == 0 && !raw_end_) {
      const std::size_t n = ReadRaw(compressed_.data(), compressed_.size());
      raw_end_ = n == 0;
      stream.next_in = reinterpret_cast<Bytef*>(compressed_.data());
      stream.avail_in = static_cast<uInt>(n);
    }
    if (stream.avail_in == 0 && raw_end_) {
      // total_in counts the bytes of the current member: non-zero means it was cut short.
      if (stream.total_in != 0) {
        throw InputError(InputLocation{.file = path_}, "truncated gzip data");
      }
      break;
    }
    const int status = inflate(&stream, Z_NO_FLUSH);
    if (status == Z_STREAM_END) {
      // Concatenated gzip members (as `cat a.gz b.gz` makes) continue the same content.
      inflateReset(&stream);
      continue;
    }
    if (status != Z_OK && status != Z_BUF_ERROR) {
      throw InputError(InputLocation{.file = path_},
                       std::string("corrupt gzip data: ") + (stream.msg ? stream.msg : "unknown"));
    }
  }
  return size - stream.avail_out;
}

}  // namespace clv::detail
