// SPDX-License-Identifier: MIT
// Helpers shared by the prediction tests: small summaries, a purchase model with a known linear
// expectation, and running the built `clv` binary.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "clv/models/purchase_model.h"
#include "clv/summary_table.h"

namespace clv::testing {

/// The published CDNOW estimates: BG/NBD r, alpha, a, b (REFERENCE.md §4.3, 3 dp) and
/// Gamma-Gamma p, q, v (§9).
inline const std::vector<double> kBgNbdPaper{0.243, 4.414, 0.793, 2.426};
inline const std::vector<double> kGammaGammaPaper{6.25, 3.74, 15.44};

/// One summary row: frequency, recency, age (T), monetary value.
struct Row {
  double frequency;
  double recency;
  double age;
  double monetary_value = 0;
};

inline SummaryTable MakeSummary(const std::vector<Row>& rows, TimeUnit unit) {
  SummaryTable summary;
  summary.unit = unit;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    summary.customer_ids.push_back(std::to_string(i + 1));
    summary.frequency.push_back(rows[i].frequency);
    summary.recency.push_back(rows[i].recency);
    summary.age.push_back(rows[i].age);
    summary.monetary_value.push_back(rows[i].monetary_value);
  }
  return summary;
}

/// A purchase model whose expected purchases grow linearly, E[Y(t)] = rate * t with `rate` the
/// single parameter, so every month of the same length adds the same expected purchases.
class LinearPurchaseModel final : public PurchaseModel {
 public:
  ModelKind kind() const override { return ModelKind::kBgNbd; }
  std::span<const std::string_view> ParameterNames() const override { return kNames; }
  double LogLikelihood(std::span<const double>, const CustomerHistory&,
                       std::span<double>) const override {
    return 0;
  }
  double ExpectedPurchasesNewCustomer(std::span<const double> params, double t) const override {
    return params[0] * t;
  }
  double ExpectedPurchases(std::span<const double> params, const CustomerHistory&,
                           double t) const override {
    return params[0] * t;
  }
  double ProbabilityAlive(std::span<const double>, const CustomerHistory&, double) const override {
    return 1;
  }
  double ProbabilityOfPurchases(std::span<const double>, double, int n) const override {
    return n == 0 ? 1 : 0;
  }
  double DiscountedResidualTransactions(std::span<const double> params, const CustomerHistory&,
                                        double rate) const override {
    return params[0] / rate;
  }
  std::vector<double> DefaultStartingPoint() const override { return {1}; }

 private:
  static constexpr std::string_view kNames[] = {"rate"};
};

/// A fresh directory under the system's temporary directory, removed with the object.
class TemporaryDirectory {
 public:
  TemporaryDirectory() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "clv_predict_test_XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TemporaryDirectory() { std::filesystem::remove_all(path_); }
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;

  std::string File(const std::string& name) const { return (path_ / name).string(); }

  std::string Write(const std::string& name, const std::string& contents) const {
    std::ofstream(File(name), std::ios::binary) << contents;
    return File(name);
  }

 private:
  std::filesystem::path path_;
};

inline std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

struct CommandResult {
  int exit_status = -1;
  std::string standard_output;
  std::string standard_error;
};

/// Runs `clv <arguments>` (arguments already quoted for the shell) in `directory`.
inline CommandResult RunClv(const TemporaryDirectory& directory, const std::string& arguments) {
  const std::string out = directory.File("stdout.txt");
  const std::string err = directory.File("stderr.txt");
  const std::string command = std::string(CLV_BINARY) + " " + arguments + " >" + out + " 2>" + err;
  const int status = std::system(command.c_str());
  CommandResult result;
  result.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.standard_output = ReadText(out);
  result.standard_error = ReadText(err);
  return result;
}

}  // namespace clv::testing
