// SPDX-License-Identifier: MIT
// Checking `Authorization: Bearer <token>` without leaking the token through timing: the
// comparison reads every byte of both strings whatever their contents.
#pragma once

#include <string>
#include <string_view>

namespace clv::detail {

/// True when `a` equals `b`, in time that depends only on the lengths.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

/// True when `authorization` (the header value) is "Bearer " followed by `token`.
bool AuthorizationMatches(std::string_view authorization, std::string_view token);

/// The token in the file at `path`, surrounding blanks and line breaks removed. Throws
/// InputError when the file cannot be read or holds no token.
std::string ReadTokenFile(const std::string& path);

}  // namespace clv::detail
