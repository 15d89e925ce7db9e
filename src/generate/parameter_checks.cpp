// SPDX-License-Identifier: MIT
#include "generate/parameter_checks.h"

#include <fmt/format.h>

#include <cmath>
#include <string>

#include "clv/error.h"

namespace clv::detail {

void RequirePositiveParameters(std::string_view what, std::initializer_list<std::string_view> names,
                               std::span<const double> params) {
  if (params.size() != names.size()) {
    throw InputError(fmt::format("{} must be {} values ({}), got {}", what, names.size(),
                                 fmt::join(names, ","), params.size()));
  }
  std::size_t index = 0;
  for (const std::string_view name : names) {
    const double value = params[index++];
    if (!std::isfinite(value) || value <= 0) {
      throw InputError(fmt::format("{}: {} must be finite and > 0, got {}", what, name, value));
    }
  }
}

void RequirePurchaseParameters(ModelKind model, std::span<const double> params) {
  const std::string what = std::string(ToString(model)) + " parameters";
  switch (model) {
    case ModelKind::kBgNbd:
    case ModelKind::kModifiedBgNbd:
      return RequirePositiveParameters(what, {"r", "alpha", "a", "b"}, params);
    case ModelKind::kParetoNbd:
      return RequirePositiveParameters(what, {"r", "alpha", "s", "beta"}, params);
    case ModelKind::kBgBb:
      return RequirePositiveParameters(what, {"alpha", "beta", "gamma", "delta"}, params);
    case ModelKind::kGammaGamma:
    case ModelKind::kShiftedBetaGeometric:
      break;
  }
  throw InputError("model '" + std::string(ToString(model)) +
                   "' does not simulate purchase counts; use bgnbd, mbgnbd, pnbd or bgbb");
}

}  // namespace clv::detail
