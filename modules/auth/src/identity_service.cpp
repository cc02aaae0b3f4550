#include "identity_service.hpp"

#include "base64url.hpp"

#include <proeventa/http/api_error.hpp>

#include <stdexcept>

namespace proeventa::auth {
namespace {

constexpr std::size_t min_secret_bytes = 32;

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

api_error invalid_token(token_error e) {
    return errors::unauthorized(std::string(describe(e)),
                                e == token_error::expired ? "token_expired" : "unauthorized");
}

}  // namespace

identity_service::identity_service(user_repository& users, const options& opts, clock_fn clock)
    : users_(users),
      secret_(opts.jwt_secret),
      previous_secret_(opts.jwt_previous_secret),
      issuer_(opts.issuer),
      ttl_(opts.token_ttl),
      clock_(clock ? std::move(clock) : clock_fn([] { return std::chrono::system_clock::now(); })) {
    if (secret_.size() < min_secret_bytes)
        throw std::invalid_argument("the JWT secret must be at least 32 bytes");
    if (previous_secret_ && previous_secret_->empty()) previous_secret_.reset();
    if (previous_secret_ && previous_secret_->size() < min_secret_bytes)
        throw std::invalid_argument("the previous JWT secret must be at least 32 bytes");
    if (ttl_.count() <= 0) throw std::invalid_argument("the token lifetime must be positive");
}

std::int64_t identity_service::now_seconds() const {
    return std::chrono::duration_cast<std::chrono::seconds>(clock_().time_since_epoch()).count();
}

issued_token identity_service::issue(const user_record& user) const {
    token_claims claims;
    claims.user_id = user.id;
    claims.role = user.role;
    claims.issued_at = now_seconds();
    claims.expires_at = claims.issued_at + ttl_.count();
    claims.issuer = issuer_;
    claims.token_id = random_token(16);
    claims.generation = user.token_generation;
    return {encode_token(claims, secret_), ttl_.count()};
}

awaitable<principal> identity_service::require_user(request_context& ctx) {
    if (ctx.cached_principal()) co_return *ctx.cached_principal();
    const auto authorization = ctx.header("Authorization");
    if (authorization.empty())
        throw errors::unauthorized("sign in first: send Authorization: Bearer <access_token>");
    co_return co_await authenticate(ctx, authorization);
}

awaitable<std::optional<principal>> identity_service::optional_user(request_context& ctx) {
    if (ctx.cached_principal()) co_return ctx.cached_principal();
    const auto authorization = ctx.header("Authorization");
    if (authorization.empty()) co_return std::nullopt;
    co_return co_await authenticate(ctx, authorization);
}

awaitable<principal> identity_service::authenticate(request_context& ctx,
                                                    std::string_view authorization) {
    const auto space = authorization.find(' ');
    if (space == std::string_view::npos || !iequals(authorization.substr(0, space), "Bearer"))
        throw errors::unauthorized("the Authorization header must be: Bearer <access_token>");
    auto token = authorization.substr(space + 1);
    while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
    while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
    if (token.empty())
        throw errors::unauthorized("the Authorization header must be: Bearer <access_token>");

    verify_options opts;
    opts.secrets.push_back(secret_);
    if (previous_secret_) opts.secrets.push_back(*previous_secret_);
    opts.issuer = issuer_;
    opts.now = now_seconds();
    auto verified = verify_token(token, opts);
    if (!verified) throw invalid_token(verified.error());

    // The role is read fresh, so a promotion or demotion applies to tokens already issued, and
    // a deleted account's tokens stop working at once; so do tokens from before a password change.
    auto access = co_await users_.access_of(verified->user_id);
    if (!access) throw errors::unauthorized("the account of this access token no longer exists");
    if (verified->generation != access->token_generation)
        throw errors::unauthorized("this access token was revoked when the password changed: sign in again",
                                   "token_revoked");
    principal who{verified->user_id, std::move(access->role)};
    ctx.cached_principal() = who;
    co_return who;
}

void require_role(const principal& who, std::initializer_list<std::string_view> roles) {
    for (auto role : roles)
        if (who.role == role) return;
    throw errors::forbidden("your role (" + who.role + ") may not do this");
}

void require_self_or_admin(const principal& who, std::int64_t user_id) {
    if (who.user_id != user_id && !who.is_admin())
        throw errors::forbidden("only this user or an admin may do this");
}

}  // namespace proeventa::auth
