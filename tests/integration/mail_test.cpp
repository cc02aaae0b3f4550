// Order mail over a real SMTP server (Debian's aiosmtpd on loopback): the confirmation reaches
// the buyer with its headers, plain-text and HTML parts and the booking reference; a mail server
// that is down delays mail without losing it; several instances send each message once.
#include "smtp_sink.hpp"
#include "tickets_support.hpp"

#include <filesystem>

using namespace proeventa::test;
using namespace proeventa::test::tickets;

namespace {

std::filesystem::path scratch(const std::string& name) {
    auto dir = std::filesystem::temp_directory_path() /
               ("proeventa-mail-" + std::to_string(::getpid()) + "-" + name);
    std::filesystem::remove_all(dir);
    return dir;
}

/// The messages of `sink` that mention `needle`.
std::vector<std::string> mail_with(const smtp_sink& sink, const std::string& needle) {
    std::vector<std::string> out;
    for (auto& m : sink.messages())
        if (m.find(needle) != std::string::npos) out.push_back(std::move(m));
    return out;
}

std::string header_of(const std::string& message, const std::string& name) {
    // The header may be the message's first line or follow another one.
    const auto text = "\n" + message;
    const auto at = text.find("\n" + name + ": ");
    if (at == std::string::npos) return {};
    const auto start = at + name.size() + 2;  // in `message`, which lacks the added newline
    auto value = message.substr(start, message.find('\n', start) - start);
    if (!value.empty() && value.back() == '\r') value.pop_back();
    return value;
}

std::vector<std::string> mail_args(const smtp_sink& sink) {
    return {"--smtp-url",           sink.url(),
            "--smtp-from",          "ProEventa Box Office <tickets@proeventa.test>",
            "--mail-poll-interval", "100",
            "--mail-retry-base",    "1",
            "--public-url",         "https://tickets.example.com"};
}

}  // namespace

TEST_CASE("a confirmed order mails the buyer its booking", "[mail]") {
    smtp_sink sink(free_port(), scratch("confirm"));
    shop s("mail_confirm", mail_args(sink));
    auto event = make_seated_event(s.c, s.who.organizer, 2, 5, "Mail Night");
    const auto made = reserved(
        s.c.post(reserve_path, {{"event_id", event.id}, {"seat_ids", {event.seat_ids[0], event.seat_ids[1]}}},
                 s.who.buyer.token));
    const std::string reference(made[0].at("order_reference").as_string());

    REQUIRE(eventually([&] { return !mail_with(sink, reference).empty(); }, std::chrono::seconds(30)));
    const auto message = mail_with(sink, reference).at(0);
    INFO(message);
    CHECK(header_of(message, "To") == s.who.buyer.email);
    CHECK(header_of(message, "From") == "ProEventa Box Office <tickets@proeventa.test>");
    CHECK(header_of(message, "Subject") == "Your tickets for Mail Night - booking " + reference);
    CHECK_FALSE(header_of(message, "Date").empty());
    CHECK_FALSE(header_of(message, "Message-ID").empty());
    CHECK(header_of(message, "Content-Type").starts_with("multipart/alternative"));
    const auto text_part = message.find("Content-Type: text/plain; charset=utf-8");
    const auto html_part = message.find("Content-Type: text/html; charset=utf-8");
    REQUIRE(text_part != std::string::npos);
    REQUIRE(html_part != std::string::npos);
    CHECK(text_part < html_part);
    const auto text = message.substr(text_part, html_part - text_part);
    const auto html = message.substr(html_part);
    CHECK(text.find("Booking reference: " + reference) != std::string::npos);
    CHECK(text.find("Total: 50.00 EUR") != std::string::npos);
    CHECK(text.find("https://tickets.example.com/me/reservations") != std::string::npos);
    CHECK(text.find("row") != std::string::npos);
    CHECK(html.find("<strong>" + reference + "</strong>") != std::string::npos);
    // The server marks the message sent once the SMTP server has answered, just after it arrived.
    CHECK(eventually([&] {
        return scalar(s.db, "SELECT count(*) FROM mail_outbox WHERE sent_at IS NOT NULL AND subject LIKE '%" +
                                reference + "'") == 1;
    }));

    // A held order mails nothing until its last hold is confirmed, then once.
    const auto held = reserved(s.c.post(
        reserve_path,
        {{"event_id", event.id}, {"seat_ids", {event.seat_ids[2], event.seat_ids[3]}}, {"hold", true}},
        s.who.buyer.token));
    const std::string held_ref(held[0].at("order_reference").as_string());
    auto queued = [&] {
        return scalar(s.db, "SELECT count(*) FROM mail_outbox WHERE subject LIKE '%" + held_ref + "'");
    };
    CHECK(queued() == 0);
    REQUIRE(
        s.c.post(reservation_path(held[0].at("id").as_int64(), "/confirm"), json::object{}, s.who.buyer.token)
            .status == 200);
    CHECK(queued() == 0);
    REQUIRE(
        s.c.post(reservation_path(held[1].at("id").as_int64(), "/confirm"), json::object{}, s.who.buyer.token)
            .status == 200);
    CHECK(queued() == 1);

    // Giving a bought ticket back mails the cancellation.
    REQUIRE(s.c.del(reservation_path(made[0].at("id").as_int64()), s.who.buyer.token).status == 200);
    REQUIRE(eventually(
        [&] { return mail_with(sink, "Cancelled: Mail Night - booking " + reference).size() == 1; },
        std::chrono::seconds(30)));
}

