// SPDX-License-Identifier: MIT
#include <fmt/format.h>

#include <cmath>
#include <string>

#include "clv/predict.h"

namespace clv {
namespace {

// Records "<name> must be <rule>, got <value>" in *why when the rule is broken.
template <typename Value>
bool Require(bool holds, std::string_view name, std::string_view rule, Value value,
             std::string* why) {
  if (!holds && why != nullptr) *why = fmt::format("{} must be {}, got {}", name, rule, value);
  return holds;
}

}  // namespace

bool PredictOptions::Validate(std::string* why) const {
  return Require(std::isfinite(horizon) && horizon >= 0, "horizon", "finite and >= 0", horizon,
                 why) &&
         Require(clv_months >= 0, "clv_months", ">= 0", clv_months, why) &&
         Require(std::isfinite(monthly_discount_rate) && monthly_discount_rate >= 0,
                 "monthly_discount_rate", "finite and >= 0", monthly_discount_rate, why) &&
         Require(!dert_rate || (std::isfinite(*dert_rate) && *dert_rate > 0), "dert_rate",
                 "finite and > 0", dert_rate.value_or(0), why) &&
         Require(!pmf_max_purchases || *pmf_max_purchases >= 0, "pmf_max_purchases", ">= 0",
                 pmf_max_purchases.value_or(0), why) &&
         Require(!p_alive_at || (std::isfinite(*p_alive_at) && *p_alive_at >= 0), "p_alive_at",
                 "finite and >= 0", p_alive_at.value_or(0), why) &&
         Require(threads >= 0, "threads", ">= 0", threads, why) &&
         Require(block_size >= 1, "block_size", ">= 1", block_size, why);
}

std::string_view ToString(RowStatus status) {
  switch (status) {
    case RowStatus::kOk:
      return "ok";
    case RowStatus::kInvalidHistory:
      return "invalid_history";
    case RowStatus::kNotComputable:
      return "not_computable";
  }
  return "unknown";
}

std::string PredictionTable::StatusText(std::size_t row) const {
  if (status[row] == RowStatus::kOk) return "ok";
  return fmt::format("{}: {}", ToString(status[row]), status_details[status_detail[row]]);
}

std::size_t PredictionTable::NumProblemRows() const {
  std::size_t count = 0;
  for (RowStatus row_status : status)
    count += row_status != RowStatus::kOk ? 1 : 0;
  return count;
}

}  // namespace clv
