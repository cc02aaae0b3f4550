// Venue and event input rules that need no database: parsing seat maps and prices, and the
// checks an event must pass against its venue.
#include <catch2/catch.hpp>

#include "catalog_service.hpp"
#include "event_search.hpp"
#include "event_validation.hpp"
#include "venue_validation.hpp"

#include <proeventa/http/json_io.hpp>
#include <proeventa/text.hpp>

#include <boost/json/parse.hpp>

#include <algorithm>

using namespace proeventa::events;
using proeventa::field_reader;
using proeventa::text::valid_utf8;
namespace json = boost::json;

namespace {

/// Whether the rules' problems name `field`.
bool has(const field_problems& problems, std::string_view field) {
    return std::any_of(problems.begin(), problems.end(), [&](const auto& p) { return p.field == field; });
}

event_draft valid_draft() {
    event_draft d;
    d.name = "Swan Lake";
    d.start_time = "2030-05-01T19:30:00Z";
    d.end_time = "2030-05-01T22:00:00Z";
    d.venue_id = 1;
    d.prices = {{"A", 6500}, {"B", 4500}};
    return d;
}

venue_facts seated_venue() { return {1, true, 500, {"A", "B"}}; }
venue_facts club() { return {2, false, 400, {}}; }

}  // namespace

TEST_CASE("layouts parse into sections", "[events][validation]") {
    const auto body = json::parse(R"({"layout":{"sections":[
        {"name":"Stalls","rows":12,"seats_per_row":20,"category":"A"},
        {"name":"Circle","rows":"3","seats_per_row":0}]}})").as_object();
    field_reader problems(body);
    auto sections = parse_layout(problems, default_limits);
    CHECK(sections.empty());
    CHECK(problems.failed("layout.sections[1].rows"));
    CHECK(problems.failed("layout.sections[1].seats_per_row"));
    CHECK(problems.failed("layout.sections[1].category"));
    CHECK_FALSE(problems.failed("layout.sections[0].rows"));

    const auto ok_body = json::parse(R"({"layout":{"sections":[
        {"name":"Stalls","rows":12,"seats_per_row":20,"category":"A"}]}})").as_object();
    field_reader ok(ok_body);
    sections = parse_layout(ok, default_limits);
    CHECK(ok.ok());
    REQUIRE(sections.size() == 1);
    CHECK(sections[0].rows == 12);
}

TEST_CASE("layout bounds: sections, rows, seats", "[events][validation]") {
    const auto big = json::parse(R"({"layout":{"sections":[
        {"name":"A","rows":100,"seats_per_row":200,"category":"A"},
        {"name":"B","rows":1,"seats_per_row":1,"category":"A"}]}})").as_object();
    field_reader problems(big);
    parse_layout(problems, default_limits);
    CHECK(problems.failed("layout"));  // 20 001 seats

    const auto twice = json::parse(R"({"layout":{"sections":[
        {"name":"A","rows":1,"seats_per_row":1,"category":"A"},
        {"name":"A","rows":1,"seats_per_row":1,"category":"A"}]}})").as_object();
    field_reader dup(twice);
    parse_layout(dup, default_limits);
    CHECK(dup.failed("layout.sections[1].name"));

    const auto none = json::parse(R"({"layout":{"sections":[]}})").as_object();
    field_reader empty(none);
    parse_layout(empty, default_limits);
    CHECK(empty.failed("layout.sections"));
}

TEST_CASE("explicit seat lists are checked seat by seat", "[events][validation]") {
    const auto listed_twice = json::parse(R"({"seats":[
        {"section":"Box","row":1,"number":1,"category":"A","x":0,"y":0},
        {"section":"Box","row":"1","number":2,"category":"A","x":1.5,"y":0},
        {"section":"Box","row":"1","number":1,"category":"A","x":3,"y":0}]})").as_object();
    field_reader problems(listed_twice);
    auto seats = parse_seats(problems, default_limits);
    CHECK(problems.failed("seats[2]"));

    const auto incomplete =
        json::parse(R"({"seats":[{"section":"Box","row":"1","number":-1,"category":"A"}]})").as_object();
    field_reader missing(incomplete);
    parse_seats(missing, default_limits);
    CHECK(missing.failed("seats[0].number"));
    CHECK(missing.failed("seats[0].x"));

    const auto one =
        json::parse(R"({"seats":[{"section":"Box","row":1,"number":1,"category":"A","x":0,"y":0}]})").as_object();
    field_reader ok(one);
    seats = parse_seats(ok, default_limits);
    CHECK(ok.ok());
    REQUIRE(seats.size() == 1);
    CHECK(seats[0].row == "1");
    CHECK(seats[0].label == "Box, row 1, seat 1");
}

