// HS256 tokens: what we issue verifies, and every way a token can be wrong is refused with the
// right reason. The clock is a parameter, so expiry is tested without waiting.
#include <catch2/catch.hpp>

#include "base64url.hpp"
#include "jwt.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <string>

using namespace proeventa::auth;

namespace {

const std::string secret = "unit-test-secret-0123456789abcdefghijklmn";
const std::string old_secret = "the-previous-secret-0123456789abcdefghijk";
constexpr std::int64_t t0 = 1'700'000'000;

token_claims sample_claims() {
    token_claims c;
    c.user_id = 42;
    c.role = "organizer";
    c.issued_at = t0;
    c.expires_at = t0 + 3600;
    c.issuer = "proeventa";
    c.token_id = "jti-1";
    return c;
}

verify_options opts_at(std::int64_t now) {
    verify_options o;
    o.secrets = {secret};
    o.issuer = "proeventa";
    o.now = now;
    return o;
}

std::string hmac(const std::string& key, const std::string& data) {
    unsigned char out[32];
    unsigned int len = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &len);
    return std::string(reinterpret_cast<const char*>(out), len);
}

/// A token with whatever header and payload a test needs, signed with HMAC-SHA256.
std::string forge(const std::string& header, const std::string& payload,
                  const std::string& key = secret) {
    std::string input = base64url_encode(header) + "." + base64url_encode(payload);
    return input + "." + base64url_encode(hmac(key, input));
}

const std::string hs256 = R"({"alg":"HS256","typ":"JWT"})";
const std::string good_payload =
    R"({"sub":"42","role":"customer","iat":1700000000,"exp":1700003600,"iss":"proeventa"})";

token_error rejection(const std::string& token, std::int64_t now = t0 + 10) {
    auto r = verify_token(token, opts_at(now));
    REQUIRE_FALSE(r.has_value());
    return r.error();
}

}  // namespace

TEST_CASE("base64url follows RFC 4648 section 5 without padding", "[auth][jwt]") {
    CHECK(base64url_encode("") == "");
    CHECK(base64url_encode("f") == "Zg");
    CHECK(base64url_encode("fo") == "Zm8");
    CHECK(base64url_encode("foo") == "Zm9v");
    CHECK(base64url_encode("foob") == "Zm9vYg");
    CHECK(base64url_encode("fooba") == "Zm9vYmE");
    CHECK(base64url_encode("foobar") == "Zm9vYmFy");
    CHECK(base64url_encode("\xfb\xff") == "-_8");
    CHECK(base64url_decode("-_8") == std::string("\xfb\xff"));
    CHECK(base64url_decode("Zm9vYmFy") == std::string("foobar"));
    CHECK(base64url_decode("Zg") == std::string("f"));
    CHECK_FALSE(base64url_decode("Zg=="));  // padding
    CHECK_FALSE(base64url_decode("+/8"));   // the other alphabet
    CHECK_FALSE(base64url_decode("Z"));     // impossible length
    CHECK_FALSE(base64url_decode("Zh"));    // stray bits: a second spelling of "f"
    CHECK(random_token(16).size() == 22);
    CHECK(random_token(16) != random_token(16));
}

TEST_CASE("a token we issue verifies and carries its claims", "[auth][jwt]") {
    const auto token = encode_token(sample_claims(), secret);
    auto r = verify_token(token, opts_at(t0 + 1));
    REQUIRE(r.has_value());
    CHECK(r->user_id == 42);
    CHECK(r->role == "organizer");
    CHECK(r->issued_at == t0);
    CHECK(r->expires_at == t0 + 3600);
    CHECK(r->issuer == "proeventa");
    CHECK(r->token_id == "jti-1");
    CHECK(r->generation == 0);
    auto later = sample_claims();
    later.generation = 3;
    auto r3 = verify_token(encode_token(later, secret), opts_at(t0 + 1));
    REQUIRE(r3.has_value());
    CHECK(r3->generation == 3);
    CHECK(token.find('=') == std::string::npos);
    CHECK(token.find('+') == std::string::npos);
    CHECK(token.find('/') == std::string::npos);
}

