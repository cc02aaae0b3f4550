// The invariant under load, over real HTTP on a real PostgreSQL: no seat sold twice, no event
// oversold, and every 201 a client saw is in the database.
#include "reservations_support.hpp"

#include <atomic>
#include <latch>
#include <mutex>
#include <random>
#include <set>
#include <thread>

using namespace proeventa::test;

namespace {

struct rush_totals {
    std::atomic<int> created{0}, conflicts{0}, other{0};
    std::mutex mutex;
    std::vector<std::int64_t> seats_in_201s;  // seat ids from every 201 body
    std::int64_t places_in_201s = 0;          // general admission quantities from every 201 body
    std::vector<std::string> unexpected;
};

// Runs `requests` reserve calls spread over `connections` threads (one keep-alive connection
// each), user i % users for request i, against the servers round-robin.
template <class MakeBody>
void rush(const std::vector<unsigned short>& ports, const std::vector<test_user>& users, int requests,
          int connections, MakeBody make_body, rush_totals& totals) {
    std::latch start(connections);
    std::vector<std::thread> threads;
    for (int t = 0; t < connections; ++t) {
        threads.emplace_back([&, t] {
            client c(ports[static_cast<std::size_t>(t) % ports.size()]);
            std::mt19937 rng(static_cast<unsigned>(t) * 7919u + 1);
            start.arrive_and_wait();
            for (int i = t; i < requests; i += connections) {
                const auto& user = users[static_cast<std::size_t>(i) % users.size()];
                auto res = c.post("/reservations/reservations/reserve", make_body(rng), user.token);
                if (res.status == 201) {
                    ++totals.created;
                    std::lock_guard lock(totals.mutex);
                    const auto body = res.json();
                    // `seat_ids` is answered with a list, one seat or a quantity with the object.
                    const auto items = body.as_object().contains("reservations")
                                           ? body.at("reservations").as_array()
                                           : boost::json::array{body};
                    for (const auto& r : items) {
                        if (r.at("seat_id").is_int64()) totals.seats_in_201s.push_back(r.at("seat_id").as_int64());
                        else totals.places_in_201s += r.at("quantity").as_int64();
                    }
                } else if (res.status == 409) {
                    ++totals.conflicts;
                } else {
                    ++totals.other;
                    std::lock_guard lock(totals.mutex);
                    totals.unexpected.push_back(std::to_string(res.status) + " " + res.body);
                }
            }
        });
    }
    for (auto& th : threads) th.join();
}

void check_seated_invariant(const std::string& db, std::int64_t event_id, rush_totals& totals,
                            std::size_t seat_count) {
    INFO("unexpected responses: " << (totals.unexpected.empty() ? "" : totals.unexpected.front()));
    CHECK(totals.other == 0);
    const std::set<std::int64_t> distinct(totals.seats_in_201s.begin(), totals.seats_in_201s.end());
    // No seat appears in two successful responses.
    CHECK(distinct.size() == totals.seats_in_201s.size());
    CHECK(distinct.size() <= seat_count);
    const auto e = std::to_string(event_id);
    const auto active = scalar(db, "SELECT count(*) FROM reservations WHERE event_id = " + e +
                                       " AND status IN ('held','confirmed')");
    const auto active_distinct = scalar(db, "SELECT count(DISTINCT seat_id) FROM reservations WHERE event_id = " +
                                                e + " AND status IN ('held','confirmed')");
    // Everything the clients were told succeeded is in the database, and nothing else.
    CHECK(active == static_cast<std::int64_t>(totals.seats_in_201s.size()));
    CHECK(active_distinct == active);
}

}  // namespace

TEST_CASE("200 clients race for the same seat: exactly one wins") {
    auto db = fresh_database("race_one_seat");
    server_process server({db});
    client c(server.port());
    auto organizer = make_user(c, db, "org-race@example.com", "organizer");
    auto event = make_seated_event(c, organizer, 2, 10);
    auto users = bulk_users(db, 200, "racer");
    const auto seat = event.seat_ids[7];

    rush_totals totals;
    rush({server.port()}, users, 200, 200,
         [&](std::mt19937&) { return boost::json::value{{"event_id", event.id}, {"seat_id", seat}}; }, totals);

    CHECK(totals.created == 1);
    CHECK(totals.conflicts == 199);
    CHECK(totals.other == 0);
    CHECK(scalar(db, "SELECT count(*) FROM reservations WHERE seat_id = " + std::to_string(seat) +
                         " AND status IN ('held','confirmed')") == 1);
}

TEST_CASE("a rush of 2000 mixed requests on 64 connections for 500 seats never oversells") {
    auto db = fresh_database("race_rush");
    server_process server({db, {"--threads", "2"}});
    client c(server.port());
    auto organizer = make_user(c, db, "org-rush@example.com", "organizer");
    auto event = make_seated_event(c, organizer, 20, 25);  // 500 seats
    auto users = bulk_users(db, 200, "rusher");

    rush_totals totals;
    rush({server.port()}, users, 2000, 64,
         [&](std::mt19937& rng) {
             // Mostly single seats, some pairs and blocks of four next to each other.
             std::uniform_int_distribution<std::size_t> pick(0, event.seat_ids.size() - 4);
             const auto first = pick(rng);
             const int n = std::array{1, 1, 1, 2, 2, 4}[rng() % 6];
             boost::json::array ids;
             for (int k = 0; k < n; ++k) ids.push_back(event.seat_ids[first + static_cast<std::size_t>(k)]);
             if (n == 1) return boost::json::value{{"event_id", event.id}, {"seat_id", ids[0]}};
             return boost::json::value{{"event_id", event.id}, {"seat_ids", ids}, {"hold", rng() % 2 == 0}};
         },
         totals);

    CHECK(totals.created + totals.conflicts + totals.other == 2000);
    CHECK(totals.created > 0);
    check_seated_invariant(db, event.id, totals, 500);
}

