// SPDX-License-Identifier: MIT
// The HTTP face of the service: routes, authentication, limits and JSON error bodies. Every
// answer has a JSON body (GET /metrics: Prometheus text); an error body is {"error": "..."} with
// a message that names the rule broken, never an internal detail.
#pragma once

#include <httplib.h>

#include <string>

#include "clv/serve.h"
#include "serve/service.h"

namespace clv::detail {

/// Registers every route of `service` on `http` and applies the limits and the token of
/// `options` (an empty token: no authentication).
void InstallRoutes(httplib::Server& http, Service& service, const ServeOptions& options);

}  // namespace clv::detail
