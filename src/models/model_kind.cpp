// SPDX-License-Identifier: MIT
#include "clv/models/model_kind.h"

#include <array>
#include <string>
#include <utility>

#include "clv/error.h"

namespace clv {
namespace {

struct KindNames {
  ModelKind kind;
  std::string_view name;
  std::string_view display_name;
};

constexpr std::array<KindNames, 6> kNames{{
    {ModelKind::kBgNbd, "bgnbd", "BG/NBD"},
    {ModelKind::kModifiedBgNbd, "mbgnbd", "MBG/NBD"},
    {ModelKind::kParetoNbd, "pnbd", "Pareto/NBD"},
    {ModelKind::kBgBb, "bgbb", "BG/BB"},
    {ModelKind::kGammaGamma, "gg", "Gamma-Gamma"},
    {ModelKind::kShiftedBetaGeometric, "sbg", "sBG"},
}};

}  // namespace

std::string_view ToString(ModelKind kind) {
  for (const KindNames& names : kNames) {
    if (names.kind == kind) return names.name;
  }
  CLV_CHECK(false, "unknown ModelKind");
}

std::string_view DisplayName(ModelKind kind) {
  for (const KindNames& names : kNames) {
    if (names.kind == kind) return names.display_name;
  }
  CLV_CHECK(false, "unknown ModelKind");
}

ModelKind ParseModelKind(std::string_view name) {
  for (const KindNames& names : kNames) {
    if (names.name == name) return names.kind;
  }
  throw InputError("--model must be one of bgnbd, mbgnbd, pnbd, bgbb, gg, sbg; got '" +
                   std::string(name) + "'");
}

}  // namespace clv
