#include "routes.hpp"

#include "errors.hpp"
#include "reservation_json.hpp"

#include <proeventa/http/json_io.hpp>

#include <boost/json/array.hpp>

namespace proeventa::reservations {
namespace {

std::optional<std::string> idempotency_key_of(const request_context& ctx) {
    auto key = ctx.header("Idempotency-Key");
    if (key.empty()) return std::nullopt;
    if (key.size() > 200) throw errors::validation({{"Idempotency-Key", "must be at most 200 characters"}});
    return std::string(key);
}

/// 201 with a body that is JSON text already: a replay must send the stored bytes as they are.
response created_json_text(const request_context& ctx, std::string body) {
    response res{http::status::created, ctx.req().version()};
    res.set(http::field::content_type, "application/json");
    res.set(http::field::cache_control, "no-store");
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

std::optional<std::string> status_filter(query_reader& q) {
    return q.one_of("status", {"held", "confirmed", "cancelled", "expired"});
}

awaitable<response> reserve_handler(request_context& ctx, reservation_service& service, auth::identity& identity) {
    const auto who = co_await identity.require_user(ctx);
    const auto req = parse_reserve_request(parse_json_object(ctx));
    auto answer = [form = req.form](const std::vector<reservation_record>& made) { return reserve_answer(made, form); };
    std::optional<idempotency_key> key;
    if (auto given = idempotency_key_of(ctx)) key = idempotency_key{std::move(*given), answer};
    auto result = co_await service.reserve(who, req, std::move(key));
    if (result.replayed_answer) co_return created_json_text(ctx, std::move(*result.replayed_answer));
    co_return created_json_text(ctx, answer(result.reservations));
}

awaitable<response> confirm_handler(request_context& ctx, reservation_service& service, auth::identity& identity) {
    const auto who = co_await identity.require_user(ctx);
    const auto confirmed = co_await service.confirm(who, ctx.param("id"));
    co_return json_response(ctx, http::status::ok, to_json(confirmed));
}

awaitable<response> find_handler(request_context& ctx, reservation_service& service, auth::identity& identity) {
    const auto who = co_await identity.require_user(ctx);
    const auto found = co_await service.find(who, ctx.param("id"));
    co_return json_response(ctx, http::status::ok, to_json(found));
}

awaitable<response> cancel_handler(request_context& ctx, reservation_service& service, auth::identity& identity) {
    const auto who = co_await identity.require_user(ctx);
    const auto cancelled = co_await service.cancel(who, ctx.param("id"));
    co_return json_response(ctx, http::status::ok, to_json(cancelled));
}

awaitable<response> list_for_user_handler(request_context& ctx, reservation_service& service,
                                          auth::identity& identity) {
    const auto who = co_await identity.require_user(ctx);
    const auto user_id = ctx.param("user_id");
    auth::require_self_or_admin(who, user_id);
    query_reader q(ctx);
    auto status = status_filter(q);
    auto p = read_page(q);
    q.finish();
    const auto page = co_await service.list_for_user(user_id, status, p.limit, p.offset);
    boost::json::array items;
    for (const auto& r : page.items) items.push_back(to_json(r));
    co_return json_list_response(ctx, items, page.total);
}

awaitable<response> list_for_event_handler(request_context& ctx, reservation_service& service,
                                           auth::identity& identity) {
    const auto who = co_await identity.require_user(ctx);
    query_reader q(ctx);
    auto status = status_filter(q);
    auto p = read_page(q, 20, 1000);
    q.finish();
    const auto page = co_await service.list_for_event(who, ctx.param("event_id"), status, p.limit, p.offset);
    boost::json::array items;
    for (const auto& r : page.items) items.push_back(to_json(r));
    co_return json_list_response(ctx, items, page.total);
}

using handler_fn = awaitable<response> (*)(request_context&, reservation_service&, auth::identity&);

/// Runs `fn`, answering the module's failures as HTTP errors (errors.cpp).
awaitable<response> run_handler(handler_fn fn, request_context& ctx, reservation_service& service,
                                auth::identity& identity) {
    try {
        co_return co_await fn(ctx, service, identity);
    } catch (const failure& f) {
        throw to_api_error(f);
    }
}

}  // namespace

void register_routes(router& r, reservation_service& service, auth::identity& identity) {
    auto route = [&](http::verb method, std::initializer_list<std::string_view> paths, handler_fn fn) {
        r.add(method, paths, [fn, &service, &identity](request_context& ctx) {
            return run_handler(fn, ctx, service, identity);
        });
    };
    route(http::verb::post, {"/reservations/reservations/reserve", "/api/v1/reservations/reserve"}, reserve_handler);
    route(http::verb::post, {"/reservations/reservations/{id}/confirm", "/api/v1/reservations/{id}/confirm"},
          confirm_handler);
    route(http::verb::get, {"/reservations/reservations/{id}", "/api/v1/reservations/{id}"}, find_handler);
    route(http::verb::delete_, {"/reservations/reservations/{id}", "/api/v1/reservations/{id}"}, cancel_handler);
    route(http::verb::get, {"/reservations/reservations/user/{user_id}", "/api/v1/reservations/user/{user_id}"},
          list_for_user_handler);
    route(http::verb::get, {"/reservations/reservations/event/{event_id}", "/api/v1/reservations/event/{event_id}"},
          list_for_event_handler);
}

}  // namespace proeventa::reservations
