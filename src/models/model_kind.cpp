// SPDX-License-Identifier: MIT
#include "clv/models/model_kind.h"

#include <array>
#include <string>
#include <utility>

#include "clv/error.h"

namespace clv {
namespace {

constexpr std::array<std::pair<ModelKind, std::string_view>, 6> kNames{{
    {ModelKind::kBgNbd, "bgnbd"},
    {ModelKind::kModifiedBgNbd, "mbgnbd"},
    {ModelKind::kParetoNbd, "pnbd"},
    {ModelKind::kBgBb, "bgbb"},
    {ModelKind::kGammaGamma, "gg"},
    {ModelKind::kShiftedBetaGeometric, "sbg"},
}};

}  // namespace

std::string_view ToString(ModelKind kind) {
  for (const auto& [candidate, name] : kNames) {
    if (candidate == kind) return name;
  }
  CLV_CHECK(false, "unknown ModelKind");
}

ModelKind ParseModelKind(std::string_view name) {
  for (const auto& [kind, candidate] : kNames) {
    if (candidate == name) return kind;
  }
  throw InputError("--model must be one of bgnbd, mbgnbd, pnbd, bgbb, gg, sbg; got '" +
                   std::string(name) + "'");
}

}  // namespace clv
