// Tickets and the door over real HTTP: signed codes a scanner can check offline with the event's
// public key, QR codes as SVG, check-ins that let a ticket in exactly once however many doors
// scan it at the same moment, and every bad code refused cleanly.
#include "tickets_support.hpp"

#include <openssl/evp.h>

#include <atomic>
#include <latch>
#include <thread>

using namespace proeventa::test;
using namespace proeventa::test::tickets;

namespace {

std::vector<unsigned char> from_base64url(std::string_view text) {
    static constexpr std::string_view alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::vector<unsigned char> out;
    unsigned buffer = 0;
    int bits = 0;
    for (char c : text) {
        buffer = (buffer << 6) | static_cast<unsigned>(alphabet.find(c));
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<unsigned char>((buffer >> bits) & 0xff));
        }
    }
    return out;
}

std::string to_base64url(const unsigned char* data, std::size_t size) {
    static constexpr std::string_view alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (std::size_t i = 0; i < size; ++i) {
        buffer = (buffer << 8) | data[i];
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out += alphabet[(buffer >> bits) & 63];
        }
    }
    if (bits > 0) out += alphabet[(buffer << (6 - bits)) & 63];
    return out;
}

/// What an offline door scanner does: verify the code with nothing but the public key.
bool verifies_offline(const std::string& code, const std::vector<unsigned char>& public_key) {
    const auto dot = code.rfind('.');
    const auto text = code.substr(0, dot);
    const auto signature = from_base64url(code.substr(dot + 1));
    EVP_PKEY* key =
        EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, public_key.data(), public_key.size());
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    const bool ok = key && ctx && EVP_DigestVerifyInit(ctx, nullptr, nullptr, nullptr, key) == 1 &&
                    EVP_DigestVerify(ctx, signature.data(), signature.size(),
                                     reinterpret_cast<const unsigned char*>(text.data()), text.size()) == 1;
    EVP_MD_CTX_free(ctx);
    EVP_PKEY_free(key);
    return ok;
}

/// `text` signed with a key of our own: well-formed, but not the event's signature.
std::string signed_by_stranger(const std::string& text) {
    EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    unsigned char sig[64];
    std::size_t len = sizeof sig;
    EVP_DigestSignInit(ctx, nullptr, nullptr, nullptr, key);
    EVP_DigestSign(ctx, sig, &len, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    EVP_MD_CTX_free(ctx);
    EVP_PKEY_free(key);
    return text + "." + to_base64url(sig, len);
}

std::int64_t buy_seat(shop& s, const test_user& buyer, std::int64_t event_id, std::int64_t seat_id) {
    const auto made =
        reserved(s.c.post(reserve_path, {{"event_id", event_id}, {"seat_id", seat_id}}, buyer.token));
    return made[0].at("id").as_int64();
}

}  // namespace

TEST_CASE("the event's public key is for its organizer and admins", "[tickets]") {
    auto& s = shared_shop("tickets");
    auto event = make_seated_event(s.c, s.who.organizer, 1, 5, "Key Night");
    auto key = s.c.get(event_path(event.id, "/ticket-key"), s.who.organizer.token);
    INFO(key.body);
    REQUIRE(key.status == 200);
    CHECK(key.json().at("algorithm") == "Ed25519");
    CHECK(from_base64url(key.json().at("public_key").as_string()).size() == 32);
    CHECK(std::string(key.json().at("public_key_pem").as_string()).starts_with("-----BEGIN PUBLIC KEY-----"));
    // Written once: asked again (or by an admin), the same key.
    CHECK(s.c.get(event_path(event.id, "/ticket-key"), s.who.admin.token).json().at("public_key") ==
          key.json().at("public_key"));
    check_error(s.c.get(event_path(event.id, "/ticket-key"), s.who.buyer.token), 403, "forbidden");
    check_error(s.c.get(event_path(event.id, "/ticket-key"), s.who.other_organizer.token), 403, "forbidden");
    check_error(s.c.get(event_path(event.id, "/ticket-key")), 401, "unauthorized");
    check_error(s.c.get(event_path(999999, "/ticket-key"), s.who.organizer.token), 404, "not_found");
    CHECK(scalar(s.db,
                 "SELECT count(*) FROM event_ticket_keys WHERE event_id = " + std::to_string(event.id)) == 1);
}

