// Conditional requests and content negotiation of ready-made answers: If-None-Match lists
// (weak, `*`, malformed, long), 304 without a body, gzip only for clients that take it.
#include <catch2/catch.hpp>

#include <proeventa/http/content_coding.hpp>
#include <proeventa/http/representation.hpp>

using namespace proeventa;

namespace {
request get_with(std::vector<std::pair<http::field, std::string>> headers) {
    request req{http::verb::get, "/events/events/1", 11};
    for (auto& [f, v] : headers) req.insert(f, v);
    return req;
}
}  // namespace

TEST_CASE("If-None-Match names an entity tag", "[http][etag]") {
    const std::string tag = "\"abc123\"";
    CHECK(if_none_match_names("\"abc123\"", tag));
    CHECK(if_none_match_names("W/\"abc123\"", tag));  // weak comparison for If-None-Match
    CHECK(if_none_match_names("\"x\", \"abc123\"", tag));
    CHECK(if_none_match_names("\"x\",W/\"abc123\" , \"y\"", tag));
    CHECK(if_none_match_names("*", tag));
    CHECK_FALSE(if_none_match_names("\"abc12\"", tag));
    CHECK_FALSE(if_none_match_names("", tag));
    CHECK_FALSE(if_none_match_names("abc123", tag));             // unquoted: malformed
    CHECK_FALSE(if_none_match_names("\"abc123", tag));           // unterminated
    CHECK_FALSE(if_none_match_names("\"a b\", \"abc123\"", tag));  // a space inside a tag
    CHECK_FALSE(if_none_match_names("\"abc123\" junk", tag));
    CHECK_FALSE(if_none_match_names("W/", tag));
    std::string many;
    for (int i = 0; i < 2000; ++i) many += "\"tag" + std::to_string(i) + "\", ";
    CHECK_FALSE(if_none_match_names(many, tag));
    CHECK(if_none_match_names(many + tag, tag));
}

TEST_CASE("strong ETags differ with the bytes and are quoted", "[http][etag]") {
    const auto a = strong_etag("{\"id\":1}");
    CHECK(a.size() == 34);
    CHECK(a.front() == '"');
    CHECK(a.back() == '"');
    CHECK(a == strong_etag("{\"id\":1}"));
    CHECK(a != strong_etag("{\"id\":2}"));
}

TEST_CASE("represent answers 304, gzip or the plain bytes", "[http][etag][compression]") {
    std::string body = "[";
    for (int i = 0; i < 200; ++i) body += "{\"id\":" + std::to_string(i) + ",\"name\":\"Jazz night\"},";
    body += "{}]";
    const auto rep = make_representation(body, "application/json", {{"X-Total-Count", "200"}});
    REQUIRE_FALSE(rep->gzip_body.empty());

    auto plain = represent(get_with({}), *rep, cache_public);
    CHECK(plain.result() == http::status::ok);
    CHECK(plain.body() == body);
    CHECK(plain[http::field::etag] == rep->etag);
    CHECK(plain[http::field::vary] == "Accept-Encoding");
    CHECK(plain[http::field::cache_control] == "public, no-cache");
    CHECK(plain["X-Total-Count"] == "200");
    CHECK(plain.find(http::field::content_encoding) == plain.end());

    auto packed = represent(get_with({{http::field::accept_encoding, "gzip, br"}}), *rep, cache_private);
    CHECK(packed[http::field::content_encoding] == "gzip");
    CHECK(content_coding::gunzip(packed.body()) == body);
    CHECK(packed[http::field::cache_control] == "private, no-cache");

    auto refused = represent(get_with({{http::field::accept_encoding, "gzip;q=0"}}), *rep, cache_public);
    CHECK(refused.body() == body);

    auto cached = represent(get_with({{http::field::if_none_match, rep->etag}}), *rep, cache_public);
    CHECK(cached.result() == http::status::not_modified);
    CHECK(cached.body().empty());
    CHECK(cached[http::field::etag] == rep->etag);

    auto stale = represent(get_with({{http::field::if_none_match, "\"old\""}}), *rep, cache_public);
    CHECK(stale.result() == http::status::ok);
    auto malformed = represent(get_with({{http::field::if_none_match, "garbage"}}), *rep, cache_public);
    CHECK(malformed.result() == http::status::ok);
    // Two If-None-Match fields are one list.
    auto split = represent(get_with({{http::field::if_none_match, "\"old\""}, {http::field::if_none_match, rep->etag}}),
                           *rep, cache_public);
    CHECK(split.result() == http::status::not_modified);

    const auto small = make_representation("{\"id\":1}");
    CHECK(small->gzip_body.empty());
    auto tiny = represent(get_with({{http::field::accept_encoding, "gzip"}}), *small, cache_public);
    CHECK(tiny.body() == "{\"id\":1}");
    CHECK(tiny.find(http::field::vary) == tiny.end());
}