TEST_CASE("general admission: 1000 requests for 300 places never oversell") {
    auto db = fresh_database("race_ga");
    server_process server({db});
    client c(server.port());
    auto organizer = make_user(c, db, "org-ga@example.com", "organizer");
    const auto event_id = make_ga_event(c, organizer, 300);
    auto users = bulk_users(db, 200, "clubber");

    rush_totals totals;
    rush({server.port()}, users, 1000, 64,
         [&](std::mt19937& rng) {
             return boost::json::value{{"event_id", event_id}, {"quantity", 1 + rng() % 4}, {"hold", rng() % 3 == 0}};
         },
         totals);

    INFO("unexpected: " << (totals.unexpected.empty() ? "" : totals.unexpected.front()));
    CHECK(totals.other == 0);
    const auto e = std::to_string(event_id);
    const auto confirmed = scalar(db, "SELECT coalesce(sum(quantity),0) FROM reservations WHERE event_id = " + e +
                                          " AND status IN ('held','confirmed')");
    CHECK(confirmed <= 300);
    CHECK(confirmed == totals.places_in_201s);
    CHECK(scalar(db, "SELECT taken FROM ga_inventory WHERE event_id = " + e) == confirmed);
    // 1000 requests of at least one place each against 300 places: the event fills up.
    CHECK(confirmed >= 297);
}

TEST_CASE("the same rush split over two ProEventa instances on one database") {
    auto db = fresh_database("race_two_instances");
    server_process first({db});
    server_process second({db});
    client c(first.port());
    auto organizer = make_user(c, db, "org-two@example.com", "organizer");
    auto event = make_seated_event(c, organizer, 20, 25);
    const auto ga_event = make_ga_event(c, organizer, 300, "Split Club");
    auto users = bulk_users(db, 200, "split");

    rush_totals seated;
    rush({first.port(), second.port()}, users, 2000, 64,
         [&](std::mt19937& rng) {
             std::uniform_int_distribution<std::size_t> pick(0, event.seat_ids.size() - 2);
             const auto first_seat = pick(rng);
             if (rng() % 2)
                 return boost::json::value{{"event_id", event.id}, {"seat_id", event.seat_ids[first_seat]}};
             return boost::json::value{
                 {"event_id", event.id},
                 {"seat_ids", boost::json::array{event.seat_ids[first_seat], event.seat_ids[first_seat + 1]}}};
         },
         seated);
    check_seated_invariant(db, event.id, seated, 500);

    rush_totals ga;
    rush({first.port(), second.port()}, users, 1000, 64,
         [&](std::mt19937& rng) { return boost::json::value{{"event_id", ga_event}, {"quantity", 1 + rng() % 4}}; },
         ga);
    CHECK(ga.other == 0);
    const auto taken = scalar(db, "SELECT coalesce(sum(quantity),0) FROM reservations WHERE event_id = " +
                                      std::to_string(ga_event) + " AND status IN ('held','confirmed')");
    CHECK(taken <= 300);
    CHECK(taken == ga.places_in_201s);
}

TEST_CASE("the same Idempotency-Key sent twice at once makes one reservation") {
    auto db = fresh_database("race_idempotency");
    server_process server({db});
    client c(server.port());
    auto organizer = make_user(c, db, "org-idem@example.com", "organizer");
    auto event = make_seated_event(c, organizer, 2, 10);
    auto buyer = make_user(c, db, "idem@example.com");

    for (int round = 0; round < 5; ++round) {
        const auto key = "key-" + std::to_string(round);
        const auto body = boost::json::serialize(boost::json::value{
            {"event_id", event.id}, {"seat_ids", boost::json::array{event.seat_ids[static_cast<std::size_t>(round)]}}});
        std::vector<http_result> results(8);
        std::latch go(8);
        std::vector<std::thread> threads;
        for (int t = 0; t < 8; ++t) {
            threads.emplace_back([&, t] {
                client mine(server.port());
                go.arrive_and_wait();
                results[static_cast<std::size_t>(t)] = mine.request(
                    "POST", "/reservations/reservations/reserve", body,
                    {{"Authorization", "Bearer " + buyer.token}, {"Idempotency-Key", key}});
            });
        }
        for (auto& th : threads) th.join();
        for (auto& r : results) {
            INFO(r.body);
            CHECK(r.status == 201);
            CHECK(r.body == results[0].body);  // every duplicate gets the first answer
        }
        CHECK(scalar(db, "SELECT count(*) FROM reservations WHERE user_id = " + std::to_string(buyer.id) +
                             " AND seat_id = " + std::to_string(event.seat_ids[static_cast<std::size_t>(round)])) == 1);
    }
}
