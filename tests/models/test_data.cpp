// SPDX-License-Identifier: MIT
#include "models/test_data.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>

namespace clv::test {
namespace {

std::ifstream OpenSharedData(const std::string& name) {
  std::ifstream in(std::string(CLV_SHARED_DATA_DIR) + "/" + name);
  if (!in) throw std::runtime_error("cannot open shared data file " + name);
  return in;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
long DaysFromCivil(long year, long month, long day) {
  year -= month <= 2;
  const long era = (year >= 0 ? year : year - 399) / 400;
  const long year_of_era = year - era * 400;
  const long day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

long DaysFromCompactDate(long yyyymmdd) {
  return DaysFromCivil(yyyymmdd / 10000, yyyymmdd / 100 % 100, yyyymmdd % 100);
}

// Spend per purchase day of one customer, days in increasing order.
using DailySpend = std::map<long, double>;

CdnowCustomer SummariseCustomer(const DailySpend& days, long calibration_end, long holdout_end) {
  constexpr double kDaysPerWeek = 7;
  CdnowCustomer customer;
  const long first_day = days.begin()->first;
  long last_calibration_day = first_day;
  double repeat_spend = 0;
  for (const auto& [day, spend] : days) {
    if (day <= calibration_end && day != first_day) {
      customer.history.frequency += 1;
      repeat_spend += spend;
      last_calibration_day = day;
    } else if (day > calibration_end && day <= holdout_end) {
      customer.holdout_frequency += 1;
    }
  }
  customer.history.recency = (last_calibration_day - first_day) / kDaysPerWeek;
  customer.history.age = (calibration_end - first_day) / kDaysPerWeek;
  if (customer.history.frequency > 0) {
    customer.monetary_value = repeat_spend / customer.history.frequency;
  }
  return customer;
}

}  // namespace

std::vector<CdnowCustomer> LoadCdnowRoundedSummary() {
  std::ifstream in = OpenSharedData("cdnow_customers_summary_with_transactions.csv");
  std::vector<CdnowCustomer> customers;
  std::string line;
  std::getline(in, line);  // ID,x,t_x,T,zbar
  while (std::getline(in, line)) {
    std::replace(line.begin(), line.end(), ',', ' ');
    std::istringstream fields(line);
    long id = 0;
    CdnowCustomer customer;
    fields >> id >> customer.history.frequency >> customer.history.recency >>
        customer.history.age >> customer.monetary_value;
    if (!fields) throw std::runtime_error("bad CDNOW summary line: " + line);
    customers.push_back(customer);
  }
  return customers;
}

std::vector<CdnowCustomer> BuildCdnowExactSummary() {
  std::ifstream in = OpenSharedData("CDNOW_sample.txt");
  std::map<long, DailySpend> spend_by_customer;
  long master_id = 0, sample_id = 0, date = 0, num_cds = 0;
  double value = 0;
  while (in >> master_id >> sample_id >> date >> num_cds >> value) {
    spend_by_customer[sample_id][DaysFromCompactDate(date)] += value;
  }
  const long calibration_end = DaysFromCompactDate(19970930);
  const long holdout_end = DaysFromCompactDate(19980630);
  std::vector<CdnowCustomer> customers;
  for (const auto& [id, days] : spend_by_customer) {
    customers.push_back(SummariseCustomer(days, calibration_end, holdout_end));
  }
  return customers;
}

std::vector<CustomerHistory> HistoriesOf(const std::vector<CdnowCustomer>& customers) {
  std::vector<CustomerHistory> histories;
  histories.reserve(customers.size());
  for (const CdnowCustomer& customer : customers)
    histories.push_back(customer.history);
  return histories;
}

}  // namespace clv::test
