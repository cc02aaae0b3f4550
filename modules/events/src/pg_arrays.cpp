#include "pg_arrays.hpp"

#include <charconv>
#include <system_error>

namespace proeventa::events {

std::string pg_text_array(const std::vector<std::string>& values) {
    std::string out = "{";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i) out += ',';
        out += '"';
        for (char c : values[i]) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += '"';
    }
    out += '}';
    return out;
}

std::string pg_int_array(const std::vector<std::int64_t>& values) {
    std::string out = "{";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i) out += ',';
        out += std::to_string(values[i]);
    }
    out += '}';
    return out;
}

std::string pg_double_array(const std::vector<double>& values) {
    std::string out = "{";
    char buffer[32];
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i) out += ',';
        auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, values[i]);
        if (ec != std::errc{}) {
            out += '0';
            continue;
        }
        out.append(buffer, end);
    }
    out += '}';
    return out;
}

}  // namespace proeventa::events
