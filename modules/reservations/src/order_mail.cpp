#include "order_mail.hpp"

namespace proeventa::reservations {
namespace {

std::string escape_html(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

/// "2030-06-01T19:00:00Z" -> "2030-06-01 19:00 UTC" (the reservation's snapshot is UTC).
std::string readable_time(const std::string& rfc3339) {
    if (rfc3339.size() < 16) return rfc3339;
    return rfc3339.substr(0, 10) + " " + rfc3339.substr(11, 5) + " UTC";
}

std::string place_of(const reservation_record& r) {
    if (r.seat_label) return *r.seat_label;
    return std::to_string(r.quantity) + (r.quantity == 1 ? " place" : " places") + " (general admission)";
}

}  // namespace

std::string format_money(std::int64_t cents, const std::string& currency) {
    const bool negative = cents < 0;
    const auto abs = negative ? -cents : cents;
    auto minor = std::to_string(abs % 100);
    if (minor.size() < 2) minor = "0" + minor;
    return (negative ? "-" : "") + std::to_string(abs / 100) + "." + minor + " " + currency;
}

mail::message order_mail(const order_mail_input& in) {
    const bool confirmed = in.kind == order_mail_kind::confirmed;
    const auto& first = in.positions.at(0);
    std::int64_t total = 0;
    for (const auto& p : in.positions) total += p.price_cents * p.quantity;
    const auto when = readable_time(first.event_start_time);
    const auto money = format_money(total, first.currency);
    const auto greeting = in.buyer_name.empty() ? std::string("Hello,") : "Hello " + in.buyer_name + ",";

    mail::message m;
    m.to = in.buyer_email;
    m.subject = confirmed ? "Your tickets for " + first.event_name + " - booking " + in.reference
                          : "Cancelled: " + first.event_name + " - booking " + in.reference;

    std::string text = greeting + "\n\n";
    text +=
        confirmed ? "your booking is confirmed.\n\n" : "these tickets of your booking were cancelled.\n\n";
    text += "Booking reference: " + in.reference + "\n";
    text += "Event: " + first.event_name + "\n";
    text += "When: " + when + "\n";
    text += confirmed ? "Seats:\n" : "Cancelled:\n";
    for (const auto& p : in.positions) text += "  - " + place_of(p) + "\n";
    text += (confirmed ? "Total: " : "Refund due: ") + money + "\n\n";
    text += "Your tickets: " + in.tickets_url + "\n\nProEventa\n";
    m.text = std::move(text);

    std::string html = "<!doctype html><html><body style=\"font-family:sans-serif\">";
    html += "<p>" + escape_html(greeting) + "</p>";
    html += confirmed ? "<p>Your booking is confirmed.</p>"
                      : "<p>These tickets of your booking were cancelled.</p>";
    html += "<table><tr><th align=\"left\">Booking reference</th><td><strong>" + escape_html(in.reference) +
            "</strong></td></tr>";
    html += "<tr><th align=\"left\">Event</th><td>" + escape_html(first.event_name) + "</td></tr>";
    html += "<tr><th align=\"left\">When</th><td>" + escape_html(when) + "</td></tr>";
    html += "<tr><th align=\"left\">" + std::string(confirmed ? "Total" : "Refund due") + "</th><td>" +
            escape_html(money) + "</td></tr></table><ul>";
    for (const auto& p : in.positions) html += "<li>" + escape_html(place_of(p)) + "</li>";
    html += "</ul><p><a href=\"" + escape_html(in.tickets_url) + "\">Your tickets</a></p></body></html>";
    m.html = std::move(html);
    return m;
}

}  // namespace proeventa::reservations
