#include <proeventa/http/router.hpp>

#include <catch2/catch.hpp>

using namespace proeventa;

namespace {
handler dummy() {
    return [](request_context&) -> awaitable<response> { co_return response{}; };
}
}  // namespace

TEST_CASE("router matches literal paths and both URL layouts", "[router]") {
    router r;
    r.add(http::verb::post, {"/auth/signup", "/api/v1/signup"}, dummy());
    auto a = r.match(http::verb::post, "/auth/signup");
    auto b = r.match(http::verb::post, "/api/v1/signup");
    CHECK(a.outcome == router::match_result::kind::found);
    CHECK(b.outcome == router::match_result::kind::found);
    CHECK(r.match(http::verb::post, "/auth/signup/").outcome == router::match_result::kind::not_found);
    CHECK(r.match(http::verb::post, "/auth").outcome == router::match_result::kind::not_found);
}

TEST_CASE("router captures integer parameters and rejects anything else", "[router]") {
    router r;
    r.add(http::verb::get, {"/events/events/{id}"}, dummy());
    auto m = r.match(http::verb::get, "/events/events/42");
    REQUIRE(m.outcome == router::match_result::kind::found);
    REQUIRE(m.params.size() == 1);
    CHECK(m.params[0].first == "id");
    CHECK(m.params[0].second == 42);
    for (auto bad : {"/events/events/abc", "/events/events/-1", "/events/events/0", "/events/events/1.5",
                     "/events/events/99999999999999999999999", "/events/events/", "/events/events/012",
                     "/events/events/%31"}) {
        INFO(bad);
        CHECK(r.match(http::verb::get, bad).outcome == router::match_result::kind::not_found);
    }
}

TEST_CASE("router answers 405 with Allow for a known path and a wrong method", "[router]") {
    router r;
    r.add(http::verb::get, {"/events/events/{id}"}, dummy());
    r.add(http::verb::put, {"/events/events/{id}"}, dummy());
    r.add(http::verb::delete_, {"/events/events/{id}"}, dummy());
    auto m = r.match(http::verb::post, "/events/events/7");
    CHECK(m.outcome == router::match_result::kind::method_not_allowed);
    CHECK(m.allow.find("GET") != std::string::npos);
    CHECK(m.allow.find("PUT") != std::string::npos);
    CHECK(m.allow.find("DELETE") != std::string::npos);
    CHECK(m.allow.find("POST") == std::string::npos);
}

TEST_CASE("router serves HEAD through the GET handler", "[router]") {
    router r;
    r.add(http::verb::get, {"/health"}, dummy());
    CHECK(r.match(http::verb::head, "/health").outcome == router::match_result::kind::found);
}

TEST_CASE("router keeps literal routes apart from parameter routes of the same length", "[router]") {
    router r;
    r.add(http::verb::post, {"/reservations/reservations/reserve"}, dummy());
    r.add(http::verb::get, {"/reservations/reservations/{id}"}, dummy());
    CHECK(r.match(http::verb::post, "/reservations/reservations/reserve").outcome ==
          router::match_result::kind::found);
    CHECK(r.match(http::verb::get, "/reservations/reservations/5").outcome == router::match_result::kind::found);
}

TEST_CASE("router refuses duplicate and malformed registrations", "[router]") {
    router r;
    r.add(http::verb::get, {"/a"}, dummy());
    CHECK_THROWS(r.add(http::verb::get, {"/a"}, dummy()));
    CHECK_THROWS(r.add(http::verb::get, {"a"}, dummy()));
}

TEST_CASE("router knows the API prefixes from the routes registered under them", "[router]") {
    router r;
    r.add(http::verb::get, {"/events/events", "/api/v1/events"}, dummy());
    r.add(http::verb::post, {"/auth/login"}, dummy());
    r.add(http::verb::get, {"/health"}, dummy());
    CHECK(r.is_api_path("/events/no-such-thing"));
    CHECK(r.is_api_path("/events/"));
    CHECK(r.is_api_path("/api/v2/anything"));
    CHECK(r.is_api_path("/auth/login"));
    // The first segment alone, a one-segment route's name, or a path no route starts with:
    // not the API's, so the fallback (the SPA) answers them.
    CHECK_FALSE(r.is_api_path("/events"));
    CHECK_FALSE(r.is_api_path("/health/x"));
    CHECK_FALSE(r.is_api_path("/reservations/x"));
    CHECK_FALSE(r.is_api_path("/"));
    CHECK_FALSE(r.is_api_path("//events/x"));
    CHECK_FALSE(r.is_api_path("/eventsx/y"));
}
