// Booking references, ticket codes (Ed25519), QR SVG, the scan limiter and the order mail: the
// pure parts of orders and tickets.
#include "booking_reference.hpp"
#include "order_mail.hpp"
#include "qr_svg.hpp"
#include "scan_limiter.hpp"
#include "ticket_codes.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <set>

using namespace proeventa::reservations;

TEST_CASE("booking references: eight characters of the alphabet, evenly drawn", "[tickets]") {
    std::set<std::string> seen;
    std::map<char, int> counts;
    for (int i = 0; i < 2000; ++i) {
        const auto r = new_booking_reference();
        REQUIRE(r.size() == 8);
        for (char c : r) {
            REQUIRE(reference_alphabet.find(c) != std::string_view::npos);
            ++counts[c];
        }
        seen.insert(r);
    }
    CHECK(seen.size() == 2000);
    // 16 000 characters over 25: about 640 each; a biased draw would be far off.
    CHECK(counts.size() == 25);
    for (const auto& [c, n] : counts) CHECK((n > 450 && n < 850));
    for (char c : std::string("0O1IL2Z5S8B")) CHECK(reference_alphabet.find(c) == std::string_view::npos);

    CHECK(parse_booking_reference("acdefghj") == "ACDEFGHJ");
    CHECK_FALSE(parse_booking_reference("ACDEFGH"));
    CHECK_FALSE(parse_booking_reference("ACDEFGHJK"));
    CHECK_FALSE(parse_booking_reference("ACDEFGH0"));
    CHECK_FALSE(parse_booking_reference("ACDEF-HJ"));
}

TEST_CASE("ticket codes: signed, parsed strictly, verified only with the right key", "[tickets]") {
    const auto keys = generate_ticket_keys();
    const auto other = generate_ticket_keys();
    const ticket_claim claim{12, 3456, 2};
    const auto code = sign_ticket(claim, keys.private_key);
    CHECK(code.rfind("PE1.12.3456.2.", 0) == 0);
    CHECK(code.size() == std::string("PE1.12.3456.2.").size() + 86);
    CHECK(parse_ticket_code(code) == claim);
    CHECK(verify_ticket(code, keys.public_key));
    CHECK_FALSE(verify_ticket(code, other.public_key));
    CHECK_FALSE(verify_ticket(sign_ticket(claim, other.private_key), keys.public_key));
    // Ed25519 is deterministic: the same claim gives the same code.
    CHECK(sign_ticket(claim, keys.private_key) == code);

    const auto dot = code.rfind('.');
    CHECK_FALSE(verify_ticket("PE1.12.3457.2." + code.substr(dot + 1), keys.public_key));
    CHECK_FALSE(verify_ticket("PE1.12.3456.3." + code.substr(dot + 1), keys.public_key));
    CHECK_FALSE(parse_ticket_code(code.substr(0, code.size() - 1)));
    CHECK_FALSE(parse_ticket_code(code + "A"));
    CHECK_FALSE(parse_ticket_code(code + ".x"));
    CHECK_FALSE(parse_ticket_code("PE1.012.3456.2." + code.substr(dot + 1)));
    CHECK_FALSE(parse_ticket_code("PE1.-12.3456.2." + code.substr(dot + 1)));
    CHECK_FALSE(parse_ticket_code("PE2.12.3456.2." + code.substr(dot + 1)));
    CHECK_FALSE(parse_ticket_code("PE1.12.3456.0." + code.substr(dot + 1)));
    CHECK_FALSE(parse_ticket_code(""));
    CHECK_FALSE(parse_ticket_code("...."));
    CHECK_FALSE(parse_ticket_code(std::string(600, '.')));
    // The last character carries 2 unused bits: a non-canonical spelling is refused.
    auto sloppy = code;
    sloppy.back() = sloppy.back() == 'A' ? 'B' : static_cast<char>(sloppy.back() ^ 1);
    CHECK_FALSE(verify_ticket(sloppy, keys.public_key));

    CHECK(public_key_pem(keys.public_key).rfind("-----BEGIN PUBLIC KEY-----", 0) == 0);
    CHECK(key_from_hex(to_hex(keys.private_key)) == keys.private_key);
    CHECK_FALSE(key_from_hex("zz"));
    CHECK_FALSE(key_from_hex(std::string(64, 'g')));
}

TEST_CASE("QR codes are SVG squares on a white quiet zone", "[tickets]") {
    const auto svg = qr_svg("PE1.1.2.1.abc");
    CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ", 0) == 0);
    CHECK(svg.find("fill=\"#fff\"") != std::string::npos);
    CHECK(svg.find("h1v1h-1z") != std::string::npos);
    CHECK(svg.size() > 500);
}

TEST_CASE("the scan limiter counts per organizer per minute", "[tickets]") {
    scan_limiter limiter(3);
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < 3; ++i) CHECK_FALSE(limiter.admit(1, t0));
    const auto wait = limiter.admit(1, t0 + std::chrono::seconds(20));
    REQUIRE(wait);
    CHECK(*wait == 40);
    CHECK_FALSE(limiter.admit(2, t0));
    CHECK_FALSE(limiter.admit(1, t0 + std::chrono::seconds(61)));
}

TEST_CASE("order mail: reference, event, seats, total and the link, text and HTML", "[tickets]") {
    reservation_record seat;
    seat.event_name = "Swan <Lake>";
    seat.event_start_time = "2031-03-01T19:00:00Z";
    seat.seat_label = "Stalls, row A, seat 4";
    seat.price_cents = 6505;
    seat.currency = "EUR";
    seat.order_reference = "ACDEFGHJ";
    order_mail_input in{
        order_mail_kind::confirmed,         "ann@example.com", "Ann", "ACDEFGHJ", {seat, seat},
        "https://t.example/me/reservations"};
    const auto m = order_mail(in);
    CHECK(m.to == "ann@example.com");
    CHECK(m.subject == "Your tickets for Swan <Lake> - booking ACDEFGHJ");
    CHECK(m.text.find("Booking reference: ACDEFGHJ") != std::string::npos);
    CHECK(m.text.find("When: 2031-03-01 19:00 UTC") != std::string::npos);
    CHECK(m.text.find("Total: 130.10 EUR") != std::string::npos);
    CHECK(m.text.find("https://t.example/me/reservations") != std::string::npos);
    CHECK(m.html.find("Swan &lt;Lake&gt;") != std::string::npos);
    CHECK(m.html.find("<Lake>") == std::string::npos);
    in.kind = order_mail_kind::cancelled;
    CHECK(order_mail(in).subject.rfind("Cancelled: ", 0) == 0);
    CHECK(format_money(5, "USD") == "0.05 USD");
}
