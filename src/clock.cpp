#include <proeventa/clock.hpp>

#include <cctype>
#include <cstdio>

namespace proeventa {
namespace {

bool read_digits(std::string_view s, std::size_t pos, std::size_t count, int& out) {
    if (pos + count > s.size()) return false;
    int v = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
        v = v * 10 + (s[i] - '0');
    }
    out = v;
    return true;
}

}  // namespace

std::string to_rfc3339(std::chrono::system_clock::time_point t) {
    using namespace std::chrono;
    const auto secs = floor<seconds>(t);
    const auto day = floor<days>(secs);
    const year_month_day ymd{day};
    const hh_mm_ss hms{secs - day};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()));
    return buf;
}

std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view s) {
    using namespace std::chrono;
    int y, mo, d, h, mi, sec;
    if (!read_digits(s, 0, 4, y) || s.size() < 19 || s[4] != '-' || !read_digits(s, 5, 2, mo) ||
        s[7] != '-' || !read_digits(s, 8, 2, d))
        return std::nullopt;
    if (s[10] != 'T' && s[10] != 't' && s[10] != ' ') return std::nullopt;
    if (!read_digits(s, 11, 2, h) || s[13] != ':' || !read_digits(s, 14, 2, mi) || s[16] != ':' ||
        !read_digits(s, 17, 2, sec))
        return std::nullopt;
    std::size_t pos = 19;
    microseconds frac{0};
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        int digits = 0;
        long value = 0;
        while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) {
            if (digits < 6) {
                value = value * 10 + (s[pos] - '0');
                ++digits;
            }
            ++pos;
        }
        if (digits == 0) return std::nullopt;
        for (int i = digits; i < 6; ++i) value *= 10;
        frac = microseconds{value};
    }
    if (pos >= s.size()) return std::nullopt;
    minutes offset{0};
    if (s[pos] == 'Z' || s[pos] == 'z') {
        ++pos;
    } else if (s[pos] == '+' || s[pos] == '-') {
        int oh, om;
        if (!read_digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
            !read_digits(s, pos + 4, 2, om) || oh > 23 || om > 59)
            return std::nullopt;
        offset = hours{oh} + minutes{om};
        if (s[pos] == '-') offset = -offset;
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != s.size()) return std::nullopt;
    const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    // The last year system_clock's nanoseconds reach whole (they end in April 2262); a later
    // one would overflow the conversion below.
    if (!ymd.ok() || h > 23 || mi > 59 || sec > 60 || y < 1970 || y > 2261) return std::nullopt;
    const auto tp = sys_days{ymd} + hours{h} + minutes{mi} + seconds{sec} + frac - offset;
    return time_point_cast<system_clock::duration>(tp);
}

std::string pg_timestamp_to_rfc3339(std::string_view pg) {
    // "2026-01-31 20:00:00.123+00" -> "2026-01-31T20:00:00.123Z" (sessions run in UTC).
    std::string out(pg);
    if (out.size() > 10 && out[10] == ' ') out[10] = 'T';
    if (out.size() >= 3 && out.compare(out.size() - 3, 3, "+00") == 0) {
        out.replace(out.size() - 3, 3, "Z");
    } else if (auto t = parse_rfc3339(out)) {
        out = to_rfc3339(*t);
    }
    return out;
}

}  // namespace proeventa