TEST_CASE("a confirmed reservation has a signed ticket and a QR code", "[tickets]") {
    auto& s = shared_shop("tickets");
    auto event = make_seated_event(s.c, s.who.organizer, 1, 5, "Ticket Night");
    const auto id = buy_seat(s, s.who.buyer, event.id, event.seat_ids[0]);

    auto ticket = s.c.get(reservation_path(id, "/ticket"), s.who.buyer.token);
    INFO(ticket.body);
    REQUIRE(ticket.status == 200);
    const auto t = ticket.json().as_object();
    const std::string code(t.at("code").as_string());
    CHECK(code.starts_with("PE1." + std::to_string(event.id) + "." + std::to_string(id) + ".1."));
    CHECK(t.at("event_name") == "Ticket Night");
    CHECK(t.at("seat_label").as_string().find("row") != json::string::npos);
    CHECK(t.at("holder_name") == json::value("Test " + s.who.buyer.email));
    CHECK(looks_like_reference(std::string(t.at("order_reference").as_string())));
    CHECK(t.at("version") == 1);

    // The door checks it offline with the event's public key alone.
    const auto key = from_base64url(s.c.get(event_path(event.id, "/ticket-key"), s.who.organizer.token)
                                        .json()
                                        .at("public_key")
                                        .as_string());
    CHECK(verifies_offline(code, key));
    CHECK_FALSE(verifies_offline(code.substr(0, 4) + "9" + code.substr(5), key));

    auto svg = s.c.get(reservation_path(id, "/ticket.svg"), s.who.buyer.token);
    REQUIRE(svg.status == 200);
    CHECK(svg.header("content-type") == "image/svg+xml");
    CHECK(svg.header("cache-control").find("no-store") != std::string::npos);
    CHECK(svg.body.starts_with("<svg"));
    CHECK(svg.body.find("<path") != std::string::npos);

    // The organizer and admins see it too; other people's tickets do not exist for anyone else.
    CHECK(s.c.get(reservation_path(id, "/ticket"), s.who.organizer.token).status == 200);
    CHECK(s.c.get(reservation_path(id, "/ticket.svg"), s.who.admin.token).status == 200);
    check_error(s.c.get(reservation_path(id, "/ticket"), s.who.other_buyer.token), 404, "not_found");
    check_error(s.c.get(reservation_path(id, "/ticket.svg"), s.who.other_organizer.token), 404, "not_found");

    // A hold is no ticket yet; neither is a cancelled reservation.
    const auto held = reserved(s.c.post(
        reserve_path, {{"event_id", event.id}, {"seat_id", event.seat_ids[1]}, {"hold", true}},
        s.who.buyer.token))[0]
                          .at("id")
                          .as_int64();
    check_error(s.c.get(reservation_path(held, "/ticket.svg"), s.who.buyer.token), 409, "no_ticket");
    REQUIRE(s.c.del(reservation_path(held), s.who.buyer.token).status == 200);
    check_error(s.c.get(reservation_path(held, "/ticket"), s.who.buyer.token), 409, "no_ticket");
}

