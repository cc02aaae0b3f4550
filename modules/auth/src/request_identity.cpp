#include "request_identity.hpp"

#include "errors.hpp"

#include <proeventa/text.hpp>

namespace proeventa::auth {
namespace {

constexpr const char* malformed_header = "the Authorization header must be: Bearer <access_token>";

/// The token of `Bearer <token>` (the scheme in any letter case).
std::string_view bearer_token(std::string_view authorization) {
    const auto space = authorization.find(' ');
    if (space == std::string_view::npos || text::lower_ascii(authorization.substr(0, space)) != "bearer")
        throw failure(errc::unauthenticated, malformed_header);
    const auto token = text::trim(authorization.substr(space + 1));
    if (token.empty()) throw failure(errc::unauthenticated, malformed_header);
    return token;
}

}  // namespace

awaitable<std::optional<principal>> request_identity::from_header(request_context& ctx) {
    if (ctx.cached_principal()) co_return ctx.cached_principal();
    const auto authorization = ctx.header("Authorization");
    if (authorization.empty()) co_return std::nullopt;
    try {
        auto who = co_await tokens_.authenticate(bearer_token(authorization));
        ctx.cached_principal() = who;
        co_return who;
    } catch (const failure& f) {
        throw to_api_error(f);
    }
}

awaitable<principal> request_identity::require_user(request_context& ctx) {
    auto who = co_await from_header(ctx);
    if (!who)
        throw to_api_error(
            failure(errc::unauthenticated, "sign in first: send Authorization: Bearer <access_token>"));
    co_return std::move(*who);
}

awaitable<std::optional<principal>> request_identity::optional_user(request_context& ctx) {
    co_return co_await from_header(ctx);
}

}  // namespace proeventa::auth