TEST_CASE("cancelling an event mails the buyers of its tickets, not the holders of holds", "[mail]") {
    smtp_sink sink(free_port(), scratch("event_cancel"));
    shop s("mail_event_cancel", mail_args(sink));
    auto event = make_seated_event(s.c, s.who.organizer, 1, 4, "Called Off Night");
    const auto bought = reserved(
        s.c.post(reserve_path, {{"event_id", event.id}, {"seat_id", event.seat_ids[0]}}, s.who.buyer.token));
    const auto held = reserved(
        s.c.post(reserve_path, {{"event_id", event.id}, {"seat_id", event.seat_ids[1]}, {"hold", true}},
                 s.who.other_buyer.token));
    const std::string reference(bought[0].at("order_reference").as_string());
    const std::string held_reference(held[0].at("order_reference").as_string());
    REQUIRE(eventually(
        [&] {
            return mail_with(sink, "Your tickets for Called Off Night - booking " + reference).size() == 1;
        },
        std::chrono::seconds(30)));

    auto cancelled = s.c.del("/events/events/" + std::to_string(event.id), s.who.organizer.token);
    INFO(cancelled.body);
    REQUIRE(cancelled.status < 300);
    REQUIRE(eventually(
        [&] { return mail_with(sink, "Cancelled: Called Off Night - booking " + reference).size() == 1; },
        std::chrono::seconds(30)));
    const auto message = mail_with(sink, "Cancelled: Called Off Night - booking " + reference).at(0);
    CHECK(header_of(message, "To") == s.who.buyer.email);
    CHECK(message.find("Refund due: 25.00 EUR") != std::string::npos);
    // The hold was never bought: no mail about it, now or queued.
    CHECK(scalar(s.db, "SELECT count(*) FROM mail_outbox WHERE subject LIKE '%" + held_reference + "'") == 0);
}

TEST_CASE("a mail server that is down delays the mail; it is not lost", "[mail]") {
    const auto port = free_port();
    const auto maildir = scratch("down");
    std::optional<smtp_sink> sink;  // not running yet
    shop s("mail_down", {"--smtp-url", "smtp://127.0.0.1:" + std::to_string(port), "--mail-poll-interval",
                         "100", "--mail-retry-base", "30"});
    const auto ga = make_ga_event(s.c, s.who.organizer, 10, "Outage Night");
    const auto made =
        reserved(s.c.post(reserve_path, {{"event_id", ga}, {"quantity", 2}}, s.who.buyer.token));
    const std::string reference(made[0].at("order_reference").as_string());
    const std::string row = "FROM mail_outbox WHERE subject LIKE '%" + reference + "'";

    // Tried, failed, and put off with backoff (30 s base, jittered to at least 15 s).
    REQUIRE(eventually(
        [&] {
            return scalar(s.db, "SELECT attempts " + row) >= 1 &&
                   scalar(s.db, "SELECT count(*) " + row + " AND last_error IS NOT NULL") == 1;
        },
        std::chrono::seconds(30)));
    CHECK(scalar(s.db, "SELECT count(*) " + row +
                           " AND sent_at IS NULL AND next_attempt_at > now() + interval '10 seconds'") == 1);
    CHECK(s.server.log_containing("mail delivery failed").find("mail delivery failed") != std::string::npos);

    // The server comes back; the retry is due (time moved in the database): delivered, once.
    sink.emplace(port, maildir);
    sql(s.db, "UPDATE mail_outbox SET next_attempt_at = now() WHERE subject LIKE '%" + reference + "'");
    REQUIRE(eventually([&] { return mail_with(*sink, reference).size() == 1; }, std::chrono::seconds(30)));
    CHECK(
        eventually([&] { return scalar(s.db, "SELECT count(*) " + row + " AND sent_at IS NOT NULL") == 1; }));
    CHECK(scalar(s.db, "SELECT attempts " + row) >= 2);
}

TEST_CASE("without an SMTP server mail waits in the outbox", "[mail]") {
    shop s("mail_pending", {"--mail-poll-interval", "100"});
    auto event = make_seated_event(s.c, s.who.organizer, 1, 3, "Quiet Night");
    reserved(
        s.c.post(reserve_path, {{"event_id", event.id}, {"seat_id", event.seat_ids[0]}}, s.who.buyer.token));
    CHECK(s.server.log_containing("mail pending in the outbox").find("\"pending\":1") != std::string::npos);
    CHECK(scalar(s.db, "SELECT count(*) FROM mail_outbox WHERE sent_at IS NULL AND attempts = 0") == 1);
}

TEST_CASE("two instances share the outbox and send each message once", "[mail]") {
    smtp_sink sink(free_port(), scratch("pair"));
    const auto db = fresh_database("mail_pair");
    // Written first, with nobody sending: then both instances start on the same backlog.
    {
        server_process quiet(shop::make_options(db, {}));
        client c(quiet.port());
        people who;
        who.sign_up(c, db, "pair");
        const auto ga = make_ga_event(c, who.organizer, 100, "Pair Night");
        for (int i = 0; i < 24; ++i)
            reserved(c.post(reserve_path, {{"event_id", ga}, {"quantity", 1}}, who.buyer.token));
    }
    REQUIRE(scalar(db, "SELECT count(*) FROM mail_outbox WHERE sent_at IS NULL") == 24);
    server_process a(shop::make_options(db, mail_args(sink)));
    server_process b(shop::make_options(db, mail_args(sink)));
    REQUIRE(
        eventually([&] { return scalar(db, "SELECT count(*) FROM mail_outbox WHERE sent_at IS NULL") == 0; },
                   std::chrono::seconds(60)));
    CHECK(eventually([&] { return sink.messages().size() >= 24; }));
    CHECK(sink.messages().size() == 24);
    CHECK(scalar(db, "SELECT max(attempts) FROM mail_outbox") == 1);
}
