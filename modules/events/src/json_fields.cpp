#include "json_fields.hpp"

#include <cmath>

namespace proeventa::events::json_fields {

namespace json = boost::json;

std::string path(std::string_view prefix, std::string_view key) {
    if (prefix.empty()) return std::string(key);
    std::string out(prefix);
    out += '.';
    out += key;
    return out;
}

std::string item(std::string_view prefix, std::size_t index) {
    std::string out(prefix);
    out += '[';
    out += std::to_string(index);
    out += ']';
    return out;
}

std::size_t utf8_length(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

std::string trim(std::string_view s) {
    const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return std::string(s);
}

std::optional<std::string> text(const json::object& o, std::string_view key, std::string_view field,
                                bool required, std::size_t min_len, std::size_t max_len,
                                problem_list& problems, bool accept_integer) {
    const json::value* v = o.if_contains(key);
    if (!v || v->is_null()) {
        if (required) problems.add(std::string(field), "is required");
        return std::nullopt;
    }
    std::string value;
    if (v->is_string()) {
        value = trim(v->get_string());
    } else if (accept_integer && v->is_int64()) {
        value = std::to_string(v->get_int64());
    } else if (accept_integer && v->is_uint64()) {
        value = std::to_string(v->get_uint64());
    } else {
        problems.add(std::string(field), "must be a string");
        return std::nullopt;
    }
    const std::size_t length = utf8_length(value);
    if (length == 0 && (required || min_len > 0)) {
        problems.add(std::string(field), "must not be empty");
        return std::nullopt;
    }
    if (length < min_len) {
        problems.add(std::string(field), "must be at least " + std::to_string(min_len) + " characters");
        return std::nullopt;
    }
    if (length > max_len) {
        problems.add(std::string(field), "must be at most " + std::to_string(max_len) + " characters");
        return std::nullopt;
    }
    return value;
}

std::optional<std::int64_t> integer(const json::object& o, std::string_view key,
                                    std::string_view field, bool required, std::int64_t min,
                                    std::int64_t max, problem_list& problems) {
    const json::value* v = o.if_contains(key);
    if (!v || v->is_null()) {
        if (required) problems.add(std::string(field), "is required");
        return std::nullopt;
    }
    std::optional<std::int64_t> value;
    if (v->is_int64()) {
        value = v->get_int64();
    } else if (v->is_uint64()) {
        if (v->get_uint64() <= static_cast<std::uint64_t>(max)) value = static_cast<std::int64_t>(v->get_uint64());
    } else if (v->is_double()) {
        // 12.0 is a whole number some JSON encoders produce; 12.5 is not.
        const double d = v->get_double();
        if (std::isfinite(d) && d == std::floor(d) && d >= static_cast<double>(min) &&
            d <= static_cast<double>(max))
            value = static_cast<std::int64_t>(d);
        else if (!std::isfinite(d) || d != std::floor(d)) {
            problems.add(std::string(field), "must be a whole number");
            return std::nullopt;
        }
    } else {
        problems.add(std::string(field), "must be a whole number");
        return std::nullopt;
    }
    if (!value || *value < min || *value > max) {
        problems.add(std::string(field),
                     "must be between " + std::to_string(min) + " and " + std::to_string(max));
        return std::nullopt;
    }
    return value;
}

std::optional<double> number(const json::object& o, std::string_view key, std::string_view field,
                             bool required, double limit, problem_list& problems) {
    const json::value* v = o.if_contains(key);
    if (!v || v->is_null()) {
        if (required) problems.add(std::string(field), "is required");
        return std::nullopt;
    }
    if (!v->is_number()) {
        problems.add(std::string(field), "must be a number");
        return std::nullopt;
    }
    const double d = v->to_number<double>();
    if (!std::isfinite(d) || std::fabs(d) > limit) {
        problems.add(std::string(field), "must be a number between -" + std::to_string(static_cast<long>(limit)) +
                                             " and " + std::to_string(static_cast<long>(limit)));
        return std::nullopt;
    }
    return d;
}

}  // namespace proeventa::events::json_fields