TEST_CASE("check-in lets a ticket in once and says who let it in", "[tickets]") {
    auto& s = shared_shop("tickets");
    auto event = make_seated_event(s.c, s.who.organizer, 1, 5, "Door Night");
    const auto id = buy_seat(s, s.who.buyer, event.id, event.seat_ids[0]);
    buy_seat(s, s.who.other_buyer, event.id, event.seat_ids[1]);
    const auto code = ticket_code(s.c, s.who.buyer, id);

    auto first = scan(s.c, s.who.organizer, event.id, code);
    INFO(first.body);
    REQUIRE(first.status == 200);
    CHECK(first.json().at("status") == "checked_in");
    CHECK(first.json().at("holder").at("full_name") == json::value("Test " + s.who.buyer.email));
    CHECK(first.json().at("seat_label").as_string().find("row") != json::string::npos);
    CHECK(first.json().at("category") == "A");
    CHECK(looks_like_reference(std::string(first.json().at("order_reference").as_string())));

    auto again = scan(s.c, s.who.admin, event.id, code);
    check_error(again, 409, "already_checked_in");
    CHECK(again.json().at("details").at("checked_in_at") == first.json().at("checked_in_at"));
    CHECK(again.json().at("details").at("checked_in_by").at("id") == s.who.organizer.id);
    CHECK(again.json().at("details").at("checked_in_by").at("full_name") ==
          json::value("Test " + s.who.organizer.email));

    auto summary = s.c.get(event_path(event.id, "/checkins/summary"), s.who.organizer.token);
    INFO(summary.body);
    REQUIRE(summary.status == 200);
    CHECK(summary.json().at("checked_in") == 1);
    CHECK(summary.json().at("total") == 2);
    REQUIRE(summary.json().at("categories").as_array().size() == 1);
    CHECK(summary.json().at("categories").at(0).at("category") == "A");
    CHECK(summary.json().at("categories").at(0).at("checked_in") == 1);
    check_error(s.c.get(event_path(event.id, "/checkins/summary"), s.who.buyer.token), 403, "forbidden");

    // Only the event's organizer or an admin scans; a customer cannot even probe codes.
    check_error(scan(s.c, s.who.buyer, event.id, code), 403, "forbidden");
    check_error(scan(s.c, s.who.other_organizer, event.id, code), 403, "forbidden");
}

TEST_CASE("twenty doors scanning one ticket at once: exactly one lets it in", "[tickets]") {
    auto& s = shared_shop("tickets");
    auto event = make_seated_event(s.c, s.who.organizer, 1, 5, "Rush Door Night");
    const auto id = buy_seat(s, s.who.buyer, event.id, event.seat_ids[0]);
    const auto code = ticket_code(s.c, s.who.buyer, id);

    constexpr int doors = 20;
    std::latch start(doors);
    std::atomic<int> ok{0}, already{0}, other{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < doors; ++i) {
        threads.emplace_back([&] {
            client door(s.server.port());
            start.arrive_and_wait();
            auto res = scan(door, s.who.organizer, event.id, code);
            if (res.status == 200)
                ++ok;
            else if (res.status == 409 && res.body.find("already_checked_in") != std::string::npos)
                ++already;
            else
                ++other;
        });
    }
    for (auto& t : threads) t.join();
    CHECK(ok == 1);
    CHECK(already == doors - 1);
    CHECK(other == 0);
    CHECK(scalar(s.db, "SELECT count(*) FROM checkins WHERE reservation_id = " + std::to_string(id)) == 1);
}

