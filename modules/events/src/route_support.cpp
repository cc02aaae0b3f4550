#include "route_support.hpp"

namespace proeventa::events {

awaitable<response> answering_failures(awaitable<response> handling) {
    try {
        co_return co_await std::move(handling);
    } catch (const failure& f) {
        throw to_api_error(f);
    }
}

awaitable<void> finish_reading(field_reader& body, awaitable<field_problems> service_checks) {
    if (body.ok()) co_return;
    const auto problems = co_await std::move(service_checks);
    for (const auto& p : problems) body.fail(p.field, p.message);
    body.finish();
}

response text_json_response(const request_context& ctx, std::string body) {
    // json_response sets the headers every JSON answer carries; only the body differs.
    response res = json_response(ctx, http::status::ok, json::value(nullptr));
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

}  // namespace proeventa::events
