#pragma once
// JSON Web Tokens, HS256 only. Pure functions with the clock passed in, so every rejection rule
// can be tested without waiting for time to pass.
#include <boost/system/result.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace proeventa::auth {

struct token_claims {
    std::int64_t user_id = 0;   // `sub`, carried as a decimal string
    std::string role;           // informational: the principal's role is re-read from the DB
    std::int64_t issued_at = 0; // `iat`
    std::int64_t expires_at = 0;// `exp`
    std::optional<std::int64_t> not_before;
    std::string issuer;
    std::string token_id;       // `jti`
    /// `gen`: the account's token generation when issued (absent counts as 0). A password
    /// change moves the account on, revoking every older token.
    std::int64_t generation = 0;
};

enum class token_error {
    too_large,
    malformed,
    unsupported_algorithm,
    bad_signature,
    expired,
    not_yet_valid,
    wrong_issuer,
    bad_claims,
};

/// A message fit for the client; it names the rule without echoing anything from the token.
std::string_view describe(token_error e);

/// Tokens beyond this are refused before any parsing (they would not fit a sane header anyway).
inline constexpr std::size_t max_token_size = 8 * 1024;

std::string encode_token(const token_claims& claims, std::string_view secret);

struct verify_options {
    /// Tried in order; the current secret first, then one still honoured during rotation.
    std::vector<std::string_view> secrets;
    std::string_view issuer;
    std::int64_t now = 0;  // seconds since the epoch
};

boost::system::result<token_claims, token_error> verify_token(std::string_view token,
                                                              const verify_options& opts);

}  // namespace proeventa::auth
