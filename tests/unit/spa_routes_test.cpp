#include <proeventa/http/spa_routes.hpp>

#include <catch2/catch.hpp>

#include <stdexcept>

using namespace proeventa;

namespace {
const char* table = R"({
  "params": {"id": "positive_integer"},
  "routes": [
    {"path": "/", "page": "events"},
    {"path": "/event/:id", "page": "event-detail"},
    {"path": "/organizer/events/:id/edit", "page": "event-form"}
  ]
})";
}  // namespace

TEST_CASE("SPA routes match literal segments and the declared parameter kind", "[spa]") {
    const auto routes = spa_routes::parse(table);
    CHECK(routes.size() == 3);
    CHECK(routes.matches("/"));
    CHECK(routes.matches("/?q=jazz"));
    CHECK(routes.matches("/event/1"));
    CHECK(routes.matches("/event/999999999999999999"));
    CHECK(routes.matches("/event/42?from=list"));
    CHECK(routes.matches("/organizer/events/7/edit"));

    CHECK_FALSE(routes.matches("/event"));
    CHECK_FALSE(routes.matches("/event/"));
    CHECK_FALSE(routes.matches("/event/1/"));
    CHECK_FALSE(routes.matches("/event/0"));
    CHECK_FALSE(routes.matches("/event/007"));
    CHECK_FALSE(routes.matches("/event/-1"));
    CHECK_FALSE(routes.matches("/event/1e3"));
    CHECK_FALSE(routes.matches("/event/1234567890123456789"));  // 19 digits: past the API's ids
    CHECK_FALSE(routes.matches("/event/abc"));
    CHECK_FALSE(routes.matches("//event/1"));
    CHECK_FALSE(routes.matches("/organizer/events/x/edit"));
    CHECK_FALSE(routes.matches("/no-such-route"));
}

TEST_CASE("SPA routes decode each segment on its own, as the SPA's router does", "[spa]") {
    const auto routes = spa_routes::parse(table);
    CHECK(routes.matches("/%65vent/%31"));
    // An encoded slash stays inside its segment: it never makes two segments of one.
    CHECK_FALSE(routes.matches("/event%2F1"));
    CHECK_FALSE(routes.matches("/organizer%2Fevents/7/edit"));
    // Dot segments, traversal, malformed escapes and raw backslashes name no page.
    CHECK_FALSE(routes.matches("/event/1/.."));
    CHECK_FALSE(routes.matches("/./event/1"));
    CHECK_FALSE(routes.matches("/../event/1"));
    CHECK_FALSE(routes.matches("/%2e%2e/event/1"));
    CHECK_FALSE(routes.matches("/event/%zz"));
    CHECK_FALSE(routes.matches("/event\\1"));
    CHECK_FALSE(routes.matches("/event/1%00"));
}

TEST_CASE("a routes.json the SPA could not use is refused with a reason", "[spa]") {
    auto refused = [](const char* text, const char* reason) {
        CHECK_THROWS_WITH(spa_routes::parse(text), Catch::Contains(reason));
    };
    refused("{", "not valid JSON");
    refused("[]", "top level");
    refused(R"({"routes": [{"path": "/", "page": "x"}]})", "params");
    refused(R"({"params": {"id": "slug"}, "routes": [{"path": "/", "page": "x"}]})", "known kind");
    refused(R"({"params": {}, "routes": []})", "non-empty");
    refused(R"({"params": {}, "routes": [{"page": "x"}]})", "path");
    refused(R"({"params": {}, "routes": [{"path": "/a"}]})", "page");
    refused(R"({"params": {}, "routes": [{"path": "/a", "page": "../x"}]})", "page");
    refused(R"({"params": {}, "routes": [{"path": "a", "page": "x"}]})", "start with");
    refused(R"({"params": {}, "routes": [{"path": "/a/:id", "page": "x"}]})", "undeclared");
    refused(R"({"params": {}, "routes": [{"path": "/a//b", "page": "x"}]})", "segment");
    refused(R"({"params": {}, "routes": [{"path": "/a/", "page": "x"}]})", "segment");
    refused(R"({"params": {}, "routes": [{"path": "/a%20b", "page": "x"}]})", "segment");
}
