// Login and sign-up throttling, counted in PostgreSQL. All requests come from 127.0.0.1, so
// the per-email limit is shown by seeding attempts from elsewhere into the shared table
// (auth_proxy_test.cpp varies the address through a trusted proxy instead).
#include "auth_support.hpp"

using namespace proeventa::test;
using namespace proeventa::test::auth;
namespace json = boost::json;

namespace {

http_result login(client& c, const std::string& email, const std::string& pw) {
    return c.post("/auth/login", {{"email", email}, {"password", pw}});
}

long retry_after(const http_result& res) {
    const auto value = res.header("retry-after");
    INFO("Retry-After: " << value);
    REQUIRE_FALSE(value.empty());
    return std::stol(value);
}

}  // namespace

TEST_CASE("failures from an address up to its limit, then 429 without checking the password", "[auth][throttle]") {
    auth_server s("auth_throttle_address", {{"PROEVENTA_LOGIN_ADDRESS_FAILURES", "5"}});
    REQUIRE(s.c.post("/auth/signup", {{"email", "victim@example.com"}, {"password", password}, {"full_name", "V"}})
                .status == 201);

    // Different emails each time: it is the address that is counted.
    for (int i = 0; i < 5; ++i)
        check_error(login(s.c, "guess" + std::to_string(i) + "@example.com", "wrong-password"), 401,
                    "invalid_credentials");

    auto blocked = login(s.c, "victim@example.com", password);  // even the right password
    check_error(blocked, 429, "rate_limited");
    const auto wait = retry_after(blocked);
    CHECK(wait > 0);
    CHECK(wait <= 900);
    check_error(s.c.request("POST", "/auth/login", "username=victim%40example.com&password=correct-horse-battery",
                            {{"Content-Type", "application/x-www-form-urlencoded"}}),
                429, "rate_limited");

    // Shared state lives in the database (several instances see it): let the window pass.
    sql(s.db, "UPDATE auth_attempts SET attempted_at = attempted_at - interval '16 minutes'");
    CHECK(login(s.c, "victim@example.com", password).status == 200);
}

TEST_CASE("failures against one email block it from every address", "[auth][throttle]") {
    auth_server s("auth_throttle_email");
    REQUIRE(s.c.post("/auth/signup", {{"email", "target@example.com"}, {"password", password}, {"full_name", "T"}})
                .status == 201);
    // Five failures recorded by other instances, from other addresses.
    sql(s.db, "INSERT INTO auth_attempts (kind, key, attempted_at) "
              "SELECT 'login_email', 'target@example.com', now() - make_interval(mins => g) "
              "FROM generate_series(1, 5) g");
    auto blocked = login(s.c, "TARGET@example.com", password);
    check_error(blocked, 429, "rate_limited");
    // The oldest counted failure is 5 minutes old: the block lifts in about 10 minutes.
    const auto wait = retry_after(blocked);
    CHECK(wait > 8 * 60);
    CHECK(wait <= 10 * 60 + 5);

    // Another account from the same address is unaffected.
    REQUIRE(s.c.post("/auth/signup", {{"email", "other@example.com"}, {"password", password}, {"full_name", "O"}})
                .status == 201);
    CHECK(login(s.c, "other@example.com", password).status == 200);

    // Attempts older than the window do not count.
    sql(s.db, "UPDATE auth_attempts SET attempted_at = now() - interval '20 minutes' WHERE kind = 'login_email'");
    CHECK(login(s.c, "target@example.com", password).status == 200);
}

TEST_CASE("a successful login clears the email's failures", "[auth][throttle]") {
    auth_server s("auth_throttle_reset");
    REQUIRE(s.c.post("/auth/signup", {{"email", "forgetful@example.com"}, {"password", password}, {"full_name", "F"}})
                .status == 201);
    for (int i = 0; i < 3; ++i)
        check_error(login(s.c, "forgetful@example.com", "not-it-" + std::to_string(i)), 401, "invalid_credentials");
    CHECK(sql(s.db, "SELECT count(*) FROM auth_attempts WHERE kind = 'login_email'")[0][0] == "3");
    CHECK(login(s.c, "forgetful@example.com", password).status == 200);
    CHECK(sql(s.db, "SELECT count(*) FROM auth_attempts WHERE kind = 'login_email'")[0][0] == "0");
    CHECK(sql(s.db, "SELECT count(*) FROM auth_attempts WHERE kind = 'login_address'")[0][0] == "3");
}

