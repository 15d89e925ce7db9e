// SPDX-License-Identifier: MIT
#include "common/log.h"

#include <spdlog/sinks/stdout_sinks.h>

#include <string>

#include "clv/error.h"

namespace clv::detail {

spdlog::logger& Log() {
  static const std::shared_ptr<spdlog::logger> logger = [] {
    auto created =
        std::make_shared<spdlog::logger>("clv", std::make_shared<spdlog::sinks::stderr_sink_mt>());
    created->set_pattern("clv: %l: %v");
    created->set_level(spdlog::level::info);
    return created;
  }();
  return *logger;
}

void SetLogLevel(std::string_view level) {
  const auto parsed = spdlog::level::from_str(std::string(level));
  if (parsed == spdlog::level::off && level != "off") {
    throw InputError("--log-level must be one of error, warn, info, debug; got '" +
                     std::string(level) + "'");
  }
  Log().set_level(parsed);
}

}  // namespace clv::detail
