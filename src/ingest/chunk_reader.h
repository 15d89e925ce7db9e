// SPDX-License-Identifier: MIT
// Cuts the bytes of one input into chunks of whole records, about `chunk_bytes` each (more when
// one record is longer), for parsing in parallel.
#pragma once

#include <string>

#include "ingest/byte_source.h"

namespace clv::detail {

class ChunkReader {
 public:
  ChunkReader(ByteSource& source, std::size_t chunk_bytes);

  /// Reads up to `bytes` ahead so the dialect can be guessed; returns what was read. A UTF-8 byte
  /// order mark at the start is dropped.
  std::string_view Prime(std::size_t bytes);

  /// Fills `chunk` with the next whole records (the last chunk may lack a final line break).
  /// Returns false when the input is exhausted. Keeps `chunk`'s capacity for reuse.
  bool Next(std::string* chunk);

 private:
  void ReadMore(std::string* buffer, std::size_t target);

  ByteSource& source_;
  std::size_t chunk_bytes_;
  std::string pending_;  // bytes read but not yet handed out
  bool end_of_input_ = false;
};

}  // namespace clv::detail
