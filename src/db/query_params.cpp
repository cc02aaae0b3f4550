// Parameter conversions that need more than a one-liner in the header.
#include <proeventa/db/query.hpp>

#include <boost/json/serialize.hpp>

#include <charconv>
#include <cmath>
#include <stdexcept>
#include <system_error>

namespace proeventa::db::detail {

param to_param(const boost::json::value& v) { return boost::json::serialize(v); }

param to_param(const std::vector<std::int64_t>& v) {
    std::string out = "{";
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) out += ',';
        out += std::to_string(v[i]);
    }
    out += '}';
    return out;
}

param to_param(const std::vector<std::string>& v) {
    // Every element quoted, so empty strings, NULL-looking words, commas and braces stay text.
    std::string out = "{";
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) out += ',';
        out += '"';
        for (char c : v[i]) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += '"';
    }
    out += '}';
    return out;
}

param to_param(const std::vector<double>& v) {
    std::string out = "{";
    char buffer[32];
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) out += ',';
        if (!std::isfinite(v[i])) throw std::invalid_argument("array parameter holds a non-finite number");
        // Shortest round-trip form: the database stores exactly the double we hold.
        const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v[i]);
        if (ec != std::errc{}) throw std::invalid_argument("array parameter number does not format");
        out.append(buffer, end);
    }
    out += '}';
    return out;
}

}  // namespace proeventa::db::detail
