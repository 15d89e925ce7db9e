// SPDX-License-Identifier: MIT
// Splits delimited text into records and fields (RFC 4180 quoting, LF or CRLF line ends, or runs
// of blanks as the separator). One reader serves the transaction parser and the summary reader.
//
// Quotes: a field that starts with '"' runs to the matching '"', may hold delimiters and line
// breaks, and "" stands for one quote. A quote anywhere else, text after a closing quote, or a
// record that ends inside quotes marks the record as badly quoted; the reader still follows the
// quote parity, so it agrees with the chunk splitter (chunk_splitter.h) on where records end.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace clv::detail {

/// `text` without leading and trailing spaces and tabs.
inline std::string_view TrimSpaces(std::string_view text) {
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && (text[begin] == ' ' || text[begin] == '\t'))
    ++begin;
  while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\t'))
    --end;
  return text.substr(begin, end - begin);
}

/// The delimiter value meaning "runs of spaces and tabs".
inline constexpr char kWhitespaceDelimiter = '\0';

class CsvRecordReader {
 public:
  /// Reads `text`, which must outlive the reader; `delimiter` is a character or
  /// kWhitespaceDelimiter.
  CsvRecordReader(std::string_view text, char delimiter);

  /// Splits the next record into `fields` (views valid until the next call). Returns false at
  /// the end of the text. A blank line yields no fields.
  bool Next(std::vector<std::string_view>& fields);

  /// Physical lines consumed so far; after Next(), the last line of that record.
  std::int64_t line() const { return line_; }
  /// Text of the last record, without its line break.
  std::string_view record() const { return record_; }
  bool unbalanced_quote() const { return bad_quote_; }
  bool has_nul() const { return has_nul_; }
  /// Byte offset just past the last record.
  std::size_t position() const { return pos_; }

 private:
  void ReadQuotedField();  // appends the unescaped field to scratch_
  std::string_view ReadPlainField();
  bool AtFieldSeparator();
  bool AtLineEnd() const;
  void FinishRecord(std::size_t record_begin);

  std::string_view text_;
  char delimiter_;
  std::size_t pos_ = 0;
  std::int64_t line_ = 0;
  std::string_view record_;
  struct QuotedField {
    std::size_t field, begin, size;
  };
  std::string scratch_;  // unescaped quoted fields of the current record
  std::vector<QuotedField> quoted_fields_;
  bool bad_quote_ = false;
  bool has_nul_ = false;
  bool record_ended_ = false;
};

}  // namespace clv::detail
