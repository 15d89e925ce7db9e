// SPDX-License-Identifier: MIT
#pragma once

#include <string_view>

namespace clv::detail {

/// The text of data/segments/default_rfm_segments.csv as compiled into clv.
std::string_view DefaultSegmentRulesText();

}  // namespace clv::detail
