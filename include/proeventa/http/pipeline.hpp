#pragma once
// The request pipeline: middleware composed in order around the router.
//   access log -> request id -> security headers -> CORS -> error boundary -> router
// A pure function from request to response, so it is testable without sockets.
#include <proeventa/http/client_address.hpp>
#include <proeventa/http/request_context.hpp>
#include <proeventa/http/router.hpp>

#include <atomic>
#include <string>
#include <vector>

namespace proeventa {

struct pipeline_options {
    std::vector<std::string> cors_origins;  // exact origins, or "*" for any
    bool production = false;
    /// Peers whose X-Forwarded-For names the client (see client_address.hpp); empty: none.
    network_list trusted_proxies = {};
};

class request_pipeline {
public:
    request_pipeline(const router& routes, pipeline_options options);

    /// `stream`, when given, receives the event stream a handler started (the response is then
    /// its head); without it, a handler's stream is stopped and only the head is sent.
    awaitable<response> handle(const request& req, std::string remote_address,
                               std::shared_ptr<event_stream>* stream = nullptr);
    /// A response for a request the transport could not parse (400, 413, 431, 503): same error
    /// body, headers and access-log line as everything else.
    response reject(http::status status, std::string code, std::string message,
                    std::string_view method, std::string_view target,
                    const std::string& remote_address);

    /// While draining, every response asks the client to close the connection.
    void set_draining() { draining_ = true; }
    bool draining() const { return draining_; }

    struct counters {
        std::atomic<std::uint64_t> requests{0}, errors_4xx{0}, errors_5xx{0};
        std::atomic<std::uint64_t> duration_us_total{0};
    };
    const counters& stats() const { return counters_; }

private:
    awaitable<response> dispatch(request_context& ctx);
    void decorate(const request& req, response& res, const std::string& request_id) const;
    void account(std::string_view method, std::string_view target, unsigned status,
                 std::chrono::steady_clock::time_point start, const std::string& request_id,
                 const std::string& remote);

    const router& routes_;
    pipeline_options options_;
    std::atomic<bool> draining_{false};
    counters counters_;
};

/// Turns any exception escaping a handler into the JSON error response (the one place errors
/// become HTTP). Unknown exceptions are logged with the request id and answered with a bare 500.
response error_response(const request& req, const std::exception_ptr& error,
                        const std::string& request_id);
response make_error_response(unsigned version, http::status status, std::string_view code,
                             std::string_view message, const boost::json::object* details = nullptr);

}  // namespace proeventa
