// Seat-map generation, labels, bounds and the array literals that carry seats to PostgreSQL.
#include <catch2/catch.hpp>

#include "venue_layout.hpp"

#include <proeventa/db/query.hpp>

#include <set>
#include <tuple>

using namespace proeventa::events;

TEST_CASE("rows are lettered A to Z, then AA, AB", "[events][layout]") {
    CHECK(row_name(0) == "A");
    CHECK(row_name(5) == "F");
    CHECK(row_name(25) == "Z");
    CHECK(row_name(26) == "AA");
    CHECK(row_name(27) == "AB");
    CHECK(row_name(51) == "AZ");
    CHECK(row_name(52) == "BA");
    CHECK(row_name(26 + 26 * 26) == "AAA");
}

TEST_CASE("labels read the way tickets print them", "[events][layout]") {
    CHECK(seat_label("Stalls", "F", 12) == "Stalls, row F, seat 12");
}

TEST_CASE("a rectangular layout becomes seats in reading order", "[events][layout]") {
    const auto seats = generate_layout({{"Stalls", 2, 4, "A"}, {"Circle", 1, 2, "B"}});
    REQUIRE(seats.size() == 10);

    CHECK(seats[0].section == "Stalls");
    CHECK(seats[0].row == "A");
    CHECK(seats[0].number == 1);
    CHECK(seats[0].category == "A");
    CHECK(seats[0].label == "Stalls, row A, seat 1");
    CHECK(seats[7].row == "B");
    CHECK(seats[7].number == 4);

    // One unit between seats and rows; the narrower section is centred under the wider one.
    CHECK(seats[0].x == 0);
    CHECK(seats[3].x == 3);
    CHECK(seats[4].y == 1);
    CHECK(seats[8].section == "Circle");
    CHECK(seats[8].x == 1);
    CHECK(seats[9].x == 2);
    // Sections are stacked with a gap after the last row of the one above.
    CHECK(seats[8].y == 2 + section_gap);
    CHECK(seats[8].category == "B");
}

TEST_CASE("generated seats are unique and within bounds", "[events][layout]") {
    const auto seats = generate_layout({{"Stalls", 15, 20, "A"}, {"Circle", 8, 25, "C"}});
    CHECK(seats.size() == 500);
    std::set<std::tuple<std::string, std::string, std::int64_t>> keys;
    for (const auto& s : seats) keys.emplace(s.section, s.row, s.number);
    CHECK(keys.size() == 500);
    const auto problems = check_seat_map(seats, default_limits, "layout");
    CHECK(problems.empty());
}

TEST_CASE("seat maps over the limits are refused", "[events][layout]") {
    SECTION("too many seats") {
        layout_limits small;
        small.max_seats = 10;
        const auto problems = check_seat_map(generate_layout({{"Hall", 3, 4, "A"}}), small, "layout");
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].field == "layout");
        CHECK(problems[0].message.find("10 seats") != std::string::npos);
    }
    SECTION("too many sections") {
        std::vector<section_spec> sections;
        for (int i = 0; i < 51; ++i) sections.push_back({"S" + std::to_string(i), 1, 1, "A"});
        const auto problems = check_seat_map(generate_layout(sections), default_limits, "layout");
        REQUIRE_FALSE(problems.empty());
        CHECK(problems[0].field == "layout");
    }
    SECTION("an empty map") {
        const auto problems = check_seat_map({}, default_limits, "seats");
        REQUIRE_FALSE(problems.empty());
        CHECK(problems[0].field == "seats");
    }
}

TEST_CASE("a seat listed twice is named by its index", "[events][layout]") {
    std::vector<seat_spec> seats{{"Box", "1", 1, "A", 0, 0, ""},
                                 {"Box", "1", 2, "A", 1, 0, ""},
                                 {"Box", "1", 1, "A", 2, 0, ""}};
    const auto problems = check_seat_map(seats, default_limits, "seats");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].field == "seats[2]");
    CHECK(problems[0].message.find("Box, row 1, seat 1") != std::string::npos);
}

TEST_CASE("categories are exactly those the seats use", "[events][layout]") {
    const auto seats = generate_layout({{"Stalls", 1, 2, "B"}, {"Circle", 1, 2, "A"}});
    SECTION("declared order and colours win") {
        const auto cats = categories_for(seats, {{"A", "#112233"}, {"B", ""}, {"Unused", "#445566"}});
        REQUIRE(cats.size() == 2);
        CHECK(cats[0].name == "A");
        CHECK(cats[0].color == "#112233");
        CHECK(cats[1].name == "B");
        CHECK(cats[1].color.size() == 7);
    }
    SECTION("undeclared ones follow first use, with distinct palette colours") {
        const auto cats = categories_for(seats, {});
        REQUIRE(cats.size() == 2);
        CHECK(cats[0].name == "B");
        CHECK(cats[1].name == "A");
        CHECK(cats[0].color != cats[1].color);
    }
}

TEST_CASE("array literals quote every text element", "[events][arrays]") {
    // The seats travel to PostgreSQL through the db layer's one array encoder.
    using texts = std::vector<std::string>;
    const auto array = [](const auto& values) { return *proeventa::db::detail::to_param(values); };
    CHECK(array(texts{}) == "{}");
    CHECK(array(texts{"Stalls", "Row, with comma"}) == R"({"Stalls","Row, with comma"})");
    CHECK(array(texts{"NULL"}) == R"({"NULL"})");
    CHECK(array(texts{R"(say "hi" \o/)"}) == R"({"say \"hi\" \\o/"})");
    CHECK(array(texts{"{braces}"}) == R"({"{braces}"})");
    CHECK(array(std::vector<std::int64_t>{1, -2, 3000000000}) == "{1,-2,3000000000}");
    CHECK(array(std::vector<double>{0, 1.5, -2, 0.1}) == "{0,1.5,-2,0.1}");
}
