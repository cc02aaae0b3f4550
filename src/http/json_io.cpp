#include <proeventa/clock.hpp>
#include <proeventa/http/json_io.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace proeventa {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

// Counts code points so length limits mean characters, not bytes.
std::size_t utf8_length(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string join_words(std::initializer_list<std::string_view> words) {
    std::string out;
    for (auto w : words) {
        if (!out.empty()) out += ", ";
        out += w;
    }
    return out;
}

std::optional<std::int64_t> parse_integer(std::string_view s) {
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc{} || p != s.data() + s.size()) return std::nullopt;
    return v;
}

// The checks both readers share: each returns the problem to report, or nothing.
std::optional<std::string> range_problem(std::int64_t n, std::int64_t min, std::int64_t max) {
    if (n >= min && n <= max) return std::nullopt;
    return "must be between " + std::to_string(min) + " and " + std::to_string(max);
}

std::optional<std::string> choice_problem(std::string_view value,
                                          std::initializer_list<std::string_view> allowed) {
    if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return std::nullopt;
    return "must be one of: " + join_words(allowed);
}

/// The timestamp normalised to UTC, or nullopt when it is not RFC 3339.
std::optional<std::string> normalised_timestamp(std::string_view text) {
    auto t = parse_rfc3339(text);
    return t ? std::optional<std::string>(to_rfc3339(*t)) : std::nullopt;
}

constexpr const char* timestamp_problem = "must be an RFC 3339 timestamp such as 2026-12-31T20:00:00Z";
constexpr const char* nul_problem = "must not contain NUL characters (\\u0000)";

