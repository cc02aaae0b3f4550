// The listener: accepts TCP connections, caps how many are open, and runs one session
// coroutine per connection on its own strand (session.hpp serves the requests). It keeps a
// handle on every live session so shutdown can close idle ones and, past the grace period,
// the rest.
#include "session.hpp"

#include <proeventa/http/pipeline.hpp>
#include <proeventa/http/server.hpp>
#include <proeventa/http/tls.hpp>
#include <proeventa/log.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>
#include <unordered_map>

namespace proeventa {
namespace {

using tcp = net::ip::tcp;
using tls_stream = beast::ssl_stream<beast::tcp_stream>;
using tcp_session = http_detail::http_session<beast::tcp_stream>;
using tls_session = http_detail::http_session<tls_stream>;

}  // namespace

struct server::state : std::enable_shared_from_this<server::state> {
    state(net::io_context& c, server_options o, request_pipeline& p)
        : ioc(c), options(std::move(o)), pipeline(p), acceptor(c) {
        if (options.tls) tls = make_tls_server_context(*options.tls);
    }

    net::io_context& ioc;
    server_options options;
    request_pipeline& pipeline;
    tcp::acceptor acceptor;
    std::unique_ptr<net::ssl::context> tls;  // set: every connection speaks TLS
    std::mutex mutex;
    std::unordered_map<std::uint64_t, std::weak_ptr<http_detail::connection_handle>> sessions;
    std::uint64_t next_id = 0;
    std::size_t peak = 0;  // the most sessions at once since take_connection_counts

    std::atomic<std::size_t> probes_in_flight{0};

    std::size_t count() {
        std::lock_guard lock(mutex);
        return sessions.size();
    }

    awaitable<void> accept_loop();
    template <class Session>
    void start_session(std::shared_ptr<Session> s);
    awaitable<void> over_cap(tcp::socket socket);
    template <class Stream>
    awaitable<void> answer_over_cap(Stream stream, std::string remote);
    bool is_probe(const request& req) const;
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
            net::co_spawn(ex, over_cap(std::move(socket)), net::detached);
            continue;
        }
        socket.set_option(tcp::no_delay(true), ec);
        std::string remote = socket.remote_endpoint(ec).address().to_string();
        if (tls) {
            start_session(std::make_shared<tls_session>(tls_stream(beast::tcp_stream(std::move(socket)), *tls),
                                                        options.limits, pipeline, std::move(remote)));
        } else {
            start_session(std::make_shared<tcp_session>(beast::tcp_stream(std::move(socket)), options.limits,
                                                        pipeline, std::move(remote)));
        }
    }
}

template <class Session>
void server::state::start_session(std::shared_ptr<Session> s) {
    std::uint64_t id;
    {
        std::lock_guard lock(mutex);
        id = ++next_id;
        sessions.emplace(id, s);
        peak = std::max(peak, sessions.size());
    }
    auto on_end = [self = shared_from_this(), id](std::exception_ptr error) {
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
    net::co_spawn(ex, Session::run(std::move(s)), std::move(on_end));
}

awaitable<void> server::state::over_cap(tcp::socket socket) {
    boost::system::error_code ec;
    std::string remote = socket.remote_endpoint(ec).address().to_string();
    if (tls)
        co_await answer_over_cap(tls_stream(beast::tcp_stream(std::move(socket)), *tls), std::move(remote));
    else
        co_await answer_over_cap(beast::tcp_stream(std::move(socket)), std::move(remote));
}

template <class Stream>
awaitable<void> server::state::answer_over_cap(Stream stream, std::string remote) {
    constexpr bool secure = http_detail::is_tls_stream<Stream>::value;
    boost::system::error_code ec;
    auto& tcp_layer = beast::get_lowest_layer(stream);
    // A client is given a second to say what it wants. Then the read is cancelled rather than
    // the connection closed (which is what the stream's own timeout does), so a client that sent
    // nothing still gets its 503. The timer runs on the connection's strand, as this does.
    net::steady_timer patience(tcp_layer.get_executor(), std::chrono::seconds(1));
    bool waiting = true;
    patience.async_wait([&tcp_layer, &waiting](const boost::system::error_code& e) {
        // `e` first: once the frame is gone the timer's cancellation arrives as an error.
        if (!e && waiting) {
            boost::system::error_code ignored;
            tcp_layer.socket().cancel(ignored);
        }
    });
    std::optional<request> req;
    if (probes_in_flight.fetch_add(1) < over_cap_probe_slots) {
        if constexpr (secure)
            co_await stream.async_handshake(net::ssl::stream_base::server, net::redirect_error(use_awaitable, ec));
        if (!ec) {
            beast::flat_buffer buffer;
            http::request_parser<http::string_body> parser;
            parser.header_limit(4096);
            parser.body_limit(0);  // a probe has no body
            co_await http::async_read(stream, buffer, parser, net::redirect_error(use_awaitable, ec));
            if (!ec) req = parser.release();
        }
    } else if constexpr (secure) {
        // No slot for a handshake: a TLS client could not read a plain answer anyway.
        --probes_in_flight;
        tcp_layer.close();
        co_return;
    }
    --probes_in_flight;
    waiting = false;
    patience.cancel();
    if (secure && !req) {
        tcp_layer.close();  // the handshake or the read failed: nothing readable to say
        co_return;
    }
    response res;
    if (req && is_probe(*req)) {
        res = co_await pipeline.handle(*req, remote);
    } else {
        res = pipeline.reject(http::status::service_unavailable, "too_many_connections",
                              "the server is at its connection limit; retry shortly",
                              req ? req->method_string() : "", req ? req->target() : "", remote);
        res.set(http::field::retry_after, "1");
    }
    res.keep_alive(false);
    http_detail::add_transport_headers<Stream>(res);
    tcp_layer.expires_after(std::chrono::seconds(2));
    co_await http::async_write(stream, res, net::redirect_error(use_awaitable, ec));
    if constexpr (secure) co_await stream.async_shutdown(net::redirect_error(use_awaitable, ec));
    tcp_layer.socket().shutdown(tcp::socket::shutdown_both, ec);
    tcp_layer.close();
}

bool server::state::is_probe(const request& req) const {
    if (req.method() != http::verb::get && req.method() != http::verb::head) return false;
    const auto target = req.target();
    const auto path = target.substr(0, target.find('?'));
    return std::find(options.over_cap_paths.begin(), options.over_cap_paths.end(), path) !=
           options.over_cap_paths.end();
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

connection_counts server::take_connection_counts() {
    std::lock_guard lock(state_->mutex);
    const connection_counts counts{state_->sessions.size(), std::max(state_->peak, state_->sessions.size())};
    state_->peak = counts.open;
    return counts;
}

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
