#pragma once
// The auth module's expected failures, as its services report them: a code to branch on, a
// message for people and, for input problems, the fields concerned. errors.cpp turns them into
// HTTP answers, in that one place.
#include <proeventa/http/api_error.hpp>

#include <cstdint>
#include <exception>
#include <map>
#include <optional>
#include <string>

namespace proeventa::auth {

enum class errc {
    invalid_input,         // details name the fields
    weak_password,         // a new password breaks the password policy
    email_taken,           // sign-up with an email registered already
    invalid_credentials,   // unknown email or wrong password, told apart by nobody
    unauthenticated,       // no usable access token, or its account is gone
    token_expired,
    token_revoked,         // issued before the account's password changed
    forbidden,             // signed in, but not allowed (role, or a wrong current password)
    user_not_found,
    rate_limited,          // too many attempts; retry_after says for how long
    busy,                  // the password-hashing queue is full; retry_after says when to retry
};

class failure : public std::exception {
public:
    failure(errc code, std::string message, std::map<std::string, std::string> details = {})
        : code_(code), message_(std::move(message)), details_(std::move(details)) {}

    /// A failure that goes away by itself after `seconds`.
    failure&& with_retry_after(std::int64_t seconds) && {
        retry_after_ = seconds;
        return std::move(*this);
    }

    errc code() const noexcept { return code_; }
    const char* what() const noexcept override { return message_.c_str(); }
    const std::string& message() const noexcept { return message_; }
    const std::map<std::string, std::string>& details() const noexcept { return details_; }
    std::optional<std::int64_t> retry_after() const noexcept { return retry_after_; }

private:
    errc code_;
    std::string message_;
    std::map<std::string, std::string> details_;  // field -> problem
    std::optional<std::int64_t> retry_after_;
};

/// The HTTP answer for `f`: status, stable code, message, details and headers.
api_error to_api_error(const failure& f);

}  // namespace proeventa::auth
