// The list query on 10 000 events uses indexes for every filter and sort: EXPLAIN of the exact
// statements the server prepares (modules/events/sql/list_events.sql), with parameters as
// PostgreSQL plans them for a prepared statement's custom plan, must show no sequential scan of
// `events`.
#include "events_support.hpp"

#include <proeventa/db/statements.hpp>

#include <boost/json.hpp>

#include <array>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

using namespace proeventa::test;
using namespace proeventa::test::events;

namespace {

/// A list statement as the server prepares it: the module's SQL file, split as the build's
/// statement book splits it.
const char* list_statement(std::string_view name) {
    static const std::string text = [] {
        const auto path = std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() /
                          "modules/events/sql/list_events.sql";
        std::ifstream in(path);
        std::ostringstream out;
        out << in.rdbuf();
        return out.str();
    }();
    static const std::array files{proeventa::embedded_file{"list_events.sql", text}};
    static const proeventa::db::statement_book book("events", files);
    return book[name].sql;
}

/// $1..$11 of the list statements, as SQL literals.
struct list_params {
    std::string search = "NULL", from = "NULL", to = "NULL", venue_id = "NULL", organizer_id = "NULL",
                status = "NULL", available = "false", viewer = "NULL", admin = "false", limit = "20",
                offset = "0";
};

std::string bind(std::string sql, const list_params& p) {
    const std::string values[] = {p.search,  p.from,   p.to,    p.venue_id, p.organizer_id, p.status,
                                  p.available, p.viewer, p.admin, p.limit,   p.offset};
    // Highest first, so $1 never eats the start of $10.
    for (int i = 11; i >= 1; --i) {
        const std::string key = "$" + std::to_string(i);
        for (auto at = sql.find(key); at != std::string::npos; at = sql.find(key, at))
            sql.replace(at, key.size(), values[i - 1]);
    }
    return sql;
}

/// Every plan node, depth first.
void walk(const json::value& node, const std::function<void(const json::object&)>& visit) {
    if (const auto* o = node.if_object()) {
        visit(*o);
        if (const auto* plans = o->if_contains("Plans"))
            for (const auto& child : plans->as_array()) walk(child, visit);
        if (const auto* plan = o->if_contains("Plan")) walk(*plan, visit);
    } else if (const auto* a = node.if_array()) {
        for (const auto& item : *a) walk(item, visit);
    }
}

json::value explain(const std::string& db, const std::string& query) {
    const auto rows = sql(db, "EXPLAIN (FORMAT JSON) " + query);
    REQUIRE(rows.size() == 1);
    return json::parse(rows[0][0]);
}

std::vector<std::string> seq_scans_of_events(const json::value& plan) {
    std::vector<std::string> found;
    walk(plan, [&](const json::object& n) {
        const auto* type = n.if_contains("Node Type");
        const auto* relation = n.if_contains("Relation Name");
        if (type && *type == "Seq Scan" && relation && *relation == "events")
            found.push_back(json::serialize(n));
    });
    return found;
}

}  // namespace

