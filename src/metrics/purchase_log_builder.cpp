// SPDX-License-Identifier: MIT
#include <algorithm>
#include <numeric>
#include <string>
#include <string_view>
#include <unordered_map>

#include "clv/metrics.h"
#include "metrics/channel_numbering.h"

namespace clv {

// Maps each distinct text to a dense index in order of first appearance.
struct PurchaseLogBuilder::Interner {
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>{}(text);
    }
  };
  std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> index_of;

  std::uint32_t Intern(std::string_view text, std::vector<std::string>& names) {
    const auto found = index_of.find(text);
    if (found != index_of.end()) return found->second;
    const auto index = static_cast<std::uint32_t>(names.size());
    names.emplace_back(text);
    index_of.emplace(std::string(text), index);
    return index;
  }
};

namespace detail {

void NumberChannelsByName(PurchaseLog& log) {
  std::vector<std::uint32_t> by_name(log.channel_names.size());
  std::iota(by_name.begin(), by_name.end(), 0U);
  std::sort(by_name.begin(), by_name.end(), [&](std::uint32_t a, std::uint32_t b) {
    return log.channel_names[a] < log.channel_names[b];
  });
  std::vector<std::uint32_t> new_index(by_name.size());
  std::vector<std::string> sorted_names(by_name.size());
  for (std::uint32_t rank = 0; rank < by_name.size(); ++rank) {
    new_index[by_name[rank]] = rank;
    sorted_names[rank] = std::move(log.channel_names[by_name[rank]]);
  }
  log.channel_names = std::move(sorted_names);
  for (std::uint32_t& channel : log.channel)
    channel = new_index[channel];
}

}  // namespace detail

PurchaseLogBuilder::PurchaseLogBuilder(double amount_scale)
    : customers_(std::make_unique<Interner>()), channels_(std::make_unique<Interner>()) {
  log_.amount_scale = amount_scale;
}

PurchaseLogBuilder::~PurchaseLogBuilder() = default;

void PurchaseLogBuilder::Add(std::string_view customer_id, std::int64_t timestamp,
                             std::int64_t amount) {
  log_.customer.push_back(customers_->Intern(customer_id, log_.customer_ids));
  log_.num_customers = log_.customer_ids.size();
  log_.timestamp.push_back(timestamp);
  log_.amount.push_back(amount);
}

void PurchaseLogBuilder::Add(std::string_view customer_id, std::int64_t timestamp,
                             std::int64_t amount, std::string_view channel) {
  Add(customer_id, timestamp, amount);
  log_.channel.push_back(channels_->Intern(channel, log_.channel_names));
}

PurchaseLog PurchaseLogBuilder::Release() {
  detail::NumberChannelsByName(log_);
  PurchaseLog released = std::move(log_);
  log_ = PurchaseLog{.amount_scale = released.amount_scale};
  customers_->index_of.clear();
  channels_->index_of.clear();
  return released;
}

}  // namespace clv
