#include <proeventa/clock.hpp>
#include <proeventa/http/json_io.hpp>
#include <proeventa/text.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

namespace proeventa {
namespace {

using text::trim;
using text::utf8_length;
using text::valid_utf8;

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

constexpr const char* range_of_double_problem = "is a number too large for a 64-bit float";

struct unstorable {
    std::string field;    // a path like `layout.sections[2].name`; empty: the body itself
    const char* problem;
};

/// The first value no route could store or send back: a string (value or key) holding a NUL,
/// which PostgreSQL text cannot hold, or a number beyond a double's range, which the parser
/// reads as infinity and no JSON text can spell. Refused here, once for every route, instead of
/// being cut short, failing a database check, or coming back as invalid JSON.
std::optional<unstorable> unstorable_field(const json::value& v, const std::string& path) {
    auto join = [&](std::string_view key) {
        return path.empty() ? std::string(key) : path + "." + std::string(key);
    };
    if (const auto* s = v.if_string())
        return s->find('\0') != json::string::npos ? std::optional<unstorable>({path, nul_problem}) : std::nullopt;
    if (const auto* d = v.if_double())
        return std::isfinite(*d) ? std::nullopt : std::optional<unstorable>({path, range_of_double_problem});
    if (const auto* o = v.if_object()) {
        for (const auto& [key, item] : *o) {
            if (key.find('\0') != std::string_view::npos)
                return unstorable{join(key.substr(0, key.find('\0'))), nul_problem};
            if (auto found = unstorable_field(item, join(key))) return found;
        }
    } else if (const auto* a = v.if_array()) {
        for (std::size_t i = 0; i < a->size(); ++i)
            if (auto found = unstorable_field((*a)[i], path + "[" + std::to_string(i) + "]")) return found;
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
    if (auto found = unstorable_field(value, {})) {
        const std::string name = found->field.empty() ? std::string("body") : found->field;
        throw errors::validation(json::object{{name, found->problem}}, "invalid " + name);
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

struct field_reader::problems {
    json::object details;  // first max_problems fields, each with its first problem
    std::size_t count = 0;
};

field_reader::field_reader(const json::object& body)
    : field_reader(body, {}, std::make_shared<problems>()) {}

field_reader::field_reader(const json::object& body, std::string prefix, std::shared_ptr<problems> sink)
    : body_(&body), prefix_(std::move(prefix)), problems_(std::move(sink)) {}

std::string field_reader::path(std::string_view key) const {
    if (prefix_.empty()) return std::string(key);
    if (key.empty()) return prefix_;
    return prefix_ + "." + std::string(key);
}

bool field_reader::has(std::string_view key) const {
    auto it = body_->find(key);
    return it != body_->end() && !it->value().is_null();
}

const json::value* field_reader::raw(std::string_view key) const {
    auto it = body_->find(key);
    return it == body_->end() ? nullptr : &it->value();
}

void field_reader::fail(std::string_view key, std::string message) {
    const auto field = path(key);
    if (problems_->details.contains(field)) return;
    ++problems_->count;
    if (problems_->details.size() < max_problems) problems_->details[field] = std::move(message);
}

bool field_reader::failed(std::string_view key) const { return problems_->details.contains(path(key)); }

bool field_reader::ok() const { return problems_->count == 0; }

void field_reader::finish() const {
    if (ok()) return;
    std::string message = "invalid ";
    bool first = true;
    for (const auto& [k, _] : problems_->details) {
        if (!first) message += ", ";
        message += k;
        first = false;
    }
    if (problems_->count > problems_->details.size())
        message += " and " + std::to_string(problems_->count - problems_->details.size()) + " more";
    throw errors::validation(problems_->details, message);
}

std::optional<std::string> field_reader::string(std::string_view key, bool required, std::size_t min_len,
                                                std::size_t max_len, bool accept_integer) {
    const auto* v = raw(key);
    if (!v || v->is_null()) {
        if (required) fail(key, "is required");
        return std::nullopt;
    }
    std::string_view s;
    std::string digits;
    if (v->is_string()) {
        s = trim(v->get_string());
    } else if (accept_integer && (v->is_int64() || v->is_uint64())) {
        digits = v->is_int64() ? std::to_string(v->get_int64()) : std::to_string(v->get_uint64());
        s = digits;
    } else {
        fail(key, "must be a string");
        return std::nullopt;
    }
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
    // 12.0 is what some JSON encoders write for 12; anything a double holds exactly (|n| <= 2^53)
    // with no fraction is that integer.
    else if (v->is_double() && std::fabs(v->as_double()) <= 9007199254740992.0 &&
             v->as_double() == std::floor(v->as_double()))
        n = static_cast<std::int64_t>(v->as_double());
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

std::optional<double> field_reader::number(std::string_view key, bool required, double limit) {
    const auto* v = raw(key);
    if (!v || v->is_null()) {
        if (required) fail(key, "is required");
        return std::nullopt;
    }
    if (!v->is_number()) {
        fail(key, "must be a number");
        return std::nullopt;
    }
    const double d = v->to_number<double>();
    if (!std::isfinite(d) || d < -limit || d > limit) {
        fail(key, "must be a number between -" + std::to_string(static_cast<long long>(limit)) + " and " +
                      std::to_string(static_cast<long long>(limit)));
        return std::nullopt;
    }
    return d;
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

std::optional<field_reader> field_reader::object(std::string_view key, bool required) {
    const auto* v = raw(key);
    if (!v || v->is_null()) {
        if (required) fail(key, "is required");
        return std::nullopt;
    }
    if (!v->is_object()) {
        fail(key, "must be an object");
        return std::nullopt;
    }
    return field_reader(v->get_object(), path(key), problems_);
}

std::optional<field_reader::items> field_reader::objects(std::string_view key, bool required,
                                                         std::size_t min_items, std::size_t max_items) {
    const auto* v = raw(key);
    if (!v || v->is_null()) {
        if (required) fail(key, "is required");
        return std::nullopt;
    }
    const auto* array = v->if_array();
    if (!array || array->size() < min_items || array->size() > max_items) {
        fail(key, "must be an array of " + std::to_string(min_items) + " to " + std::to_string(max_items) +
                      " objects");
        return std::nullopt;
    }
    items out;
    out.readers.reserve(array->size());
    const auto base = path(key);
    for (std::size_t i = 0; i < array->size(); ++i) {
        const auto item_path = base + "[" + std::to_string(i) + "]";
        if (const auto* o = (*array)[i].if_object()) {
            out.readers.push_back(field_reader(*o, item_path, problems_));
        } else {
            field_reader(*body_, item_path, problems_).fail({}, "must be an object");
            out.complete = false;
        }
    }
    return out;
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
