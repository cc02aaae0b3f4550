#include <proeventa/http/accept.hpp>

#include <catch2/catch.hpp>

using namespace proeventa;

TEST_CASE("a browser navigating prefers HTML; API clients and */* do not", "[accept]") {
    // Chromium's and Firefox's navigation headers.
    CHECK(prefers_html("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,"
                       "image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7"));
    CHECK(prefers_html("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
    CHECK(prefers_html("text/html"));
    CHECK(prefers_html("TEXT/HTML"));
    CHECK(prefers_html("text/*"));
    CHECK(prefers_html("text/html, */*"));
    CHECK(prefers_html("application/json;q=0.5, text/html"));

    CHECK_FALSE(prefers_html(""));
    CHECK_FALSE(prefers_html("*/*"));
    CHECK_FALSE(prefers_html("application/json"));
    CHECK_FALSE(prefers_html("application/json, text/plain, */*"));
    CHECK_FALSE(prefers_html("application/json, text/html"));  // a tie goes to JSON
    CHECK_FALSE(prefers_html("text/html;q=0.5, application/json"));
    CHECK_FALSE(prefers_html("text/html;q=0, */*"));
    CHECK_FALSE(prefers_html("text/html;q=0.5, application/*"));
    CHECK_FALSE(prefers_html("image/png"));
    CHECK_FALSE(prefers_html("garbage"));
    // A weight that is not a qvalue does not count.
    CHECK_FALSE(prefers_html("text/html;q=2"));
    CHECK_FALSE(prefers_html("text/html;q=abc"));
}
