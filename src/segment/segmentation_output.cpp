// SPDX-License-Identifier: MIT
// The per-customer CSV and the JSON summary of a segmentation.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "clv/segment.h"

namespace clv {
namespace {

using Json = nlohmann::ordered_json;

// RFC 4180: quote a field holding a delimiter, a quote or a line break.
std::string CsvField(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

Json SummariesJson(const std::vector<SegmentSummary>& summaries) {
  Json list = Json::array();
  for (const SegmentSummary& summary : summaries) {
    list.push_back(
        {{"name", summary.name},
         {"customers", summary.customers},
         {"share", summary.share_of_customers},
         {"total_clv", summary.total_value},
         {"mean_clv", summary.mean_value},
         {"share_of_value", summary.share_of_value},
         {"mean_p_alive", summary.mean_p_alive ? Json(*summary.mean_p_alive) : Json(nullptr)}});
  }
  return list;
}

}  // namespace

std::string SegmentationCsv(const CustomerValues& customers, const Segmentation& segmentation) {
  std::string csv = "customer_id";
  if (segmentation.has_value) csv += ",value_decile,value_tier";
  if (segmentation.has_rfm) csv += ",r_score,f_score,m_score,segment";
  if (segmentation.has_groups) csv += ",group";
  csv += '\n';
  for (std::size_t row = 0; row < customers.size(); ++row) {
    csv += CsvField(customers.customer_ids[row]);
    if (segmentation.has_value) {
      fmt::format_to(std::back_inserter(csv), ",{},{}", segmentation.value_decile[row],
                     kValueTierNames[segmentation.value_tier[row]]);
    }
    if (segmentation.has_rfm) {
      fmt::format_to(
          std::back_inserter(csv), ",{},{},{},{}", segmentation.recency_score[row],
          segmentation.frequency_score[row], segmentation.monetary_score[row],
          CsvField(
              segmentation.segment_names[static_cast<std::size_t>(segmentation.segment[row])]));
    }
    if (segmentation.has_groups) {
      csv += ',';
      csv += CsvField(segmentation.group_names[static_cast<std::size_t>(segmentation.group[row])]);
    }
    csv += '\n';
  }
  return csv;
}

std::string SegmentationJson(const CustomerValues& customers, const Segmentation& segmentation) {
  const ValueConcentration& concentration = segmentation.concentration;
  Json json = {{"customers", customers.size()},
               {"value_kind", customers.value_is_predicted ? "predicted_clv" : "historical_value"},
               {"values_not_finite", customers.values_not_finite}};
  json["top_20_share"] =
      concentration.top_20_share ? Json(*concentration.top_20_share) : Json(nullptr);
  json["gini"] = concentration.gini ? Json(*concentration.gini) : Json(nullptr);
  json["concentration"] = Json::array();
  for (const auto& [customer_share, value_share] : concentration.curve) {
    json["concentration"].push_back(
        {{"share_of_customers", customer_share}, {"share_of_value", value_share}});
  }
  json["sentences"] = concentration.sentences;
  if (segmentation.has_value) json["tiers"] = SummariesJson(segmentation.by_tier);
  if (segmentation.has_rfm) json["segments"] = SummariesJson(segmentation.by_segment);
  if (segmentation.has_groups) json["groups"] = SummariesJson(segmentation.by_group);
  return json.dump(2) + "\n";
}

}  // namespace clv
