// SPDX-License-Identifier: MIT
#include "ingest/csv_record.h"

#include <cstring>

namespace clv::detail {
namespace {

bool IsBlank(char c) {
  return c == ' ' || c == '\t';
}

}  // namespace

CsvRecordReader::CsvRecordReader(std::string_view text, char delimiter)
    : text_(text), delimiter_(delimiter) {}

bool CsvRecordReader::Next(std::vector<std::string_view>& fields) {
  fields.clear();
  if (pos_ >= text_.size()) return false;
  const std::size_t record_begin = pos_;
  bad_quote_ = false;
  has_nul_ = false;
  record_ended_ = false;
  ++line_;
  scratch_.clear();
  quoted_fields_.clear();

  const bool whitespace = delimiter_ == kWhitespaceDelimiter;
  if (whitespace) {
    while (pos_ < text_.size() && IsBlank(text_[pos_]))
      ++pos_;
  }
  while (!record_ended_) {
    if (whitespace && AtLineEnd()) {
      // Trailing blanks (or a blank line) end the record without another field.
      AtFieldSeparator();
      break;
    }
    if (pos_ < text_.size() && text_[pos_] == '"') {
      const std::size_t scratch_begin = scratch_.size();
      ReadQuotedField();
      quoted_fields_.push_back({fields.size(), scratch_begin, scratch_.size() - scratch_begin});
      fields.emplace_back();
    } else {
      fields.push_back(ReadPlainField());
    }
    if (!AtFieldSeparator()) break;
  }
  // Views into scratch_ are made once it has stopped growing.
  for (const QuotedField& quoted : quoted_fields_) {
    fields[quoted.field] = std::string_view(scratch_).substr(quoted.begin, quoted.size);
  }
  if (!whitespace && fields.size() == 1 && fields[0].empty() && quoted_fields_.empty()) {
    fields.clear();
  }
  FinishRecord(record_begin);
  return true;
}

std::string_view CsvRecordReader::ReadPlainField() {
  const std::size_t begin = pos_;
  const char delimiter = delimiter_;
  const bool whitespace = delimiter == kWhitespaceDelimiter;
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (c == '\n' || (whitespace ? IsBlank(c) : c == delimiter)) break;
    if (c == '"') {
      // A quote inside an unquoted field: follow the parity so record ends stay consistent.
      bad_quote_ = true;
      const std::size_t close = text_.find('"', pos_ + 1);
      if (close == std::string_view::npos) {
        pos_ = text_.size();
        break;
      }
      for (std::size_t i = pos_ + 1; i < close; ++i)
        line_ += text_[i] == '\n';
      pos_ = close + 1;
      continue;
    }
    has_nul_ |= c == '\0';
    ++pos_;
  }
  std::size_t end = pos_;
  if (end > begin && text_[end - 1] == '\r' && (end == text_.size() || text_[end] == '\n')) --end;
  return text_.substr(begin, end - begin);
}

void CsvRecordReader::ReadQuotedField() {
  ++pos_;  // opening quote
  while (true) {
    const std::size_t close = text_.find('"', pos_);
    const std::size_t stop = close == std::string_view::npos ? text_.size() : close;
    const std::string_view piece = text_.substr(pos_, stop - pos_);
    for (char c : piece) {
      line_ += c == '\n';
      has_nul_ |= c == '\0';
    }
    scratch_.append(piece);
    if (close == std::string_view::npos) {
      bad_quote_ = true;
      pos_ = text_.size();
      break;
    }
    pos_ = close + 1;
    if (pos_ < text_.size() && text_[pos_] == '"') {
      scratch_ += '"';
      ++pos_;
      continue;
    }
    break;
  }
  // Only a separator, a line end or the end of text may follow the closing quote.
  if (pos_ < text_.size()) {
    const char next = text_[pos_];
    const bool separator = delimiter_ == kWhitespaceDelimiter ? IsBlank(next) : next == delimiter_;
    const bool line_end =
        next == '\n' || (next == '\r' && (pos_ + 1 == text_.size() || text_[pos_ + 1] == '\n'));
    if (!separator && !line_end) {
      bad_quote_ = true;
      const std::string_view rest = ReadPlainField();
      scratch_.append(rest);
    }
  }
}

// At the end of the text, a line feed, or a carriage return ending a line (a lone CR is text).
bool CsvRecordReader::AtLineEnd() const {
  if (pos_ >= text_.size() || text_[pos_] == '\n') return true;
  return text_[pos_] == '\r' && (pos_ + 1 == text_.size() || text_[pos_ + 1] == '\n');
}

// Consumes what follows a field; returns true when another field follows on this record.
bool CsvRecordReader::AtFieldSeparator() {
  if (pos_ < text_.size() && text_[pos_] == '\r' &&
      (pos_ + 1 == text_.size() || text_[pos_ + 1] == '\n')) {
    ++pos_;
  }
  if (pos_ >= text_.size()) {
    record_ended_ = true;
    return false;
  }
  if (text_[pos_] == '\n') {
    ++pos_;
    record_ended_ = true;
    return false;
  }
  if (delimiter_ == kWhitespaceDelimiter) {
    while (pos_ < text_.size() && IsBlank(text_[pos_]))
      ++pos_;
    if (AtLineEnd()) return AtFieldSeparator();
    return true;
  }
  ++pos_;  // the delimiter
  return true;
}

void CsvRecordReader::FinishRecord(std::size_t record_begin) {
  std::size_t end = pos_;
  if (end > record_begin && text_[end - 1] == '\n') --end;
  if (end > record_begin && text_[end - 1] == '\r') --end;
  record_ = text_.substr(record_begin, end - record_begin);
}

}  // namespace clv::detail