TEST_CASE("wrong current passwords on PATCH /auth/me are throttled like logins", "[auth][throttle]") {
    auth_server s("auth_throttle_patch");
    auto u = make_user(s.c, s.db, "patcher@example.com");
    for (int i = 0; i < 5; ++i)
        check_error(s.c.patch("/auth/me", {{"password", "new-password-1"}, {"current_password", "guess-" + std::to_string(i)}},
                              u.token),
                    403, "forbidden");
    check_error(s.c.patch("/auth/me", {{"password", "new-password-1"}, {"current_password", password}}, u.token), 429,
                "rate_limited");
}

TEST_CASE("the per-account limit is --login-failures, apart from the address's", "[auth][throttle]") {
    auth_server s("auth_throttle_config", {{"PROEVENTA_LOGIN_FAILURES", "2"}});
    check_error(login(s.c, "a@example.com", "wrong-password"), 401, "invalid_credentials");
    check_error(login(s.c, "a@example.com", "wrong-password"), 401, "invalid_credentials");
    check_error(login(s.c, "a@example.com", "wrong-password"), 429, "rate_limited");
    check_error(login(s.c, "A@Example.com", "wrong-password"), 429, "rate_limited");
    // The address has spent 2 of its 50: other accounts from it are not affected.
    for (const char* other : {"b@example.com", "c@example.com"})
        check_error(login(s.c, other, "wrong-password"), 401, "invalid_credentials");
    CHECK(sql(s.db, "SELECT count(*) FROM auth_attempts WHERE kind = 'login_address'")[0][0] == "4");
}

TEST_CASE("guarding one account does not lock out its address", "[auth][throttle]") {
    // Defaults: 5 per account, 50 per address. An office behind one NAT address where a few
    // people mistype, and someone hammers one account, still signs in.
    auth_server s("auth_throttle_office");
    REQUIRE(s.c.post("/auth/signup", {{"email", "clerk@example.com"}, {"password", password}, {"full_name", "C"}})
                .status == 201);
    for (int i = 0; i < 5; ++i)
        check_error(login(s.c, "boss@example.com", "guess-" + std::to_string(i)), 401, "invalid_credentials");
    check_error(login(s.c, "boss@example.com", "guess-5"), 429, "rate_limited");
    for (int i = 0; i < 5; ++i)
        check_error(login(s.c, "typo" + std::to_string(i) + "@example.com", "wrong-password"), 401,
                    "invalid_credentials");
    CHECK(login(s.c, "clerk@example.com", password).status == 200);
}

TEST_CASE("the per-address limit is --login-address-failures", "[auth][throttle]") {
    auth_server s("auth_throttle_address_config", {}, {"--login-address-failures", "7", "--login-failures", "100"});
    REQUIRE(s.c.post("/auth/signup", {{"email", "member@example.com"}, {"password", password}, {"full_name", "M"}})
                .status == 201);
    for (int i = 0; i < 7; ++i)
        check_error(login(s.c, "someone" + std::to_string(i) + "@example.com", "wrong-password"), 401,
                    "invalid_credentials");
    auto blocked = login(s.c, "member@example.com", password);
    check_error(blocked, 429, "rate_limited");
    CHECK(retry_after(blocked) <= 900);
    // Only the address was at its limit: from elsewhere the account is fine.
    CHECK(sql(s.db, "SELECT count(*) FROM auth_attempts WHERE kind = 'login_email' AND key = 'member@example.com'")[0][0] ==
          "0");
}

TEST_CASE("sign-ups are limited per address and hour", "[auth][throttle]") {
    auth_server s("auth_throttle_signup", {{"PROEVENTA_SIGNUPS_PER_HOUR", "3"}});
    auto signup = [&](int i) {
        return s.c.post("/auth/signup", {{"email", "new" + std::to_string(i) + "@example.com"},
                                         {"password", password},
                                         {"full_name", "New"}});
    };
    for (int i = 0; i < 3; ++i) CHECK(signup(i).status == 201);
    auto blocked = signup(3);
    check_error(blocked, 429, "rate_limited");
    const auto wait = retry_after(blocked);
    CHECK(wait > 0);
    CHECK(wait <= 3600);
    // Invalid requests are refused before they count or are throttled.
    check_error(s.c.post("/auth/signup", {{"email", "bad"}, {"password", password}, {"full_name", "B"}}), 400,
                "validation_failed");
    CHECK(sql(s.db, "SELECT count(*) FROM users")[0][0] == "3");

    sql(s.db, "UPDATE auth_attempts SET attempted_at = now() - interval '61 minutes'");
    CHECK(signup(4).status == 201);
}
