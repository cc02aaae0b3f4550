#pragma once
// An outbox message as the bytes an SMTP server receives (RFC 5322 + MIME): headers, then a
// multipart/alternative body with the plain-text part first and the HTML part second, both
// UTF-8 in quoted-printable, lines ending in CRLF. Pure, so unit-tested.
#include <cstdint>
#include <string>
#include <string_view>

namespace proeventa::mail {

struct mime_parts {
    std::string from;     // "Name <address>" or "address"
    std::string to;       // address
    std::string subject;  // UTF-8
    std::string text;
    std::string html;
    std::string message_id;  // without the angle brackets
    std::string date;        // RFC 5322 date-time
    std::string boundary;    // must not occur in either part (quoted-printable output never has "--=_")
};

std::string mime_message(const mime_parts& parts);

/// Quoted-printable (RFC 2045) with CRLF line breaks and soft breaks under 76 columns.
std::string quoted_printable(std::string_view text);

/// A header value: as it is when printable ASCII, else an RFC 2047 encoded word (UTF-8, base64).
/// CR and LF never survive, so a value cannot start a header of its own.
std::string header_value(std::string_view value);

/// The address inside "Name <address>" (or the whole text when there are no brackets).
std::string address_of(std::string_view mailbox);

/// Now as an RFC 5322 date in UTC ("Mon, 30 Nov 2026 21:59:47 +0000").
std::string rfc5322_now();

}  // namespace proeventa::mail
