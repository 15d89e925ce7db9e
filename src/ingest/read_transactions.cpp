// SPDX-License-Identifier: MIT
// The ingest driver: per file, guess the dialect, choose the columns, then cut the input into
// chunks of whole records (one reader thread, in order) and parse them on every core, each worker
// handing its batch to the sink. Problems are located afterwards by adding up the line counts of
// the chunks before, so no thread waits for another to know where it is.
#include <tbb/parallel_pipeline.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>

#include "clv/error.h"
#include "common/parallel.h"
#include "ingest/byte_source.h"
#include "ingest/chunk_reader.h"
#include "ingest/csv_record.h"
#include "ingest/parse_chunk.h"
#include "ingest/progress_bar.h"

namespace clv {
namespace {

using detail::ChunkOutcome;
using detail::RowProblem;

constexpr std::size_t kSampleBytes = std::size_t{64} << 10;
constexpr std::size_t kBinaryProbeBytes = 4096;

// A unit of work travelling through the pipeline; recycled to keep buffers allocated.
struct Chunk {
  explicit Chunk(const detail::ParseSettings& settings) : parser(settings) {}
  std::size_t index = 0;
  std::string text;
  TransactionBatch batch;
  detail::ChunkParser parser;
};

class ChunkPool {
 public:
  explicit ChunkPool(const detail::ParseSettings& settings) : settings_(settings) {}

  Chunk* Acquire() {
    std::lock_guard lock(mutex_);
    if (free_.empty()) {
      all_.push_back(std::make_unique<Chunk>(settings_));
      return all_.back().get();
    }
    Chunk* chunk = free_.back();
    free_.pop_back();
    return chunk;
  }

  void Release(Chunk* chunk) {
    std::lock_guard lock(mutex_);
    free_.push_back(chunk);
  }

 private:
  const detail::ParseSettings& settings_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Chunk>> all_;
  std::vector<Chunk*> free_;
};

void ValidateOptions(const IngestOptions& options) {
  if (options.paths.empty()) throw InputError("no input file given");
  if (options.chunk_bytes == 0) throw InputError("chunk size must be at least 1 byte");
  const auto stdin_count = std::count(options.paths.begin(), options.paths.end(), "-");
  if (stdin_count > 1) throw InputError("standard input ('-') can be read only once");
}

void CheckSample(std::string_view sample, const std::string& path) {
  const std::string_view probe = sample.substr(0, kBinaryProbeBytes);
  if (std::count(probe.begin(), probe.end(), '\0') > 1) {
    throw InputError(InputLocation{.file = path},
                     "looks like a binary file (NUL bytes), not delimited text");
  }
  if (sample.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    throw InputError(InputLocation{.file = path}, "is empty");
  }
}

// The header's fields, copied because the sample's buffer moves on.
std::vector<std::string> ReadHeader(std::string_view sample, char delimiter) {
  detail::CsvRecordReader reader(sample, delimiter);
  std::vector<std::string_view> fields;
  while (reader.Next(fields) && fields.empty()) {
  }
  return {fields.begin(), fields.end()};
}

// Per-file bookkeeping of chunk outcomes, filled concurrently.
class Outcomes {
 public:
  void Store(std::size_t index, ChunkOutcome outcome) {
    std::lock_guard lock(mutex_);
    if (outcomes_.size() <= index) outcomes_.resize(index + 1);
    outcomes_[index] = std::move(outcome);
  }
  std::vector<ChunkOutcome>& all() { return outcomes_; }

