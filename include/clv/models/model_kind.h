// SPDX-License-Identifier: MIT
#pragma once

#include <string_view>

namespace clv {

/// The models clv fits (`--model` names in parentheses).
enum class ModelKind {
  kBgNbd,                 ///< BG/NBD, Fader, Hardie & Lee 2005 ("bgnbd")
  kModifiedBgNbd,         ///< MBG/NBD, Batislam et al. 2007 ("mbgnbd")
  kParetoNbd,             ///< Pareto/NBD, Schmittlein et al. 1987 ("pnbd")
  kBgBb,                  ///< BG/BB, Fader, Hardie & Shang 2010 ("bgbb")
  kGammaGamma,            ///< Gamma-Gamma spend, Fader & Hardie 2013 ("gg")
  kShiftedBetaGeometric,  ///< sBG contractual churn, Fader & Hardie 2007 ("sbg")
};

/// The `--model` name of a kind.
std::string_view ToString(ModelKind kind);

/// The name papers and reports use: "BG/NBD", "Pareto/NBD", "Gamma-Gamma", ...
std::string_view DisplayName(ModelKind kind);

/// Parses a `--model` name; throws InputError listing the valid names otherwise.
ModelKind ParseModelKind(std::string_view name);

}  // namespace clv
