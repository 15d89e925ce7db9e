// SPDX-License-Identifier: MIT
#include "report/cdnow_report_fixture.h"

#include <Eigen/Dense>
#include <chrono>
#include <cmath>
#include <fstream>
#include <functional>
#include <map>
#include <numeric>
#include <stdexcept>

#include "clv/models/gamma_gamma.h"
#include "clv/models/purchase_model.h"

namespace clv::test {
namespace {

// Published estimates: BG/NBD r, alpha, a, b (REFERENCE.md §4.3), Gamma-Gamma p, q, gamma (§9).
const std::vector<double> kBgNbd = {0.243, 4.414, 0.793, 2.426};
const std::vector<double> kGammaGamma = {6.25, 3.74, 15.44};
constexpr double kWeek = 7.0;
constexpr double kClvHorizonWeeks = 52.0;
constexpr double kHoldoutWeeks = 39.0;
constexpr int kTrackingWeeks = 78;

long DaysFromCompactDate(long yyyymmdd) {
  using namespace std::chrono;
  const year_month_day date{year{static_cast<int>(yyyymmdd / 10000)},
                            month{static_cast<unsigned>(yyyymmdd / 100 % 100)},
                            day{static_cast<unsigned>(yyyymmdd % 100)}};
  return sys_days{date}.time_since_epoch().count();
}

// "1997-03" for a day count.
std::string MonthLabel(long day) {
  using namespace std::chrono;
  const year_month_day date{sys_days{days{day}}};
  return std::to_string(static_cast<int>(date.year())) + "-" +
         (static_cast<unsigned>(date.month()) < 10 ? "0" : "") +
         std::to_string(static_cast<unsigned>(date.month()));
}

int MonthIndex(long day) {
  using namespace std::chrono;
  const year_month_day date{sys_days{days{day}}};
  return static_cast<int>(date.year()) * 12 + static_cast<int>(static_cast<unsigned>(date.month()));
}

const long kStart = DaysFromCompactDate(19970101);
const long kCalibrationEnd = DaysFromCompactDate(19970930);
const long kHoldoutEnd = DaysFromCompactDate(19980630);

// Same-day rows merged, value summed (REFERENCE.md §3.1).
std::map<long, std::map<long, double>> ReadDailySpend() {
  std::ifstream in(std::string(CLV_SHARED_DATA_DIR) + "/CDNOW_sample.txt");
  if (!in) throw std::runtime_error("cannot open CDNOW_sample.txt");
  std::map<long, std::map<long, double>> spend;
  long master_id = 0, sample_id = 0, date = 0, num_cds = 0;
  double value = 0;
  while (in >> master_id >> sample_id >> date >> num_cds >> value) {
    spend[sample_id][DaysFromCompactDate(date)] += value;
  }
  return spend;
}

void AddCustomer(CdnowColumns& columns, long id, const std::map<long, double>& daily) {
  const long first = daily.begin()->first;
  long last_calibration_day = first;
  double repeat_spend = 0;
  double repeats = 0;
  double holdout = 0;
  std::vector<long> days;
  for (const auto& [day, value] : daily) {
    days.push_back(day);
    if (day > kCalibrationEnd) {
      holdout += day <= kHoldoutEnd ? 1 : 0;
    } else if (day > first) {
      last_calibration_day = day;
      repeat_spend += value;
      repeats += 1;
    }
  }
  columns.customer_ids.push_back(std::to_string(id));
  columns.frequency.push_back(repeats);
  columns.recency.push_back(static_cast<double>(last_calibration_day - first) / kWeek);
  columns.age.push_back(static_cast<double>(kCalibrationEnd - first) / kWeek);
  columns.monetary_value.push_back(repeats > 0 ? repeat_spend / repeats : 0.0);
  columns.holdout_purchases.push_back(holdout);
  columns.first_purchase_day.push_back(first);
  columns.purchase_days.push_back(std::move(days));
}

void Score(CdnowColumns& columns) {
  const auto model = MakePurchaseModel(ModelKind::kBgNbd);
  for (std::size_t i = 0; i < columns.frequency.size(); ++i) {
    const CustomerHistory history{columns.frequency[i], columns.recency[i], columns.age[i]};
    const double purchases = model->ExpectedPurchases(kBgNbd, history, kClvHorizonWeeks);
    const double spend = GammaGammaConditionalExpectedSpend(kGammaGamma, columns.frequency[i],
                                                            columns.monetary_value[i]);
    columns.expected_purchases.push_back(purchases);
    columns.p_alive.push_back(model->ProbabilityAlive(kBgNbd, history, 0.0));
    columns.expected_holdout_purchases.push_back(
        model->ExpectedPurchases(kBgNbd, history, kHoldoutWeeks));
    columns.clv.push_back(purchases * spend);
  }
}

// Standard errors from the inverse of the observed information, the Hessian of the summed
// log-likelihood taken by central differences of its analytic gradient.
std::vector<double> StandardErrors(
    const std::function<void(const std::vector<double>&, std::vector<double>&)>& gradient_at,
    const std::vector<double>& estimate) {
  const auto n = static_cast<Eigen::Index>(estimate.size());
  Eigen::MatrixXd hessian(n, n);
  for (Eigen::Index k = 0; k < n; ++k) {
    const double step = 1e-5 * estimate[static_cast<std::size_t>(k)];
    std::vector<double> up = estimate, down = estimate;
    up[static_cast<std::size_t>(k)] += step;
    down[static_cast<std::size_t>(k)] -= step;
    std::vector<double> gradient_up(estimate.size(), 0.0), gradient_down(estimate.size(), 0.0);
    gradient_at(up, gradient_up);
    gradient_at(down, gradient_down);
    for (Eigen::Index j = 0; j < n; ++j) {
      const auto jj = static_cast<std::size_t>(j);
      hessian(j, k) = (gradient_up[jj] - gradient_down[jj]) / (2 * step);
    }
  }
  const Eigen::MatrixXd covariance = (-0.5 * (hessian + hessian.transpose())).inverse();
  std::vector<double> errors;
  for (Eigen::Index k = 0; k < n; ++k)
    errors.push_back(std::sqrt(covariance(k, k)));
  return errors;
}

ReportDiagnostics Diagnostics(double log_likelihood, std::size_t num_parameters,
                              std::int64_t customers) {
  const auto k = static_cast<double>(num_parameters);
  return {.log_likelihood = log_likelihood,
          .aic = 2 * k - 2 * log_likelihood,
          .bic = k * std::log(static_cast<double>(customers)) - 2 * log_likelihood,
          .termination = "converged",
          .iterations = 31,
          .customers = customers};
}

ReportModel PurchaseModelSection(const CdnowColumns& columns) {
  const auto model = MakePurchaseModel(ModelKind::kBgNbd);
  std::vector<CustomerHistory> histories;
  for (std::size_t i = 0; i < columns.frequency.size(); ++i) {
    histories.push_back({columns.frequency[i], columns.recency[i], columns.age[i]});
  }
  const auto gradient_at = [&](const std::vector<double>& params, std::vector<double>& gradient) {
    model->SumLogLikelihood(params, histories, {}, gradient);
  };
  const std::vector<double> errors = StandardErrors(gradient_at, kBgNbd);
  const double log_likelihood = model->SumLogLikelihood(kBgNbd, histories, {}, {});
  ReportModel section{
      .name = "BG/NBD",
      .diagnostics = Diagnostics(log_likelihood, 4, static_cast<std::int64_t>(histories.size()))};
  const char* meanings[] = {
      "shape of the purchase-rate distribution", "scale of the purchase-rate distribution",
      "drop-out probability, Beta shape a", "drop-out probability, Beta shape b"};
  const char* names[] = {"r", "alpha", "a", "b"};
  for (std::size_t k = 0; k < 4; ++k) {
    section.parameters.push_back({names[k], kBgNbd[k], errors[k], meanings[k]});
  }
  return section;
}

ReportModel SpendModelSection(const CdnowColumns& columns) {
  std::vector<std::size_t> repeaters;
  for (std::size_t i = 0; i < columns.frequency.size(); ++i) {
    if (columns.frequency[i] > 0) repeaters.push_back(i);
  }
  const auto log_likelihood_at = [&](const std::vector<double>& params,
                                     std::vector<double>& gradient) {
    double total = 0;
    std::vector<double> row(gradient.size());
    for (const std::size_t i : repeaters) {
      total += GammaGammaLogDensity(params, columns.frequency[i], columns.monetary_value[i], row);
      for (std::size_t k = 0; k < gradient.size(); ++k)
        gradient[k] += row[k];
    }
    return total;
  };
  std::vector<double> unused(3, 0.0);
  const double log_likelihood = log_likelihood_at(kGammaGamma, unused);
  const std::vector<double> errors = StandardErrors(
      [&](const std::vector<double>& p, std::vector<double>& g) { log_likelihood_at(p, g); },
      kGammaGamma);
  ReportModel section{
      .name = "Gamma-Gamma",
      .diagnostics = Diagnostics(log_likelihood, 3, static_cast<std::int64_t>(repeaters.size()))};
  section.parameters = {
      {"p", kGammaGamma[0], errors[0], "shape of transaction values"},
      {"q", kGammaGamma[1], errors[1], "shape of the spend-rate distribution"},
      {"gamma", kGammaGamma[2], errors[2], "scale of the spend-rate distribution"}};
  return section;
}

// Weekly repeat transactions; week w ends before 1997-01-01 + 7 w days (REFERENCE.md §3.1).
TrackingSeries Tracking(const CdnowColumns& columns) {
  const auto model = MakePurchaseModel(ModelKind::kBgNbd);
  TrackingSeries tracking{.period_unit = "week", .calibration_end_period = "week 39"};
  double previous_actual = 0;
  double previous_expected = 0;
  for (int week = 1; week <= kTrackingWeeks; ++week) {
    const long week_end = kStart + kWeek * week;
    double actual = 0;
    double expected = 0;
    for (std::size_t i = 0; i < columns.purchase_days.size(); ++i) {
      const auto& days = columns.purchase_days[i];
      actual += static_cast<double>(std::lower_bound(days.begin(), days.end(), week_end) -
                                    days.begin() - (days.front() < week_end ? 1 : 0));
      const double exposure = static_cast<double>(week_end - days.front()) / kWeek;
      if (exposure > 0) expected += model->ExpectedPurchasesNewCustomer(kBgNbd, exposure);
    }
    tracking.points.push_back({.period = "week " + std::to_string(week),
                               .actual_purchases = actual - previous_actual,
                               .expected_purchases = expected - previous_expected,
                               .cumulative_actual = actual,
                               .cumulative_expected = expected});
    previous_actual = actual;
    previous_expected = expected;
  }
  return tracking;
}

// Monthly acquisition cohorts; a customer is active in a month with a purchase day in it.
Heatmap CohortRetention(const CdnowColumns& columns) {
  std::map<int, std::string> cohort_labels;
  std::map<int, std::int64_t> cohort_sizes;
  std::map<std::pair<int, int>, std::int64_t> active;
  for (const auto& days : columns.purchase_days) {
    const int cohort = MonthIndex(days.front());
    cohort_labels[cohort] = MonthLabel(days.front());
    ++cohort_sizes[cohort];
    int last_month = -1;
    for (const long day : days) {
      const int age = MonthIndex(day) - cohort;
      if (age != last_month) ++active[{cohort, age}];
      last_month = age;
    }
  }
  Heatmap heatmap{.row_title = "Acquisition cohort",
                  .column_title = "Months since acquisition",
                  .value_title = "Share active"};
  std::map<int, int> row_of;
  for (const auto& [cohort, label] : cohort_labels) {
    row_of[cohort] = static_cast<int>(heatmap.row_labels.size());
    heatmap.row_labels.push_back(label);
  }
  for (int age = 0; age < 18; ++age)
    heatmap.column_labels.push_back(std::to_string(age));
  for (const auto& [key, count] : active) {
    if (key.second >= 18) continue;
    heatmap.cells.push_back(
        {.row = row_of[key.first],
         .column = key.second,
         .value = static_cast<double>(count) / static_cast<double>(cohort_sizes[key.first]),
         .customers = count});
  }
  return heatmap;
}

std::vector<SegmentRow> Segments(const CdnowColumns& columns) {
  std::vector<double> sorted = columns.clv;
  std::sort(sorted.begin(), sorted.end(), std::greater<>());
  const double top_threshold = sorted[sorted.size() / 5];
  std::vector<SegmentRow> rows = {
      {"Champions", "P(alive) >= 0.5 and CLV in the top 20 %"},
      {"Loyal", "P(alive) >= 0.5, repeat buyer, CLV below the top 20 %"},
      {"At risk", "repeat buyer with P(alive) < 0.5"},
      {"One-time buyers", "no repeat purchase yet"}};
  for (std::size_t i = 0; i < columns.clv.size(); ++i) {
    const bool alive = columns.p_alive[i] >= 0.5;
    const std::size_t segment = columns.frequency[i] == 0         ? 3
                                : !alive                          ? 2
                                : columns.clv[i] >= top_threshold ? 0
                                                                  : 1;
    SegmentRow& row = rows[segment];
    ++row.customers;
    row.mean_expected_purchases += columns.expected_purchases[i];
    row.mean_p_alive += columns.p_alive[i];
    row.total_clv += columns.clv[i];
  }
  for (SegmentRow& row : rows) {
    const double size = std::max<double>(1.0, static_cast<double>(row.customers));
    row.mean_expected_purchases /= size;
    row.mean_p_alive /= size;
    row.mean_clv = row.total_clv / size;
  }
  return rows;
}

std::vector<ReportMetric> Metrics(const std::map<long, std::map<long, double>>& daily_spend) {
  double revenue = 0;
  double purchase_days = 0;
  double repeat_customers = 0;
  for (const auto& [id, days] : daily_spend) {
    for (const auto& [day, value] : days)
      revenue += value;
    purchase_days += static_cast<double>(days.size());
    repeat_customers += days.size() >= 2 ? 1 : 0;
  }
  const auto customers = static_cast<double>(daily_spend.size());
  return {
      {"Revenue", revenue, MetricFormat::kMoney, "sum of all purchase values, 78 weeks"},
      {"Orders", purchase_days, MetricFormat::kCount, "customer-days with a purchase"},
      {"Average order value", revenue / purchase_days, MetricFormat::kMoney, "revenue / orders"},
      {"Orders per customer", purchase_days / customers, MetricFormat::kNumber, ""},
      {"Repeat purchase rate", repeat_customers / customers, MetricFormat::kPercent,
       "share of customers with two or more orders"}};
}

}  // namespace

CustomerScoresView CdnowColumns::View() const {
  return {.customer_ids = customer_ids,
          .frequency = frequency,
          .recency = recency,
          .age = age,
          .monetary_value = monetary_value,
          .expected_purchases = expected_purchases,
          .p_alive = p_alive,
          .clv = clv,
          .holdout_purchases = holdout_purchases,
          .expected_holdout_purchases = expected_holdout_purchases};
}

const CdnowColumns& CdnowSample() {
  static const CdnowColumns columns = [] {
    CdnowColumns built;
    for (const auto& [id, daily] : ReadDailySpend())
      AddCustomer(built, id, daily);
    Score(built);
    return built;
  }();
  return columns;
}

ReportInput CdnowReportInput() {
  // Built once per process: the tracking series alone evaluates the model 184,000 times.
  static const ReportInput input = BuildCdnowReportInput();
  return input;
}

ReportInput BuildCdnowReportInput() {
  const CdnowColumns& columns = CdnowSample();
  CustomerAggregates aggregates = AggregateCustomers(columns.View());
  ReportInput input{.title = "CDNOW customer lifetime value",
                    .data_source = "CDNOW_sample.txt (2,357 customers, 1997-01 to 1998-06)",
                    .generated_at = "2026-01-01 00:00 UTC",
                    .currency = "$",
                    .time_unit = "weeks"};
  input.headline = {.customers = static_cast<std::int64_t>(columns.clv.size()),
                    .expected_purchases = std::accumulate(columns.expected_purchases.begin(),
                                                          columns.expected_purchases.end(), 0.0),
                    .total_clv = std::accumulate(columns.clv.begin(), columns.clv.end(), 0.0),
                    .horizon = "next 52 weeks"};
  input.purchase_model = PurchaseModelSection(columns);
  input.spend_model = SpendModelSection(columns);
  input.tracking = Tracking(columns);
  input.holdout_by_frequency = std::move(aggregates.holdout_by_frequency);
  input.expected_purchases_grid = std::move(aggregates.expected_purchases_grid);
  input.p_alive_grid = std::move(aggregates.p_alive_grid);
  input.clv_histogram = std::move(aggregates.clv_histogram);
  input.clv_concentration = std::move(aggregates.clv_concentration);
  input.segments = Segments(columns);
  input.cohort_retention = CohortRetention(columns);
  input.top_customers = std::move(aggregates.top_customers);
  input.metrics = Metrics(ReadDailySpend());
  return input;
}

ReportInput LargestShapeReportInput(std::int64_t num_customers) {
  ReportInput input = CdnowReportInput();
  input.headline.customers = num_customers;
  const auto full_grid = [&](Heatmap& heatmap, int rows, int columns, bool with_plus) {
    heatmap.row_labels.clear();
    heatmap.column_labels.clear();
    heatmap.cells.clear();
    for (int row = 0; row < rows; ++row) {
      heatmap.row_labels.push_back(std::to_string(row) + (with_plus && row + 1 == rows ? "+" : ""));
    }
    for (int column = 0; column < columns; ++column) {
      heatmap.column_labels.push_back("period " + std::to_string(column));
    }
    for (int row = 0; row < rows; ++row) {
      for (int column = 0; column < columns; ++column) {
        heatmap.cells.push_back(
            {row, column, 1.0 / (1.0 + row + column), num_customers / (rows * columns)});
      }
    }
  };
  full_grid(input.expected_purchases_grid, 25, 20, true);
  full_grid(input.p_alive_grid, 25, 20, true);
  full_grid(input.cohort_retention, 36, 36, false);
  input.top_customers.resize(50, input.top_customers.front());
  input.segments.resize(10, input.segments.front());
  for (std::size_t i = 0; i < input.segments.size(); ++i) {
    input.segments[i].name = "segment " + std::to_string(i + 1);
    input.segments[i].customers = num_customers / 10;
  }
  for (HistogramBin& bin : input.clv_histogram.bins)
    bin.customers *= num_customers / 2357;
  return input;
}

}  // namespace clv::test
