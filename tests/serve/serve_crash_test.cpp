// SPDX-License-Identifier: MIT
// Crash safety of `clv serve`: while a client sends batches, the server process is killed with
// SIGKILL at random moments. After each restart every acknowledged batch is present exactly
// once and the batch in flight at the kill is either whole or absent.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "serve/event_store.h"
#include "serve_test_support.h"

namespace clv {
namespace {

using nlohmann::json;
using testing::ScratchDirectory;

constexpr int kRounds = 4;
constexpr int kEventsPerBatch = 200;

int FreeLoopbackPort() {
  const int socket_fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(socket_fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
  socklen_t length = sizeof(address);
  ::getsockname(socket_fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(socket_fd);
  return ntohs(address.sin_port);
}

// Starts `clv serve` and waits (bounded) until /healthz answers.
pid_t StartServer(const ScratchDirectory& directory, int port) {
  const std::string database = (directory.path() / "clv.db").string();
  const std::string listen = "127.0.0.1:" + std::to_string(port);
  const std::string log = (directory.path() / "serve.log").string();
  const pid_t pid = ::fork();
  if (pid == 0) {
    std::freopen(log.c_str(), "a", stderr);
    ::execl(CLV_BINARY, CLV_BINARY, "serve", "--db", database.c_str(), "--listen", listen.c_str(),
            "--model", "bgnbd", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  httplib::Client client("127.0.0.1", port);
  for (int attempt = 0; attempt < 300; ++attempt) {
    const auto health = client.Get("/healthz");
    if (health && health->status == 200) return pid;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ADD_FAILURE() << "clv serve did not come up";
  return pid;
}

std::string BatchCustomer(int round, int batch) {
  return fmt::format("r{}b{}", round, batch);
}

json Batch(int round, int batch) {
  json events = json::array();
  for (int k = 0; k < kEventsPerBatch; ++k) {
    events.push_back({{"transaction_id", fmt::format("r{}b{}-{}", round, batch, k)},
                      {"customer_id", BatchCustomer(round, batch)},
                      {"timestamp", 852076800 + std::int64_t{k} * 86400},
                      {"amount", 1 + k % 10}});
  }
  return events;
}

// Sends batches until the server stops answering; returns how many were acknowledged (the
// next one, if any, was in flight).
int SendUntilFailure(int port, int round) {
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(10, 0);
  for (int batch = 0;; ++batch) {
    const auto result = client.Post("/v1/events", Batch(round, batch).dump(), "application/json");
    if (!result || result->status != 200) return batch;
  }
}

// Transactions stored for `customer_id`: 0 when absent.
int StoredTransactions(httplib::Client& client, const std::string& customer_id) {
  const auto result = client.Get("/v1/customers/" + customer_id + "?as_of=1998-01-01");
  if (result && result->status == 404) return 0;
  if (!result || result->status != 200) return -1;
  return json::parse(result->body)["transactions"].get<int>();
}

TEST(Consistency, AcknowledgedBatchesSurviveSigkillExactlyOnce) {
  ScratchDirectory directory;
  std::mt19937 random(20260101);
  std::vector<int> acknowledged(kRounds, 0);
  for (int round = 0; round < kRounds; ++round) {
    const int port = FreeLoopbackPort();
    const pid_t pid = StartServer(directory, port);
    std::atomic<int> sent{0};
    std::thread sender([&] { sent = SendUntilFailure(port, round); });
    std::this_thread::sleep_for(
        std::chrono::milliseconds(std::uniform_int_distribution<int>(100, 600)(random)));
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    sender.join();
    acknowledged[round] = sent;

    const int check_port = FreeLoopbackPort();
    const pid_t checker = StartServer(directory, check_port);
    httplib::Client client("127.0.0.1", check_port);
    for (int earlier = 0; earlier <= round; ++earlier) {
      for (int batch = 0; batch < acknowledged[earlier]; ++batch) {
        ASSERT_EQ(StoredTransactions(client, BatchCustomer(earlier, batch)), kEventsPerBatch)
            << "round " << earlier << " batch " << batch;
      }
      const int in_flight =
          StoredTransactions(client, BatchCustomer(earlier, acknowledged[earlier]));
      EXPECT_TRUE(in_flight == 0 || in_flight == kEventsPerBatch) << in_flight;
    }
    ::kill(checker, SIGTERM);
    int status = 0;
    ::waitpid(checker, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "round " << round;
  }
}

// One batch of `count` events for customers c0 .. c<count / 4>, sent as a request body.
std::string LargeBatch(int count) {
  json events = json::array();
  for (int k = 0; k < count; ++k) {
    events.push_back({{"transaction_id", fmt::format("large-{}", k)},
                      {"customer_id", fmt::format("c{}", k / 4)},
                      {"timestamp", 852076800 + std::int64_t{k % 4} * 86400},
                      {"amount", 1}});
  }
  return events.dump();
}

TEST(Consistency, SigtermFinishesTheRequestInFlightThenCheckpointsAndWritesState) {
  ScratchDirectory directory;
  const int port = FreeLoopbackPort();
  const pid_t pid = StartServer(directory, port);
  constexpr int kEvents = 120'000;  // about 11 MB, which takes the server most of a second
  const std::string body = LargeBatch(kEvents);
  int posted_status = 0;
  std::thread sender([&] {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(60, 0);
    const auto posted = client.Post("/v1/events", body, "application/json");
    posted_status = posted ? posted->status : -1;
  });
  // The body takes far longer to parse and commit than this, so the request is in flight.
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  ::kill(pid, SIGTERM);
  sender.join();
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_EQ(posted_status, 200);

  const auto wal = directory.path() / "clv.db-wal";
  EXPECT_TRUE(!std::filesystem::exists(wal) || std::filesystem::file_size(wal) == 0);
  detail::EventStore store(directory.path() / "clv.db");
  EXPECT_EQ(store.NumEvents(), kEvents);
  EXPECT_EQ(store.NumStateTransactions(), kEvents);
  EXPECT_EQ(store.NumCustomers(), kEvents / 4);
}

}  // namespace
}  // namespace clv
