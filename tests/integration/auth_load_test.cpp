// Password hashing must not stall the server: while a burst of logins keeps the hashing pool
// busy, /health keeps answering. Timings are compared with each other, never with constants.
#include "auth_support.hpp"

#include <algorithm>
#include <atomic>
#include <thread>

using namespace proeventa::test;
using namespace proeventa::test::auth;
using clock_type = std::chrono::steady_clock;

TEST_CASE("health stays fast while 20 logins are in flight", "[auth][load]") {
    auth_server s("auth_load");
    constexpr int logins = 20;

    // One real sign-up, then 19 more accounts sharing its hash (sign-ups are throttled and
    // slow; the point here is the logins).
    REQUIRE(s.c.post("/auth/signup", {{"email", "load0@example.com"}, {"password", password}, {"full_name", "L"}})
                .status == 201);
    sql(s.db, "INSERT INTO users (email, password_hash, full_name) "
              "SELECT 'load' || g || '@example.com', password_hash, 'L' FROM users, generate_series(1, " +
                  std::to_string(logins - 1) + ") g");

    // One warm login on its own, for scale.
    const auto solo_start = clock_type::now();
    login_token(s.c, "load0@example.com");
    const auto solo = clock_type::now() - solo_start;

    std::atomic<int> pending{logins};
    std::atomic<int> ok{0};
    std::vector<client> clients;
    for (int i = 0; i < logins; ++i) clients.emplace_back(s.server.port());
    client health(s.server.port());
    REQUIRE(health.get("/health").status == 200);

    const auto burst_start = clock_type::now();
    std::vector<std::thread> threads;
    for (int i = 0; i < logins; ++i) {
        threads.emplace_back([&, i] {
            auto res = clients[static_cast<std::size_t>(i)].post(
                "/auth/login", {{"email", "load" + std::to_string(i) + "@example.com"}, {"password", password}});
            if (res.status == 200) ++ok;
            --pending;
        });
    }

    std::vector<clock_type::duration> during;  // health latencies answered while logins pended
    while (pending.load() > 0) {
        const auto t = clock_type::now();
        const int status = health.get("/health").status;
        const auto took = clock_type::now() - t;
        REQUIRE(status == 200);
        if (pending.load() > 0) during.push_back(took);
    }
    const auto burst = clock_type::now() - burst_start;
    for (auto& t : threads) t.join();

    using ms = std::chrono::duration<double, std::milli>;
    const auto worst = during.empty() ? clock_type::duration::zero() : *std::max_element(during.begin(), during.end());
    INFO("solo login " << ms(solo).count() << " ms, burst " << ms(burst).count() << " ms, health answers during burst "
                       << during.size() << ", worst " << ms(worst).count() << " ms");
    CHECK(ok.load() == logins);
    // The burst queues 20 hashes on a small pool, so it lasts several solo logins...
    CHECK(burst > solo * 2);
    // ...and health kept answering through it, each answer far quicker than the burst.
    REQUIRE(during.size() >= 3);
    CHECK(worst < burst / 2);
}
