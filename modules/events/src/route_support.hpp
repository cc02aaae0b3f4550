#pragma once
// What the events handlers share: failures answered as HTTP errors, one 400 for a body's own
// problems and those the service finds, and answers whose JSON text is ready-made.
#include "errors.hpp"

#include <proeventa/http/json_io.hpp>
#include <proeventa/http/request_context.hpp>

#include <string>

namespace proeventa::events {

/// Runs a handler, answering a `failure` it throws as errors.cpp maps it.
awaitable<response> answering_failures(awaitable<response> handling);

/// Ends reading a body. When it already has problems, the service's own checks (which need the
/// database) run too and add theirs, so one 400 names every problem; when it has none,
/// `service_checks` is not run: the service's write checks the same and fails with them.
awaitable<void> finish_reading(field_reader& body, awaitable<field_problems> service_checks);

/// 200 with a body that is already JSON text (the seat maps, assembled from cached pieces).
response text_json_response(const request_context& ctx, std::string body);

}  // namespace proeventa::events
