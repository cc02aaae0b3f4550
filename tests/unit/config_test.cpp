#include <proeventa/auth/auth.hpp>
#include <proeventa/config.hpp>
#include <proeventa/events/events.hpp>
#include <proeventa/reservations/reservations.hpp>

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

// The modules' settings next to the core's, as the composition root assembles them.
struct module_options {
    auth::options auth;
    events::options events;
    reservations::options reservations;

    std::vector<setting_group> groups() {
        return {{"auth", auth::settings(auth)},
                {"events", events::settings(events)},
                {"reservations", reservations::settings(reservations)}};
    }
};

module_options parse_modules(std::vector<const char*> args) {
    module_options out;
    const auto groups = out.groups();
    args.insert(args.begin(), "proeventa");
    (void)parse_config(static_cast<int>(args.size()), args.data(), &lookup, groups);
    return out;
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
    auto defaults = parse_modules({}).auth;
    CHECK(defaults.login_failures_allowed == 5);
    CHECK(defaults.login_address_failures_allowed == 50);

    fake_env = {{"PROEVENTA_LOGIN_ADDRESS_FAILURES", "200"}};
    auto c = parse_modules({"--login-failures", "3"}).auth;
    CHECK(c.login_failures_allowed == 3);
    CHECK(c.login_address_failures_allowed == 200);
    CHECK(parse_modules({"--login-address-failures=7"}).auth.login_address_failures_allowed == 7);
    fake_env.clear();
    CHECK_THROWS_AS(parse_modules({"--login-address-failures", "0"}), config_error);
    module_options modules;
    const auto help = usage_text(modules.groups());
    CHECK(help.find("--login-address-failures") != std::string::npos);
    CHECK(help.find("--trusted-proxies") != std::string::npos);
}

TEST_CASE("each module's settings keep their flags, variables and defaults", "[config]") {
    fake_env.clear();
    auto defaults = parse_modules({});
    CHECK(defaults.reservations.hold_ttl == std::chrono::seconds(600));
    CHECK(defaults.events.list_cache_ttl == std::chrono::milliseconds(1000));
    CHECK(defaults.auth.token_ttl == std::chrono::seconds(3600));
    CHECK(defaults.auth.hash_threads == 2);
    CHECK(defaults.auth.max_pending_hashes == 64);
    CHECK(defaults.auth.signups_per_hour_per_address == 20);
    CHECK(defaults.auth.jwt_secret.empty());
    CHECK_FALSE(defaults.auth.jwt_secret_file);

    fake_env = {{"PROEVENTA_HOLD_TTL", "5"},
                {"PROEVENTA_JWT_SECRET", "s3cret"},
                {"PROEVENTA_JWT_PREVIOUS_SECRET", "old"},
                {"PROEVENTA_LIST_CACHE_MS", "0"}};
    auto set = parse_modules({"--hold-ttl=7", "--jwt-ttl", "120", "--jwt-secret-file", "/etc/k",
                              "--signups-per-hour", "3", "--hash-threads", "4",
                              "--max-pending-hashes", "9"});
    CHECK(set.reservations.hold_ttl == std::chrono::seconds(7));
    CHECK(set.events.list_cache_ttl == std::chrono::milliseconds(0));
    CHECK(set.auth.jwt_secret == "s3cret");
    CHECK(set.auth.jwt_previous_secret == "old");
    CHECK(set.auth.jwt_secret_file == std::filesystem::path("/etc/k"));
    CHECK(set.auth.token_ttl == std::chrono::seconds(120));
    CHECK(set.auth.signups_per_hour_per_address == 3);
    CHECK(set.auth.hash_threads == 4);
    CHECK(set.auth.max_pending_hashes == 9);
    fake_env.clear();

    // The core alone does not know them, and a bad value names the flag.
    CHECK_THROWS_AS(parse({"--hold-ttl", "7"}), config_error);
    try {
        (void)parse_modules({"--hold-ttl", "0"});
        FAIL("accepted");
    } catch (const config_error& e) {
        CHECK(std::string(e.what()) == "--hold-ttl: expected a number between 1 and 86400, got '0'");
    }
    CHECK_THROWS_AS(parse_modules({"--list-cache-ms", "60001"}), config_error);
    CHECK_THROWS_AS(parse_modules({"--jwt-ttl", "59"}), config_error);
}

TEST_CASE("--help lists every setting with its variable and default", "[config]") {
    module_options modules;
    const auto help = usage_text(modules.groups());
    for (const char* expected :
         {"--host ADDR", "[PROEVENTA_HOST] (127.0.0.1)", "[PROEVENTA_PORT] (8000)", "(./var)",
          "[PROEVENTA_DEMO=1]", "--hold-ttl SECONDS", "[PROEVENTA_HOLD_TTL] (600)",
          "[PROEVENTA_LIST_CACHE_MS] (1000)", "[PROEVENTA_JWT_TTL] (3600)", "PROEVENTA_JWT_SECRET ",
          "PROEVENTA_JWT_PREVIOUS_SECRET", "--jwt-secret-file FILE", "[PROEVENTA_LOGIN_FAILURES] (5)",
          "[PROEVENTA_MAX_PENDING_HASHES] (64)", "[PROEVENTA_HASH_THREADS] (2)", "--env-file FILE",
          "(number of cores)"}) {
        INFO(expected);
        CHECK(help.find(expected) != std::string::npos);
    }
    std::size_t start = 0;
    while (start < help.size()) {
        auto end = help.find('\n', start);
        if (end == std::string::npos) end = help.size();
        INFO(help.substr(start, end - start));
        CHECK(end - start <= 100);
        start = end + 1;
    }
}

TEST_CASE("a flag or variable declared twice is refused", "[config]") {
    fake_env.clear();
    std::size_t size = 0;
    std::vector<setting_group> clash{
        {"twice", {number_setting("--port", "PROEVENTA_OTHER_PORT", "N", "again", size, 0, 9)}}};
    std::vector<const char*> args{"proeventa"};
    CHECK_THROWS_AS(parse_config(1, args.data(), &lookup, clash), config_error);
}
