// SPDX-License-Identifier: MIT
#include "ingest/column_selection.h"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <charconv>

#include "clv/error.h"
#include "ingest/csv_record.h"

namespace clv::detail {
namespace {

// Names compared after NormalizeName: lower case, letters and digits only.
constexpr std::array<std::string_view, 12> kCustomerNames = {
    "customerid", "customer", "custid",  "clientid",  "client", "userid",
    "user",       "memberid", "buyerid", "accountid", "id",     "customerkey"};
constexpr std::array<std::string_view, 12> kDateNames = {
    "date",        "timestamp",       "datetime",  "time",      "orderdate", "purchasedate",
    "invoicedate", "transactiondate", "createdat", "orderedat", "ts",        "day"};
constexpr std::array<std::string_view, 12> kAmountNames = {
    "amount", "value",         "revenue",     "sales",      "spend",      "total",
    "price",  "monetaryvalue", "dollarvalue", "ordervalue", "totalprice", "netamount"};

std::string NormalizeName(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

std::string Lowercase(std::string_view text) {
  std::string out(TrimSpaces(text));
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string ListOfColumns(const std::vector<std::string_view>& header) {
  std::string list;
  for (std::string_view name : header) {
    if (!list.empty()) list += ", ";
    list += TrimSpaces(name);
  }
  return list;
}

bool IsPosition(std::string_view spec) {
  return !spec.empty() && spec.find_first_not_of("0123456789") == std::string_view::npos;
}

ChosenColumn Resolve(std::string_view option, const std::string& spec,
                     const std::vector<std::string_view>* header, const std::string& path) {
  if (IsPosition(spec)) {
    int position = 0;
    std::from_chars(spec.data(), spec.data() + spec.size(), position);
    if (position < 1) {
      throw InputError(
          fmt::format("--{} must be a column name or a position >= 1, got '{}'", option, spec));
    }
    const int index = position - 1;
    const bool named = header != nullptr && static_cast<std::size_t>(index) < header->size();
    return {index, named ? std::string(TrimSpaces((*header)[index])) : spec};
  }
  if (header == nullptr) {
    throw InputError(
        InputLocation{.file = path, .line = 1},
        fmt::format("--{} names column '{}' but the input has no header line", option, spec),
        "give a 1-based position or pass --header yes");
  }
  const std::string wanted = Lowercase(spec);
  for (std::size_t field = 0; field < header->size(); ++field) {
    if (Lowercase((*header)[field]) == wanted) {
      return {static_cast<int>(field), std::string(TrimSpaces((*header)[field]))};
    }
  }
  throw InputError(InputLocation{.file = path, .line = 1},
                   fmt::format("unknown column '{}' given to --{}", spec, option),
                   "columns are: " + ListOfColumns(*header));
}

template <std::size_t N>
ChosenColumn FindByCommonName(const std::array<std::string_view, N>& names,
                              const std::vector<std::string_view>& header) {
  for (std::string_view name : names) {
    for (std::size_t field = 0; field < header.size(); ++field) {
      if (NormalizeName(header[field]) == name) {
        return {static_cast<int>(field), std::string(TrimSpaces(header[field]))};
      }
    }
  }
  return {};
}

template <std::size_t N>
ChosenColumn ChooseDefault(std::string_view option, const std::array<std::string_view, N>& names,
                           const std::vector<std::string_view>& header, const std::string& path) {
  ChosenColumn chosen = FindByCommonName(names, header);
  if (chosen.index < 0) {
    throw InputError(InputLocation{.file = path, .line = 1},
                     fmt::format("no {} column found by its usual names", option),
                     fmt::format("pass --{} NAME; columns are: {}", option, ListOfColumns(header)));
  }
  return chosen;
}

}  // namespace

ColumnSelection SelectColumns(const IngestOptions& options,
                              const std::vector<std::string_view>* header,
                              const std::string& path) {
  ColumnSelection selection;
  if (!options.customer_column.empty()) {
    selection.customer = Resolve("customer", options.customer_column, header, path);
  } else if (header != nullptr) {
    selection.customer = ChooseDefault("customer", kCustomerNames, *header, path);
  } else {
    selection.customer = {0, "1"};
  }
  if (!options.date_column.empty()) {
    selection.date = Resolve("date", options.date_column, header, path);
  } else if (header != nullptr) {
    selection.date = ChooseDefault("date", kDateNames, *header, path);
  } else {
    selection.date = {1, "2"};
  }
  if (!options.amount_column.empty()) {
    selection.amount = Resolve("amount", options.amount_column, header, path);
  } else if (header != nullptr) {
    selection.amount = FindByCommonName(kAmountNames, *header);
  }
  if (!options.transaction_id_column.empty()) {
    selection.transaction_id =
        Resolve("transaction-id", options.transaction_id_column, header, path);
  }
  for (const std::string& spec : options.extra_columns) {
    selection.extra.push_back(Resolve("column", spec, header, path));
  }
  return selection;
}

}  // namespace clv::detail
