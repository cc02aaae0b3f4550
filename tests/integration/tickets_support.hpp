#pragma once
// Shared by the order, ticket and mail tests: one server per test binary on a fresh database,
// the people an order concerns (buyer, another customer, the event's organizer, another
// organizer, an admin) and helpers that book and read back.
#include "reservations_support.hpp"
#include "run_end.hpp"

#include <boost/json.hpp>

#include <memory>
#include <regex>
#include <string>

namespace proeventa::test::tickets {

namespace json = boost::json;

inline const std::string reserve_path = "/reservations/reservations/reserve";

struct people {
    test_user admin, organizer, other_organizer, buyer, other_buyer;
    void sign_up(client& c, const std::string& db, const std::string& hint) {
        admin = make_user(c, db, hint + "-admin@example.com", "admin");
        organizer = make_user(c, db, hint + "-organizer@example.com", "organizer");
        other_organizer = make_user(c, db, hint + "-organizer2@example.com", "organizer");
        buyer = make_user(c, db, hint + "-buyer@example.com");
        other_buyer = make_user(c, db, hint + "-buyer2@example.com");
    }
};

struct shop {
    std::string db;
    server_process server;
    client c;
    people who;

    shop(const std::string& hint, std::vector<std::string> extra_args = {})
        : db(fresh_database(hint)), server(make_options(db, std::move(extra_args))), c(server.port()) {
        who.sign_up(c, db, hint);
    }

    static server_process::options make_options(const std::string& db, std::vector<std::string> extra) {
        std::vector<std::string> args{"--signups-per-hour", "1000"};
        args.insert(args.end(), extra.begin(), extra.end());
        return server_process::options{db, args, {}};
    }
};

inline shop& shared_shop(const std::string& hint) {
    static std::unique_ptr<shop> s;
    if (!s) {
        s = std::make_unique<shop>(hint);
        at_run_end([] { s.reset(); });
    }
    return *s;
}

/// The reservations of a 201 answer, whichever shape it has.
inline json::array reserved(const http_result& res) {
    INFO(res.body);
    REQUIRE(res.status == 201);
    const auto body = res.json();
    if (body.as_object().contains("reservations")) return body.at("reservations").as_array();
    return json::array{body};
}

inline std::string order_path(const std::string& reference) { return "/reservations/orders/" + reference; }
inline std::string reservation_path(std::int64_t id, const std::string& tail = "") {
    return "/reservations/reservations/" + std::to_string(id) + tail;
}
inline std::string event_path(std::int64_t id, const std::string& tail = "") {
    return "/events/events/" + std::to_string(id) + tail;
}

inline bool looks_like_reference(const std::string& s) {
    static const std::regex shape("^[ACDEFGHJKMNPQRTUVWXY34679]{8}$");
    return std::regex_match(s, shape);
}

/// The ticket code of a confirmed reservation, as its holder sees it.
inline std::string ticket_code(client& c, const test_user& holder, std::int64_t reservation_id) {
    auto res = c.get(reservation_path(reservation_id, "/ticket"), holder.token);
    INFO(res.body);
    REQUIRE(res.status == 200);
    return std::string(res.json().at("code").as_string());
}

inline http_result scan(client& c, const test_user& who, std::int64_t event_id, const std::string& code) {
    return c.post(event_path(event_id, "/checkins"), json::object{{"code", code}}, who.token);
}

inline void check_error(const http_result& res, int status, const std::string& code) {
    INFO("status " << res.status << " body " << res.body);
    REQUIRE(res.status == status);
    const auto body = res.json().as_object();
    CHECK(body.at("status_code").as_int64() == status);
    CHECK(body.at("code").as_string() == code);
    CHECK_FALSE(body.at("error").as_string().empty());
}

}  // namespace proeventa::test::tickets
