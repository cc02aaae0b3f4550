// HTTP handlers of the auth module: parse and validate input, call the account service, shape
// the response. A service's failure is answered through errors.cpp (see `run_handler`).
#include "routes.hpp"

#include "account_rules.hpp"
#include "errors.hpp"
#include "json_mapping.hpp"

#include <proeventa/http/json_io.hpp>
#include <proeventa/text.hpp>

#include <boost/url/params_view.hpp>

namespace proeventa::auth {
namespace {

// Emails are stored at most 254 bytes; a login may still type more, which simply cannot match.
constexpr std::size_t max_login_name = 320;

std::string media_type(const request_context& ctx) {
    const auto type = ctx.header("Content-Type");
    return text::lower_ascii(text::trim(type.substr(0, type.find(';'))));
}

/// A password is taken verbatim (never trimmed). A new password only has to be a string here:
/// the password policy (account_service) judges it, with its own code. A password being
/// checked has to be a non-empty string of bounded size.
std::optional<std::string> read_password(field_reader& r, std::string_view key, bool required,
                                         bool new_password) {
    const auto* v = r.raw(key);
    if (!v || v->is_null()) {
        if (required) r.fail(key, "is required");
        return std::nullopt;
    }
    if (!v->is_string()) {
        r.fail(key, "must be a string");
        return std::nullopt;
    }
    std::string password(v->get_string());
    if (new_password) return password;
    if (password.empty()) {
        r.fail(key, "must not be empty");
        return std::nullopt;
    } else if (password.size() > max_password_bytes) {
        r.fail(key, "must be at most 1024 bytes (UTF-8)");
        return std::nullopt;
    }
    return password;
}

credentials read_json_login(const request_context& ctx) {
    const auto body = parse_json_object(ctx);
    field_reader r(body);
    auto email = r.string("email", true, 1, max_login_name);
    auto password = read_password(r, "password", true, false);
    r.finish();
    return {normalize_email(*email), std::move(*password)};
}

// The OAuth2 "password" grant as FastAPI's OAuth2PasswordRequestForm clients send it.
credentials read_form_login(const request_context& ctx) {
    json::object problems;
    std::optional<std::string> username, password;
    try {
        boost::urls::encoding_opts opts;
        opts.space_as_plus = true;
        const boost::urls::params_view form(ctx.req().body(), opts);
        for (auto param : form) {
            auto* slot = param.key == "username" ? &username
                         : param.key == "password" ? &password
                                                   : nullptr;
            if (param.key == "grant_type" && param.value != "password")
                problems["grant_type"] = "must be password";
            if (!slot) continue;
            if (*slot) problems[param.key] = "must be given once";
            *slot = param.value;
        }
    } catch (const std::exception&) {
        throw errors::bad_request("the form body is not valid application/x-www-form-urlencoded",
                                  "invalid_form");
    }
    if (!username || normalize_email(*username).empty()) problems["username"] = "is required";
    else if (username->size() > max_login_name) problems["username"] = "must be at most 320 characters";
    if (!password || password->empty()) problems["password"] = "is required";
    else if (password->size() > max_password_bytes)
        problems["password"] = "must be at most 1024 bytes (UTF-8)";
    if (!problems.empty()) throw errors::validation(std::move(problems));
    return {normalize_email(*username), std::move(*password)};
}

response user_response(const request_context& ctx, http::status status, const user_record& user) {
    return json_response(ctx, status, to_json(user));
}

awaitable<response> signup_handler(request_context& ctx, identity&, account_service& accounts) {
    const auto body = parse_json_object(ctx);
    field_reader r(body);
    signup_input input;
    if (auto raw_email = r.string("email", true, 1, 1024)) {
        input.email = normalize_email(*raw_email);
        if (auto problem = email_problem(input.email)) r.fail("email", std::move(*problem));
    }
    auto password = read_password(r, "password", true, true);
    // Optional, as in the original API: absent, null or blank means no name, stored as "".
    auto full_name = r.string("full_name", false, 0, max_full_name_chars);
    if (full_name && !full_name->empty())
        if (auto problem = full_name_problem(*full_name)) r.fail("full_name", std::move(*problem));
    r.finish();
    input.password = std::move(*password);
    input.full_name = full_name.value_or(std::string());

    const auto user = co_await accounts.signup(input, ctx.remote_address());
    auto res = user_response(ctx, http::status::created, user);
    res.set(http::field::location, "/auth/users/" + std::to_string(user.id));
    co_return res;
}

awaitable<response> login_handler(request_context& ctx, identity&, account_service& accounts) {
    const auto input = media_type(ctx) == "application/x-www-form-urlencoded"
                           ? read_form_login(ctx)
                           : read_json_login(ctx);
    const auto result = co_await accounts.login(input, ctx.remote_address());
    json::object answer;
    add_token(answer, result.token);
    answer["user"] = to_json(result.user);
    co_return json_response(ctx, http::status::ok, answer);
}

awaitable<response> me_handler(request_context& ctx, identity& identity, account_service& accounts) {
    const auto who = co_await identity.require_user(ctx);
    const auto user = co_await accounts.find(who.user_id);
    co_return user_response(ctx, http::status::ok, user);
}

awaitable<response> update_me_handler(request_context& ctx, identity& identity,
                                      account_service& accounts) {
    const auto who = co_await identity.require_user(ctx);
    const auto body = parse_json_object(ctx);
    field_reader r(body);
    profile_change change;
    change.full_name = r.string("full_name", false, 1, max_full_name_chars);
    if (change.full_name)
        if (auto problem = full_name_problem(*change.full_name))
            r.fail("full_name", std::move(*problem));
    change.new_password = read_password(r, "password", false, true);
    change.current_password = read_password(r, "current_password", false, false);
    r.finish();

    const auto updated = co_await accounts.update_profile(who, change, ctx.remote_address());
    // With a new password the answer carries the caller's fresh token: the old one is revoked.
    auto answer = to_json(updated.user);
    if (updated.token) add_token(answer, *updated.token);
    co_return json_response(ctx, http::status::ok, answer);
}

awaitable<response> get_user_handler(request_context& ctx, identity& identity, account_service& accounts) {
    const auto who = co_await identity.require_user(ctx);
    const auto id = ctx.param("id");
    // Authorise before looking: a stranger learns nothing about which ids exist.
    require_self_or_admin(who, id);
    const auto user = co_await accounts.find(id);
    co_return user_response(ctx, http::status::ok, user);
}

awaitable<response> list_users_handler(request_context& ctx, identity& identity,
                                       account_service& accounts) {
    const auto who = co_await identity.require_user(ctx);
    require_role(who, {"admin"});
    query_reader q(ctx);
    user_search search;
    search.text = q.string("q", 200);
    const auto paging = read_page(q);
    q.finish();
    search.limit = paging.limit;
    search.offset = paging.offset;

    const auto found = co_await accounts.list(search);
    json::array items;
    items.reserve(found.users.size());
    for (const auto& user : found.users) items.push_back(to_json(user));
    co_return json_list_response(ctx, items, found.total);
}

awaitable<response> set_role_handler(request_context& ctx, identity& identity, account_service& accounts) {
    const auto who = co_await identity.require_user(ctx);
    require_role(who, {"admin"});
    const auto id = ctx.param("id");
    const auto body = parse_json_object(ctx);
    field_reader r(body);
    auto role = r.one_of("role", true, {"customer", "organizer", "admin"});
    r.finish();

    const auto user = co_await accounts.set_role(id, *role);
    co_return user_response(ctx, http::status::ok, user);
}

using handler_fn = awaitable<response> (*)(request_context&, identity&, account_service&);

/// Runs `fn`, answering the account service's failures as HTTP errors (errors.cpp).
awaitable<response> run_handler(handler_fn fn, request_context& ctx, identity& identity,
                           account_service& accounts) {
    try {
        co_return co_await fn(ctx, identity, accounts);
    } catch (const failure& f) {
        throw to_api_error(f);
    }
}

}  // namespace

void register_routes(router& r, identity& identity, account_service& accounts) {
    auto route = [&](http::verb method, std::initializer_list<std::string_view> paths, handler_fn fn) {
        r.add(method, paths, [fn, &identity, &accounts](request_context& ctx) {
            return run_handler(fn, ctx, identity, accounts);
        });
    };
    route(http::verb::post, {"/auth/signup", "/api/v1/signup"}, signup_handler);
    route(http::verb::post, {"/auth/login", "/api/v1/login"}, login_handler);
    route(http::verb::get, {"/auth/me", "/api/v1/me"}, me_handler);
    route(http::verb::patch, {"/auth/me", "/api/v1/me"}, update_me_handler);
    route(http::verb::get, {"/auth/users", "/api/v1/users"}, list_users_handler);
    route(http::verb::get, {"/auth/users/{id}", "/api/v1/users/{id}"}, get_user_handler);
    route(http::verb::patch, {"/auth/users/{id}/role", "/api/v1/users/{id}/role"}, set_role_handler);
}

}  // namespace proeventa::auth
