// SPDX-License-Identifier: MIT
#include "serve/http_routes.h"

#include <fmt/format.h>

#include <charconv>
#include <chrono>
#include <ctime>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>

#include "clv/error.h"
#include "common/log.h"
#include "serve/bearer_token.h"
#include "serve/event_batch.h"
#include "serve/utf8.h"

namespace clv::detail {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxListLimit = 10'000;
constexpr const char* kJson = "application/json";

// The routes and their methods, for telling an unknown path (404) from a wrong method (405).
struct RouteSpec {
  const char* name;     // label in metrics
  const char* pattern;  // httplib regex
  const char* method;
};
constexpr RouteSpec kRoutes[] = {
    {"/healthz", "/healthz", "GET"},
    {"/metrics", "/metrics", "GET"},
    {"/v1/events", "/v1/events", "POST"},
    {"/v1/customers", "/v1/customers", "GET"},
    {"/v1/customers/{id}", "/v1/customers/(.+)", "GET"},
    {"/v1/segments", "/v1/segments", "GET"},
    {"/v1/model", "/v1/model", "GET"},
    {"/v1/model/refit", "/v1/model/refit", "POST"},
};

void SendJson(httplib::Response& response, int status, const json& body) {
  response.status = status;
  response.set_content(body.dump(), kJson);
}

void SendError(httplib::Response& response, int status, const std::string& message) {
  SendJson(response, status, json{{"error", message}});
}

std::int64_t NowSeconds() {
  return static_cast<std::int64_t>(std::time(nullptr));
}

using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

// Runs `handler`, turns any exception into a JSON error without internals, and records the
// request in the metrics under the route's name.
httplib::Server::Handler Instrumented(Service& service, std::string route, Handler handler) {
  return [&service, route = std::move(route), handler = std::move(handler)](
             const httplib::Request& request, httplib::Response& response) {
    const auto start = std::chrono::steady_clock::now();
    try {
      handler(request, response);
    } catch (const InputError& error) {
      SendError(response, 400, error.what());
    } catch (const std::exception& error) {
      Log().error("event=request_failed route={} reason=\"{}\"", route, error.what());
      SendError(response, 500, "internal error");
    }
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    service.metrics().RecordRequest(route, response.status, elapsed.count());
  };
}

bool ReadAsOf(const httplib::Request& request, httplib::Response& response, std::int64_t* as_of) {
  if (!request.has_param("as_of")) {
    *as_of = NowSeconds();
    return true;
  }
  if (ParseAsOf(request.get_param_value("as_of"), as_of)) return true;
  SendError(response, 400, "as_of must be an ISO 8601 date or date-time, YYYYMMDD or Unix seconds");
  return false;
}

void PostEvents(Service& service, const httplib::Request& request, httplib::Response& response) {
  // One batch is parsed and committed at a time. Commits are serial in SQLite anyway, and a
  // second batch parsing alongside would take the core that reads need on a two-core machine
  // (docs/benchmarks.md, "clv serve").
  static std::mutex one_batch_at_a_time;
  const std::lock_guard lock(one_batch_at_a_time);
  EventBatch batch = ParseEventBatch(request.body, request.get_header_value("Content-Type"));
  if (!batch.malformed.empty()) {
    SendError(response, 400, batch.malformed);
    return;
  }
  if (!batch.ok()) {
    json items = json::array();
    for (const ItemError& error : batch.errors) {
      items.push_back({{"index", error.index}, {"reason", error.reason}});
    }
    SendJson(response, 400,
             json{{"error", fmt::format("{} of the events are invalid; none was stored",
                                        batch.errors.size())},
                  {"items", std::move(items)}});
    return;
  }
  const IngestResult result = service.Ingest(batch.events);
  json duplicates = json::array();
  for (const std::size_t index : result.duplicate_indices) {
    duplicates.push_back(
        {{"index", index}, {"transaction_id", batch.events[index].transaction_id}});
  }
  SendJson(response, 200,
           json{{"accepted", result.accepted},
                {"duplicates", result.duplicate_indices.size()},
                {"duplicate_items", std::move(duplicates)}});
}

void GetCustomer(Service& service, const httplib::Request& request, httplib::Response& response) {
  const std::string customer_id = request.matches[1];
  if (customer_id.size() > kMaxIdBytes) {
    SendError(response, 400, fmt::format("customer id longer than {} bytes", kMaxIdBytes));
    return;
  }
  if (!IsValidUtf8(customer_id)) {
    SendError(response, 400, "customer id is not UTF-8");
    return;
  }
  std::int64_t as_of = 0;
  if (!ReadAsOf(request, response, &as_of)) return;
  const std::optional<json> customer = service.Customer(customer_id, as_of);
  if (!customer) {
    SendError(response, 404, "no purchase of this customer up to as_of");
    return;
  }
  SendJson(response, 200, *customer);
}

bool ReadListQuery(const httplib::Request& request, httplib::Response& response,
                   CustomerListQuery* query) {
  const std::string sort = request.has_param("sort") ? request.get_param_value("sort") : "clv";
  const std::string order = request.has_param("order") ? request.get_param_value("order") : "desc";
  if (sort != "clv" && sort != "p_alive") {
    SendError(response, 400, "sort must be clv or p_alive");
    return false;
  }
  if (order != "desc" && order != "asc") {
    SendError(response, 400, "order must be desc or asc");
    return false;
  }
  query->sort =
      sort == "clv" ? CustomerListQuery::SortKey::kClv : CustomerListQuery::SortKey::kPAlive;
  query->descending = order == "desc";
  if (request.has_param("limit")) {
    const std::string limit = request.get_param_value("limit");
    std::size_t value = 0;
    const auto [end, error] = std::from_chars(limit.data(), limit.data() + limit.size(), value);
    if (error != std::errc() || end != limit.data() + limit.size() || value < 1 ||
        value > kMaxListLimit) {
      SendError(response, 400, fmt::format("limit must be a whole number in 1..{}", kMaxListLimit));
      return false;
    }
    query->limit = value;
  }
  if (request.has_param("segment")) query->segment = request.get_param_value("segment");
  if (request.has_param("value_tier")) query->value_tier = request.get_param_value("value_tier");
  return ReadAsOf(request, response, &query->as_of);
}

void SendNoModel(httplib::Response& response) {
  SendError(response, 409, "no model fitted yet; POST /v1/model/refit after ingesting events");
}

void RegisterServiceRoutes(httplib::Server& http, Service& service) {
  http.Get("/healthz", Instrumented(service, "/healthz", [](const auto&, auto& response) {
             SendJson(response, 200, json{{"status", "ok"}});
           }));
  http.Get("/metrics", Instrumented(service, "/metrics", [&service](const auto&, auto& response) {
             const auto model = service.model();
             response.set_content(
                 service.metrics().Render(service.NumCustomers(), model ? model->version : 0),
                 "text/plain; version=0.0.4");
           }));
  http.Post("/v1/events",
            Instrumented(service, "/v1/events", [&service](const auto& request, auto& response) {
              PostEvents(service, request, response);
            }));
  http.Get("/v1/customers",
           Instrumented(service, "/v1/customers", [&service](const auto& request, auto& response) {
             CustomerListQuery query;
             if (!ReadListQuery(request, response, &query)) return;
             const auto list = service.ListCustomers(query);
             list ? SendJson(response, 200, *list) : SendNoModel(response);
           }));
  http.Get("/v1/customers/(.+)", Instrumented(service, "/v1/customers/{id}",
                                              [&service](const auto& request, auto& response) {
                                                GetCustomer(service, request, response);
                                              }));
  http.Get("/v1/segments",
           Instrumented(service, "/v1/segments", [&service](const auto& request, auto& response) {
             std::int64_t as_of = 0;
             if (!ReadAsOf(request, response, &as_of)) return;
             const auto segments = service.Segments(as_of);
             segments ? SendJson(response, 200, *segments) : SendNoModel(response);
           }));
  http.Get("/v1/model", Instrumented(service, "/v1/model", [&service](const auto&, auto& response) {
             const auto model = service.model();
             if (!model) return SendNoModel(response);
             response.set_content(model->ToJson(), kJson);
           }));
  http.Post("/v1/model/refit",
            Instrumented(service, "/v1/model/refit", [&service](const auto&, auto& response) {
              const bool started = service.RequestRefit();
              SendJson(response, 202,
                       json{{"status", started ? "refit started" : "refit already pending"}});
            }));
}

// Paths that match no route get 404, known paths with another method 405 (with Allow).
void RegisterFallbacks(httplib::Server& http, Service& service) {
  const auto fallback = Instrumented(
      service, "unmatched", [](const httplib::Request& request, httplib::Response& response) {
        for (const RouteSpec& route : kRoutes) {
          if (std::regex_match(request.path, std::regex(route.pattern))) {
            response.set_header("Allow", route.method);
            SendError(response, 405, fmt::format("method {} not allowed here", request.method));
            return;
          }
        }
        SendError(response, 404, "no such route");
      });
  http.Get(".*", fallback);
  http.Post(".*", fallback);
  http.Put(".*", fallback);
  http.Patch(".*", fallback);
  http.Delete(".*", fallback);
  http.Options(".*", fallback);
}

}  // namespace

