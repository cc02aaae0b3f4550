#include <proeventa/text.hpp>

#include <catch2/catch.hpp>

using namespace proeventa;

TEST_CASE("text rules count code points and trim ASCII whitespace", "[text]") {
    CHECK(text::trim(" \t\n\r\f\vname \n") == "name");
    CHECK(text::trim("\xC2\xA0name") == "\xC2\xA0name");  // no-break space is content
    CHECK(text::utf8_length("caf\xC3\xA9") == 4);
    CHECK(text::utf8_length("\xF0\x9F\x98\x80\xF0\x9F\x98\x80") == 2);
    CHECK(text::lower_ascii("MiXeD \xC3\x89") == "mixed \xC3\x89");
}

TEST_CASE("valid_utf8 refuses what PostgreSQL would", "[text]") {
    CHECK(text::valid_utf8("plain"));
    CHECK(text::valid_utf8("\xF0\x9F\x98\x80"));
    CHECK_FALSE(text::valid_utf8("\xFF"));
    CHECK_FALSE(text::valid_utf8("\xC0\xAF"));          // overlong '/'
    CHECK_FALSE(text::valid_utf8("\xED\xA0\x80"));      // surrogate
    CHECK_FALSE(text::valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
    CHECK_FALSE(text::valid_utf8("\xE2\x82"));          // cut short
}
