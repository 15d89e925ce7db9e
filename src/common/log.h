// SPDX-License-Identifier: MIT
// clv's logger: everything goes to stderr, never stdout (stdout carries results only).
#pragma once

#include <spdlog/spdlog.h>

namespace clv::detail {

/// The process-wide logger, created on first use, writing to stderr. Thread safe.
spdlog::logger& Log();

/// Sets the level from "error", "warn", "info" or "debug"; throws InputError otherwise.
void SetLogLevel(std::string_view level);

}  // namespace clv::detail
