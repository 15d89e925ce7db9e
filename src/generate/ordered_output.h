// SPDX-License-Identifier: MIT
// Output of text produced block by block in parallel and written in block order, so the bytes do
// not depend on the thread count. Blocks flow through a oneTBB pipeline: a serial stage hands out
// block numbers, a parallel stage builds (and, for ".gz" outputs, compresses) each block, and a
// serial in-order stage writes it. At most a few blocks per thread are alive at once.
#pragma once

#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include <cstdint>
#include <string>

#include "common/atomic_file.h"

namespace clv::detail {

class BlockOutput {
 public:
  /// Opens `path` atomically ("-" for standard output); ".gz" paths are gzip-compressed, each
  /// block as its own gzip member (a concatenation of members is a valid gzip file).
  explicit BlockOutput(const std::string& path);

  /// The bytes to write for `text`: itself, or one gzip member. Pure; called in parallel.
  std::string Encode(std::string text) const;

  void Write(const std::string& encoded) { file_.Write(encoded); }
  void Commit() { file_.Commit(); }

 private:
  AtomicOutputFile file_;
  bool gzip_ = false;
};

/// Calls `make_block(block, text)` for blocks 0..num_blocks-1 in parallel, each appending its
/// text to an empty string, and writes the texts to `output` in block order.
template <typename MakeBlock>
void WriteBlocksInOrder(std::size_t num_blocks, BlockOutput& output, const MakeBlock& make_block) {
  const auto max_live_blocks =
      static_cast<std::size_t>(2 * tbb::this_task_arena::max_concurrency());
  std::size_t next_block = 0;
  tbb::parallel_pipeline(
      max_live_blocks,
      tbb::make_filter<void, std::size_t>(tbb::filter_mode::serial_in_order,
                                          [&](tbb::flow_control& control) -> std::size_t {
                                            if (next_block == num_blocks) control.stop();
                                            return next_block++;
                                          }) &
          tbb::make_filter<std::size_t, std::string>(tbb::filter_mode::parallel,
                                                     [&](std::size_t block) {
                                                       std::string text;
                                                       make_block(block, text);
                                                       return output.Encode(std::move(text));
                                                     }) &
          tbb::make_filter<std::string, void>(
              tbb::filter_mode::serial_in_order,
              [&](const std::string& encoded) { output.Write(encoded); }));
}

}  // namespace clv::detail
