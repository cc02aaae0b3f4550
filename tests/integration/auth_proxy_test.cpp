// Throttling behind a reverse proxy. The test client stands in for nginx on loopback: it
// sends X-Forwarded-For the way `proxy_add_x_forwarded_for` builds it (whatever the client
// sent, then the address nginx saw), so every request's TCP peer is 127.0.0.1.
#include "auth_support.hpp"

using namespace proeventa::test;
using namespace proeventa::test::auth;
namespace json = boost::json;

namespace {

http_result login_from(client& c, const std::string& forwarded_for, const std::string& email,
                       const std::string& pw) {
    return c.request("POST", "/auth/login", json::serialize(json::object{{"email", email}, {"password", pw}}),
                     {{"Content-Type", "application/json"}, {"X-Forwarded-For", forwarded_for}});
}

http_result signup_from(client& c, const std::string& forwarded_for, const std::string& email) {
    return c.request("POST", "/auth/signup",
                     json::serialize(json::object{{"email", email}, {"password", password}}),
                     {{"Content-Type", "application/json"}, {"X-Forwarded-For", forwarded_for}});
}

std::string guess_email(int i) { return "guess" + std::to_string(i) + "@example.com"; }

}  // namespace

TEST_CASE("behind a trusted proxy, failures lock out only the forwarded address", "[auth][throttle][proxy]") {
    auth_server s("auth_proxy_trusted", {},
                  {"--trusted-proxies", "127.0.0.1/32", "--login-address-failures", "3"});
    REQUIRE(s.c.post("/auth/signup", {{"email", "member@example.com"}, {"password", password}}).status == 201);

    // Three wrong guesses at different accounts from one client.
    for (int i = 0; i < 3; ++i)
        check_error(login_from(s.c, "203.0.113.7", guess_email(i), "wrong-password"), 401, "invalid_credentials");
    check_error(login_from(s.c, "203.0.113.7", "member@example.com", password), 429, "rate_limited");
    // Forging an earlier hop does not help: the proxy appends the address it really saw.
    check_error(login_from(s.c, "198.51.100.200, 203.0.113.7", "member@example.com", password), 429,
                "rate_limited");

    // Another client behind the same proxy is untouched.
    CHECK(login_from(s.c, "198.51.100.9", "member@example.com", password).status == 200);
    check_error(login_from(s.c, "198.51.100.9", guess_email(9), "wrong-password"), 401, "invalid_credentials");
    CHECK(sql(s.db, "SELECT count(*) FROM auth_attempts WHERE kind = 'login_address' AND key = '203.0.113.7'")[0][0] ==
          "3");

    // The access log names the client, not the proxy.
    CHECK(s.server.log_containing("\"remote\":\"198.51.100.9\"").find("\"remote\":\"198.51.100.9\"") !=
          std::string::npos);
}

TEST_CASE("behind a trusted proxy, sign-ups are counted per forwarded address", "[auth][throttle][proxy]") {
    auth_server s("auth_proxy_signup", {{"PROEVENTA_SIGNUPS_PER_HOUR", "2"}, {"PROEVENTA_TRUSTED_PROXIES", "127.0.0.1"}});
    CHECK(signup_from(s.c, "203.0.113.7", "a1@example.com").status == 201);
    CHECK(signup_from(s.c, "203.0.113.7", "a2@example.com").status == 201);
    check_error(signup_from(s.c, "203.0.113.7", "a3@example.com"), 429, "rate_limited");
    CHECK(signup_from(s.c, "198.51.100.9", "b1@example.com").status == 201);
}

TEST_CASE("without --trusted-proxies a forged X-Forwarded-For cannot dodge the limit", "[auth][throttle][proxy]") {
    auth_server s("auth_proxy_untrusted", {}, {"--login-address-failures", "3"});
    REQUIRE(s.c.post("/auth/signup", {{"email", "member@example.com"}, {"password", password}}).status == 201);
    for (int i = 0; i < 3; ++i)
        check_error(login_from(s.c, "203.0.113." + std::to_string(i), guess_email(i), "wrong-password"), 401,
                    "invalid_credentials");
    check_error(login_from(s.c, "198.51.100.77", "member@example.com", password), 429, "rate_limited");
    CHECK(sql(s.db, "SELECT DISTINCT key FROM auth_attempts WHERE kind = 'login_address'") ==
          std::vector<std::vector<std::string>>{{"127.0.0.1"}});
}

TEST_CASE("a proxy that is not in the trusted list is not believed either", "[auth][throttle][proxy]") {
    auth_server s("auth_proxy_other", {}, {"--trusted-proxies", "10.0.0.0/8", "--login-address-failures", "2"});
    for (int i = 0; i < 2; ++i)
        check_error(login_from(s.c, "203.0.113." + std::to_string(i), guess_email(i), "wrong-password"), 401,
                    "invalid_credentials");
    check_error(login_from(s.c, "198.51.100.77", guess_email(5), "wrong-password"), 429, "rate_limited");
}

TEST_CASE("a bad --trusted-proxies value stops the server at start with a clear message", "[auth][proxy]") {
    auth_server s("auth_proxy_bad_flag");
    const auto bin = shell_quote(server_binary(s.server));
    auto bad = run_command(bin + " --trusted-proxies 10.0.0.0/33 --database-url " + shell_quote(s.db) + " migrate");
    INFO(bad.output);
    CHECK(bad.exit_code == 2);
    CHECK(bad.output.find("--trusted-proxies") != std::string::npos);
    CHECK(bad.output.find("10.0.0.0/33") != std::string::npos);
}
