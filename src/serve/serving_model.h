// SPDX-License-Identifier: MIT
// The model the service scores with: a purchase-count model, optionally a Gamma-Gamma spend
// model, the boundaries of the value tiers and RFM scores, the RFM segment rules, and the
// version under which it was stored.
// A ServingModel is immutable once built; the service swaps whole models (see ModelSlot).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "clv/model_file.h"
#include "clv/models/purchase_model.h"
#include "clv/summary_table.h"
#include "serve/event_store.h"
#include "serve/rfm_rule_table.h"
#include "serve/segment_cutoffs.h"

namespace clv::detail {

/// Which purchase model a refit fits: one kind, or the best by BIC of BG/NBD, MBG/NBD and
/// Pareto/NBD among the usable fits.
enum class ModelChoice { kAuto, kBgNbd, kModifiedBgNbd, kParetoNbd };

/// "auto", "bgnbd", "mbgnbd", "pnbd"; throws InputError otherwise.
ModelChoice ParseModelChoice(std::string_view text);

struct ServingModel {
  std::int64_t version = 0;
  std::int64_t created_at = 0;  ///< Unix seconds
  ModelFile purchase;
  std::optional<ModelFile> spend;
  SegmentCutoffs segments;  ///< drawn from the customers the model was fitted on
  RfmRuleTable rfm_rules{DefaultSegmentRules()};
  std::unique_ptr<PurchaseModel> kernel;

  /// The model file JSON of the purchase model plus `version`, `created_at`, the segment
  /// boundaries under `segment_cutoffs`, the segment names under `segments` and the spend
  /// model under `spend_model`.
  std::string ToJson() const;
};

/// A fitted but not yet stored model.
struct FittedModels {
  ModelFile purchase;
  std::optional<ModelFile> spend;
  std::string failure;  ///< non-empty when no usable purchase model came out
};

/// Fits `choice` (and Gamma-Gamma when some repeat buyer spent) to `summary`.
FittedModels FitServingModels(const SummaryTable& summary, ModelChoice choice);

/// The stored form of a model version (without its number, which the store assigns).
StoredModel ToStoredModel(const FittedModels& fitted, const SegmentCutoffs& segments,
                          std::int64_t created_at);

/// Builds a serving model from a stored version. Throws InputError when the JSON is invalid.
std::shared_ptr<const ServingModel> LoadServingModel(const StoredModel& stored);

/// The holder of the current model. Readers take a reference-counted pointer and keep using it
/// while a refit swaps in a successor, so they are never blocked and never see a mix.
class ModelSlot {
 public:
  std::shared_ptr<const ServingModel> Current() const { return current_.load(); }
  void Replace(std::shared_ptr<const ServingModel> model) { current_.store(std::move(model)); }

 private:
  std::atomic<std::shared_ptr<const ServingModel>> current_;
};

}  // namespace clv::detail
