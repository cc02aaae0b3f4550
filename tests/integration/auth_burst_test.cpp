// Parallel guesses must not slip past the login limits: every attempt is counted, atomically
// in PostgreSQL, before its password is hashed. What is asserted is structural (statuses and
// the server's own hashing counter in /metrics), never timing.
#include "auth_support.hpp"

#include <algorithm>
#include <iostream>
#include <latch>
#include <thread>

using namespace proeventa::test;
using namespace proeventa::test::auth;

namespace {

std::uint64_t hashes_done(client& c) { return metric(c, "proeventa_auth_password_hashes_total"); }

/// `count` wrong-password logins sent at once, each on its own connection; `email_of(i)` picks
/// the account. Threads only record (Catch2 is not thread-safe); the test checks afterwards.
template <class EmailOf>
std::vector<http_result> wrong_guesses_at_once(auth_server& s, int count, EmailOf email_of) {
    auto body_of = [&](int i) {
        return boost::json::object{{"email", email_of(i)}, {"password", "wrong-guess-" + std::to_string(i)}};
    };
    return logins_at_once(s.server.port(), count, body_of, [](int) {});
}

struct tally {
    long unauthorized = 0, limited = 0;
};

tally check_outcomes(const std::vector<http_result>& results) {
    tally t;
    for (const auto& res : results) {
        if (res.status == 401) {
            check_error(res, 401, "invalid_credentials");
            ++t.unauthorized;
        } else {
            check_error(res, 429, "rate_limited");
            CHECK_FALSE(res.header("retry-after").empty());
            ++t.limited;
        }
    }
    return t;
}

}  // namespace

TEST_CASE("60 parallel wrong passwords for one account: at most the limit are hashed", "[auth][throttle][burst]") {
    auth_server s("auth_burst_account", {{"PROEVENTA_LOGIN_FAILURES", "5"}, {"PROEVENTA_LOGIN_ADDRESS_FAILURES", "5"}});
    REQUIRE(s.c.post("/auth/signup", {{"email", "target@example.com"}, {"password", password}}).status == 201);
    const auto before = hashes_done(s.c);

    const auto t = check_outcomes(wrong_guesses_at_once(s, 60, [](int) { return std::string("target@example.com"); }));
    std::cout << "60 parallel guesses at one account, limit 5: " << t.unauthorized << " answered 401, "
              << t.limited << " answered 429" << std::endl;
    CHECK(t.unauthorized + t.limited == 60);
    CHECK(t.unauthorized >= 1);
    CHECK(t.unauthorized <= 5);
    CHECK(hashes_done(s.c) - before <= 5);
    CHECK(sql(s.db, "SELECT count(*) FROM auth_attempts WHERE kind = 'login_email'")[0][0] ==
          std::to_string(t.unauthorized));
}

TEST_CASE("60 parallel wrong passwords for different accounts from one address: at most its limit are hashed",
          "[auth][throttle][burst]") {
    auth_server s("auth_burst_address", {{"PROEVENTA_LOGIN_ADDRESS_FAILURES", "5"}});
    const auto before = hashes_done(s.c);
    const auto t = check_outcomes(
        wrong_guesses_at_once(s, 60, [](int i) { return "person" + std::to_string(i) + "@example.com"; }));
    std::cout << "60 parallel guesses from one address, limit 5: " << t.unauthorized << " answered 401, "
              << t.limited << " answered 429" << std::endl;
    CHECK(t.unauthorized + t.limited == 60);
    CHECK(t.unauthorized >= 1);
    CHECK(t.unauthorized <= 5);
    CHECK(hashes_done(s.c) - before <= 5);
}

TEST_CASE("a login refused as busy is not counted as a failure", "[auth][throttle][burst]") {
    // No room in the hashing queue at all beyond one job: most of a burst is refused with 503.
    auth_server s("auth_burst_busy", {{"PROEVENTA_LOGIN_FAILURES", "100"}},
                  {"--hash-threads", "1", "--max-pending-hashes", "1"});
    REQUIRE(s.c.post("/auth/signup", {{"email", "busy@example.com"}, {"password", password}}).status == 201);
    std::vector<client> clients;
    for (int i = 0; i < 12; ++i) clients.emplace_back(s.server.port());
    std::vector<int> statuses(12);
    std::latch start(12);
    std::vector<std::thread> threads;
    for (int i = 0; i < 12; ++i)
        threads.emplace_back([&, i] {
            const auto idx = static_cast<std::size_t>(i);
            start.arrive_and_wait();
            statuses[idx] = clients[idx].post("/auth/login", {{"email", "busy@example.com"}, {"password", "wrong-guess"}}).status;
        });
    for (auto& t : threads) t.join();
    const auto failed = std::count(statuses.begin(), statuses.end(), 401);
    const auto busy = std::count(statuses.begin(), statuses.end(), 503);
    CHECK(failed + busy == 12);
    CHECK(busy >= 1);
    // Only the attempts that were answered 401 remain counted, for the account and the address.
    CHECK(sql(s.db, "SELECT count(*) FROM auth_attempts WHERE kind = 'login_email'")[0][0] == std::to_string(failed));
    CHECK(sql(s.db, "SELECT count(*) FROM auth_attempts WHERE kind = 'login_address'")[0][0] == std::to_string(failed));
}
