// SPDX-License-Identifier: MIT
// Input checks shared by the simulators and the log generator.
#pragma once

#include <initializer_list>
#include <span>
#include <string_view>

#include "clv/models/model_kind.h"

namespace clv::detail {

/// Throws InputError unless `params` has one finite value > 0 per name ("what" names the
/// parameter set in the message, e.g. "bgnbd parameters").
void RequirePositiveParameters(std::string_view what, std::initializer_list<std::string_view> names,
                               std::span<const double> params);

/// The same for the purchase-count model `model`, with the names of its ParameterNames().
void RequirePurchaseParameters(ModelKind model, std::span<const double> params);

}  // namespace clv::detail
