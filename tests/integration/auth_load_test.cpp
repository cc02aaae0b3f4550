// Password hashing under load. What is asserted is structural, read from the server's own
// counters (/metrics): which requests hashed, which were refused. Timings are printed as
// figures for the reader, never asserted: the machines are shared and noisy.
#include "auth_support.hpp"

#include <algorithm>
#include <atomic>
#include <iostream>
#include <latch>
#include <sstream>
#include <thread>

using namespace proeventa::test;
using namespace proeventa::test::auth;
using clock_type = std::chrono::steady_clock;
using ms = std::chrono::duration<double, std::milli>;

namespace {

/// `count` accounts load0@… load<count-1>@… with one real sign-up's hash (sign-ups are
/// throttled and slow; the point of these tests is the logins).
void make_accounts(auth_server& s, int count) {
    REQUIRE(s.c.post("/auth/signup", {{"email", "load0@example.com"}, {"password", password}, {"full_name", "L"}})
                .status == 201);
    sql(s.db, "INSERT INTO users (email, password_hash, full_name) "
              "SELECT 'load' || g || '@example.com', password_hash, 'L' FROM users, generate_series(1, " +
                  std::to_string(count - 1) + ") g");
}

std::string load_email(int i) { return "load" + std::to_string(i) + "@example.com"; }

/// One login per account, all at once; `pending` counts down as answers come in.
std::vector<http_result> login_burst(auth_server& s, int count, std::atomic<int>* pending = nullptr) {
    auto body_of = [](int i) { return boost::json::object{{"email", load_email(i)}, {"password", password}}; };
    auto after = [pending](int) {
        if (pending) --*pending;
    };
    return logins_at_once(s.server.port(), count, body_of, after);
}

/// The statuses, after checking that every refusal has the documented shape.
std::vector<int> check_statuses(const std::vector<http_result>& results) {
    std::vector<int> statuses;
    for (const auto& res : results) {
        statuses.push_back(res.status);
        if (res.status == 503) {
            check_error(res, 503, "busy");
            CHECK(res.header("retry-after") == "1");
        }
    }
    return statuses;
}

}  // namespace

TEST_CASE("health keeps answering while 20 logins are in flight", "[auth][load]") {
    auth_server s("auth_load");
    constexpr int logins = 20;
    make_accounts(s, logins);

    std::vector<clock_type::duration> solos;
    for (int i = 0; i < 3; ++i) {
        const auto start = clock_type::now();
        login_token(s.c, "load0@example.com");
        solos.push_back(clock_type::now() - start);
    }
    std::sort(solos.begin(), solos.end());
    const auto hashes_before = metric(s.c, "proeventa_auth_password_hashes_total");

    client health(s.server.port());
    REQUIRE(health.get("/health").status == 200);
    std::atomic<int> pending{logins};
    std::vector<http_result> results;
    const auto burst_start = clock_type::now();
    std::thread burst([&] { results = login_burst(s, logins, &pending); });
    std::vector<clock_type::duration> during;
    int health_failures = 0;
    while (pending.load() > 0) {
        const auto t = clock_type::now();
        if (health.get("/health").status != 200) ++health_failures;
        if (pending.load() > 0) during.push_back(clock_type::now() - t);
    }
    burst.join();
    const auto burst_time = clock_type::now() - burst_start;
    const auto statuses = check_statuses(results);

    CHECK(health_failures == 0);
    CHECK(std::count(statuses.begin(), statuses.end(), 200) == logins);
    // Each login hashed exactly once, on the hashing pool.
    CHECK(metric(s.c, "proeventa_auth_password_hashes_total") == hashes_before + logins);
    CHECK(metric(s.c, "proeventa_auth_password_hashes_pending") == 0);

    std::sort(during.begin(), during.end());
    std::ostringstream figures;
    figures << "solo login " << ms(solos[1]).count() << " ms (median of 3); burst of " << logins << ": "
            << ms(burst_time).count() << " ms; health during the burst: " << during.size() << " answers";
    if (!during.empty())
        figures << ", median " << ms(during[during.size() / 2]).count() << " ms, worst "
                << ms(during.back()).count() << " ms";
    std::cout << figures.str() << std::endl;
}

TEST_CASE("an unknown email costs a password hash, like a wrong password", "[auth][load]") {
    auth_server s("auth_timing", {{"PROEVENTA_LOGIN_FAILURES", "1000"}});
    REQUIRE(s.c.post("/auth/signup", {{"email", "known@example.com"}, {"password", password}, {"full_name", "K"}})
                .status == 201);
    auto attempt = [&](const std::string& email) {
        const auto before = metric(s.c, "proeventa_auth_password_hashes_total");
        const auto t = clock_type::now();
        auto res = s.c.post("/auth/login", {{"email", email}, {"password", "not-the-password"}});
        const auto took = clock_type::now() - t;
        check_error(res, 401, "invalid_credentials");
        // The same work either way: one hash, so timing cannot tell the two apart.
        CHECK(metric(s.c, "proeventa_auth_password_hashes_total") == before + 1);
        return took;
    };

    std::vector<clock_type::duration> wrong_password, unknown_email;
    for (int i = 0; i < 5; ++i) {
        wrong_password.push_back(attempt("known@example.com"));
        unknown_email.push_back(attempt("ghost" + std::to_string(i) + "@example.com"));
    }
    std::sort(wrong_password.begin(), wrong_password.end());
    std::sort(unknown_email.begin(), unknown_email.end());
    std::cout << "median wrong password " << ms(wrong_password[2]).count() << " ms, unknown email "
              << ms(unknown_email[2]).count() << " ms" << std::endl;
}

TEST_CASE("past the hashing queue's limit, logins are refused with 503 busy, not queued", "[auth][load]") {
    // One hashing thread and room for two jobs; 24 logins arrive together.
    auth_server s("auth_busy", {}, {"--hash-threads", "1", "--max-pending-hashes", "2"});
    constexpr int logins = 24;
    make_accounts(s, logins);
    const auto hashes_before = metric(s.c, "proeventa_auth_password_hashes_total");

    const auto statuses = check_statuses(login_burst(s, logins));
    const auto ok = std::count(statuses.begin(), statuses.end(), 200);
    const auto busy = std::count(statuses.begin(), statuses.end(), 503);
    std::cout << "24 logins at once with room for 2 hashes: " << ok << " signed in, " << busy << " told busy"
              << std::endl;
    CHECK(ok + busy == logins);
    CHECK(ok >= 1);
    CHECK(busy >= 1);
    CHECK(metric(s.c, "proeventa_auth_password_hashes_refused_total") == static_cast<std::uint64_t>(busy));
    CHECK(metric(s.c, "proeventa_auth_password_hashes_total") == hashes_before + static_cast<std::uint64_t>(ok));
    CHECK(metric(s.c, "proeventa_auth_password_hashes_pending") == 0);
    // A refusal is not a failed login: nobody is throttled, and the same account gets in now.
    for (int i = 0; i < logins; ++i)
        if (statuses[static_cast<std::size_t>(i)] == 503) {
            CHECK(s.c.post("/auth/login", {{"email", load_email(i)}, {"password", password}}).status == 200);
            break;
        }
}
