// The listener: accepts TCP connections, caps how many are open, and runs one session
// coroutine per connection on its own strand (session.hpp serves the requests). It keeps a
// handle on every live session so shutdown can close idle ones and, past the grace period,
// the rest.
#include "session.hpp"

#include <proeventa/http/pipeline.hpp>
#include <proeventa/http/server.hpp>
#include <proeventa/log.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/write.hpp>

#include <mutex>
#include <unordered_map>

namespace proeventa {
namespace {

using tcp = net::ip::tcp;
using tcp_session = http_detail::http_session<beast::tcp_stream>;

}  // namespace

struct server::state : std::enable_shared_from_this<server::state> {
    state(net::io_context& c, server_options o, request_pipeline& p)
        : ioc(c), options(std::move(o)), pipeline(p), acceptor(c) {}

    net::io_context& ioc;
    server_options options;
    request_pipeline& pipeline;
    tcp::acceptor acceptor;
    std::mutex mutex;
    std::unordered_map<std::uint64_t, std::weak_ptr<http_detail::connection_handle>> sessions;
    std::uint64_t next_id = 0;

    std::size_t count() {
        std::lock_guard lock(mutex);
        return sessions.size();
    }

    awaitable<void> accept_loop();
    awaitable<void> refuse(tcp::socket socket);
    void close_idle_sessions(bool force);
};

awaitable<void> server::state::accept_loop() {
    auto self = shared_from_this();
    for (;;) {
        boost::system::error_code ec;
        auto socket = co_await acceptor.async_accept(net::make_strand(ioc),
                                                     net::redirect_error(use_awaitable, ec));
        if (ec == net::error::operation_aborted || !acceptor.is_open()) co_return;
        if (ec) {
            // Out of file descriptors and the like: back off briefly instead of spinning.
            log::warn("accept failed", {{"error", ec.message()}});
            net::steady_timer pause(ioc, std::chrono::milliseconds(50));
            co_await pause.async_wait(use_awaitable);
            continue;
        }
        if (count() >= options.limits.max_connections) {
            auto ex = socket.get_executor();
            net::co_spawn(ex, refuse(std::move(socket)), net::detached);
            continue;
        }
        socket.set_option(tcp::no_delay(true), ec);
        std::string remote = socket.remote_endpoint(ec).address().to_string();
        auto s = std::make_shared<tcp_session>(beast::tcp_stream(std::move(socket)), options.limits, pipeline,
                                               std::move(remote));
        std::uint64_t id;
        {
            std::lock_guard lock(mutex);
            id = ++next_id;
            sessions.emplace(id, s);
        }
        auto on_end = [self, id](std::exception_ptr error) {
            if (error) {
                try {
                    std::rethrow_exception(error);
                } catch (const std::exception& e) {
                    log::warn("session ended with an error", {{"error", e.what()}});
                } catch (...) {
                }
            }
            std::lock_guard lock(self->mutex);
            self->sessions.erase(id);
        };
        auto ex = s->stream().get_executor();
        net::co_spawn(ex, tcp_session::run(std::move(s)), std::move(on_end));
    }
}

awaitable<void> server::state::refuse(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    stream.expires_after(std::chrono::seconds(2));
    auto res = pipeline.reject(http::status::service_unavailable, "too_many_connections",
                               "the server is at its connection limit; retry shortly", "", "", "");
    res.set(http::field::retry_after, "1");
    boost::system::error_code ec;
    co_await http::async_write(stream, res, net::redirect_error(use_awaitable, ec));
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
}

void server::state::close_idle_sessions(bool force) {
    std::vector<std::shared_ptr<http_detail::connection_handle>> live;
    {
        std::lock_guard lock(mutex);
        for (auto& [_, weak] : sessions)
            if (auto s = weak.lock()) live.push_back(std::move(s));
    }
    for (auto& s : live) s->close(force);
}

server::server(net::io_context& ioc, server_options options, request_pipeline& pipeline)
    : state_(std::make_shared<state>(ioc, std::move(options), pipeline)) {}

server::~server() = default;

void server::start() {
    auto& acc = state_->acceptor;
    tcp::endpoint endpoint{net::ip::make_address(state_->options.host), state_->options.port};
    acc.open(endpoint.protocol());
    acc.set_option(tcp::acceptor::reuse_address(true));
    acc.bind(endpoint);
    acc.listen(net::socket_base::max_listen_connections);
    auto loop = state_->accept_loop();
    net::co_spawn(acc.get_executor(), std::move(loop), [](std::exception_ptr e) {
        if (e) std::rethrow_exception(e);  // the listener failing is fatal
    });
}

std::uint16_t server::port() const { return state_->acceptor.local_endpoint().port(); }

std::size_t server::active_connections() const { return state_->count(); }

void server::shutdown(std::function<void()> done) {
    auto st = state_;
    net::post(st->acceptor.get_executor(), [st] {
        boost::system::error_code ec;
        st->acceptor.close(ec);
    });
    st->pipeline.set_draining();
    st->close_idle_sessions(false);
    // Poll until every session has ended or the grace period is over, then force the rest.
    auto drain = [st, done = std::move(done)]() -> awaitable<void> {
        const auto deadline = std::chrono::steady_clock::now() + st->options.limits.shutdown_grace;
        net::steady_timer tick(st->ioc);
        while (st->count() > 0 && std::chrono::steady_clock::now() < deadline) {
            st->close_idle_sessions(false);
            tick.expires_after(std::chrono::milliseconds(25));
            co_await tick.async_wait(use_awaitable);
        }
        if (st->count() > 0) {
            log::warn("closing connections still open after the grace period",
                      {{"connections", st->count()}});
            st->close_idle_sessions(true);
            for (int i = 0; i < 40 && st->count() > 0; ++i) {
                tick.expires_after(std::chrono::milliseconds(25));
                co_await tick.async_wait(use_awaitable);
            }
        }
        done();
    };
    net::co_spawn(st->ioc, drain, net::detached);
}

}  // namespace proeventa
