// Which clients get gzip (q-values, `*`, malformed headers) and that what we send inflates back.
#include <catch2/catch.hpp>

#include <proeventa/http/content_coding.hpp>

using namespace proeventa;

TEST_CASE("accepts_gzip reads Accept-Encoding with q-values", "[http][compression]") {
    CHECK(content_coding::accepts_gzip("gzip"));
    CHECK(content_coding::accepts_gzip("gzip, deflate, br"));
    CHECK(content_coding::accepts_gzip("br;q=1.0, GZIP;q=0.5"));
    CHECK(content_coding::accepts_gzip("x-gzip"));
    CHECK(content_coding::accepts_gzip("*"));
    CHECK(content_coding::accepts_gzip(" deflate , * ; q=0.1"));
    CHECK_FALSE(content_coding::accepts_gzip(""));
    CHECK_FALSE(content_coding::accepts_gzip("identity"));
    CHECK_FALSE(content_coding::accepts_gzip("br, deflate"));
    CHECK_FALSE(content_coding::accepts_gzip("gzip;q=0"));
    CHECK_FALSE(content_coding::accepts_gzip("gzip;q=0.000"));
    CHECK_FALSE(content_coding::accepts_gzip("gzip;q=0, *"));  // named refusal beats the wildcard
    CHECK_FALSE(content_coding::accepts_gzip("*;q=0"));
    // Malformed elements say nothing: neither a yes nor a no.
    CHECK_FALSE(content_coding::accepts_gzip("gzip;q=2"));
    CHECK_FALSE(content_coding::accepts_gzip("gzip;q=abc"));
    CHECK_FALSE(content_coding::accepts_gzip("gzip;q"));
    CHECK(content_coding::accepts_gzip("gzip;q=, *"));
    CHECK_FALSE(content_coding::accepts_gzip(",,,;;;==="));
    CHECK(content_coding::accepts_gzip(std::string(5000, ',') + "gzip"));
}

TEST_CASE("compressible types are the text ones", "[http][compression]") {
    CHECK(content_coding::compressible("application/json"));
    CHECK(content_coding::compressible("text/html; charset=utf-8"));
    CHECK(content_coding::compressible("text/javascript; charset=utf-8"));
    CHECK(content_coding::compressible("image/svg+xml"));
    CHECK(content_coding::compressible("application/problem+json"));
    CHECK_FALSE(content_coding::compressible("image/png"));
    CHECK_FALSE(content_coding::compressible("font/woff2"));
    CHECK_FALSE(content_coding::compressible(""));
}

TEST_CASE("gzip output inflates back to the input", "[http][compression]") {
    std::string seat_map = "{\"seats\":[";
    for (int i = 0; i < 500; ++i)
        seat_map += "{\"id\":" + std::to_string(i) + ",\"label\":\"A" + std::to_string(i) +
                    "\",\"state\":\"available\"},";
    seat_map += "{}]}";
    const auto packed = content_coding::gzip(seat_map);
    CHECK(packed.size() < seat_map.size() / 5);
    CHECK(static_cast<unsigned char>(packed[0]) == 0x1f);
    CHECK(static_cast<unsigned char>(packed[1]) == 0x8b);
    CHECK(content_coding::gunzip(packed) == seat_map);
    CHECK(content_coding::gunzip(content_coding::gzip("")) == "");
    CHECK_THROWS(content_coding::gunzip(packed.substr(0, packed.size() / 2)));
    CHECK_THROWS(content_coding::gunzip("not gzip at all"));
}