void InstallRoutes(httplib::Server& http, Service& service, const ServeOptions& options) {
  http.set_payload_max_length(options.max_body_bytes);
  const auto read_timeout = std::chrono::duration<double>(options.read_timeout_seconds);
  const auto write_timeout = std::chrono::duration<double>(options.write_timeout_seconds);
  http.set_read_timeout(std::chrono::duration_cast<std::chrono::microseconds>(read_timeout));
  http.set_write_timeout(std::chrono::duration_cast<std::chrono::microseconds>(write_timeout));
  http.set_keep_alive_timeout(5);
  // Answers are small and written in pieces (headers, body): without TCP_NODELAY, Nagle's
  // algorithm holds the last piece for the client's delayed ACK, about 40 ms per request.
  http.set_tcp_nodelay(true);
  const auto threads = static_cast<std::size_t>(options.http_threads);
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };

  http.set_pre_routing_handler([&service, token = options.token](const httplib::Request& request,
                                                                 httplib::Response& response) {
    const bool open_route = request.method == "GET" && request.path == "/healthz";
    if (token.empty() || open_route ||
        AuthorizationMatches(request.get_header_value("Authorization"), token)) {
      return httplib::Server::HandlerResponse::Unhandled;
    }
    response.set_header("WWW-Authenticate", "Bearer");
    SendError(response, 401, "missing or wrong bearer token");
    service.metrics().RecordRequest("unauthorized", 401, 0.0);
    return httplib::Server::HandlerResponse::Handled;
  });
  // Errors httplib answers itself (413 for a large body, 400 for a bad request line) get a JSON
  // body too.
  http.set_error_handler(httplib::Server::HandlerWithResponse(
      [](const httplib::Request&, httplib::Response& response) {
        if (!response.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        SendError(response, response.status,
                  response.status == 413
                      ? "request body too large"
                      : fmt::format("request refused with status {}", response.status));
        return httplib::Server::HandlerResponse::Handled;
      }));
  RegisterServiceRoutes(http, service);
  RegisterFallbacks(http, service);
}

}  // namespace clv::detail