TEST_CASE("time zone names are checked for shape before the database is asked", "[events][validation]") {
    CHECK(plausible_timezone_name("Europe/Paris"));
    CHECK(plausible_timezone_name("America/Argentina/Buenos_Aires"));
    CHECK(plausible_timezone_name("Etc/GMT+1"));
    CHECK(plausible_timezone_name("UTC"));
    CHECK_FALSE(plausible_timezone_name(""));
    CHECK_FALSE(plausible_timezone_name("../../etc/passwd"));
    CHECK_FALSE(plausible_timezone_name("Europe/Paris; DROP TABLE venues"));
    CHECK_FALSE(plausible_timezone_name("/Europe"));
}

TEST_CASE("prices parse with field paths", "[events][validation]") {
    const auto body = json::parse(R"({"prices":[{"category":"A","price_cents":100},
                                               {"category":"A","price_cents":200},
                                               {"category":"B","price_cents":-1},
                                               {"category":"C","price_cents":1.5}]})").as_object();
    field_reader problems(body);
    auto prices = parse_prices(problems);
    CHECK(problems.failed("prices[1].category"));
    CHECK(problems.failed("prices[2].price_cents"));
    CHECK(problems.failed("prices[3].price_cents"));
    REQUIRE(prices.size() == 1);
    CHECK(prices[0].price_cents == 100);
}

TEST_CASE("currencies are three letters", "[events][validation]") {
    CHECK(normalize_currency("EUR") == "EUR");
    CHECK(normalize_currency("gbp") == "GBP");
    CHECK_FALSE(normalize_currency("EURO"));
    CHECK_FALSE(normalize_currency("E1R"));
}

TEST_CASE("a valid seated event passes and takes the venue's seat count", "[events][validation]") {
    auto d = valid_draft();
    const auto problems = check_event(d, {}, seated_venue());
    CHECK(problems.empty());
    CHECK(d.capacity == 500);
}

TEST_CASE("event rules name the field at fault", "[events][validation]") {
    field_problems problems;
    SECTION("end before start") {
        auto d = valid_draft();
        d.end_time = "2030-05-01T18:00:00Z";
        event_input in;
        in.end_time = d.end_time;
        problems = check_event(d, in, seated_venue());
        CHECK(has(problems, "end_time"));
    }
    SECTION("end equal to start") {
        auto d = valid_draft();
        d.end_time = d.start_time;
        problems = check_event(d, {}, seated_venue());
        CHECK_FALSE(problems.empty());
    }
    SECTION("unknown venue") {
        auto d = valid_draft();
        problems = check_event(d, {}, std::nullopt);
        CHECK(has(problems, "venue_id"));
    }
    SECTION("seated capacity other than the seat count") {
        auto d = valid_draft();
        event_input in;
        in.capacity = 450;
        d.capacity = 450;
        problems = check_event(d, in, seated_venue());
        CHECK(has(problems, "capacity"));
    }
    SECTION("general admission needs a capacity within the venue's") {
        auto d = valid_draft();
        d.prices = {{"general", 1500}};
        problems = check_event(d, {}, club());
        CHECK(has(problems, "capacity"));

        d.capacity = 401;
        const auto over = check_event(d, {}, club());
        CHECK(has(over, "capacity"));

        d.capacity = 400;
        const auto ok = check_event(d, {}, club());
        CHECK(ok.empty());
    }
    SECTION("every category priced, no foreign ones") {
        auto d = valid_draft();
        d.prices = {{"A", 6500}, {"Z", 100}};
        event_input in;
        in.prices = d.prices;
        problems = check_event(d, in, seated_venue());
        CHECK(has(problems, "prices[1].category"));
        CHECK(has(problems, "prices"));  // B has no price
    }
    SECTION("sales window") {
        auto d = valid_draft();
        d.sales_start = "2030-04-01T00:00:00Z";
        d.sales_end = "2030-03-01T00:00:00Z";
        problems = check_event(d, {}, seated_venue());
        CHECK(has(problems, "sales_end"));
    }
    SECTION("sales cannot open after the event ends") {
        auto d = valid_draft();
        d.sales_start = "2030-06-01T00:00:00Z";
        problems = check_event(d, {}, seated_venue());
        CHECK(has(problems, "sales_start"));
    }
}

