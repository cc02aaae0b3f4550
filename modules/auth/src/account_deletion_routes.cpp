// HTTP handlers for leaving: DELETE /auth/me and POST /auth/me/sign-out-everywhere.
#include "account_deletion.hpp"
#include "account_rules.hpp"
#include "errors.hpp"
#include "routes.hpp"

#include <proeventa/http/json_io.hpp>

namespace proeventa::auth {
namespace {

awaitable<response> delete_me_handler(request_context& ctx, identity& identity, account_deletion& leaving) {
    const auto who = co_await identity.require_user(ctx);
    const auto body = parse_json_object(ctx);
    field_reader r(body);
    const auto* v = r.raw("current_password");
    std::string password;
    if (!v)
        r.fail("current_password", "is required to delete the account");
    else if (!v->is_string() || v->get_string().empty())
        r.fail("current_password", "must be a non-empty string");
    else if (v->get_string().size() > max_password_bytes)
        r.fail("current_password", "must be at most 1024 bytes (UTF-8)");
    else
        password = std::string(v->get_string());
    r.finish();
    co_await leaving.delete_account(who, password, ctx.remote_address());
    co_return json_response(ctx, http::status::ok, json::object{{"deleted", true}});
}

awaitable<response> sign_out_everywhere_handler(request_context& ctx, identity& identity,
                                                account_deletion& leaving) {
    const auto who = co_await identity.require_user(ctx);
    co_await leaving.sign_out_everywhere(who);
    co_return json_response(ctx, http::status::ok, json::object{{"signed_out", true}});
}

using handler_fn = awaitable<response> (*)(request_context&, identity&, account_deletion&);

awaitable<response> run_handler(handler_fn fn, request_context& ctx, identity& identity,
                                account_deletion& leaving) {
    try {
        co_return co_await fn(ctx, identity, leaving);
    } catch (const failure& f) {
        throw to_api_error(f);
    }
}

}  // namespace

void register_leaving_routes(router& r, identity& identity, account_deletion& leaving) {
    auto route = [&](http::verb method, std::initializer_list<std::string_view> paths, handler_fn fn) {
        r.add(method, paths, [fn, &identity, &leaving](request_context& ctx) {
            return run_handler(fn, ctx, identity, leaving);
        });
    };
    route(http::verb::delete_, {"/auth/me", "/api/v1/me"}, delete_me_handler);
    route(http::verb::post, {"/auth/me/sign-out-everywhere", "/api/v1/me/sign-out-everywhere"},
          sign_out_everywhere_handler);
}

}  // namespace proeventa::auth
