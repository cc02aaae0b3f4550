#pragma once
// Method + path-pattern routing. A pattern is a literal path whose segments may be `{name}`,
// which matches a positive 64-bit integer only: `/events/events/abc` does not match and is a 404.
// A `{name:word}` segment matches 1 to 64 ASCII letters and digits (a booking reference); it is
// not captured as a parameter: the handler reads it from the path.
// Path is matched before method, so an unknown path is 404 and a known path with the wrong
// method is 405 with `Allow`.
#include <proeventa/http/request_context.hpp>

#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace proeventa {

using handler = std::function<awaitable<response>(request_context&)>;

class router {
public:
    /// Registers `h` for every pattern given (the gateway and the service layouts of one route).
    void add(http::verb method, std::initializer_list<std::string_view> patterns, handler h);

    struct match_result {
        enum class kind { found, not_found, method_not_allowed } outcome = kind::not_found;
        const handler* target = nullptr;
        std::vector<std::pair<std::string_view, std::int64_t>> params;
        std::string allow;  // for 405: e.g. "GET, PUT, DELETE"
    };
    match_result match(http::verb method, std::string_view path) const;

    /// Answers GET/HEAD requests no route matched (the SPA and its assets). Paths under an API
    /// prefix never reach it: they get the JSON 404.
    void set_fallback(handler h) { fallback_ = std::move(h); }
    const handler* fallback() const { return fallback_ ? &fallback_ : nullptr; }

    /// True for a path under an API prefix: its first segment is followed by more, and starts a
    /// route with more than one segment (`/events/x` once `/events/events` is registered). The
    /// modules' prefixes come from their own routes, so the core names none of them; `/events`
    /// alone or `/health/x` are not under a prefix.
    bool is_api_path(std::string_view path) const;

    /// Every registered pattern with its methods, for /openapi.json and tests.
    struct route_info {
        std::string pattern;
        std::vector<http::verb> methods;
    };
    std::vector<route_info> routes() const;

private:
    struct segment {
        std::string literal;  // empty for a parameter
        std::string name;     // parameter name
        bool word = false;    // `{name:word}`: letters and digits, not an integer
    };
    struct route {
        std::string pattern;
        std::vector<segment> segments;
        std::vector<std::pair<http::verb, handler>> methods;
    };
    std::vector<route> routes_;
    std::vector<std::string> api_prefixes_;  // first segments of routes with several segments
    handler fallback_;
};

}  // namespace proeventa
