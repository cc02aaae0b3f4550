// HTTP handlers of the auth module: parse and validate input, call the services, shape the
// response. Both URL layouts (gateway /auth/..., service /api/v1/...) share each handler.
#include "account_rules.hpp"
#include "auth_module.hpp"

#include <proeventa/http/json_io.hpp>

#include <boost/url/params_view.hpp>

#include <algorithm>

namespace proeventa::auth {
namespace {

// Emails are stored at most 254 bytes; a login may still type more, which simply cannot match.
constexpr std::size_t max_login_name = 320;

struct credentials {
    std::string email;
    std::string password;
};

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string media_type(const request_context& ctx) {
    auto type = ctx.header("Content-Type");
    type = type.substr(0, type.find(';'));
    while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
    while (!type.empty() && type.front() == ' ') type.remove_prefix(1);
    return lower_ascii(type);
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

}  // namespace

void auth_module::register_routes(router& r) {
    // Each handler forwards to a member coroutine; the lambdas live as long as the router.
    r.add(http::verb::post, {"/auth/signup", "/api/v1/signup"},
          [this](request_context& ctx) { return signup(ctx); });
    r.add(http::verb::post, {"/auth/login", "/api/v1/login"},
          [this](request_context& ctx) { return login(ctx); });
    r.add(http::verb::get, {"/auth/me", "/api/v1/me"},
          [this](request_context& ctx) { return me(ctx); });
    r.add(http::verb::patch, {"/auth/me", "/api/v1/me"},
          [this](request_context& ctx) { return update_me(ctx); });
    r.add(http::verb::get, {"/auth/users", "/api/v1/users"},
          [this](request_context& ctx) { return list_users(ctx); });
    r.add(http::verb::get, {"/auth/users/{id}", "/api/v1/users/{id}"},
          [this](request_context& ctx) { return get_user(ctx); });
    r.add(http::verb::patch, {"/auth/users/{id}/role", "/api/v1/users/{id}/role"},
          [this](request_context& ctx) { return set_role(ctx); });
}

awaitable<response> auth_module::signup(request_context& ctx) {
    const auto body = parse_json_object(ctx);
    field_reader r(body);
    std::optional<std::string> email;
    if (auto raw_email = r.string("email", true, 1, 1024)) {
        email = normalize_email(*raw_email);
        if (auto problem = email_problem(*email)) r.fail("email", std::move(*problem));
    }
    auto password = read_password(r, "password", true, true);
    // Optional, as in the original API: absent, null or blank means no name, stored as "".
    auto full_name = r.string("full_name", false, 0, max_full_name_chars);
    if (full_name && !full_name->empty())
        if (auto problem = full_name_problem(*full_name)) r.fail("full_name", std::move(*problem));
    r.finish();

    auto user = co_await accounts_.signup(*email, *password, full_name.value_or(std::string()),
                                          ctx.remote_address());
    auto res = user_response(ctx, http::status::created, user);
    res.set(http::field::location, "/auth/users/" + std::to_string(user.id));
    co_return res;
}

awaitable<response> auth_module::login(request_context& ctx) {
    const auto input = media_type(ctx) == "application/x-www-form-urlencoded"
                           ? read_form_login(ctx)
                           : read_json_login(ctx);
    auto result = co_await accounts_.login(input.email, input.password, ctx.remote_address());
    co_return json_response(ctx, http::status::ok,
                            json::object{
                                {"access_token", result.token.access_token},
                                {"token_type", "bearer"},
                                {"expires_in", result.token.expires_in},
                                {"user", to_json(result.user)},
                            });
}

awaitable<response> auth_module::me(request_context& ctx) {
    const auto who = co_await identity_.require_user(ctx);
    auto user = co_await users_.find_by_id(who.user_id);
    if (!user) throw errors::not_found("user not found");
    co_return user_response(ctx, http::status::ok, *user);
}

awaitable<response> auth_module::update_me(request_context& ctx) {
    const auto who = co_await identity_.require_user(ctx);
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

    auto user = co_await accounts_.update_profile(who, change, ctx.remote_address());
    if (!change.new_password) co_return user_response(ctx, http::status::ok, user);
    // The new password revoked every token of the account, the caller's too: hand this session
    // a fresh one so it goes on while other sessions have to sign in again.
    auto answer = to_json(user);
    const auto token = identity_.issue(user);
    answer["access_token"] = token.access_token;
    answer["token_type"] = "bearer";
    answer["expires_in"] = token.expires_in;
    co_return json_response(ctx, http::status::ok, answer);
}

awaitable<response> auth_module::get_user(request_context& ctx) {
    const auto who = co_await identity_.require_user(ctx);
    const auto id = ctx.param("id");
    // Authorise before looking: a stranger learns nothing about which ids exist.
    require_self_or_admin(who, id);
    auto user = co_await users_.find_by_id(id);
    if (!user) throw errors::not_found("user not found");
    co_return user_response(ctx, http::status::ok, *user);
}

awaitable<response> auth_module::list_users(request_context& ctx) {
    const auto who = co_await identity_.require_user(ctx);
    require_role(who, {"admin"});
    query_reader q(ctx);
    auto search = q.string("q", 200);
    const auto paging = read_page(q);
    q.finish();

    auto found = co_await users_.list(search, paging.limit, paging.offset);
    json::array items;
    items.reserve(found.users.size());
    for (const auto& user : found.users) items.push_back(to_json(user));
    co_return json_list_response(ctx, items, found.total);
}

awaitable<response> auth_module::set_role(request_context& ctx) {
    const auto who = co_await identity_.require_user(ctx);
    require_role(who, {"admin"});
    const auto id = ctx.param("id");
    const auto body = parse_json_object(ctx);
    field_reader r(body);
    auto role = r.one_of("role", true, {"customer", "organizer", "admin"});
    r.finish();

    auto user = co_await users_.set_role(id, *role);
    if (!user) throw errors::not_found("user not found");
    co_return user_response(ctx, http::status::ok, *user);
}

}  // namespace proeventa::auth
