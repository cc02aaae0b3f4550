// HTTP handlers for orders, tickets and the door: parse, ask order_service or ticket_service,
// write the JSON of docs/api.md (or the ticket's SVG).
#include "errors.hpp"
#include "order_json.hpp"
#include "qr_svg.hpp"
#include "routes.hpp"
#include "ticket_json.hpp"

#include <proeventa/http/json_io.hpp>

#include <boost/json/array.hpp>

namespace proeventa::reservations {
namespace {

struct ticket_deps {
    order_service& orders;
    ticket_service& tickets;
    auth::identity& identity;
};

/// The last segment of the path: the `{reference:word}` the router matched.
std::string_view last_segment(std::string_view path) { return path.substr(path.rfind('/') + 1); }

awaitable<response> find_order_handler(request_context& ctx, ticket_deps& d) {
    const auto who = co_await d.identity.require_user(ctx);
    const auto order = co_await d.orders.find(who, last_segment(ctx.path()));
    co_return json_response(ctx, http::status::ok, to_json(order));
}

awaitable<response> list_orders_handler(request_context& ctx, ticket_deps& d) {
    const auto who = co_await d.identity.require_user(ctx);
    query_reader q(ctx);
    const auto user_id = q.integer("user_id", 1, INT64_MAX).value_or(who.user_id);
    const auto p = read_page(q);
    q.finish();
    const auto list = co_await d.orders.list_for_user(who, user_id, p.limit, p.offset);
    boost::json::array items;
    for (const auto& o : list.items) items.push_back(to_json(o));
    co_return json_list_response(ctx, items, list.total);
}

awaitable<response> ticket_handler(request_context& ctx, ticket_deps& d) {
    const auto who = co_await d.identity.require_user(ctx);
    const auto ticket = co_await d.tickets.ticket(who, ctx.param("id"));
    co_return json_response(ctx, http::status::ok, to_json(ticket));
}

awaitable<response> ticket_svg_handler(request_context& ctx, ticket_deps& d) {
    const auto who = co_await d.identity.require_user(ctx);
    const auto ticket = co_await d.tickets.ticket(who, ctx.param("id"));
    response res{http::status::ok, ctx.req().version()};
    res.set(http::field::content_type, "image/svg+xml");
    // The code opens the door: never stored by a shared cache.
    res.set(http::field::cache_control, "private, no-store");
    res.body() = qr_svg(ticket.code);
    res.prepare_payload();
    co_return res;
}

awaitable<response> reissue_handler(request_context& ctx, ticket_deps& d) {
    const auto who = co_await d.identity.require_user(ctx);
    const auto ticket = co_await d.tickets.reissue(who, ctx.param("id"));
    co_return json_response(ctx, http::status::ok, to_json(ticket));
}

awaitable<response> ticket_key_handler(request_context& ctx, ticket_deps& d) {
    const auto who = co_await d.identity.require_user(ctx);
    const auto key = co_await d.tickets.ticket_key(who, ctx.param("id"));
    co_return json_response(ctx, http::status::ok, to_json(key));
}

/// `code`: a string of at most max_ticket_code_bytes, taken as it is (never trimmed: a code with
/// spaces is simply not a code).
std::string read_code(const request_context& ctx) {
    const auto body = parse_json_object(ctx);
    field_reader r(body);
    const auto* v = r.raw("code");
    std::string code;
    if (!v)
        r.fail("code", "is required");
    else if (!v->is_string())
        r.fail("code", "must be a string");
    else if (v->get_string().empty())
        r.fail("code", "must not be empty");
    else if (v->get_string().size() > max_ticket_code_bytes)
        r.fail("code", "must be at most 512 bytes");
    else
        code = std::string(v->get_string());
    for (const auto& [key, _] : body)
        if (key != "code") r.fail(key, "is not a field of a check-in");
    r.finish();
    return code;
}

awaitable<response> checkin_handler(request_context& ctx, ticket_deps& d) {
    const auto who = co_await d.identity.require_user(ctx);
    const auto code = read_code(ctx);
    const auto result = co_await d.tickets.check_in(who, ctx.param("id"), code);
    co_return json_response(ctx, http::status::ok, to_json(result));
}

awaitable<response> checkin_summary_handler(request_context& ctx, ticket_deps& d) {
    const auto who = co_await d.identity.require_user(ctx);
    const auto summary = co_await d.tickets.summary(who, ctx.param("id"));
    auto res = json_response(ctx, http::status::ok, to_json(summary));
    res.set(http::field::cache_control, "no-store");
    co_return res;
}

using handler_fn = awaitable<response> (*)(request_context&, ticket_deps&);

awaitable<response> run_handler(handler_fn fn, request_context& ctx, ticket_deps& d) {
    try {
        co_return co_await fn(ctx, d);
    } catch (const failure& f) {
        throw to_api_error(f);
    }
}

}  // namespace

void register_ticket_routes(router& r, order_service& orders, ticket_service& tickets,
                            auth::identity& identity) {
    auto deps = std::make_shared<ticket_deps>(ticket_deps{orders, tickets, identity});
    auto route = [&](http::verb method, std::initializer_list<std::string_view> paths, handler_fn fn) {
        r.add(method, paths, [fn, deps](request_context& ctx) { return run_handler(fn, ctx, *deps); });
    };
    route(http::verb::get, {"/reservations/orders/{reference:word}", "/api/v1/orders/{reference:word}"},
          find_order_handler);
    route(http::verb::get, {"/reservations/orders", "/api/v1/orders"}, list_orders_handler);
    route(http::verb::get, {"/reservations/reservations/{id}/ticket", "/api/v1/reservations/{id}/ticket"},
          ticket_handler);
    route(http::verb::get,
          {"/reservations/reservations/{id}/ticket.svg", "/api/v1/reservations/{id}/ticket.svg"},
          ticket_svg_handler);
    route(http::verb::post,
          {"/reservations/reservations/{id}/ticket/reissue", "/api/v1/reservations/{id}/ticket/reissue"},
          reissue_handler);
    route(http::verb::get, {"/events/events/{id}/ticket-key", "/api/v1/events/{id}/ticket-key"},
          ticket_key_handler);
    route(http::verb::post, {"/events/events/{id}/checkins", "/api/v1/events/{id}/checkins"},
          checkin_handler);
    route(http::verb::get, {"/events/events/{id}/checkins/summary", "/api/v1/events/{id}/checkins/summary"},
          checkin_summary_handler);
}

}  // namespace proeventa::reservations
