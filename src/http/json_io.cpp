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

std::optional<std::string> query_reader::string(std::string_view key, std::size_t max_len) {
    auto v = ctx_.query(key);
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
    auto v = ctx_.query(key);
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
    auto v = ctx_.query(key);
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
