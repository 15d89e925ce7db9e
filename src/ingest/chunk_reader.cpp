// SPDX-License-Identifier: MIT
#include "ingest/chunk_reader.h"

#include <algorithm>

#include "ingest/chunk_splitter.h"

namespace clv::detail {

ChunkReader::ChunkReader(ByteSource& source, std::size_t chunk_bytes)
    : source_(source), chunk_bytes_(std::max<std::size_t>(chunk_bytes, 1)) {}

std::string_view ChunkReader::Prime(std::size_t bytes) {
  ReadMore(&pending_, bytes);
  if (pending_.starts_with("\xEF\xBB\xBF")) pending_.erase(0, 3);
  return pending_;
}

void ChunkReader::ReadMore(std::string* buffer, std::size_t target) {
  if (end_of_input_ || buffer->size() >= target) return;
  const std::size_t old_size = buffer->size();
  buffer->resize(target);
  const std::size_t got = source_.Read(buffer->data() + old_size, target - old_size);
  buffer->resize(old_size + got);
  end_of_input_ = got < target - old_size;
}

bool ChunkReader::Next(std::string* chunk) {
  chunk->assign(pending_);
  pending_.clear();
  std::size_t target = std::max(chunk_bytes_, chunk->size());
  while (true) {
    ReadMore(chunk, target);
    if (chunk->empty()) return false;
    if (end_of_input_) return true;
    const std::size_t complete = CompleteRecordsLength(*chunk);
    if (complete == 0) {
      target = std::max(target * 2, chunk->size() + 1);  // one record longer than a chunk
      continue;
    }
    pending_.assign(chunk->data() + complete, chunk->size() - complete);
    chunk->resize(complete);
    return true;
  }
}

}  // namespace clv::detail