 private:
  std::mutex mutex_;
  std::vector<ChunkOutcome> outcomes_;
};

InputLocation LocateProblem(const RowProblem& problem, const std::string& path,
                            std::int64_t lines_before) {
  return {.file = path,
          .line = lines_before + problem.line,
          .column = problem.column,
          .text = problem.text};
}

// Adds the file's outcomes to the report; throws at the first problem when stopping on errors.
void Account(std::vector<ChunkOutcome>& outcomes, const std::string& path, bool has_header,
             IngestReport* report) {
  std::int64_t lines_before = 0;
  std::int64_t rows = 0;
  for (ChunkOutcome& outcome : outcomes) {
    if (outcome.stopped_at_problem) {
      const RowProblem& problem = outcome.first_problems.front();
      throw InputError(LocateProblem(problem, path, lines_before), problem.reason,
                       "pass --on-error skip to skip such rows");
    }
    rows += outcome.rows;
    report->rows_skipped += outcome.skipped;
    for (const auto& [reason, count] : outcome.skipped_by_reason) {
      report->skipped_by_reason[reason] += count;
    }
    for (const RowProblem& problem : outcome.first_problems) {
      if (report->first_skipped.size() >= ChunkOutcome::kKeptProblems) break;
      const InputLocation where = LocateProblem(problem, path, lines_before);
      report->first_skipped.push_back({problem.reason, FormatInputProblem(where, problem.reason)});
    }
    lines_before += outcome.lines;
  }
  if (rows == 0) {
    throw InputError(InputLocation{.file = path},
                     has_header ? "has a header line but no data rows" : "has no data rows");
  }
  report->rows_read += rows;
}

void ReadFile(const IngestOptions& options, std::size_t file_index,
              const detail::DateFormat* date_format, TransactionSink& sink, IngestReport* report) {
  const std::string& path = options.paths[file_index];
  detail::ByteSource source(path);
  detail::ChunkReader reader(source, options.chunk_bytes);
  const std::string_view sample = reader.Prime(std::max(kSampleBytes, options.chunk_bytes));
  CheckSample(sample, path);

  detail::ParseSettings settings;
  settings.dialect = detail::DetectDialect(sample, options, date_format);
  settings.date_format = date_format;
  settings.on_error = options.on_error;
  const std::vector<std::string> header_text = settings.dialect.has_header
                                                   ? ReadHeader(sample, settings.dialect.delimiter)
                                                   : std::vector<std::string>{};
  const std::vector<std::string_view> header(header_text.begin(), header_text.end());
  settings.columns =
      detail::SelectColumns(options, settings.dialect.has_header ? &header : nullptr, path);

  ChunkPool pool(settings);
  Outcomes outcomes;
  std::atomic<bool> stop{false};
  std::size_t next_index = 0;
  detail::ProgressBar progress(path, source.size_on_disk(), options.progress);
  const auto max_chunks_in_flight = static_cast<std::size_t>(2 * detail::CurrentThreadCount());
  tbb::parallel_pipeline(
      max_chunks_in_flight,
      tbb::make_filter<void, Chunk*>(tbb::filter_mode::serial_in_order,
                                     [&](tbb::flow_control& control) -> Chunk* {
                                       Chunk* chunk = stop.load() ? nullptr : pool.Acquire();
                                       if (chunk == nullptr || !reader.Next(&chunk->text)) {
                                         if (chunk != nullptr) pool.Release(chunk);
                                         control.stop();
                                         return nullptr;
                                       }
                                       chunk->index = next_index++;
                                       report->bytes_read +=
                                           static_cast<std::int64_t>(chunk->text.size());
                                       progress.Update(source.raw_bytes_read());
                                       return chunk;
                                     }) &
          tbb::make_filter<Chunk*, void>(tbb::filter_mode::parallel, [&](Chunk* chunk) {
            const bool skip_header = chunk->index == 0 && settings.dialect.has_header;
            ChunkOutcome outcome = chunk->parser.Parse(chunk->text, skip_header, &chunk->batch);
            chunk->batch.file_index = file_index;
            if (outcome.stopped_at_problem) stop.store(true);
            if (chunk->batch.size() > 0 && !outcome.stopped_at_problem) sink.Consume(chunk->batch);
            outcomes.Store(chunk->index, std::move(outcome));
            pool.Release(chunk);
          }));
  progress.Finish();
  Account(outcomes.all(), path, settings.dialect.has_header, report);
}

}  // namespace

void TransactionBatch::Clear() {
  customer_ids.clear();
  timestamps.clear();
  amounts.clear();
  transaction_ids.clear();
  for (auto& column : extra)
    column.clear();
}

IngestReport ReadTransactions(const IngestOptions& options, TransactionSink& sink) {
  const auto start = std::chrono::steady_clock::now();
  ValidateOptions(options);
  std::optional<detail::DateFormat> date_format;
  if (!options.date_format.empty()) date_format.emplace(options.date_format);

  IngestReport report;
  for (std::size_t file_index = 0; file_index < options.paths.size(); ++file_index) {
    ReadFile(options, file_index, date_format ? &*date_format : nullptr, sink, &report);
  }
  report.elapsed_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace clv
