// SPDX-License-Identifier: MIT
// UTF-8 validation for ids that arrive outside JSON (a URL path, a purchase log), where no
// parser has checked the encoding.
#pragma once

#include <string_view>

namespace clv::detail {

/// True when `text` is well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing
/// above U+10FFFF.
bool IsValidUtf8(std::string_view text);

}  // namespace clv::detail