TEST_CASE("a token made by PyJWT with the same secret verifies", "[auth][jwt]") {
    // jwt.encode({'sub':'42','role':'organizer','iat':1700000000,'exp':1700003600,
    //             'iss':'proeventa','jti':'pyjwt-1'}, secret, algorithm='HS256')
    const std::string pyjwt =
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0MiIsInJvbGUiOiJvcmdhbml6ZXIiLCJpYXQiOjE3"
        "MDAwMDAwMDAsImV4cCI6MTcwMDAwMzYwMCwiaXNzIjoicHJvZXZlbnRhIiwianRpIjoicHlqd3QtMSJ9.xvRgNQJS"
        "v8TC2cCUBv39A27kw2t3GFxWpbnyyoBh1Bc";
    auto r = verify_token(pyjwt, opts_at(t0 + 5));
    REQUIRE(r.has_value());
    CHECK(r->user_id == 42);
    CHECK(r->token_id == "pyjwt-1");
    CHECK(r->generation == 0);  // no `gen` claim: the account's first generation

    auto other = opts_at(t0 + 5);
    other.secrets = {old_secret};
    auto refused = verify_token(pyjwt, other);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error() == token_error::bad_signature);
}

TEST_CASE("the previous secret is still accepted during rotation", "[auth][jwt]") {
    const auto token = encode_token(sample_claims(), old_secret);
    CHECK(rejection(token) == token_error::bad_signature);
    auto o = opts_at(t0 + 10);
    o.secrets = {secret, old_secret};
    CHECK(verify_token(token, o).has_value());
}

TEST_CASE("a wrong or tampered signature is refused", "[auth][jwt]") {
    CHECK(rejection(forge(hs256, good_payload, "some-other-secret-0123456789abcdefghijkl")) ==
          token_error::bad_signature);

    auto token = encode_token(sample_claims(), secret);
    // Promote ourselves to admin in the payload and keep the old signature.
    auto parts_end = token.find('.');
    auto sig_start = token.rfind('.');
    const std::string forged_payload = base64url_encode(
        R"({"sub":"1","role":"admin","iat":1700000000,"exp":1700003600,"iss":"proeventa"})");
    const std::string tampered =
        token.substr(0, parts_end) + "." + forged_payload + token.substr(sig_start);
    CHECK(rejection(tampered) == token_error::bad_signature);

    // Truncated and overlong signatures.
    CHECK(rejection(token.substr(0, token.size() - 4)) == token_error::bad_signature);
    CHECK(rejection(token.substr(0, sig_start) + "." + base64url_encode(std::string(64, 'x'))) ==
          token_error::bad_signature);
}

TEST_CASE("algorithms other than HS256 are refused", "[auth][jwt]") {
    SECTION("none with an empty signature") {
        const std::string t = base64url_encode(R"({"alg":"none","typ":"JWT"})") + "." +
                              base64url_encode(good_payload) + ".";
        CHECK(rejection(t) == token_error::malformed);
    }
    SECTION("none with any signature") {
        CHECK(rejection(forge(R"({"alg":"none"})", good_payload)) ==
              token_error::unsupported_algorithm);
    }
    SECTION("RS256 signed with the secret as if it were a key (RS/HS confusion)") {
        CHECK(rejection(forge(R"({"alg":"RS256","typ":"JWT"})", good_payload)) ==
              token_error::unsupported_algorithm);
    }
    SECTION("other HMAC sizes and spellings") {
        CHECK(rejection(forge(R"({"alg":"HS512"})", good_payload)) == token_error::unsupported_algorithm);
        CHECK(rejection(forge(R"({"alg":"hs256"})", good_payload)) == token_error::unsupported_algorithm);
    }
    SECTION("a header without alg, or alg not a string") {
        CHECK(rejection(forge(R"({"typ":"JWT"})", good_payload)) == token_error::malformed);
        CHECK(rejection(forge(R"({"alg":256})", good_payload)) == token_error::malformed);
    }
    SECTION("critical extensions we do not understand") {
        CHECK(rejection(forge(R"({"alg":"HS256","crit":["exp"]})", good_payload)) ==
              token_error::unsupported_algorithm);
    }
}