/// Well-formed UTF-8 (RFC 3629: no overlongs, no surrogates, nothing past U+10FFFF). Query
/// parameters are percent-decoded bytes; PostgreSQL refuses anything else with an error.
bool valid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t extra = 0;
        std::uint32_t min = 0, cp = 0;
        if (c < 0x80) { ++i; continue; }
        if ((c & 0xE0) == 0xC0) { extra = 1; min = 0x80; cp = c & 0x1Fu; }
        else if ((c & 0xF0) == 0xE0) { extra = 2; min = 0x800; cp = c & 0x0Fu; }
        else if ((c & 0xF8) == 0xF0) { extra = 3; min = 0x10000; cp = c & 0x07u; }
        else return false;
        if (i + extra >= s.size()) return false;
        for (std::size_t k = 1; k <= extra; ++k) {
            const auto d = static_cast<unsigned char>(s[i + k]);
            if ((d & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (d & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += extra + 1;
    }
    return true;
}

/// The first string (value or key) holding a NUL, as a field path like `layout.sections[2].name`.
/// PostgreSQL text cannot hold NUL: refused here, once for every route, instead of being cut
/// short or failing a database check.
std::optional<std::string> nul_field(const json::value& v, const std::string& path) {
    auto join = [&](std::string_view key) {
        return path.empty() ? std::string(key) : path + "." + std::string(key);
    };
    if (const auto* s = v.if_string())
        return s->find('\0') != json::string::npos ? std::optional<std::string>(path) : std::nullopt;
    if (const auto* o = v.if_object()) {
        for (const auto& [key, item] : *o) {
            if (key.find('\0') != std::string_view::npos) return join(key.substr(0, key.find('\0')));
            if (auto found = nul_field(item, join(key))) return found;
        }
    } else if (const auto* a = v.if_array()) {
        for (std::size_t i = 0; i < a->size(); ++i)
            if (auto found = nul_field((*a)[i], path + "[" + std::to_string(i) + "]")) return found;
    }
    return std::nullopt;
}

}  // namespace

json::object parse_json_object(const request_context& ctx) {
    const auto type = ctx.header("Content-Type");
    const auto media = trim(type.substr(0, type.find(';')));
    if (!(media.size() == 16 && std::equal(media.begin(), media.end(), "application/json",
                                           [](char a, char b) {
                                               return std::tolower(static_cast<unsigned char>(a)) == b;
                                           })))
        throw api_error(http::status::unsupported_media_type, "unsupported_media_type",
                        "send the body as JSON with Content-Type: application/json");
    boost::system::error_code ec;
    json::parse_options opts;
    opts.max_depth = 16;
    auto value = json::parse(ctx.req().body(), ec, {}, opts);
    if (ec) throw errors::bad_request("the body is not valid JSON", "invalid_json");
    if (!value.is_object()) throw errors::bad_request("the body must be a JSON object", "invalid_json");
    if (auto field = nul_field(value, {})) {
        const std::string name = field->empty() ? std::string("body") : *field;
        throw errors::validation(json::object{{name, nul_problem}}, "invalid " + name);
    }
    return std::move(value.as_object());
}

response json_response(const request_context& ctx, http::status status, const json::value& body) {
    response res{status, ctx.req().version()};
    res.set(http::field::content_type, "application/json");
    res.set(http::field::cache_control, "no-store");
    res.body() = json::serialize(body);
    res.prepare_payload();
    return res;
}

response json_list_response(const request_context& ctx, const json::array& items,
                            std::int64_t total_count) {
    auto res = json_response(ctx, http::status::ok, items);
    res.set("X-Total-Count", std::to_string(total_count));
    return res;
}

// --- field_reader ---------------------------------------------------------------------------

bool field_reader::has(std::string_view key) const {
    auto it = body_.find(key);
    return it != body_.end() && !it->value().is_null();
}

const json::value* field_reader::raw(std::string_view key) const {
    auto it = body_.find(key);
    return it == body_.end() ? nullptr : &it->value();
}

void field_reader::fail(std::string_view key, std::string message) {
    if (!details_.contains(key)) details_[key] = std::move(message);
}

void field_reader::finish() const {
    if (!details_.empty()) {
        std::string message = "invalid ";
        bool first = true;
        for (const auto& [k, _] : details_) {
            if (!first) message += ", ";
            message += k;
            first = false;
        }
        throw errors::validation(details_, message);
    }
}

std::optional<std::string> field_reader::string(std::string_view key, bool required,
                                                std::size_t min_len, std::size_t max_len) {
    const auto* v = raw(key);
    if (!v || v->is_null()) {
        if (required) fail(key, "is required");
        return std::nullopt;
    }
    if (!v->is_string()) {
        fail(key, "must be a string");
        return std::nullopt;
    }
    auto s = trim(v->as_string());
    const auto len = utf8_length(s);
    if (len == 0 && required) {
        fail(key, "must not be empty");
        return std::nullopt;
    }
    if (len < min_len) {
        fail(key, "must be at least " + std::to_string(min_len) + " characters");
        return std::nullopt;
    }
    if (len > max_len) {
        fail(key, "must be at most " + std::to_string(max_len) + " characters");
        return std::nullopt;
    }
    return std::string(s);
}

std::optional<std::int64_t> field_reader::integer(std::string_view key, bool required,
                                                  std::int64_t min, std::int64_t max) {
    const auto* v = raw(key);
    if (!v || v->is_null()) {
        if (required) fail(key, "is required");
        return std::nullopt;
    }
    std::optional<std::int64_t> n;
    if (v->is_int64()) n = v->as_int64();
    else if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
        n = static_cast<std::int64_t>(v->as_uint64());
    if (!n) {
        fail(key, "must be an integer");
        return std::nullopt;
    }
    if (auto problem = range_problem(*n, min, max)) {
        fail(key, std::move(*problem));
        return std::nullopt;
    }
    return n;
}

std::optional<bool> field_reader::boolean(std::string_view key, bool required) {
    const auto* v = raw(key);
    if (!v || v->is_null()) {
        if (required) fail(key, "is required");
        return std::nullopt;
    }
    if (!v->is_bool()) {
        fail(key, "must be true or false");
        return std::nullopt;
    }
    return v->as_bool();
}

std::optional<std::string> field_reader::timestamp(std::string_view key, bool required) {
    auto s = string(key, required, 0, 64);
    if (!s) return std::nullopt;
    auto t = normalised_timestamp(*s);
    if (!t) fail(key, timestamp_problem);
    return t;
}

std::optional<std::string> field_reader::one_of(std::string_view key, bool required,
                                                std::initializer_list<std::string_view> allowed) {
    auto s = string(key, required, 0, 64);
    if (!s) return std::nullopt;
    if (auto problem = choice_problem(*s, allowed)) {
        fail(key, std::move(*problem));
        return std::nullopt;
    }
    return s;
}

// --- query_reader ---------------------------------------------------------------------------

void query_reader::fail(std::string_view key, std::string message) {
    if (!details_.contains(key)) details_[key] = std::move(message);
}

void query_reader::finish() const {
    if (!details_.empty()) throw errors::validation(details_, "invalid query parameters");
}

std::optional<std::string> query_reader::value(std::string_view key) {
    auto v = ctx_.query(key);
    if (!v) return v;
    if (v->find('\0') != std::string::npos) {
        fail(key, nul_problem);
        return std::nullopt;
    }
    if (!valid_utf8(*v)) {
        fail(key, "must be valid UTF-8 text");
        return std::nullopt;
    }
    return v;
}

std::optional<std::string> query_reader::string(std::string_view key, std::size_t max_len) {
    auto v = value(key);
    if (!v) return std::nullopt;
    auto s = std::string(trim(*v));
    if (s.empty()) return std::nullopt;
    if (utf8_length(s) > max_len) {
        fail(key, "must be at most " + std::to_string(max_len) + " characters");
        return std::nullopt;
    }
    return s;
}

std::optional<std::int64_t> query_reader::integer(std::string_view key, std::int64_t min,
                                                  std::int64_t max) {
    auto v = value(key);
    if (!v || v->empty()) return std::nullopt;
    auto n = parse_integer(*v);
    if (!n) {
        fail(key, "must be an integer");
        return std::nullopt;
    }
    if (auto problem = range_problem(*n, min, max)) {
        fail(key, std::move(*problem));
        return std::nullopt;
    }
    return n;
}

std::optional<bool> query_reader::boolean(std::string_view key) {
    auto v = value(key);
    if (!v || v->empty()) return std::nullopt;
    if (*v == "true" || *v == "1") return true;
    if (*v == "false" || *v == "0") return false;
    fail(key, "must be true or false");
    return std::nullopt;
}

std::optional<std::string> query_reader::timestamp(std::string_view key) {
    auto v = string(key, 64);
    if (!v) return std::nullopt;
    auto t = normalised_timestamp(*v);
    if (!t) fail(key, timestamp_problem);
    return t;
}

std::optional<std::string> query_reader::one_of(std::string_view key,
                                                std::initializer_list<std::string_view> allowed) {
    auto v = string(key, 64);
    if (!v) return std::nullopt;
    if (auto problem = choice_problem(*v, allowed)) {
        fail(key, std::move(*problem));
        return std::nullopt;
    }
    return v;
}

page read_page(query_reader& q, std::int64_t default_limit, std::int64_t max_limit) {
    page p;
    p.limit = q.integer("limit", 1, max_limit).value_or(default_limit);
    p.offset = q.integer("offset", 0, 10'000'000).value_or(0);
    return p;
}

}  // namespace proeventa
