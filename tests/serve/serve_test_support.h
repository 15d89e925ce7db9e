// SPDX-License-Identifier: MIT
// Helpers for the service tests: a scratch directory removed afterwards.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>

namespace clv::testing {

/// A fresh directory under the system temporary directory, removed with its contents.
class ScratchDirectory {
 public:
  ScratchDirectory() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("clv_serve_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace clv::testing

#include <httplib.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "clv/serve.h"

namespace clv::testing {

/// A Server on a free loopback port, running on its own thread until destroyed.
class RunningServer {
 public:
  explicit RunningServer(ServeOptions options) {
    options.listen_host = "127.0.0.1";
    options.listen_port = 0;
    server_ = std::make_unique<Server>(options);
    port_ = server_->Bind();
    thread_ = std::thread([this] { server_->Run(); });
  }
  ~RunningServer() {
    server_->Stop();
    thread_.join();
  }
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;

  int port() const { return port_; }
  Server& server() { return *server_; }
  /// A client with generous timeouts; `token` is sent as a bearer token when not empty.
  httplib::Client Client(const std::string& token = "") const {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(30, 0);
    if (!token.empty()) client.set_bearer_token_auth(token);
    return client;
  }

 private:
  std::unique_ptr<Server> server_;
  int port_ = 0;
  std::thread thread_;
};

inline nlohmann::json ParseBody(const httplib::Result& result) {
  return nlohmann::json::parse(result->body);
}

}  // namespace clv::testing