TEST_CASE("expiry and not-before are enforced against the given clock", "[auth][jwt]") {
    const auto token = encode_token(sample_claims(), secret);
    CHECK(verify_token(token, opts_at(t0 + 3599)).has_value());
    CHECK(rejection(token, t0 + 3600) == token_error::expired);
    CHECK(rejection(token, t0 + 100'000) == token_error::expired);

    auto future = sample_claims();
    future.not_before = t0 + 600;
    const auto early = encode_token(future, secret);
    CHECK(rejection(early, t0 + 10) == token_error::not_yet_valid);
    CHECK(verify_token(early, opts_at(t0 + 600)).has_value());
}

TEST_CASE("the issuer must be ours", "[auth][jwt]") {
    auto c = sample_claims();
    c.issuer = "someone-else";
    CHECK(rejection(encode_token(c, secret)) == token_error::wrong_issuer);
    CHECK(rejection(forge(hs256, R"({"sub":"42","exp":1700003600})")) == token_error::wrong_issuer);
    CHECK(rejection(forge(hs256, R"({"sub":"42","exp":1700003600,"iss":7})")) ==
          token_error::wrong_issuer);
}

TEST_CASE("claims must have the types we rely on", "[auth][jwt]") {
    const std::string tail = R"(,"exp":1700003600,"iss":"proeventa"})";
    CHECK(rejection(forge(hs256, R"({"sub":42)" + tail)) == token_error::bad_claims);
    CHECK(rejection(forge(hs256, R"({"sub":"abc")" + tail)) == token_error::bad_claims);
    CHECK(rejection(forge(hs256, R"({"sub":"0")" + tail)) == token_error::bad_claims);
    CHECK(rejection(forge(hs256, R"({"sub":"-3")" + tail)) == token_error::bad_claims);
    CHECK(rejection(forge(hs256, R"({"sub":"42 ")" + tail)) == token_error::bad_claims);
    CHECK(rejection(forge(hs256, R"({"iss":"proeventa","exp":1700003600})")) == token_error::bad_claims);
    CHECK(rejection(forge(hs256, R"({"sub":"42","iss":"proeventa"})")) == token_error::bad_claims);
    CHECK(rejection(forge(hs256, R"({"sub":"42","exp":"soon","iss":"proeventa"})")) ==
          token_error::bad_claims);
    CHECK(rejection(forge(hs256, R"({"sub":"42","exp":1700003600,"nbf":"x","iss":"proeventa"})")) ==
          token_error::bad_claims);
    CHECK(rejection(forge(hs256, R"({"sub":"42","aud":"other","exp":1700003600,"iss":"proeventa"})")) ==
          token_error::bad_claims);
    CHECK(rejection(forge(hs256, R"({"sub":"42","gen":"1")" + tail)) == token_error::bad_claims);
    CHECK(rejection(forge(hs256, R"({"sub":"42","gen":-1)" + tail)) == token_error::bad_claims);
    CHECK(rejection(forge(hs256, R"({"sub":"42","gen":1.5)" + tail)) == token_error::bad_claims);
    // A fractional NumericDate is legal.
    CHECK(verify_token(forge(hs256, R"({"sub":"42","exp":1700003600.5,"iss":"proeventa"})"),
                       opts_at(t0))
              .has_value());
}

TEST_CASE("garbled tokens are malformed, not crashes", "[auth][jwt]") {
    const auto good = encode_token(sample_claims(), secret);
    for (const std::string& t : {std::string(""), std::string("abc"), std::string("a.b"),
                                std::string(".."), std::string("a.b.c.d"), good + ".x",
                                std::string("!!!.") + good.substr(good.find('.') + 1)}) {
        INFO(t);
        CHECK(rejection(t) == token_error::malformed);
    }
    // A payload that is not JSON, correctly signed.
    CHECK(rejection(forge(hs256, "not json")) == token_error::malformed);
    CHECK(rejection(forge(hs256, "[1,2]")) == token_error::malformed);
    CHECK(rejection(forge("{", good_payload)) == token_error::malformed);
    // Padding is not base64url-without-padding.
    const std::string padded = base64url_encode(hs256) + "==." + base64url_encode(good_payload) + ".x";
    CHECK(rejection(padded) == token_error::malformed);
}

TEST_CASE("tokens over 8 KiB are refused before parsing", "[auth][jwt]") {
    const std::string big_payload = R"({"sub":"42","exp":1700003600,"iss":"proeventa","pad":")" +
                                    std::string(7000, 'x') + "\"}";
    const auto big = forge(hs256, big_payload);
    REQUIRE(big.size() > max_token_size);
    CHECK(rejection(big) == token_error::too_large);

    const std::string fits = R"({"sub":"42","exp":1700003600,"iss":"proeventa","pad":")" +
                             std::string(5000, 'x') + "\"}";
    CHECK(verify_token(forge(hs256, fits), opts_at(t0)).has_value());
}

TEST_CASE("rejection messages say why without echoing the token", "[auth][jwt]") {
    CHECK(describe(token_error::expired).find("expired") != std::string_view::npos);
    CHECK(describe(token_error::unsupported_algorithm).find("algorithm") != std::string_view::npos);
    CHECK(describe(token_error::bad_signature).find("signature") != std::string_view::npos);
}
