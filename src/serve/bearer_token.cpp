// SPDX-License-Identifier: MIT
#include "serve/bearer_token.h"

#include <fstream>
#include <sstream>

#include "clv/error.h"

namespace clv::detail {

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  // Compare over the longer length so a short guess takes as long as a long one, and fold the
  // length difference into the result instead of returning early.
  const std::size_t length = std::max(a.size(), b.size());
  unsigned difference = a.size() == b.size() ? 0U : 1U;
  for (std::size_t i = 0; i < length; ++i) {
    const auto left = static_cast<unsigned char>(i < a.size() ? a[i] : 0);
    const auto right = static_cast<unsigned char>(i < b.size() ? b[i] : 0);
    difference |= static_cast<unsigned>(left ^ right);
  }
  return difference == 0;
}

bool AuthorizationMatches(std::string_view authorization, std::string_view token) {
  constexpr std::string_view kScheme = "Bearer ";
  if (authorization.substr(0, kScheme.size()) != kScheme) return false;
  return ConstantTimeEquals(authorization.substr(kScheme.size()), token);
}

std::string ReadTokenFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw InputError(InputLocation{.file = path}, "cannot read the token file");
  std::ostringstream contents;
  contents << file.rdbuf();
  std::string token = contents.str();
  const std::size_t begin = token.find_first_not_of(" \t\r\n");
  const std::size_t end = token.find_last_not_of(" \t\r\n");
  if (begin == std::string::npos) {
    throw InputError(InputLocation{.file = path}, "the token file is empty");
  }
  return token.substr(begin, end - begin + 1);
}

}  // namespace clv::detail
