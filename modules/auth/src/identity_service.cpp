#include "identity_service.hpp"

#include "base64url.hpp"
#include "errors.hpp"

#include <stdexcept>

namespace proeventa::auth {
namespace {

constexpr std::size_t min_secret_bytes = 32;

failure invalid_token(token_error e) {
    return failure(e == token_error::expired ? errc::token_expired : errc::unauthenticated,
                   std::string(describe(e)));
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

awaitable<principal> identity_service::authenticate(std::string_view token) {
    verify_options opts;
    opts.secrets.push_back(secret_);
    if (previous_secret_) opts.secrets.push_back(*previous_secret_);
    opts.issuer = issuer_;
    opts.now = now_seconds();
    auto verified = verify_token(token, opts);
    if (!verified) throw invalid_token(verified.error());

    // The role is read fresh, so a promotion or demotion applies to tokens already issued, and
    // a deleted account's tokens stop working at once; so do tokens from before a password change.
    std::optional<account_access> access;
    if (accounts_) access = co_await accounts_->access_of(verified->user_id);
    else access = co_await users_.access_of(verified->user_id);
    if (!access || access->deleted)
        throw failure(errc::unauthenticated, "the account of this access token no longer exists");
    if (verified->generation != access->token_generation)
        throw failure(errc::token_revoked,
                      "this access token was revoked when the password changed: sign in again");
    co_return principal{verified->user_id, std::move(access->role)};
}

}  // namespace proeventa::auth
