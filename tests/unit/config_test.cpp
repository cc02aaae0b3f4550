#include <proeventa/config.hpp>

#include <catch2/catch.hpp>

#include <map>

using namespace proeventa;

namespace {
std::map<std::string, std::string> fake_env;
std::optional<std::string> lookup(const char* name) {
    auto it = fake_env.find(name);
    return it == fake_env.end() ? std::nullopt : std::optional<std::string>(it->second);
}
parse_outcome parse(std::vector<const char*> args) {
    args.insert(args.begin(), "proeventa");
    return parse_config(static_cast<int>(args.size()), args.data(), &lookup);
}
}  // namespace

TEST_CASE("config defaults follow the documented contract", "[config]") {
    fake_env.clear();
    auto c = parse({}).cfg;
    CHECK(c.command == "serve");
    CHECK(c.host == "127.0.0.1");
    CHECK(c.port == 8000);
    CHECK(c.data_dir == "./var");
    CHECK_FALSE(c.database_url);
    CHECK(c.env == "development");
    CHECK(c.threads >= 1);
    CHECK_FALSE(c.demo);
    CHECK(c.limits.header_limit == 16 * 1024);
    CHECK(c.limits.body_limit == 1024 * 1024);
}

TEST_CASE("flags win over environment variables", "[config]") {
    fake_env = {{"PROEVENTA_PORT", "9000"}, {"PROEVENTA_HOST", "0.0.0.0"}, {"DATABASE_URL", "postgresql:///x"}};
    auto c = parse({"--port", "9100"}).cfg;
    CHECK(c.port == 9100);
    CHECK(c.host == "0.0.0.0");
    CHECK(c.database_url == "postgresql:///x");
    auto d = parse({"--port=9200", "--threads=3", "--demo"}).cfg;
    CHECK(d.port == 9200);
    CHECK(d.threads == 3);
    CHECK(d.demo);
    fake_env.clear();
}

TEST_CASE("bad flags and values are config errors", "[config]") {
    fake_env.clear();
    CHECK_THROWS_AS(parse({"--nope"}), config_error);
    CHECK_THROWS_AS(parse({"--port", "70000"}), config_error);
    CHECK_THROWS_AS(parse({"--port", "abc"}), config_error);
    CHECK_THROWS_AS(parse({"--port"}), config_error);
    CHECK_THROWS_AS(parse({"--env", "staging"}), config_error);
    CHECK_THROWS_AS(parse({"--threads", "0"}), config_error);
    CHECK_THROWS_AS(parse({"frobnicate"}), config_error);
    fake_env = {{"PROEVENTA_PORT", "eighty"}};
    CHECK_THROWS_AS(parse({}), config_error);
    fake_env.clear();
}

TEST_CASE("subcommands and their arguments", "[config]") {
    fake_env.clear();
    CHECK(parse({"migrate"}).cfg.command == "migrate");
    auto u = parse({"user", "add", "--email", "a@b.c", "--role", "admin", "--data-dir", "/tmp/x"}).cfg;
    CHECK(u.command == "user");
    CHECK(u.command_args == std::vector<std::string>{"add", "--email", "a@b.c", "--role", "admin"});
    CHECK(u.data_dir == "/tmp/x");
    CHECK(parse({"--help"}).show_help);
    CHECK(parse({"--version"}).show_version);
}

TEST_CASE("trusted proxies: none by default, CIDRs and addresses from a flag or the environment", "[config]") {
    fake_env.clear();
    CHECK(parse({}).cfg.trusted_proxies.empty());

    auto c = parse({"--trusted-proxies", "127.0.0.1/32, 10.0.0.0/8,::1"}).cfg;
    REQUIRE(c.trusted_proxies.networks().size() == 3);
    CHECK(c.trusted_proxies.contains(net::ip::make_address("10.20.30.40")));
    CHECK(c.trusted_proxies.contains(net::ip::make_address("::1")));
    CHECK_FALSE(c.trusted_proxies.contains(net::ip::make_address("192.0.2.1")));

    fake_env = {{"PROEVENTA_TRUSTED_PROXIES", "2001:db8::/32"}};
    CHECK(parse({}).cfg.trusted_proxies.contains(net::ip::make_address("2001:db8::5")));
    fake_env.clear();
}

TEST_CASE("a bad trusted proxy is a start-up error naming the flag and the entry", "[config]") {
    fake_env.clear();
    for (const char* bad : {"10.0.0.0/33", "proxy.internal", "10.0.0.1/8", "127.0.0.1,nope"}) {
        INFO(bad);
        try {
            (void)parse({"--trusted-proxies", bad});
            FAIL("accepted");
        } catch (const config_error& e) {
            const std::string message = e.what();
            CHECK(message.rfind("--trusted-proxies: ", 0) == 0);
            CHECK(message.find('\'') != std::string::npos);
        }
    }
    fake_env = {{"PROEVENTA_TRUSTED_PROXIES", "10.0.0.0/99"}};
    CHECK_THROWS_AS(parse({}), config_error);
    fake_env.clear();
}

TEST_CASE("login limits per account and per address are separate settings", "[config]") {
    fake_env.clear();
    auto defaults = parse({}).cfg;
    CHECK(defaults.login_failures_allowed == 5);
    CHECK(defaults.login_address_failures_allowed == 50);

    fake_env = {{"PROEVENTA_LOGIN_ADDRESS_FAILURES", "200"}};
    auto c = parse({"--login-failures", "3"}).cfg;
    CHECK(c.login_failures_allowed == 3);
    CHECK(c.login_address_failures_allowed == 200);
    CHECK(parse({"--login-address-failures=7"}).cfg.login_address_failures_allowed == 7);
    fake_env.clear();
    CHECK_THROWS_AS(parse({"--login-address-failures", "0"}), config_error);
    CHECK(usage_text().find("--login-address-failures") != std::string::npos);
    CHECK(usage_text().find("--trusted-proxies") != std::string::npos);
}
