#include "jwt.hpp"

#include "base64url.hpp"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace proeventa::auth {
namespace {

namespace json = boost::json;
using sha256_digest = std::array<unsigned char, 32>;

sha256_digest hmac_sha256(std::string_view key, std::string_view data) {
    sha256_digest out{};
    unsigned int len = 0;
    if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
             reinterpret_cast<const unsigned char*>(data.data()), data.size(), out.data(),
             &len) == nullptr ||
        len != out.size())
        throw std::runtime_error("HMAC-SHA256 failed");
    return out;
}

// The header is fixed: we only ever sign HS256, and a constant string keeps encode cheap.
constexpr std::string_view header_json = R"({"alg":"HS256","typ":"JWT"})";

std::optional<json::object> decode_object(std::string_view part) {
    auto raw = base64url_decode(part);
    if (!raw) return std::nullopt;
    boost::system::error_code ec;
    json::value v = json::parse(*raw, ec);
    if (ec || !v.is_object()) return std::nullopt;
    return std::move(v.as_object());
}

/// NumericDate per RFC 7519: a JSON number of seconds; fractions are truncated.
std::optional<std::int64_t> numeric_date(const json::value& v) {
    if (v.is_int64()) return v.get_int64();
    if (v.is_uint64()) {
        if (v.get_uint64() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            return std::nullopt;
        return static_cast<std::int64_t>(v.get_uint64());
    }
    if (v.is_double()) {
        const double d = v.get_double();
        if (!std::isfinite(d) || std::fabs(d) > 9.0e15) return std::nullopt;
        return static_cast<std::int64_t>(d);
    }
    return std::nullopt;
}

std::optional<std::int64_t> positive_id(std::string_view text) {
    std::int64_t id = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc{} || end != text.data() + text.size() || id <= 0) return std::nullopt;
    return id;
}

}  // namespace

std::string_view describe(token_error e) {
    switch (e) {
    case token_error::too_large: return "the access token is too large";
    case token_error::malformed: return "the access token is malformed";
    case token_error::unsupported_algorithm: return "the access token's algorithm is not accepted";
    case token_error::bad_signature: return "the access token's signature is invalid";
    case token_error::expired: return "the access token has expired";
    case token_error::not_yet_valid: return "the access token is not valid yet";
    case token_error::wrong_issuer: return "the access token was issued by someone else";
    case token_error::bad_claims: return "the access token's claims are invalid";
    }
    return "the access token is invalid";
}

std::string encode_token(const token_claims& claims, std::string_view secret) {
    json::object payload;
    payload["sub"] = std::to_string(claims.user_id);
    payload["role"] = claims.role;
    payload["iat"] = claims.issued_at;
    payload["exp"] = claims.expires_at;
    if (claims.not_before) payload["nbf"] = *claims.not_before;
    payload["iss"] = claims.issuer;
    payload["jti"] = claims.token_id;
    payload["gen"] = claims.generation;

    std::string signing_input = base64url_encode(header_json);
    signing_input += '.';
    signing_input += base64url_encode(json::serialize(payload));
    const auto mac = hmac_sha256(secret, signing_input);
    signing_input += '.';
    signing_input += base64url_encode(
        std::string_view(reinterpret_cast<const char*>(mac.data()), mac.size()));
    return signing_input;
}

boost::system::result<token_claims, token_error> verify_token(std::string_view token,
                                                              const verify_options& opts) {
    if (token.size() > max_token_size) return token_error::too_large;

    const auto first = token.find('.');
    if (first == std::string_view::npos) return token_error::malformed;
    const auto second = token.find('.', first + 1);
    if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos)
        return token_error::malformed;
    const auto header_part = token.substr(0, first);
    const auto payload_part = token.substr(first + 1, second - first - 1);
    const auto signature_part = token.substr(second + 1);
    if (header_part.empty() || payload_part.empty() || signature_part.empty())
        return token_error::malformed;

    // The algorithm is fixed by us, not chosen by the token: anything but HS256 ("none",
    // RS256 signed with our secret as a "public key", ...) is refused before the MAC.
    const auto header = decode_object(header_part);
    if (!header) return token_error::malformed;
    const auto* alg = header->if_contains("alg");
    if (!alg || !alg->is_string()) return token_error::malformed;
    if (alg->get_string() != "HS256") return token_error::unsupported_algorithm;
    // Extensions we do not understand must not be ignored (RFC 7515 §4.1.11).
    if (header->contains("crit")) return token_error::unsupported_algorithm;

    const auto signature = base64url_decode(signature_part);
    if (!signature || signature->size() != sha256_digest{}.size()) return token_error::bad_signature;
    const auto signing_input = token.substr(0, second);
    bool signature_ok = false;
    for (std::string_view secret : opts.secrets) {
        if (secret.empty()) continue;
        const auto expected = hmac_sha256(secret, signing_input);
        if (CRYPTO_memcmp(expected.data(), signature->data(), expected.size()) == 0) {
            signature_ok = true;
            break;
        }
    }
    if (!signature_ok) return token_error::bad_signature;

    const auto payload = decode_object(payload_part);
    if (!payload) return token_error::malformed;

    token_claims claims;
    const auto* sub = payload->if_contains("sub");
    if (!sub || !sub->is_string()) return token_error::bad_claims;
    const auto id = positive_id(sub->get_string());
    if (!id) return token_error::bad_claims;
    claims.user_id = *id;

    const auto* exp = payload->if_contains("exp");
    if (!exp) return token_error::bad_claims;
    const auto expires = numeric_date(*exp);
    if (!expires) return token_error::bad_claims;
    claims.expires_at = *expires;

    if (const auto* iat = payload->if_contains("iat")) {
        const auto issued = numeric_date(*iat);
        if (!issued) return token_error::bad_claims;
        claims.issued_at = *issued;
    }
    if (const auto* nbf = payload->if_contains("nbf")) {
        claims.not_before = numeric_date(*nbf);
        if (!claims.not_before) return token_error::bad_claims;
    }

    const auto* iss = payload->if_contains("iss");
    if (!iss || !iss->is_string() || iss->get_string() != opts.issuer)
        return token_error::wrong_issuer;
    claims.issuer = std::string(iss->get_string());

    // We name no audience, so a token meant for one is meant for someone else (RFC 7519 §4.1.3).
    if (payload->contains("aud")) return token_error::bad_claims;

    if (const auto* role = payload->if_contains("role"); role && role->is_string())
        claims.role = std::string(role->get_string());
    if (const auto* jti = payload->if_contains("jti"); jti && jti->is_string())
        claims.token_id = std::string(jti->get_string());
    if (const auto* gen = payload->if_contains("gen")) {
        if (!gen->is_int64() || gen->get_int64() < 0) return token_error::bad_claims;
        claims.generation = gen->get_int64();
    }

    if (opts.now >= claims.expires_at) return token_error::expired;
    if (claims.not_before && opts.now < *claims.not_before) return token_error::not_yet_valid;
    return claims;
}

}  // namespace proeventa::auth
