// The outbox's message text (MIME, quoted-printable, encoded headers) and the retry backoff.
#include "backoff.hpp"
#include "mime_message.hpp"

#include <catch2/catch.hpp>

using namespace proeventa::mail;

TEST_CASE("mail: multipart/alternative with text then HTML, CRLF, quoted-printable", "[mail]") {
    const auto text =
        mime_message({"Box Office <tickets@example.com>", "ann@example.com", "Tickets – ACDEFGHJ",
                      "Booking ACDEFGHJ\nTotal: 50.00 €", "<p>Booking <b>ACDEFGHJ</b></p>",
                      "1.abc@example.com", "Mon, 30 Nov 2026 21:59:47 +0000", "=_b"});
    CHECK(text.find("From: Box Office <tickets@example.com>\r\n") != std::string::npos);
    CHECK(text.find("To: ann@example.com\r\n") != std::string::npos);
    CHECK(text.find("Subject: =?UTF-8?B?") != std::string::npos);
    CHECK(text.find("Message-ID: <1.abc@example.com>\r\n") != std::string::npos);
    CHECK(text.find("Content-Type: multipart/alternative; boundary=\"=_b\"\r\n") != std::string::npos);
    const auto plain = text.find("Content-Type: text/plain; charset=utf-8");
    const auto html = text.find("Content-Type: text/html; charset=utf-8");
    CHECK(plain < html);
    CHECK(text.find("Total: 50.00 =E2=82=AC") != std::string::npos);
    CHECK(text.find("<p>Booking <b>ACDEFGHJ</b></p>") != std::string::npos);
    CHECK(text.rfind("--=_b--\r\n") == text.size() - 9);
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n') REQUIRE(text[i - 1] == '\r');
}

TEST_CASE("mail: quoted-printable keeps lines short and encodes what would not survive", "[mail]") {
    const auto long_line = quoted_printable(std::string(200, 'a'));
    std::size_t longest = 0, current = 0;
    for (char c : long_line) {
        if (c == '\n')
            current = 0;
        else
            longest = std::max(longest, ++current);
    }
    CHECK(longest <= 77);
    CHECK(quoted_printable("a=b") == "a=3Db");
    CHECK(quoted_printable("end \nnext") == "end=20\r\nnext");
    CHECK(header_value("line\r\nBcc: x@example.com") == "line  Bcc: x@example.com");
    CHECK(address_of("Box Office <tickets@example.com>") == "tickets@example.com");
}

TEST_CASE("mail: retries back off exponentially with jitter, capped", "[mail]") {
    using std::chrono::seconds;
    CHECK(retry_delay(1, seconds(10), seconds(3600), 0.5) == seconds(10));
    CHECK(retry_delay(2, seconds(10), seconds(3600), 0.5) == seconds(20));
    CHECK(retry_delay(5, seconds(10), seconds(3600), 0.5) == seconds(160));
    CHECK(retry_delay(30, seconds(10), seconds(3600), 0.5) == seconds(3600));
    CHECK(retry_delay(3, seconds(10), seconds(3600), 0.0) == seconds(20));
    CHECK(retry_delay(3, seconds(10), seconds(3600), 0.999) == seconds(60));
    CHECK(retry_delay(1, seconds(1), seconds(1), 0.0) == seconds(1));
}
