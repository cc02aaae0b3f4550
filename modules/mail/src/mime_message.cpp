#include "mime_message.hpp"

#include <openssl/evp.h>

#include <chrono>
#include <ctime>

namespace proeventa::mail {
namespace {

constexpr std::string_view hex = "0123456789ABCDEF";

std::string base64(std::string_view in) {
    std::string out(4 * ((in.size() + 2) / 3), '\0');
    const int n =
        EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                        reinterpret_cast<const unsigned char*>(in.data()), static_cast<int>(in.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

void append_line(std::string& out, std::string_view name, std::string_view value) {
    out.append(name).append(": ").append(value).append("\r\n");
}

}  // namespace

std::string quoted_printable(std::string_view text) {
    std::string out;
    std::size_t column = 0;
    auto put = [&](std::string_view piece) {
        // A soft break keeps every encoded line under 76 characters.
        if (column + piece.size() > 75) {
            out += "=\r\n";
            column = 0;
        }
        out += piece;
        column += piece.size();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n' || (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
            if (c == '\r') ++i;
            // Trailing white space before a line break would be lost in transit: encode it.
            if (!out.empty() && (out.back() == ' ' || out.back() == '\t') && column > 0) {
                const char last = out.back();
                out.pop_back();
                --column;
                const char enc[] = {'=', hex[static_cast<unsigned char>(last) >> 4],
                                    hex[static_cast<unsigned char>(last) & 15], '\0'};
                put(enc);
            }
            out += "\r\n";
            column = 0;
        } else if ((c >= 33 && c <= 126 && c != '=') || c == ' ' || c == '\t') {
            // A line starting with "." or "From " is left alone: SMTP clients dot-stuff.
            const char plain[] = {static_cast<char>(c), '\0'};
            put(plain);
        } else {
            const char enc[] = {'=', hex[c >> 4], hex[c & 15], '\0'};
            put(enc);
        }
    }
    return out;
}

std::string header_value(std::string_view value) {
    std::string clean;
    bool ascii = true;
    for (char ch : value) {
        if (ch == '\r' || ch == '\n') ch = ' ';
        const auto c = static_cast<unsigned char>(ch);
        if (c < 32 || c > 126) ascii = false;
        clean += ch;
    }
    if (ascii) return clean;
    return "=?UTF-8?B?" + base64(clean) + "?=";
}

std::string address_of(std::string_view mailbox) {
    const auto open = mailbox.rfind('<');
    const auto close = mailbox.rfind('>');
    if (open != std::string_view::npos && close != std::string_view::npos && close > open)
        return std::string(mailbox.substr(open + 1, close - open - 1));
    return std::string(mailbox);
}

std::string rfc5322_now() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&now, &tm);
    static constexpr const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday], tm.tm_mday,
                  months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return buf;
}

std::string mime_message(const mime_parts& p) {
    std::string out;
    // The display name may hold anything; only the address part goes through unencoded.
    const auto from_address = address_of(p.from);
    const auto open = p.from.rfind('<');
    if (open != std::string::npos && open > 0) {
        std::string name = p.from.substr(0, open);
        while (!name.empty() && name.back() == ' ') name.pop_back();
        append_line(out, "From", header_value(name) + " <" + header_value(from_address) + ">");
    } else {
        append_line(out, "From", header_value(from_address));
    }
    append_line(out, "To", header_value(p.to));
    append_line(out, "Subject", header_value(p.subject));
    append_line(out, "Date", p.date);
    append_line(out, "Message-ID", "<" + header_value(p.message_id) + ">");
    append_line(out, "MIME-Version", "1.0");
    append_line(out, "Content-Type", "multipart/alternative; boundary=\"" + p.boundary + "\"");
    out += "\r\n";
    auto part = [&](std::string_view type, std::string_view body) {
        out.append("--").append(p.boundary).append("\r\n");
        append_line(out, "Content-Type", std::string(type) + "; charset=utf-8");
        append_line(out, "Content-Transfer-Encoding", "quoted-printable");
        out += "\r\n";
        out += quoted_printable(body);
        out += "\r\n";
    };
    part("text/plain", p.text);
    part("text/html", p.html);
    out.append("--").append(p.boundary).append("--\r\n");
    return out;
}

}  // namespace proeventa::mail
