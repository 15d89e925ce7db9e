// SPDX-License-Identifier: MIT
#include "serve/serving_model.h"

#include <fmt/format.h>

#include <limits>
#include <nlohmann/json.hpp>

#include "clv/error.h"
#include "clv/fit.h"
#include "common/log.h"

namespace clv::detail {
namespace {

using nlohmann::json;

constexpr ModelKind kAutoCandidates[] = {ModelKind::kBgNbd, ModelKind::kModifiedBgNbd,
                                         ModelKind::kParetoNbd};

bool HasRepeatSpend(const SummaryTable& summary) {
  for (std::size_t row = 0; row < summary.size(); ++row) {
    if (summary.frequency[row] > 0 && summary.monetary_value[row] > 0) return true;
  }
  return false;
}

// The usable fit with the lowest BIC among the candidates, or the failure of the last one.
FitSummary FitBestPurchaseModel(const SummaryTable& summary, ModelChoice choice) {
  if (choice != ModelChoice::kAuto) {
    const ModelKind kind = choice == ModelChoice::kBgNbd           ? ModelKind::kBgNbd
                           : choice == ModelChoice::kModifiedBgNbd ? ModelKind::kModifiedBgNbd
                                                                   : ModelKind::kParetoNbd;
    return FitPurchaseModel(kind, summary);
  }
  std::optional<FitSummary> best;
  FitSummary last;
  for (const ModelKind kind : kAutoCandidates) {
    FitSummary fit = FitPurchaseModel(kind, summary);
    Log().info("refit candidate: {}", fit.BriefReport());
    if (fit.usable && (!best || fit.bic < best->bic)) best = fit;
    last = std::move(fit);
  }
  return best ? *best : last;
}

}  // namespace

ModelChoice ParseModelChoice(std::string_view text) {
  if (text == "auto") return ModelChoice::kAuto;
  if (text == "bgnbd") return ModelChoice::kBgNbd;
  if (text == "mbgnbd") return ModelChoice::kModifiedBgNbd;
  if (text == "pnbd") return ModelChoice::kParetoNbd;
  throw InputError(
      fmt::format("--model must be auto, bgnbd, mbgnbd or pnbd, got {}", QuoteForMessage(text)));
}

std::string ServingModel::ToJson() const {
  json body = json::parse(ModelFileToJson(purchase));
  body["version"] = version;
  body["created_at"] = created_at;
  body["segment_cutoffs"] = json::parse(segments.ToJson());
  body["segments"] = rfm_rules.names();
  if (spend) body["spend_model"] = json::parse(ModelFileToJson(*spend));
  return body.dump();
}

FittedModels FitServingModels(const SummaryTable& summary, ModelChoice choice) {
  FittedModels fitted;
  const FitSummary purchase = FitBestPurchaseModel(summary, choice);
  if (!purchase.usable) {
    fitted.failure =
        fmt::format("{} fit not usable: {}", ToString(purchase.model), purchase.message);
    return fitted;
  }
  fitted.purchase = MakeModelFile(purchase, summary.unit);
  if (HasRepeatSpend(summary)) {
    const FitSummary spend = FitGammaGamma(summary);
    if (spend.usable) {
      fitted.spend = MakeModelFile(spend, summary.unit);
    } else {
      Log().warn("spend model not usable ({}); serving without spend and CLV", spend.message);
    }
  }
  return fitted;
}

StoredModel ToStoredModel(const FittedModels& fitted, const SegmentCutoffs& segments,
                          std::int64_t created_at) {
  return StoredModel{
      .created_at = created_at,
      .purchase_model_json = ModelFileToJson(fitted.purchase),
      .spend_model_json = fitted.spend ? ModelFileToJson(*fitted.spend) : std::string(),
      .segment_cutoffs_json = segments.ToJson()};
}

std::shared_ptr<const ServingModel> LoadServingModel(const StoredModel& stored) {
  auto model = std::make_shared<ServingModel>();
  const std::string source = fmt::format("model version {}", stored.version);
  model->version = stored.version;
  model->created_at = stored.created_at;
  model->purchase = ParseModelFile(stored.purchase_model_json, source);
  if (!stored.spend_model_json.empty()) {
    model->spend = ParseModelFile(stored.spend_model_json, source);
  }
  model->segments = SegmentCutoffs::FromJson(stored.segment_cutoffs_json, source);
  model->kernel = MakePurchaseModel(model->purchase.model);
  return model;
}

}  // namespace clv::detail
