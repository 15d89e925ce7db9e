// SPDX-License-Identifier: MIT
#include "generate/ordered_output.h"

#include <zlib.h>

#include "clv/error.h"

namespace clv::detail {
namespace {

bool EndsWith(const std::string& text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string GzipMember(const std::string& text) {
  z_stream stream{};
  constexpr int kGzipWindowBits = 15 + 16;  // 15-bit window, gzip wrapper
  constexpr int kMemoryLevel = 8;
  if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, kGzipWindowBits, kMemoryLevel,
                   Z_DEFAULT_STRATEGY) != Z_OK) {
    throw Error("cannot start gzip compression: out of memory");
  }
  std::string member(deflateBound(&stream, static_cast<uLong>(text.size())), '\0');
  // zlib's interface is not const-correct; deflate only reads next_in.
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(member.data());
  stream.avail_out = static_cast<uInt>(member.size());
  const int status = deflate(&stream, Z_FINISH);
  member.resize(stream.total_out);
  deflateEnd(&stream);
  CLV_CHECK(status == Z_STREAM_END, "deflate did not finish within deflateBound");
  return member;
}

}  // namespace

BlockOutput::BlockOutput(const std::string& path) : file_(path), gzip_(EndsWith(path, ".gz")) {}

std::string BlockOutput::Encode(std::string text) const {
  if (!gzip_ || text.empty()) return text;
  return GzipMember(text);
}

}  // namespace clv::detail
