// Bearer tokens against the running server: tokens from an independent JWT library are
// interoperable, and every kind of bad token is a 401 with a clear code.
#include "auth_support.hpp"

using namespace proeventa::test;
using namespace proeventa::test::auth;
namespace json = boost::json;

namespace {

std::string claims(std::int64_t user_id, std::int64_t exp_offset, const std::string& extra = {},
                   const std::string& iss = "proeventa") {
    const auto now = unix_now();
    return R"({"sub":")" + std::to_string(user_id) + R"(","role":"customer","iat":)" +
           std::to_string(now) + R"(,"exp":)" + std::to_string(now + exp_offset) + R"(,"iss":")" +
           iss + R"(","jti":"it-)" + std::to_string(now) + "\"" + extra + "}";
}

}  // namespace

TEST_CASE("tokens minted by PyJWT with our secret are accepted, others are not", "[auth][token]") {
    auth_server s("auth_tokens");
    auto user = make_user(s.c, s.db, "token.user@example.com");
    const auto id = user.id;

    SECTION("same secret: accepted") {
        auto res = s.c.get("/auth/me", mint_token(claims(id, 600), jwt_secret));
        INFO(res.body);
        REQUIRE(res.status == 200);
        CHECK(res.json().at("id").as_int64() == id);
    }
    SECTION("the role claim is not trusted: the database decides") {
        auto forged_role = mint_token(claims(id, 600, R"(,"role":"admin")"), jwt_secret);
        // json.loads keeps the last duplicate key: the token claims admin, the row says customer.
        check_error(s.c.get("/auth/users", forged_role), 403, "forbidden");
    }
    SECTION("different secret: bad signature") {
        auto res = s.c.get("/auth/me", mint_token(claims(id, 600), other_secret));
        check_error(res, 401, "unauthorized");
        CHECK(std::string(res.json().at("error").as_string()).find("signature") != std::string::npos);
    }
    SECTION("expired: its own code") {
        auto res = s.c.get("/auth/me", mint_token(claims(id, -5), jwt_secret));
        check_error(res, 401, "token_expired");
    }
    SECTION("not valid before a future time") {
        auto res = s.c.get("/auth/me",
                           mint_token(claims(id, 600, ",\"nbf\":" + std::to_string(unix_now() + 300)), jwt_secret));
        check_error(res, 401, "unauthorized");
        CHECK(std::string(res.json().at("error").as_string()).find("not valid yet") != std::string::npos);
    }
    SECTION("someone else's issuer") {
        check_error(s.c.get("/auth/me", mint_token(claims(id, 600, {}, "evil-corp"), jwt_secret)), 401,
                    "unauthorized");
    }
    SECTION("alg none and RS256 are refused even with a valid HMAC") {
        auto none = mint_token(claims(id, 600), jwt_secret, R"({"alg":"none","typ":"JWT"})");
        auto rs256 = mint_token(claims(id, 600), jwt_secret, R"({"alg":"RS256","typ":"JWT"})");
        auto unsigned_none = none.substr(0, none.rfind('.') + 1);
        for (const auto& t : {none, rs256, unsigned_none}) {
            INFO(t);
            check_error(s.c.get("/auth/me", t), 401, "unauthorized");
        }
        auto hs256 = mint_token(claims(id, 600), jwt_secret, R"({"alg":"HS256","typ":"JWT"})");
        CHECK(s.c.get("/auth/me", hs256).status == 200);
    }
    SECTION("a token of a user that does not exist") {
        check_error(s.c.get("/auth/me", mint_token(claims(id + 1000, 600), jwt_secret)), 401, "unauthorized");
    }
    SECTION("tokens over 8 KiB") {
        auto big = mint_token(claims(id, 600, R"(,"pad":")" + std::string(9000, 'p') + "\""), jwt_secret);
        REQUIRE(big.size() > 8192);
        check_error(s.c.get("/auth/me", big), 401, "unauthorized");
    }
}

TEST_CASE("a token signed with the previous secret still works during rotation", "[auth][token]") {
    auth_server s("auth_rotation", {{"PROEVENTA_JWT_PREVIOUS_SECRET", other_secret}});
    auto user = make_user(s.c, s.db, "rotation@example.com");
    CHECK(s.c.get("/auth/me", mint_token(claims(user.id, 600), other_secret)).status == 200);
    CHECK(s.c.get("/auth/me", mint_token(claims(user.id, 600), jwt_secret)).status == 200);
    check_error(s.c.get("/auth/me", mint_token(claims(user.id, 600), "yet-another-secret-0123456789-abcdefghij")),
                401, "unauthorized");
}

TEST_CASE("our tokens verify with PyJWT and carry the documented claims", "[auth][token]") {
    auth_server s("auth_token_claims");
    auto user = make_user(s.c, s.db, "claims@example.com");
    const auto script =
        "import jwt,sys,json; c=jwt.decode(sys.argv[1], sys.argv[2], algorithms=['HS256'], issuer='proeventa');"
        "print(json.dumps(c))";
    auto decoded = run_command("/usr/bin/python3 -c " + shell_quote(script) + " " + shell_quote(user.token) + " " +
                               shell_quote(jwt_secret));
    INFO(decoded.output);
    REQUIRE(decoded.exit_code == 0);
    auto c = json::parse(decoded.output).as_object();
    CHECK(c.at("sub").as_string() == std::to_string(user.id));
    CHECK(c.at("role").as_string() == "customer");
    CHECK(c.at("iss").as_string() == "proeventa");
    CHECK(c.at("exp").as_int64() - c.at("iat").as_int64() == 3600);
    CHECK(c.at("jti").as_string().size() >= 16);
    CHECK(std::abs(c.at("iat").as_int64() - unix_now()) < 600);

    // Two logins, two token ids.
    const auto other = login_token(s.c, "claims@example.com", "correct-horse-battery");
    CHECK(other != user.token);

    auto wrong = run_command("/usr/bin/python3 -c " + shell_quote(script) + " " + shell_quote(user.token) + " " +
                             shell_quote(other_secret));
    CHECK(wrong.exit_code != 0);
}
