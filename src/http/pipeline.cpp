#include <proeventa/http/api_error.hpp>
#include <proeventa/http/content_coding.hpp>
#include <proeventa/http/pipeline.hpp>
#include <proeventa/log.hpp>
#include <proeventa/text.hpp>


#include <algorithm>
#include <cctype>
#include <ctime>
#include <random>

namespace proeventa {
namespace {

using steady = std::chrono::steady_clock;

// Accept a client's id only if it is short and plain, so it is safe to echo and log.
bool sane_request_id(std::string_view id) {
    return !id.empty() && id.size() <= 128 && std::all_of(id.begin(), id.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
    });
}

// Request ids only correlate log lines, so they need to be unique, not unguessable: a per-thread
// generator seeded once from the CSPRNG costs a fraction of a CSPRNG draw per request (which
// was about 5 % of an event page's CPU).
std::string new_request_id() {
    thread_local std::mt19937_64 generator{std::stoull(text::random_hex(8), nullptr, 16)};
    static constexpr char hex[] = "0123456789abcdef";
    std::string out(24, '0');
    for (int half = 0; half < 2; ++half) {
        auto bits = generator();
        for (int i = 0; i < 12; ++i, bits >>= 4) out[static_cast<std::size_t>(half * 12 + i)] = hex[bits & 15];
    }
    return out;
}

// RFC 9110 IMF-fixdate, formatted at most once a second per thread.
const std::string& http_date_now() {
    thread_local std::time_t cached_second = 0;
    thread_local std::string cached;
    const auto now = std::time(nullptr);
    if (now != cached_second) {
        std::tm tm{};
        gmtime_r(&now, &tm);
        char buf[40];
        std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
        cached = buf;
        cached_second = now;
    }
    return cached;
}

/// Adds `token` to the response's Vary list unless it is there already.
void add_vary(response& res, std::string_view token) {
    const auto current = res[http::field::vary];
    if (current.empty()) return res.set(http::field::vary, token);
    if (current.find(token) != std::string_view::npos) return;
    res.set(http::field::vary, std::string(current) + ", " + std::string(token));
}

/// Answers built per request (a signed-in viewer's reservations, an organizer's list) are
/// compressed here when they are large and the client takes gzip; cached answers arrive with
/// their gzip form chosen already. Level 4: most of level 6's saving at half its CPU.
void compress_if_worthwhile(const request& req, response& res) {
    if (res.body().size() < content_coding::min_compressed_size) return;
    if (res.find(http::field::content_encoding) != res.end()) return;
    if (!content_coding::compressible(res[http::field::content_type])) return;
    add_vary(res, "Accept-Encoding");
    const auto accept = req[http::field::accept_encoding];
    if (accept.empty() || !content_coding::accepts_gzip(accept)) return;
    res.body() = content_coding::gzip(res.body(), 4);
    res.set(http::field::content_encoding, "gzip");
    res.prepare_payload();
}

}  // namespace

request_pipeline::request_pipeline(const router& routes, pipeline_options options)
    : routes_(routes), options_(std::move(options)) {}

awaitable<response> request_pipeline::handle(const request& req, std::string remote_address,
                                             std::shared_ptr<event_stream>* stream) {
    const auto start = steady::now();
    auto sent_id = req.find("X-Request-Id");
    std::string request_id = sent_id != req.end() && sane_request_id(sent_id->value())
                                 ? std::string(sent_id->value())
                                 : new_request_id();
    // Behind trusted proxies the TCP peer is the proxy: throttles and the access log key on
    // the client it forwarded for instead.
    remote_address = client_address(remote_address, req, options_.trusted_proxies);
    request_context ctx(req, remote_address, request_id);

    response res;
    try {
        res = co_await dispatch(ctx);
    } catch (...) {
        res = error_response(req, std::current_exception(), request_id);
    }
    if (auto started = ctx.take_stream()) {
        if (stream && res.result() == http::status::ok) *stream = std::move(started);
        else started->stop();
    }
    compress_if_worthwhile(req, res);
    decorate(req, res, request_id);
    account(req.method_string(), req.target(), res.result_int(), start, request_id, remote_address);
    co_return res;
}

