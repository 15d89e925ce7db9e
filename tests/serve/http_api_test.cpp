// SPDX-License-Identifier: MIT
// The HTTP API end to end on loopback: ingest, reads, duplicates, late events, and the right
// 4xx for bad requests while the server keeps serving.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "serve_test_support.h"

namespace clv {
namespace {

using nlohmann::json;
using testing::ParseBody;
using testing::RunningServer;
using testing::ScratchDirectory;

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kJan1997 = 852076800;  // 1997-01-01T00:00:00Z

ServeOptions OptionsFor(const ScratchDirectory& directory) {
  ServeOptions options;
  options.database_path = directory.path() / "clv.db";
  options.unit = TimeUnit::kDay;
  options.model = "bgnbd";
  return options;
}

json Purchase(const std::string& transaction_id, const std::string& customer_id, std::int64_t day,
              double amount) {
  return {{"transaction_id", transaction_id},
          {"customer_id", customer_id},
          {"timestamp", kJan1997 + day * kDay},
          {"amount", amount}};
}

httplib::Result PostEvents(httplib::Client& client, const json& events) {
  return client.Post("/v1/events", events.dump(), "application/json");
}

TEST(Consistency, ReadsReflectEveryAcknowledgedEvent) {
  ScratchDirectory directory;
  RunningServer server(OptionsFor(directory));
  auto client = server.Client();
  const auto posted = PostEvents(
      client, json::array({Purchase("t1", "alice", 0, 10), Purchase("t2", "alice", 3, 30),
                           Purchase("t3", "alice", 3, 10), Purchase("t4", "bob", 1, 5)}));
  ASSERT_TRUE(posted);
  ASSERT_EQ(posted->status, 200);
  EXPECT_EQ(ParseBody(posted)["accepted"], 4);

  const auto alice = client.Get("/v1/customers/alice?as_of=1997-01-10");
  ASSERT_EQ(alice->status, 200);
  const json body = ParseBody(alice);
  EXPECT_EQ(body["frequency"], 1);
  EXPECT_EQ(body["recency"], 3);
  EXPECT_EQ(body["T"], 9);
  EXPECT_EQ(body["monetary_value"], 40);
  EXPECT_EQ(body["transactions"], 3);
  EXPECT_EQ(body["status"], "no_model");
  EXPECT_EQ(client.Get("/v1/customers/nobody")->status, 404);
  EXPECT_EQ(client.Get("/v1/customers/alice?as_of=1996-12-31")->status, 404);
}

TEST(Consistency, RetriedBatchIsReportedAsDuplicatesAndNotCountedAgain) {
  ScratchDirectory directory;
  RunningServer server(OptionsFor(directory));
  auto client = server.Client();
  const json batch = json::array({Purchase("t1", "c", 0, 10), Purchase("t2", "c", 5, 20)});
  ASSERT_EQ(PostEvents(client, batch)->status, 200);
  const auto retry = PostEvents(client, batch);
  ASSERT_EQ(retry->status, 200);
  const json body = ParseBody(retry);
  EXPECT_EQ(body["accepted"], 0);
  EXPECT_EQ(body["duplicates"], 2);
  EXPECT_EQ(body["duplicate_items"][1]["transaction_id"], "t2");
  EXPECT_EQ(ParseBody(client.Get("/v1/customers/c?as_of=1997-02-01"))["transactions"], 2);
}

TEST(Consistency, OlderEventsArePlacedBeforeTheLastPurchase) {
  ScratchDirectory directory;
  RunningServer server(OptionsFor(directory));
  auto client = server.Client();
  ASSERT_EQ(PostEvents(client, json::array({Purchase("late", "c", 10, 50)}))->status, 200);
  ASSERT_EQ(PostEvents(client, json::array({Purchase("early", "c", 2, 20)}))->status, 200);
  const json body = ParseBody(client.Get("/v1/customers/c?as_of=1997-01-21"));
  EXPECT_EQ(body["frequency"], 1);
  EXPECT_EQ(body["recency"], 8);
  EXPECT_EQ(body["T"], 18);
  EXPECT_EQ(body["monetary_value"], 50);
}

TEST(Consistency, NdjsonAndArrayBodiesAreEquivalent) {
  ScratchDirectory directory;
  RunningServer server(OptionsFor(directory));
  auto client = server.Client();
  const std::string ndjson =
      Purchase("a", "x", 0, 1).dump() + "\n\n" + Purchase("b", "x", 4, 2).dump() + "\r\n";
  const auto posted = client.Post("/v1/events", ndjson, "application/x-ndjson");
  ASSERT_EQ(posted->status, 200);
  EXPECT_EQ(ParseBody(posted)["accepted"], 2);
}

TEST(InputChecks, InvalidBatchListsEveryBadItemAndStoresNothing) {
  ScratchDirectory directory;
  RunningServer server(OptionsFor(directory));
  auto client = server.Client();
  json events = json::array({Purchase("ok", "good", 0, 1)});
  events.push_back({{"transaction_id", 7}, {"customer_id", "c"}, {"timestamp", 0}, {"amount", 1}});
  events.push_back({{"transaction_id", "m"}, {"timestamp", 0}, {"amount", 1}});
  events.push_back(
      {{"transaction_id", "d"}, {"customer_id", "c"}, {"timestamp", "31/12/1997"}, {"amount", 1}});
  events.push_back(
      {{"transaction_id", "a"}, {"customer_id", "c"}, {"timestamp", 0}, {"amount", "ten"}});
  events.push_back({{"transaction_id", std::string(257, 'x')},
                    {"customer_id", "c"},
                    {"timestamp", 0},
                    {"amount", 1}});
  events.push_back(42);
  const auto posted = PostEvents(client, events);
  ASSERT_EQ(posted->status, 400);
  const json body = ParseBody(posted);
  ASSERT_EQ(body["items"].size(), 6U);
  EXPECT_EQ(body["items"][0]["index"], 1);
  EXPECT_EQ(body["items"][0]["reason"], "transaction_id: must be a string");
  EXPECT_EQ(body["items"][1]["reason"], "customer_id: missing");
  EXPECT_EQ(body["items"][2]["index"], 3);
  EXPECT_EQ(body["items"][3]["reason"], "amount: not a number");
  EXPECT_EQ(body["items"][4]["reason"], "transaction_id: longer than 256 bytes");
  EXPECT_EQ(body["items"][5]["reason"], "not a JSON object");
  EXPECT_EQ(client.Get("/v1/customers/good")->status, 404);
}

TEST(InputChecks, MalformedBodiesGet400WithAJsonError) {
  ScratchDirectory directory;
  RunningServer server(OptionsFor(directory));
  auto client = server.Client();
  for (const std::string& body :
       {std::string("[{\"transaction_id\": "), std::string("{}"), std::string("[\"\xff\xfe\"]")}) {
    const auto posted = client.Post("/v1/events", body, "application/json");
    ASSERT_TRUE(posted);
    EXPECT_EQ(posted->status, 400) << body;
    EXPECT_TRUE(ParseBody(posted).contains("error"));
  }
  const auto bad_as_of = client.Get("/v1/customers/c?as_of=yesterday");
  EXPECT_EQ(bad_as_of->status, 400);
  EXPECT_EQ(client.Get("/v1/customers?limit=0")->status, 400);
  EXPECT_EQ(client.Get("/v1/customers?sort=name")->status, 400);
  EXPECT_EQ(client.Get("/healthz")->status, 200);
}

TEST(InputChecks, OversizeBodyGets413) {
  ScratchDirectory directory;
  ServeOptions options = OptionsFor(directory);
  options.max_body_bytes = 1000;
  RunningServer server(options);
  auto client = server.Client();
  const auto posted = client.Post("/v1/events", std::string(5000, ' '), "application/json");
  ASSERT_TRUE(posted);
  EXPECT_EQ(posted->status, 413);
  EXPECT_EQ(server.Client().Get("/healthz")->status, 200);
}

TEST(InputChecks, UnknownRoutesGet404AndWrongMethods405) {
  ScratchDirectory directory;
  RunningServer server(OptionsFor(directory));
  auto client = server.Client();
  const auto unknown = client.Get("/v2/nothing");
  EXPECT_EQ(unknown->status, 404);
  EXPECT_TRUE(ParseBody(unknown).contains("error"));
  const auto wrong_method = client.Delete("/v1/events");
  EXPECT_EQ(wrong_method->status, 405);
  EXPECT_EQ(wrong_method->get_header_value("Allow"), "POST");
  EXPECT_EQ(client.Post("/v1/model", "", "application/json")->status, 405);
  EXPECT_EQ(client.Get("/v1/model")->status, 409);
  EXPECT_EQ(client.Get("/healthz")->status, 200);
}

TEST(InputChecks, TokenIsRequiredEverywhereButHealthz) {
  ScratchDirectory directory;
  ServeOptions options = OptionsFor(directory);
  options.token = "s3cret-token";
  RunningServer server(options);
  auto anonymous = server.Client();
  EXPECT_EQ(anonymous.Get("/healthz")->status, 200);
  const auto refused = anonymous.Get("/metrics");
  EXPECT_EQ(refused->status, 401);
  EXPECT_TRUE(ParseBody(refused).contains("error"));
  EXPECT_EQ(PostEvents(anonymous, json::array({Purchase("t", "c", 0, 1)}))->status, 401);
  auto wrong = server.Client("s3cret-tokem");
  EXPECT_EQ(wrong.Get("/v1/customers/c")->status, 401);
  auto prefix = server.Client("s3cret");
  EXPECT_EQ(prefix.Get("/v1/customers/c")->status, 401);
  auto right = server.Client("s3cret-token");
  EXPECT_EQ(PostEvents(right, json::array({Purchase("t", "c", 0, 1)}))->status, 200);
  EXPECT_EQ(right.Get("/v1/customers/c")->status, 200);
}

TEST(InputChecks, CustomerIdsInThePathMustBeUtf8AndAtMost256Bytes) {
  ScratchDirectory directory;
  RunningServer server(OptionsFor(directory));
  auto client = server.Client();
  const auto not_utf8 = client.Get("/v1/customers/caf%E9");
  ASSERT_TRUE(not_utf8);
  EXPECT_EQ(not_utf8->status, 400);
  EXPECT_EQ(ParseBody(not_utf8)["error"], "customer id is not UTF-8");
  EXPECT_EQ(client.Get("/v1/customers/" + std::string(257, 'x'))->status, 400);
  EXPECT_EQ(client.Get("/v1/customers/caf%C3%A9")->status, 404);  // valid UTF-8, unknown
}

TEST(InputChecks, StalledClientIsCutOffWhileOthersAreServed) {
  ScratchDirectory directory;
  ServeOptions options = OptionsFor(directory);
  options.read_timeout_seconds = 0.5;
  RunningServer server(options);
  const int stalled = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(server.port()));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(stalled, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  const std::string partial = "POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n[";
  ASSERT_GT(::send(stalled, partial.data(), partial.size(), 0), 0);

  EXPECT_EQ(server.Client().Get("/healthz")->status, 200);
  // Bounded wait: the server gives up on the body after its read timeout and answers 4xx.
  timeval wait{.tv_sec = 10, .tv_usec = 0};
  ::setsockopt(stalled, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof(wait));
  const auto start = std::chrono::steady_clock::now();
  char reply[512] = {};
  const ssize_t received = ::recv(stalled, reply, sizeof(reply) - 1, 0);
  const double waited =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ::close(stalled);
  EXPECT_LT(waited, 3.0);
  ASSERT_GT(received, 0);
  EXPECT_EQ(std::string(reply).substr(0, 10), "HTTP/1.1 4") << reply;
  EXPECT_EQ(server.Client().Get("/v1/customers/nobody")->status, 404);
}

TEST(InputChecks, NonLoopbackListenWithoutTokenIsRefused) {
  ServeOptions options;
  options.database_path = "unused.db";
  options.listen_host = "0.0.0.0";
  std::string why;
  EXPECT_FALSE(options.Validate(&why));
  EXPECT_NE(why.find("--token-file"), std::string::npos);
  options.token = "t";
  EXPECT_TRUE(options.Validate(&why));
  EXPECT_TRUE(IsLoopbackHost("127.0.0.1"));
  EXPECT_TRUE(IsLoopbackHost("127.1.2.3"));
  EXPECT_FALSE(IsLoopbackHost("10.0.0.1"));
}

TEST(Consistency, MetricsCountEventsDuplicatesAndRequests) {
  ScratchDirectory directory;
  RunningServer server(OptionsFor(directory));
  auto client = server.Client();
  const json batch = json::array({Purchase("t1", "c", 0, 1), Purchase("t2", "d", 0, 1)});
  PostEvents(client, batch);
  PostEvents(client, batch);
  const std::string metrics = client.Get("/metrics")->body;
  EXPECT_NE(metrics.find("clv_events_ingested_total 2\n"), std::string::npos);
  EXPECT_NE(metrics.find("clv_events_duplicate_total 2\n"), std::string::npos);
  EXPECT_NE(metrics.find("clv_http_requests_total{route=\"/v1/events\",status=\"200\"} 2\n"),
            std::string::npos);
  EXPECT_NE(metrics.find("clv_customers 2\n"), std::string::npos);
  EXPECT_NE(metrics.find("clv_http_request_duration_seconds_count{route=\"/v1/events\"} 2\n"),
            std::string::npos);
  for (const char* series : {"clv_refits_total{result=\"succeeded\"} 0\n",
                             "clv_refit_duration_seconds_sum 0\n", "clv_model_version 0\n"}) {
    EXPECT_NE(metrics.find(series), std::string::npos) << series;
  }
}

}  // namespace
}  // namespace clv
