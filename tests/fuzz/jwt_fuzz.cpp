// The JWT verifier (HS256 access tokens). Input: the first byte picks a mode, the rest is
//   even: a token as a client sends it, verified against the current and the previous secret;
//   odd:  a header and a payload (JSON text, split at the first NUL) that the target encodes
//         and signs with the current secret, so the claim rules behind a valid signature are
//         explored too, not only the ways a forged token fails.
//
// Properties: verification never crashes; a verified token keeps every rule (positive subject,
// our issuer, not expired, not before its nbf, generation >= 0); its claims re-encode to a token
// that verifies to the same claims; it fails against a different secret or none.
#include "base64url.hpp"
#include "fuzz_support.hpp"
#include "jwt.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

using namespace proeventa;
using namespace proeventa::auth;

namespace {

constexpr std::string_view current_secret = "fuzz-current-secret-0123456789abcdef";
constexpr std::string_view previous_secret = "fuzz-previous-secret-fedcba9876543210";
constexpr std::string_view issuer = "proeventa";
constexpr std::int64_t now = 1'800'000'000;  // 2027-01-15

std::string signed_token(std::string_view header, std::string_view payload, std::string_view secret) {
    std::string token = base64url_encode(header) + "." + base64url_encode(payload);
    std::array<unsigned char, 32> mac{};
    unsigned int len = 0;
    HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
         reinterpret_cast<const unsigned char*>(token.data()), token.size(), mac.data(), &len);
    fuzz::require(len == mac.size(), "HMAC-SHA256 gives 32 bytes");
    return token + "." + base64url_encode(std::string_view(reinterpret_cast<const char*>(mac.data()), len));
}

void check_verified(const token_claims& c, std::string_view token) {
    fuzz::require(c.user_id > 0, "a verified token names a positive user id");
    fuzz::require(c.issuer == issuer, "a verified token is ours");
    fuzz::require(now < c.expires_at, "a verified token has not expired");
    fuzz::require(!c.not_before || *c.not_before <= now, "a verified token is valid already");
    fuzz::require(c.generation >= 0, "a verified token's generation is not negative");

    verify_options other{{"another-secret-entirely"}, issuer, now};
    fuzz::require(!verify_token(token, other), "a token does not verify under another secret");
    verify_options none{{}, issuer, now};
    fuzz::require(!verify_token(token, none), "a token does not verify without a secret");

    const auto again = verify_token(encode_token(c, current_secret), verify_options{{current_secret}, issuer, now});
    fuzz::require(again.has_value(), "re-encoded claims verify");
    const auto& a = *again;
    fuzz::require(a.user_id == c.user_id && a.role == c.role && a.issued_at == c.issued_at &&
                      a.expires_at == c.expires_at && a.not_before == c.not_before && a.issuer == c.issuer &&
                      a.token_id == c.token_id && a.generation == c.generation,
                  "re-encoded claims verify to the same claims");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
    std::string token;
    if (data[0] % 2 == 0) {
        token = std::string(rest);
    } else {
        const auto split = rest.find('\0');
        const auto header = rest.substr(0, split);
        const auto payload = split == std::string_view::npos ? std::string_view{} : rest.substr(split + 1);
        token = signed_token(header, payload, current_secret);
    }
    const verify_options opts{{current_secret, previous_secret}, issuer, now};
    const auto verified = verify_token(token, opts);
    if (verified) check_verified(*verified, token);
    else fuzz::require(!describe(verified.error()).empty(), "every rejection has a message");
    return 0;
}
