// SPDX-License-Identifier: MIT
#include "generate/log_customer.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "clv/error.h"
#include "generate/calendar.h"
#include "generate/parameter_checks.h"

namespace clv {

std::vector<double> DefaultDailyPurchaseParameters(ModelKind model) {
  // Weekly CDNOW estimates (REFERENCE.md §4.3, §6.3). lambda ~ Gamma(r, rate alpha) per week is
  // lambda/7 ~ Gamma(r, rate 7 alpha) per day; likewise mu and beta for Pareto/NBD.
  constexpr double kDaysPerWeek = 7.0;
  switch (model) {
    case ModelKind::kBgNbd:
      return {0.243, 4.414 * kDaysPerWeek, 0.793, 2.426};
    case ModelKind::kParetoNbd:
      return {0.553, 10.578 * kDaysPerWeek, 0.606, 11.669 * kDaysPerWeek};
    default:
      break;
  }
  throw InputError("clv generate draws logs from bgnbd or pnbd customers; got --model " +
                   std::string(ToString(model)));
}

void TransactionLogOptions::Validate() const {
  detail::MakeLogPlan(*this);
}

namespace detail {
namespace {

void RequireRange(std::string_view option, std::int64_t value, std::int64_t low,
                  std::int64_t high) {
  if (value < low || value > high) {
    throw InputError(fmt::format("{} must be in [{}, {}], got {}", option, low, high, value));
  }
}

}  // namespace

LogPlan MakeLogPlan(const TransactionLogOptions& options) {
  LogPlan plan;
  plan.model = options.model;
  plan.purchase_params = options.purchase_params.empty()
                             ? DefaultDailyPurchaseParameters(options.model)
                             : options.purchase_params;
  DefaultDailyPurchaseParameters(options.model);  // rejects models other than bgnbd and pnbd
  RequirePurchaseParameters(options.model, plan.purchase_params);
  RequirePositiveParameters("--spend-params", {"p", "q", "gamma"}, options.spend_params);
  plan.spend_shape = options.spend_params[0];
  plan.spend_rate_shape = options.spend_params[1];
  plan.spend_rate_rate = options.spend_params[2];

  RequireRange("--customers", options.num_customers, 1, std::numeric_limits<std::uint32_t>::max());
  RequireRange("--days", options.observation_days, 1, 36500);
  RequireRange("--acquisition-days", options.acquisition_days, 1, options.observation_days);
  RequireRange("the memory budget in bytes", options.memory_budget_bytes, 16,
               std::numeric_limits<std::int64_t>::max());
  RequireRange("the number of --channels", static_cast<std::int64_t>(options.channels.size()), 0,
               255);
  plan.num_customers = options.num_customers;
  plan.observation_days = options.observation_days;
  plan.acquisition_days = options.acquisition_days;
  plan.start_day = ParseIsoDate(options.start_date, "--start");
  // Keep every date of the log at four-digit years.
  const std::int64_t last_day = ParseIsoDate("9999-12-31", "--start");
  RequireRange("--start plus --days, in days after 1970-01-01",
               plan.start_day + options.observation_days, ParseIsoDate("0000-01-01", "--start"),
               last_day);
  plan.seed = options.seed;
  plan.num_channels = options.channels.size();
  for (const std::string& channel : options.channels) {
    if (channel.empty() || channel.find_first_of(",\"\r\n") != std::string::npos) {
      throw InputError(
          "--channels names must be non-empty without commas, quotes or newlines, "
          "got '" +
          channel + "'");
    }
  }
  return plan;
}

LogCustomer DrawLogCustomer(const LogPlan& plan, RandomStream& random) {
  LogCustomer customer;
  customer.purchase = DrawPurchaseTraits(plan.model, plan.purchase_params, random);
  customer.spend_rate = random.Gamma(plan.spend_rate_shape, plan.spend_rate_rate);
  customer.acquisition_day = (1.0 - random.UniformPositive()) * plan.acquisition_days;
  // Drawn even without channels, so that naming channels leaves every other value unchanged.
  const std::uint64_t channel_draw =
      random.UniformIndex(std::max<std::size_t>(plan.num_channels, 1));
  customer.channel = static_cast<std::uint32_t>(channel_draw);
  return customer;
}

std::uint32_t DrawCents(const LogPlan& plan, double spend_rate, RandomStream& random) {
  const double cents = std::round(random.Gamma(plan.spend_shape, spend_rate) * 100.0);
  constexpr double kMaxCents = std::numeric_limits<std::uint32_t>::max();
  // A spend rate that underflowed to 0 gives an infinite value; the cap keeps it printable.
  return static_cast<std::uint32_t>(std::clamp(cents, 1.0, kMaxCents));
}

}  // namespace detail
}  // namespace clv