TEST_CASE("bad ticket codes are refused cleanly", "[tickets]") {
    auto& s = shared_shop("tickets");
    auto event = make_seated_event(s.c, s.who.organizer, 1, 6, "Forgery Night");
    auto other_event = make_seated_event(s.c, s.who.organizer, 1, 2, "Other Door Night");
    const auto id = buy_seat(s, s.who.buyer, event.id, event.seat_ids[0]);
    const auto code = ticket_code(s.c, s.who.buyer, id);
    const auto foreign_id = buy_seat(s, s.who.buyer, other_event.id, other_event.seat_ids[0]);
    const auto foreign = ticket_code(s.c, s.who.buyer, foreign_id);
    const auto second_id = buy_seat(s, s.who.other_buyer, event.id, event.seat_ids[1]);
    const auto dot = code.rfind('.');
    const auto signature = code.substr(dot + 1);

    const std::vector<std::pair<std::string, std::string>> unknown{
        {"malformed", "hello"},
        {"blank", "   "},
        {"truncated", code.substr(0, code.size() - 1)},
        {"truncated at a dot", code.substr(0, dot)},
        {"one signature character changed", code.substr(0, code.size() - 2) +
                                                (code[code.size() - 2] == 'A' ? "B" : "A") +
                                                code.substr(code.size() - 1)},
        {"another reservation with this signature",
         "PE1." + std::to_string(event.id) + "." + std::to_string(second_id) + ".1." + signature},
        {"a later version with this signature", code.substr(0, dot - 1) + "2." + signature},
        {"re-signed with another key", signed_by_stranger(code.substr(0, dot))},
        {"another event's ticket", foreign},
        {"another event's ticket renamed",
         "PE1." + std::to_string(event.id) + foreign.substr(foreign.find('.', 4))},
        {"leading zero", "PE1.0" + code.substr(4)},
        {"lower-case prefix", "pe1" + code.substr(3)},
        {"512 bytes of junk", std::string(512, 'x')},
        {"non-ASCII", "PE1.\xc3\xa9.1.1.x"},
    };
    for (const auto& [what, bad] : unknown) {
        INFO(what << ": " << bad);
        check_error(scan(s.c, s.who.organizer, event.id, bad), 404, "unknown_ticket");
    }
    // The genuine foreign ticket is fine at its own event.
    CHECK(scan(s.c, s.who.organizer, other_event.id, foreign).status == 200);

    check_error(scan(s.c, s.who.organizer, event.id, code + std::string(512 - code.size() + 1, 'x')), 400,
                "validation_failed");
    check_error(scan(s.c, s.who.organizer, event.id, std::string(10'000, 'x')), 400, "validation_failed");
    // Bytes that are not UTF-8 do not make a JSON string: the body itself is refused.
    check_error(scan(s.c, s.who.organizer, event.id, std::string("PE1.\xff\xfe")), 400, "invalid_json");
    check_error(scan(s.c, s.who.organizer, event.id, ""), 400, "validation_failed");
    check_error(
        s.c.post(event_path(event.id, "/checkins"), json::object{{"code", 42}}, s.who.organizer.token), 400,
        "validation_failed");
    check_error(s.c.post(event_path(event.id, "/checkins"), json::object{}, s.who.organizer.token), 400,
                "validation_failed");
    check_error(s.c.post(event_path(event.id, "/checkins"), json::object{{"code", code}, {"extra", 1}},
                         s.who.organizer.token),
                400, "validation_failed");
    // None of that let anyone in.
    CHECK(scalar(s.db, "SELECT count(*) FROM checkins WHERE event_id = " + std::to_string(event.id)) == 0);

    // A cancelled ticket is genuine but no longer opens the door.
    const auto cancelled_id = buy_seat(s, s.who.buyer, event.id, event.seat_ids[2]);
    const auto cancelled_code = ticket_code(s.c, s.who.buyer, cancelled_id);
    REQUIRE(s.c.del(reservation_path(cancelled_id), s.who.buyer.token).status == 200);
    check_error(scan(s.c, s.who.organizer, event.id, cancelled_code), 409, "ticket_cancelled");

    // Re-issued: the old code is dead, the new one works once.
    const auto reissued =
        s.c.post(reservation_path(id, "/ticket/reissue"), json::object{}, s.who.buyer.token);
    INFO(reissued.body);
    REQUIRE(reissued.status == 200);
    CHECK(reissued.json().at("version") == 2);
    check_error(scan(s.c, s.who.organizer, event.id, code), 404, "unknown_ticket");
    CHECK(scan(s.c, s.who.organizer, event.id, std::string(reissued.json().at("code").as_string())).status ==
          200);
    check_error(s.c.post(reservation_path(id, "/ticket/reissue"), json::object{}, s.who.other_buyer.token),
                404, "not_found");
}

TEST_CASE("the check-in route is rate-limited per organizer", "[tickets]") {
    auto& s = shared_shop("tickets");
    auto event = make_seated_event(s.c, s.who.organizer, 1, 5, "Limit Night");
    auto other_event = make_seated_event(s.c, s.who.other_organizer, 1, 5, "Other Limit Night");
    // A second instance on the same database, with a small allowance.
    server_process limited(shop::make_options(s.db, {"--checkins-per-minute", "3"}));
    client c(limited.port());
    for (int i = 0; i < 3; ++i)
        check_error(scan(c, s.who.organizer, event.id, "junk"), 404, "unknown_ticket");
    auto refused = scan(c, s.who.organizer, event.id, "junk");
    check_error(refused, 429, "rate_limited");
    CHECK(std::stoi(refused.header("retry-after")) >= 1);
    // Another organizer's door is not held up by this one's.
    check_error(scan(c, s.who.other_organizer, other_event.id, "junk"), 404, "unknown_ticket");
}
