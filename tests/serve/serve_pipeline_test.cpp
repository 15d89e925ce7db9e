// SPDX-License-Identifier: MIT
// The service agrees with the command-line pipeline: a log imported into the service and scored
// through the API gives the numbers `clv summary` + `clv predict` give on the same log with the
// model the service fitted. Refits swap in a new version, and a restart on the same database
// gives identical answers.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "clv/error.h"
#include "serve_test_support.h"

namespace clv {
namespace {

using nlohmann::json;
using testing::ParseBody;
using testing::RunningServer;
using testing::ScratchDirectory;

const std::string kSample = std::string(CLV_SHARED_DATA_DIR) + "/CDNOW_sample.txt";
const std::string kIngestFlags =
    "--customer 2 --date 3 --amount 5 --header no --delimiter whitespace";
const std::string kLastDay = "1998-06-30";  // the last purchase date of the sample

IngestOptions SampleLog() {
  IngestOptions log;
  log.paths = {kSample};
  log.delimiter = Delimiter::kWhitespace;
  log.header = HeaderMode::kAbsent;
  log.customer_column = "2";
  log.date_column = "3";
  log.amount_column = "5";
  return log;
}

ServeOptions WeeklyBgNbd(const ScratchDirectory& directory) {
  ServeOptions options;
  options.database_path = directory.path() / "clv.db";
  options.unit = TimeUnit::kWeek;
  options.model = "bgnbd";
  options.horizon = 39;
  return options;
}

// Polls GET /v1/model until it reports `version` (bounded: a fit of the sample takes well under
// a second, the bound only keeps a broken build from hanging).
json WaitForModelVersion(httplib::Client& client, int version) {
  for (int attempt = 0; attempt < 600; ++attempt) {
    const auto result = client.Get("/v1/model");
    if (result && result->status == 200) {
      json model = ParseBody(result);
      if (model["version"] >= version) return model;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ADD_FAILURE() << "model version " << version << " never appeared";
  return {};
}

int RunClv(const std::string& arguments, const ScratchDirectory& directory) {
  const std::string command = std::string(CLV_BINARY) + " " + arguments + " 2>" +
                              (directory.path() / "stderr.txt").string();
  return std::system(command.c_str());
}

// CSV rows keyed by customer id, each a map from column name to text.
std::map<std::string, std::map<std::string, std::string>> ReadCsv(const std::string& path) {
  std::ifstream file(path);
  std::string line;
  std::getline(file, line);
  std::vector<std::string> header;
  std::stringstream header_stream(line);
  for (std::string cell; std::getline(header_stream, cell, ',');)
    header.push_back(cell);
  std::map<std::string, std::map<std::string, std::string>> rows;
  while (std::getline(file, line)) {
    std::stringstream stream(line);
    std::map<std::string, std::string> row;
    for (std::size_t k = 0; k < header.size(); ++k)
      std::getline(stream, row[header[k]], ',');
    rows[row["customer_id"]] = row;
  }
  return rows;
}

void WriteText(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

TEST(Consistency, ApiScoresAndSegmentsEqualSummaryPredictAndSegmentOnTheSameLog) {
  ScratchDirectory directory;
  RunningServer server(WeeklyBgNbd(directory));
  const ImportSummary imported = server.server().Import(SampleLog());
  EXPECT_EQ(imported.rows, 6919);
  EXPECT_EQ(imported.inserted, 6919);
  auto client = server.Client();
  json model = WaitForModelVersion(client, 1);
  ASSERT_TRUE(model.contains("spend_model"));

  const auto model_path = directory.path() / "model.json";
  const auto spend_path = directory.path() / "spend.json";
  WriteText(spend_path, model["spend_model"].dump());
  model.erase("spend_model");
  WriteText(model_path, model.dump());
  const auto summary_path = directory.path() / "summary.csv";
  const auto predictions_path = directory.path() / "predictions.csv";
  ASSERT_EQ(
      RunClv("summary " + kSample + " " + kIngestFlags + " --unit week -o " + summary_path.string(),
             directory),
      0);
  ASSERT_EQ(
      RunClv("predict " + summary_path.string() + " --model " + model_path.string() +
                 " --spend-model " + spend_path.string() +
                 " --horizon 39 --months 12 --discount-rate 0.01 -o " + predictions_path.string(),
             directory),
      0);

  const auto segments_path = directory.path() / "segments.csv";
  ASSERT_EQ(
      RunClv("segment " + predictions_path.string() + " -o " + segments_path.string(), directory),
      0);
  const auto expected_segments = ReadCsv(segments_path);

  const auto expected = ReadCsv(predictions_path);
  ASSERT_EQ(expected.size(), 2357U);
  for (const auto& [customer_id, row] : expected) {
    const auto result = client.Get("/v1/customers/" + customer_id + "?as_of=" + kLastDay);
    ASSERT_EQ(result->status, 200) << customer_id;
    const json got = ParseBody(result);
    EXPECT_EQ(got["frequency"].get<double>(), std::stod(row.at("frequency"))) << customer_id;
    EXPECT_EQ(got["recency"].get<double>(), std::stod(row.at("recency"))) << customer_id;
    EXPECT_EQ(got["T"].get<double>(), std::stod(row.at("T"))) << customer_id;
    EXPECT_DOUBLE_EQ(got["monetary_value"].get<double>(), std::stod(row.at("monetary_value")));
    EXPECT_DOUBLE_EQ(got["expected_purchases"].get<double>(),
                     std::stod(row.at("expected_purchases")))
        << customer_id;
    EXPECT_DOUBLE_EQ(got["p_alive"].get<double>(), std::stod(row.at("p_alive"))) << customer_id;
    EXPECT_DOUBLE_EQ(got["clv"].get<double>(), std::stod(row.at("clv"))) << customer_id;
    const auto& placed = expected_segments.at(customer_id);
    EXPECT_EQ(got["value_tier"], placed.at("value_tier")) << customer_id;
    EXPECT_EQ(got["segment"], placed.at("segment")) << customer_id;
    EXPECT_EQ(got["rfm"]["r_score"], std::stoi(placed.at("r_score"))) << customer_id;
    EXPECT_EQ(got["rfm"]["f_score"], std::stoi(placed.at("f_score"))) << customer_id;
    EXPECT_EQ(got["rfm"]["m_score"], std::stoi(placed.at("m_score"))) << customer_id;
  }
}

// The reads compared across a restart.
std::vector<std::string> ReadPaths(const std::string& as_of) {
  return {"/v1/customers/0001" + as_of,
          "/v1/customers/1234" + as_of,
          "/v1/customers" + as_of + "&sort=clv&order=desc&limit=20",
          "/v1/customers" + as_of + "&sort=p_alive&order=asc&limit=5&value_tier=gold",
          "/v1/customers" + as_of + "&sort=clv&limit=7&segment=champions",
          "/v1/segments" + as_of,
          "/v1/model"};
}

TEST(Consistency, RefitSwapsInANewVersionAndRestartGivesIdenticalAnswers) {
  ScratchDirectory directory;
  const std::string as_of = "?as_of=" + kLastDay;
  std::vector<std::string> answers_before;
  {
    RunningServer server(WeeklyBgNbd(directory));
    server.server().Import(SampleLog());
    auto client = server.Client();
    WaitForModelVersion(client, 1);
    const auto refit = client.Post("/v1/model/refit", "", "application/json");
    ASSERT_EQ(refit->status, 202);
    EXPECT_EQ(WaitForModelVersion(client, 2)["version"], 2);
    for (const std::string& path : ReadPaths(as_of)) {
      const auto result = client.Get(path);
      ASSERT_EQ(result->status, 200) << path;
      answers_before.push_back(result->body);
    }
    const json list = json::parse(answers_before[2]);
    ASSERT_EQ(list["customers"].size(), 20U);
    for (std::size_t k = 1; k < 20; ++k) {
      EXPECT_GE(list["customers"][k - 1]["clv"], list["customers"][k]["clv"]);
    }
    const json top_tier = json::parse(answers_before[3]);
    ASSERT_FALSE(top_tier["customers"].empty());
    for (const json& customer : top_tier["customers"]) {
      EXPECT_EQ(customer["value_tier"], "gold");
    }
    std::int64_t segment_customers = 0;
    const json champions = json::parse(answers_before[4]);
    ASSERT_FALSE(champions["customers"].empty());
    for (const json& customer : champions["customers"]) {
      EXPECT_EQ(customer["segment"], "champions");
    }
    const json segments = json::parse(answers_before[5]);
    for (const json& segment : segments["segments"]) {
      segment_customers += segment["customers"].get<std::int64_t>();
    }
    EXPECT_EQ(segment_customers, 2357);
    const std::string metrics = client.Get("/metrics")->body;
    EXPECT_NE(metrics.find("clv_refits_total{result=\"succeeded\"} 2"), std::string::npos);
  }
  RunningServer restarted(WeeklyBgNbd(directory));
  auto client = restarted.Client();
  std::size_t k = 0;
  for (const std::string& path : ReadPaths(as_of)) {
    EXPECT_EQ(client.Get(path)->body, answers_before[k++]) << path;
  }
  EXPECT_EQ(restarted.server().Import(SampleLog()).duplicates, 6919);
}

// The sample log imported into a running server whose first model is fitted.
struct ServedSample {
  ServedSample() : server(WeeklyBgNbd(directory)) {
    server.server().Import(SampleLog());
    auto client = server.Client();
    WaitForModelVersion(client, 1);
  }
  ScratchDirectory directory;
  RunningServer server;
};

json Whale(const std::string& transaction_id, const std::string& day) {
  return {{"transaction_id", transaction_id},
          {"customer_id", "whale"},
          {"timestamp", day},
          {"amount", 5000}};
}

TEST(Consistency, ListsAndSegmentsReflectEventsAcknowledgedAfterAnEarlierList) {
  ServedSample sample;
  auto client = sample.server.Client();
  const std::string as_of = "?as_of=" + kLastDay;
  const json before = ParseBody(client.Get("/v1/customers" + as_of + "&limit=1"));
  ASSERT_EQ(before["customers"].size(), 1U);
  ASSERT_NE(before["customers"][0]["customer_id"], "whale");

  const json events = json::array({Whale("w1", "1998-01-05"), Whale("w2", "1998-03-02"),
                                   Whale("w3", "1998-05-04"), Whale("w4", "1998-06-29")});
  ASSERT_EQ(client.Post("/v1/events", events.dump(), "application/json")->status, 200);
  const json after = ParseBody(client.Get("/v1/customers" + as_of + "&limit=1"));
  ASSERT_EQ(after["customers"].size(), 1U);
  EXPECT_EQ(after["customers"][0], ParseBody(client.Get("/v1/customers/whale" + as_of)));

  std::int64_t customers = 0;
  const json segments = ParseBody(client.Get("/v1/segments" + as_of));
  for (const json& segment : segments["segments"]) {
    customers += segment["customers"].get<std::int64_t>();
  }
  EXPECT_EQ(customers, 2358);
  // A read before the latest purchase is scored from scratch and leaves the whale out.
  const json earlier = ParseBody(client.Get("/v1/customers?as_of=1997-12-31&limit=5000"));
  for (const json& customer : earlier["customers"]) {
    EXPECT_NE(customer["customer_id"], "whale");
  }
}

TEST(Regression, ListsStayCurrentAfterMoreChangedCustomersThanTheIndexTracks) {
  ServedSample sample;
  auto client = sample.server.Client();
  const std::string as_of = "?as_of=" + kLastDay;
  ASSERT_EQ(client.Get("/v1/segments" + as_of)->status, 200);
  // More new customers than the index tracks one by one (65,536), in batches of 1,000.
  constexpr int kNewCustomers = 70'000;
  for (int begin = 0; begin < kNewCustomers; begin += 1000) {
    json events = json::array();
    for (int k = begin; k < begin + 1000; ++k) {
      events.push_back({{"transaction_id", "n" + std::to_string(k)},
                        {"customer_id", "n" + std::to_string(k)},
                        {"timestamp", "1998-06-01"},
                        {"amount", 1}});
    }
    ASSERT_EQ(client.Post("/v1/events", events.dump(), "application/json")->status, 200);
  }
  const auto segments = client.Get("/v1/segments" + as_of);
  ASSERT_TRUE(segments);
  const json body = ParseBody(segments);
  std::int64_t customers = 0;
  for (const json& segment : body["segments"]) {
    customers += segment["customers"].get<std::int64_t>();
  }
  EXPECT_EQ(customers, 2357 + kNewCustomers);
}

TEST(Consistency, RefitsFollowEventCountsAndTheTimer) {
  ScratchDirectory directory;
  ServeOptions options = WeeklyBgNbd(directory);
  options.refit_every_events = 6919;  // the sample's size: its import is due for one refit
  options.refit_interval_seconds = 0.5;
  RunningServer server(options);
  server.server().Import(SampleLog());
  auto client = server.Client();
  // Version 1 after the import; later versions from the timer alone, no event arriving.
  EXPECT_GE(WaitForModelVersion(client, 1)["version"], 1);
  EXPECT_GE(WaitForModelVersion(client, 3)["version"], 3);
}

TEST(InputChecks, ImportedIdsThatAreNotUtf8AreRejected) {
  ScratchDirectory directory;
  RunningServer server(WeeklyBgNbd(directory));
  const auto log_path = directory.path() / "latin1.csv";
  WriteText(log_path, "customer_id,date,amount\ncaf\xe9,1997-01-01,10\n");
  IngestOptions log;
  log.paths = {log_path.string()};
  try {
    server.server().Import(log);
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("not UTF-8"), std::string::npos) << error.what();
  }
}

TEST(InputChecks, UnknownSegmentOrTierNamesGet400ListingTheNames) {
  ServedSample sample;
  auto client = sample.server.Client();
  const auto segment = client.Get("/v1/customers?segment=top");
  ASSERT_EQ(segment->status, 400);
  EXPECT_NE(ParseBody(segment)["error"].get<std::string>().find("champions"), std::string::npos);
  const auto tier = client.Get("/v1/customers?value_tier=champions");
  ASSERT_EQ(tier->status, 400);
  EXPECT_NE(ParseBody(tier)["error"].get<std::string>().find("platinum"), std::string::npos);
}

}  // namespace
}  // namespace clv
