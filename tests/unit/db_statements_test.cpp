#include <proeventa/db/query.hpp>
#include <proeventa/db/statements.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <cstring>
#include <stdexcept>

using namespace proeventa;

TEST_CASE("a statement book names each file's statement after the file", "[db][statements]") {
    const std::array files{
        embedded_file{"find.sql", "-- One event.\nSELECT * FROM events WHERE id = $1\n"},
        embedded_file{"lists.sql",
                      "-- name: by_start\nSELECT 1 ORDER BY 1;\n\n-- name: by_name\n-- why it sorts\nSELECT 2\n"},
        embedded_file{"README.md", "not SQL"},
    };
    const db::statement_book book("events", files);
    CHECK(book.size() == 3);
    CHECK(std::strcmp(book["find"].name, "events.find") == 0);
    CHECK(std::strcmp(book["find"].sql, "-- One event.\nSELECT * FROM events WHERE id = $1") == 0);
    CHECK(std::strcmp(book["by_start"].sql, "SELECT 1 ORDER BY 1;") == 0);
    CHECK(std::strcmp(book["by_name"].sql, "-- why it sorts\nSELECT 2") == 0);
    CHECK_THROWS_AS(book["nothing"], std::logic_error);
}

TEST_CASE("a statement book refuses empty and duplicate statements", "[db][statements]") {
    const std::array empty{embedded_file{"blank.sql", "-- only a comment\n\n"}};
    CHECK_THROWS_AS(db::statement_book("m", empty), std::logic_error);
    const std::array twice{embedded_file{"a.sql", "-- name: x\nSELECT 1\n-- name: x\nSELECT 2\n"}};
    CHECK_THROWS_AS(db::statement_book("m", twice), std::logic_error);
    const std::array unnamed{embedded_file{"a.sql", "-- name:\nSELECT 1\n"}};
    CHECK_THROWS_AS(db::statement_book("m", unnamed), std::logic_error);
}

TEST_CASE("array parameters quote text and keep numbers exact", "[db][params]") {
    CHECK(*db::detail::to_param(std::vector<std::int64_t>{1, -2, 3}) == "{1,-2,3}");
    CHECK(*db::detail::to_param(std::vector<std::int64_t>{}) == "{}");
    CHECK(*db::detail::to_param(std::vector<std::string>{"a", "", "say \"hi\"", "back\\slash", "NULL", "{,}"}) ==
          R"({"a","","say \"hi\"","back\\slash","NULL","{,}"})");
    CHECK(*db::detail::to_param(std::vector<double>{0.5, -3, 0.1}) == "{0.5,-3,0.1}");
    CHECK_THROWS(db::detail::to_param(std::vector<double>{1.0 / 0.0}));
}
