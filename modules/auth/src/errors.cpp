// The one place an auth failure becomes an HTTP answer. The codes are part of the API: clients
// branch on them, tests check them. Change a message if you like, never a code or a status.
#include "errors.hpp"

#include <boost/json/object.hpp>

#include <stdexcept>

namespace proeventa::auth {
namespace {

json::object details_of(const failure& f) {
    json::object out;
    for (const auto& [field, problem] : f.details()) out[field] = problem;
    return out;
}

api_error answer(const failure& f) {
    switch (f.code()) {
        case errc::invalid_input: return errors::validation(details_of(f), f.message());
        case errc::weak_password:
            return api_error(http::status::bad_request, "weak_password", f.message(), details_of(f));
        case errc::email_taken: return errors::conflict("email_taken", f.message());
        case errc::invalid_credentials: return errors::unauthorized(f.message(), "invalid_credentials");
        case errc::unauthenticated: return errors::unauthorized(f.message());
        case errc::token_expired: return errors::unauthorized(f.message(), "token_expired");
        case errc::token_revoked: return errors::unauthorized(f.message(), "token_revoked");
        case errc::forbidden: return errors::forbidden(f.message());
        case errc::user_not_found: return errors::not_found(f.message());
        case errc::rate_limited: return errors::too_many_requests(f.retry_after().value_or(1), f.message());
        case errc::busy: return errors::unavailable("busy", f.message());
    }
    throw std::logic_error("auth failure without an HTTP answer");
}

}  // namespace

api_error to_api_error(const failure& f) {
    auto out = answer(f);
    // rate_limited's Retry-After comes with errors::too_many_requests already.
    if (f.code() != errc::rate_limited && f.retry_after())
        return std::move(out).with_header("Retry-After", std::to_string(*f.retry_after()));
    return out;
}

}  // namespace proeventa::auth
