#pragma once
// The HTTP/1.1 transport (plain or TLS): accepts connections and runs one coroutine per connection. It knows
// nothing about routes: every parsed request goes to the request_pipeline.
#include <proeventa/config.hpp>
#include <proeventa/http/tls.hpp>
#include <proeventa/net.hpp>

#include <boost/asio/io_context.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace proeventa {

class request_pipeline;

struct server_options {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8000;
    http_limits limits;
    /// Set: every connection speaks TLS (HTTPS on `port`).
    std::optional<tls_files> tls = std::nullopt;
    /// GET/HEAD paths answered even past `limits.max_connections` (load balancers' checks).
    std::vector<std::string> over_cap_paths = {"/health", "/api/v1/health", "/ready", "/api/v1/ready"};
};

struct connection_counts {
    std::size_t open = 0;
    std::size_t peak = 0;  // the most open at once since the previous take_connection_counts
};

class server {
public:
    server(net::io_context& ioc, server_options options, request_pipeline& pipeline);
    ~server();

    /// Binds and listens (throws std::system_error when the address is taken), then accepts.
    void start();
    /// The bound port (useful with port 0).
    std::uint16_t port() const;
    /// Graceful stop: no new connections, idle keep-alive connections closed, requests in
    /// flight finish (answered with `Connection: close`) for up to `limits.shutdown_grace`,
    /// then whatever is left is closed. `done` runs once every connection has ended.
    void shutdown(std::function<void()> done);

    /// Open connections now and the most open at once since the previous call, which a burst
    /// that came and went between two calls still shows.
    connection_counts take_connection_counts();

private:
    struct state;
    std::shared_ptr<state> state_;
};

}  // namespace proeventa
