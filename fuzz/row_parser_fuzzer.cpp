// SPDX-License-Identifier: MIT
// Feeds arbitrary bytes to the chunk parser with each delimiter and error mode. Any input must
// either parse or be reported as a row problem; every view handed out must lie in the chunk or
// in the parser's own storage, and the chunk splitter must agree with the record reader.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ingest/chunk_splitter.h"
#include "ingest/csv_record.h"
#include "ingest/parse_chunk.h"

namespace {

void CheckSplitterAgreesWithReader(std::string_view text, char delimiter) {
  const std::size_t complete = clv::detail::CompleteRecordsLength(text);
  if (complete == 0) return;
  // The reader, run over the complete prefix, must end exactly at its end.
  clv::detail::CsvRecordReader reader(text.substr(0, complete), delimiter);
  std::vector<std::string_view> fields;
  while (reader.Next(fields)) {
  }
  if (reader.position() != complete) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const char mode = static_cast<char>(data[0]);
  const std::string chunk(reinterpret_cast<const char*>(data + 1), size - 1);
  static constexpr char kDelimiters[] = {',', '\t', ';', '|', clv::detail::kWhitespaceDelimiter};
  const char delimiter = kDelimiters[static_cast<unsigned char>(mode) % 5];

  clv::detail::ParseSettings settings;
  settings.dialect.delimiter = delimiter;
  settings.dialect.has_header = (mode & 0x10) != 0;
  settings.columns.customer = {0, "customer"};
  settings.columns.date = {1, "date"};
  settings.columns.amount = {(mode & 0x20) != 0 ? 2 : -1, "amount"};
  settings.columns.transaction_id = {(mode & 0x40) != 0 ? 3 : -1, "transaction"};
  settings.on_error = (mode & 0x08) != 0 ? clv::OnError::kSkip : clv::OnError::kFail;

  clv::detail::ChunkParser parser(settings);
  clv::TransactionBatch batch;
  const clv::detail::ChunkOutcome outcome =
      parser.Parse(chunk, settings.dialect.has_header, &batch);
  if (outcome.rows < static_cast<std::int64_t>(batch.size()) + outcome.skipped) __builtin_trap();
  for (std::string_view id : batch.customer_ids) {
    if (id.empty()) __builtin_trap();
  }
  CheckSplitterAgreesWithReader(chunk, delimiter);
  return 0;
}