awaitable<response> request_pipeline::dispatch(request_context& ctx) {
    const auto& req = ctx.req();
    // CORS preflight is answered here for every path; the headers come from decorate().
    if (req.method() == http::verb::options) {
        response res{http::status::no_content, req.version()};
        auto m = routes_.match(http::verb::get, ctx.path());
        if (m.outcome == router::match_result::kind::not_found)
            m = routes_.match(http::verb::post, ctx.path());
        res.set(http::field::allow, m.allow.empty() ? "GET, HEAD, OPTIONS" : m.allow);
        co_return res;
    }
    auto m = routes_.match(req.method(), ctx.path());
    switch (m.outcome) {
        case router::match_result::kind::found:
            ctx.set_params(std::move(m.params));
            co_return co_await (*m.target)(ctx);
        case router::match_result::kind::method_not_allowed:
            throw api_error(http::status::method_not_allowed, "method_not_allowed",
                            "method " + std::string(req.method_string()) + " is not allowed here")
                .with_header("Allow", m.allow);
        case router::match_result::kind::not_found:
            break;
    }
    const bool read = req.method() == http::verb::get || req.method() == http::verb::head;
    if (read && !routes_.is_api_path(ctx.path())) {
        if (const auto* fallback = routes_.fallback()) co_return co_await (*fallback)(ctx);
    }
    throw errors::not_found("no route for " + ctx.path());
}

void request_pipeline::decorate(const request& req, response& res,
                                const std::string& request_id) const {
    res.set("X-Request-Id", request_id);
    // Clients (the SPA's hold countdown) use it to correct for their own clock.
    res.set(http::field::date, http_date_now());
    // The SPA is served by this binary: a strict policy leaves injected script nowhere to run.
    res.set("Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; font-src 'self'; object-src 'none'; frame-ancestors 'none'; "
            "base-uri 'self'; form-action 'self'");
    res.set("X-Content-Type-Options", "nosniff");
    res.set("X-Frame-Options", "DENY");
    res.set("Referrer-Policy", "strict-origin-when-cross-origin");
    res.set(http::field::server, "ProEventa");

    auto origin_it = req.find(http::field::origin);
    if (origin_it != req.end()) {
        const auto origin = origin_it->value();
        const bool any = std::find(options_.cors_origins.begin(), options_.cors_origins.end(), "*") !=
                         options_.cors_origins.end();
        const bool listed = std::find(options_.cors_origins.begin(), options_.cors_origins.end(),
                                      origin) != options_.cors_origins.end();
        if (any || listed) {
            res.set(http::field::access_control_allow_origin, any ? "*" : std::string(origin));
            add_vary(res, "Origin");
            res.set(http::field::access_control_expose_headers, "X-Total-Count, X-Request-Id, Retry-After");
            if (req.method() == http::verb::options) {
                auto allow = res[http::field::allow];
                res.set(http::field::access_control_allow_methods,
                        allow.empty() ? "GET, POST, PUT, PATCH, DELETE, OPTIONS" : allow);
                res.set(http::field::access_control_allow_headers,
                        "Authorization, Content-Type, Idempotency-Key, X-Request-Id");
                res.set(http::field::access_control_max_age, "600");
            }
        }
    }
    if (draining_) res.keep_alive(false);
}

void request_pipeline::account(std::string_view method, std::string_view target, unsigned status,
                               steady::time_point start, const std::string& request_id,
                               const std::string& remote) {
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(steady::now() - start).count();
    counters_.requests.fetch_add(1, std::memory_order_relaxed);
    counters_.duration_us_total.fetch_add(static_cast<std::uint64_t>(us), std::memory_order_relaxed);
    if (status >= 500) counters_.errors_5xx.fetch_add(1, std::memory_order_relaxed);
    else if (status >= 400) counters_.errors_4xx.fetch_add(1, std::memory_order_relaxed);
    // The path only: query strings may carry search terms people consider private.
    const auto path = target.substr(0, target.find('?'));
    log::info("request", {{"method", method},
                          {"path", path.substr(0, 256)},
                          {"status", status},
                          {"duration_us", us},
                          {"request_id", request_id},
                          {"remote", remote}});
}

response request_pipeline::reject(http::status status, std::string code, std::string message,
                                  std::string_view method, std::string_view target,
                                  const std::string& remote_address) {
    const auto start = steady::now();
    request req{http::verb::get, "/", 11};
    auto res = make_error_response(11, status, code, message);
    const auto id = new_request_id();
    decorate(req, res, id);
    res.keep_alive(false);
    account(method.empty() ? "-" : method, target, res.result_int(), start, id, remote_address);
    return res;
}

}  // namespace proeventa
