// SPDX-License-Identifier: MIT
// Names of the ingest option values, both ways.
#include <string>

#include "clv/error.h"
#include "clv/ingest.h"

namespace clv {

std::string_view ToString(Delimiter delimiter) {
  switch (delimiter) {
    case Delimiter::kAuto:
      return "auto";
    case Delimiter::kComma:
      return "comma";
    case Delimiter::kTab:
      return "tab";
    case Delimiter::kSemicolon:
      return "semicolon";
    case Delimiter::kPipe:
      return "pipe";
    case Delimiter::kWhitespace:
      return "whitespace";
  }
  CLV_CHECK(false, "unknown Delimiter");
}

Delimiter ParseDelimiter(std::string_view text) {
  if (text == "auto") return Delimiter::kAuto;
  if (text == "comma" || text == ",") return Delimiter::kComma;
  if (text == "tab" || text == "\t" || text == "\\t") return Delimiter::kTab;
  if (text == "semicolon" || text == ";") return Delimiter::kSemicolon;
  if (text == "pipe" || text == "|") return Delimiter::kPipe;
  if (text == "whitespace" || text == "space" || text == " ") return Delimiter::kWhitespace;
  throw InputError(
      "--delimiter must be one of auto, comma, tab, semicolon, pipe, whitespace; got '" +
      std::string(text) + "'");
}

HeaderMode ParseHeaderMode(std::string_view text) {
  if (text == "auto") return HeaderMode::kAuto;
  if (text == "yes" || text == "true" || text == "1") return HeaderMode::kPresent;
  if (text == "no" || text == "false" || text == "0") return HeaderMode::kAbsent;
  throw InputError("--header must be one of auto, yes, no; got '" + std::string(text) + "'");
}

OnError ParseOnError(std::string_view text) {
  if (text == "fail") return OnError::kFail;
  if (text == "skip") return OnError::kSkip;
  throw InputError("--on-error must be fail or skip; got '" + std::string(text) + "'");
}

}  // namespace clv