TEST_CASE("the list query uses indexes on 10 000 events", "[events][list][explain]") {
    auto& s = shared_server("events_explain");
    const auto venue = create_venue(s.c, s.organizer, club_body("Explain Club", 1000));
    const auto org = std::to_string(s.organizer.id), other = std::to_string(s.other_organizer.id);

    // 10 000 events over 50 venues and two organizers: mostly published, some drafts and
    // cancellations, a few sold out, spread over a year.
    sql(s.db, "INSERT INTO venues (name, address, timezone, seated, capacity) "
              "SELECT 'Bulk venue ' || g, 'Street ' || g, 'Europe/Paris', false, 500 FROM generate_series(1, 49) g");
    sql(s.db,
        "INSERT INTO events (name, description, start_time, end_time, venue_id, organizer_id, status, capacity,"
        " currency, sold_out) "
        "SELECT (ARRAY['Jazz','Rock','Opera','Ballet','Comedy','Techno','Folk','Blues'])[1 + g % 8] || ' night ' || g,"
        " 'An evening of ' || (ARRAY['music','dance','laughs','songs'])[1 + g % 4] || ' number ' || g,"
        " now() + (g % 365) * interval '1 day' + (g % 24) * interval '1 hour',"
        " now() + (g % 365) * interval '1 day' + (g % 24) * interval '1 hour' + interval '3 hours',"
        " (SELECT min(id) FROM venues) + g % 50,"
        " CASE WHEN g % 2 = 0 THEN " + org + " ELSE " + other + " END,"
        " CASE WHEN g % 20 = 0 THEN 'draft' WHEN g % 33 = 0 THEN 'cancelled' ELSE 'published' END,"
        " 100, 'EUR', g % 50 = 0 "
        "FROM generate_series(1, 10000) g");
    sql(s.db, "ANALYZE");

    const std::string from = "'" + days_from_now(30) + "'", to = "'" + days_from_now(60) + "'";
    struct variant {
        const char* what;
        const char* sql;
        list_params params;
    };
    list_params by_venue, by_organizer, search, rare_search, two_words, range, available, organizer_view,
        admin_view, cancelled, deep;
    by_venue.venue_id = std::to_string(venue);
    by_organizer.organizer_id = org;
    search.search = "'jazz'";
    rare_search.search = "'swan'";
    two_words.search = "'opera 4321'";
    range.from = from;
    range.to = to;
    available.available = "true";
    organizer_view.viewer = org;
    admin_view.admin = "true";
    cancelled.status = "'cancelled'";
    deep.offset = "2000";
    const variant variants[] = {
        {"public, by start time", list_statement("list_events_by_start"), {}},
        {"public, latest first", list_statement("list_events_by_start_desc"), {}},
        {"public, by name", list_statement("list_events_by_name"), {}},
        {"venue filter", list_statement("list_events_by_start"), by_venue},
        {"organizer filter", list_statement("list_events_by_start"), by_organizer},
        {"full-text search, a common word", list_statement("list_events_by_start"), search},
        {"full-text search, a word no event has", list_statement("list_events_by_start"), rare_search},
        {"full-text search, two words", list_statement("list_events_by_start"), two_words},
        {"time range", list_statement("list_events_by_start"), range},
        {"available=true", list_statement("list_events_by_start"), available},
        {"an organizer's view (own drafts)", list_statement("list_events_by_start"), organizer_view},
        {"an admin's view (everything)", list_statement("list_events_by_start"), admin_view},
        {"admin, by name", list_statement("list_events_by_name"), admin_view},
        {"status=cancelled", list_statement("list_events_by_start"), cancelled},
        {"offset 2000", list_statement("list_events_by_start"), deep},
    };
    for (const auto& v : variants) {
        INFO(v.what);
        const auto plan = explain(s.db, bind(v.sql, v.params));
        INFO(json::serialize(plan));
        CHECK(seq_scans_of_events(plan).empty());
    }

    // The same statements through the server answer correctly on this data.
    auto res = s.c.get("/events/events?limit=5");
    REQUIRE(res.status == 200);
    const auto published = sql(s.db, "SELECT count(*) FROM events WHERE status = 'published'")[0][0];
    CHECK(res.header("X-Total-Count") == published);
    res = s.c.get("/events/events?q=jazz&limit=100");
    REQUIRE(res.status == 200);
    const auto jazz = sql(s.db, "SELECT count(*) FROM events WHERE status = 'published' AND name ILIKE 'jazz%'")[0][0];
    CHECK(res.header("X-Total-Count") == jazz);
    res = s.c.get("/events/events?available=true&limit=1");
    const auto open = sql(s.db, "SELECT count(*) FROM events WHERE status = 'published' AND NOT sold_out")[0][0];
    CHECK(res.header("X-Total-Count") == open);
}
