#include "routes.hpp"

#include <proeventa/auth/auth.hpp>
#include <proeventa/http/json_io.hpp>

#include <boost/json/parse.hpp>

namespace proeventa::reservations {
namespace {

std::optional<std::string> idempotency_key(const request_context& ctx) {
    auto key = ctx.header("Idempotency-Key");
    if (key.empty()) return std::nullopt;
    if (key.size() > 200) throw errors::validation({{"Idempotency-Key", "must be at most 200 characters"}});
    return std::string(key);
}

}  // namespace

void register_routes(router& r, reservation_service& service, auth::identity& identity) {
    r.add(http::verb::post, {"/reservations/reservations/reserve", "/api/v1/reservations/reserve"},
          [&service, &identity](request_context& ctx) -> awaitable<response> {
              const auto who = co_await identity.require_user(ctx);
              const auto req = parse_reserve_request(parse_json_object(ctx));
              auto outcome = co_await service.reserve(who, req, idempotency_key(ctx));
              co_return json_response(ctx, static_cast<http::status>(outcome.status),
                                      boost::json::parse(outcome.body));
          });

    r.add(http::verb::post, {"/reservations/reservations/{id}/confirm", "/api/v1/reservations/{id}/confirm"},
          [&service, &identity](request_context& ctx) -> awaitable<response> {
              const auto who = co_await identity.require_user(ctx);
              co_return json_response(ctx, http::status::ok, co_await service.confirm(who, ctx.param("id")));
          });

    r.add(http::verb::get, {"/reservations/reservations/{id}", "/api/v1/reservations/{id}"},
          [&service, &identity](request_context& ctx) -> awaitable<response> {
              const auto who = co_await identity.require_user(ctx);
              co_return json_response(ctx, http::status::ok, co_await service.find(who, ctx.param("id")));
          });

    r.add(http::verb::delete_, {"/reservations/reservations/{id}", "/api/v1/reservations/{id}"},
          [&service, &identity](request_context& ctx) -> awaitable<response> {
              const auto who = co_await identity.require_user(ctx);
              co_return json_response(ctx, http::status::ok, co_await service.cancel(who, ctx.param("id")));
          });

    r.add(http::verb::get, {"/reservations/reservations/user/{user_id}", "/api/v1/reservations/user/{user_id}"},
          [&service, &identity](request_context& ctx) -> awaitable<response> {
              const auto who = co_await identity.require_user(ctx);
              const auto user_id = ctx.param("user_id");
              auth::require_self_or_admin(who, user_id);
              query_reader q(ctx);
              auto status = q.one_of("status", {"held", "confirmed", "cancelled", "expired"});
              auto p = read_page(q);
              q.finish();
              auto page = co_await service.list_for_user(user_id, status, p.limit, p.offset);
              co_return json_list_response(ctx, page.items, page.total);
          });

    r.add(http::verb::get, {"/reservations/reservations/event/{event_id}", "/api/v1/reservations/event/{event_id}"},
          [&service, &identity](request_context& ctx) -> awaitable<response> {
              const auto who = co_await identity.require_user(ctx);
              query_reader q(ctx);
              auto status = q.one_of("status", {"held", "confirmed", "cancelled", "expired"});
              auto p = read_page(q, 20, 1000);
              q.finish();
              auto page = co_await service.list_for_event(who, ctx.param("event_id"), status, p.limit, p.offset);
              co_return json_list_response(ctx, page.items, page.total);
          });
}

}  // namespace proeventa::reservations