TEST_CASE("price_cents is shorthand for one price per category", "[events][validation]") {
    auto d = valid_draft();
    d.prices.clear();
    event_input in;
    in.price_cents = 2500;
    const auto problems = check_event(d, in, seated_venue());
    CHECK(problems.empty());
    REQUIRE(d.prices.size() == 2);
    CHECK(d.prices[1].price_cents == 2500);

    auto ga = valid_draft();
    ga.prices.clear();
    ga.capacity = 100;
    const auto ga_problems = check_event(ga, in, club());
    CHECK(ga_problems.empty());
    REQUIRE(ga.prices.size() == 1);
    CHECK(ga.prices[0].category == "general");
}

TEST_CASE("an update merges over the stored event", "[events][validation]") {
    event_record current;
    current.name = "Old";
    current.start_time = "2030-01-01T19:00:00Z";
    current.end_time = "2030-01-01T21:00:00Z";
    current.venue_id = 3;
    current.organizer_id = 9;
    current.status = "published";
    current.capacity = 100;
    current.currency = "EUR";
    current.sales_start = "2029-12-01T00:00:00Z";
    event_input in;
    in.name = "New";
    in.sales_start_given = true;  // null: no opening time any more
    const auto d = merge_event(in, &current, 42);
    CHECK(d.name == "New");
    CHECK(d.organizer_id == 9);
    CHECK(d.start_time == current.start_time);
    CHECK(d.capacity == 100);
    CHECK_FALSE(d.sales_start);
}

TEST_CASE("on-sale state follows status, start and sales window", "[events][catalog]") {
    proeventa::events::event_for_sale e;
    sale_window_facts f;
    f.status = "published";
    apply_sale_state(e, f);
    CHECK(e.not_on_sale_code.empty());

    f.status = "draft";
    apply_sale_state(e, f);
    CHECK(e.not_on_sale_code == "not_on_sale");
    CHECK(e.not_on_sale_reason == "event is not published");

    f.status = "cancelled";
    f.started = true;
    apply_sale_state(e, f);
    CHECK(e.not_on_sale_code == "event_cancelled");

    f.status = "published";
    apply_sale_state(e, f);
    CHECK(e.not_on_sale_reason == "event has already started");

    f.started = false;
    f.before_sales = true;
    f.sales_start = "2030-01-01T10:00:00Z";
    apply_sale_state(e, f);
    CHECK(e.not_on_sale_code == "not_on_sale");
    CHECK(e.not_on_sale_reason.find("2030-01-01T10:00:00Z") != std::string::npos);

    f.before_sales = false;
    f.after_sales = true;
    apply_sale_state(e, f);
    CHECK(e.not_on_sale_code == "not_on_sale");
}

TEST_CASE("search text is passed on whole, or not at all", "[events][search]") {
    CHECK(search_text("Swan") == "Swan");
    CHECK(search_text("  swan \t  LAKE ") == "swan LAKE");
    CHECK(search_text("\"swan lake\" -opera") == "\"swan lake\" -opera");
    CHECK(search_text("Th\xc3\xa9\xc3\xa2tre") == "Th\xc3\xa9\xc3\xa2tre");
    // Nothing to look for: the filter is dropped rather than matching nothing.
    CHECK_FALSE(search_text(""));
    CHECK_FALSE(search_text("   "));
    CHECK_FALSE(search_text("&|!() - \"\""));
}

TEST_CASE("search text must be UTF-8", "[events][search]") {
    CHECK(valid_utf8("plain"));
    CHECK(valid_utf8("Th\xc3\xa9\xc3\xa2tre"));
    CHECK(valid_utf8("\xf0\x9f\x8e\xad"));
    CHECK_FALSE(valid_utf8("\xc3"));
    CHECK_FALSE(valid_utf8("\xc0\xaf"));          // overlong
    CHECK_FALSE(valid_utf8("\xed\xa0\x80"));      // surrogate
    CHECK_FALSE(valid_utf8("abc\xff"));
}
