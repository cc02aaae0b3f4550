#pragma once
// Setup shared by the reservation tests: organizers, venues and events made through the API,
// and many customers made at once (rows in SQL, tokens minted by PyJWT with the server's
// secret, so a test with hundreds of users does not spend minutes hashing passwords).
#include "test_support.hpp"

#include <boost/json.hpp>

#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

namespace proeventa::test {

inline const std::string test_jwt_secret = "test-secret-0123456789abcdef0123456789abcdef";

inline std::vector<test_user> bulk_users(const std::string& conninfo, int count, const std::string& prefix) {
    auto rows = sql(conninfo,
                    "INSERT INTO users (email, password_hash, full_name) SELECT '" + prefix +
                        "' || g || '@example.com', 'unusable', 'Buyer ' || g FROM generate_series(1, " +
                        std::to_string(count) + ") g RETURNING id");
    std::string ids;
    for (auto& r : rows) ids += r[0] + " ";
    const std::string script =
        "import sys, time, uuid, jwt\n"
        "now = int(time.time())\n"
        "for uid in sys.argv[2:]:\n"
        "    print(jwt.encode({'sub': uid, 'role': 'customer', 'iat': now, 'exp': now + 3600,"
        " 'iss': 'proeventa', 'jti': uuid.uuid4().hex}, sys.argv[1], algorithm='HS256'))\n";
    std::string command = "/usr/bin/python3 -c \"" + script + "\" " + test_jwt_secret + " " + ids;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) throw std::runtime_error("cannot run python3");
    std::vector<test_user> users;
    char line[4096];
    std::size_t i = 0;
    while (std::fgets(line, sizeof line, pipe) && i < rows.size()) {
        std::string token(line);
        while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
        users.push_back({std::stoll(rows[i][0]), prefix + std::to_string(i + 1) + "@example.com", token});
        ++i;
    }
    ::pclose(pipe);
    if (users.size() != rows.size()) throw std::runtime_error("token minting failed");
    return users;
}

struct seated_event {
    std::int64_t id = 0;
    std::vector<std::int64_t> seat_ids;
};

inline seated_event make_seated_event(client& c, const test_user& organizer, int rows, int per_row,
                                      const std::string& name = "Rush Night") {
    auto venue = c.post("/events/venues",
                        {{"name", name + " Hall"},
                         {"address", "1 Test Street"},
                         {"timezone", "Europe/Berlin"},
                         {"layout", {{"sections", boost::json::array{{{"name", "Stalls"},
                                                                       {"rows", rows},
                                                                       {"seats_per_row", per_row},
                                                                       {"category", "A"}}}}}}},
                        organizer.token);
    INFO(venue.body);
    REQUIRE(venue.status == 201);
    const auto venue_id = venue.json().at("id").as_int64();
    auto event = c.post("/events/events",
                        {{"name", name},
                         {"description", "A test event"},
                         {"start_time", "2030-06-01T19:00:00Z"},
                         {"end_time", "2030-06-01T22:00:00Z"},
                         {"venue_id", venue_id},
                         {"status", "published"},
                         {"currency", "EUR"},
                         {"prices", boost::json::array{{{"category", "A"}, {"price_cents", 2500}}}}},
                        organizer.token);
    INFO(event.body);
    REQUIRE(event.status == 201);
    seated_event out;
    out.id = event.json().at("id").as_int64();
    auto seats = c.get("/events/events/" + std::to_string(out.id) + "/seats");
    REQUIRE(seats.status == 200);
    const auto seat_map = seats.json();
    for (const auto& s : seat_map.at("seats").as_array()) out.seat_ids.push_back(s.at("id").as_int64());
    REQUIRE(out.seat_ids.size() == static_cast<std::size_t>(rows * per_row));
    return out;
}

inline std::int64_t make_ga_event(client& c, const test_user& organizer, int capacity,
                                  const std::string& name = "Club Night") {
    auto venue = c.post("/events/venues",
                        {{"name", name + " Club"}, {"address", "2 Test Street"}, {"timezone", "Europe/Berlin"},
                         {"capacity", capacity}},
                        organizer.token);
    INFO(venue.body);
    REQUIRE(venue.status == 201);
    auto event = c.post("/events/events",
                        {{"name", name},
                         {"description", "Standing only"},
                         {"start_time", "2030-06-02T21:00:00Z"},
                         {"end_time", "2030-06-03T03:00:00Z"},
                         {"venue_id", venue.json().at("id").as_int64()},
                         {"status", "published"},
                         {"currency", "EUR"},
                         {"capacity", capacity},
                         {"prices", boost::json::array{{{"category", "general"}, {"price_cents", 1500}}}}},
                        organizer.token);
    INFO(event.body);
    REQUIRE(event.status == 201);
    return event.json().at("id").as_int64();
}

inline std::int64_t scalar(const std::string& conninfo, const std::string& query) {
    auto rows = sql(conninfo, query);
    return rows.empty() || rows[0].empty() || rows[0][0].empty() ? 0 : std::stoll(rows[0][0]);
}

}  // namespace proeventa::test
