// Listener and per-connection sessions. Read, handle and write each get their own deadline; a
// fresh parser per request carries explicit header and body limits; requests on one connection
// are answered strictly in order (one coroutine reads, handles and writes them one at a time,
// which also handles pipelined requests: unread bytes stay in the session's buffer).
#include <proeventa/http/pipeline.hpp>
#include <proeventa/http/server.hpp>
#include <proeventa/log.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <mutex>
#include <unordered_map>

namespace proeventa {
namespace {

using tcp = net::ip::tcp;

struct session : std::enable_shared_from_this<session> {
    explicit session(tcp::socket socket) : stream(std::move(socket)) {}
    beast::tcp_stream stream;
    beast::flat_buffer buffer;
    std::string remote;
    bool idle = true;  // waiting for the first byte of a request (only touched on the strand)
};

bool is_disconnect(const boost::system::error_code& ec) {
    return ec == http::error::end_of_stream || ec == net::error::eof ||
           ec == net::error::connection_reset || ec == net::error::operation_aborted ||
           ec == beast::error::timeout || ec == net::error::broken_pipe ||
           ec == net::error::bad_descriptor || ec == net::error::not_connected;
}

// Maps a parser failure to the status a client can act on.
std::tuple<http::status, const char*, const char*> classify_parse_error(const boost::system::error_code& ec) {
    if (ec == http::error::body_limit)
        return {http::status::payload_too_large, "payload_too_large", "the request body is too large"};
    if (ec == http::error::header_limit)
        return {http::status::request_header_fields_too_large, "headers_too_large",
                "the request headers are too large"};
    return {http::status::bad_request, "bad_request", "malformed HTTP request"};
}

}  // namespace

struct server::state : std::enable_shared_from_this<server::state> {
    state(net::io_context& c, server_options o, request_pipeline& p)
        : ioc(c), options(std::move(o)), pipeline(p), acceptor(c) {}

    net::io_context& ioc;
    server_options options;
    request_pipeline& pipeline;
    tcp::acceptor acceptor;
    std::mutex mutex;
    std::unordered_map<std::uint64_t, std::weak_ptr<session>> sessions;
    std::uint64_t next_id = 0;
    bool stopping = false;

    std::size_t count() {
        std::lock_guard lock(mutex);
        return sessions.size();
    }

    awaitable<void> accept_loop();
    awaitable<void> run_session(std::shared_ptr<session> s);
    awaitable<bool> serve_one(session& s);
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
        auto s = std::make_shared<session>(std::move(socket));
        s->remote = s->stream.socket().remote_endpoint(ec).address().to_string();
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
        auto ex = s->stream.get_executor();
        net::co_spawn(ex, run_session(s), std::move(on_end));
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

awaitable<void> server::state::run_session(std::shared_ptr<session> s) {
    boost::system::error_code ec;
    while (co_await serve_one(*s)) {
    }
    s->stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    s->stream.close();
}

// Serves one request; returns whether the connection stays open for another.
awaitable<bool> server::state::serve_one(session& s) {
    const auto& limits = options.limits;
    boost::system::error_code ec;
    auto& stream = s.stream;

    // Idle keep-alive wait, bounded on its own, so a quiet connection costs nothing for long.
    if (s.buffer.size() == 0) {
        if (pipeline.draining()) co_return false;
        s.idle = true;
        stream.expires_after(limits.keepalive_timeout);
        const auto n = co_await stream.async_read_some(s.buffer.prepare(4096),
                                                       net::redirect_error(use_awaitable, ec));
        s.idle = false;
        if (ec) co_return false;
        s.buffer.commit(n);
    }
    s.idle = false;

    // One deadline for the whole request (header and body): trickling bytes do not extend it.
    stream.expires_after(limits.request_timeout);
    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(limits.header_limit));
    parser.body_limit(limits.body_limit);
    co_await http::async_read_header(stream, s.buffer, parser, net::redirect_error(use_awaitable, ec));
    if (!ec) {
        const auto& header = parser.get();
        if (auto len = parser.content_length(); len && *len > limits.body_limit) {
            ec = http::error::body_limit;
        } else if (!header.target().starts_with("/")) {
            ec = http::error::bad_target;
        } else {
            auto expect = header[http::field::expect];
            if (!expect.empty() && beast::iequals(expect, "100-continue")) {
                http::response<http::empty_body> go_on{http::status::continue_, 11};
                co_await http::async_write(stream, go_on, net::redirect_error(use_awaitable, ec));
                if (ec) co_return false;
            }
            co_await http::async_read(stream, s.buffer, parser, net::redirect_error(use_awaitable, ec));
        }
    }
    if (ec) {
        if (is_disconnect(ec) || ec == http::error::partial_message) co_return false;
        auto [status, code, message] = classify_parse_error(ec);
        std::string_view method, target;
        if (parser.is_header_done()) {
            method = parser.get().method_string();
            target = parser.get().target();
        }
        auto res = pipeline.reject(status, code, message, method, target, s.remote);
        stream.expires_after(limits.write_timeout);
        co_await http::async_write(stream, res, net::redirect_error(use_awaitable, ec));
        co_return false;
    }

    auto req = parser.release();
    const bool head = req.method() == http::verb::head;
    auto res = co_await pipeline.handle(req, s.remote);
    res.keep_alive(req.keep_alive() && res.keep_alive() && !pipeline.draining());
    if (head) {
        // HEAD: the headers a GET would send, with no body.
        const auto size = res.body().size();
        res.body().clear();
        res.content_length(size);
    }
    stream.expires_after(limits.write_timeout);
    co_await http::async_write(stream, res, net::redirect_error(use_awaitable, ec));
    if (ec) co_return false;
    co_return res.keep_alive();
}

void server::state::close_idle_sessions(bool force) {
    std::vector<std::shared_ptr<session>> live;
    {
        std::lock_guard lock(mutex);
        for (auto& [_, weak] : sessions)
            if (auto s = weak.lock()) live.push_back(std::move(s));
    }
    for (auto& s : live) {
        // Runs on the session's strand, where `idle` is only ever written.
        auto closer = [s, force] {
            if (force || s->idle) {
                boost::system::error_code ec;
                s->stream.socket().cancel(ec);
                s->stream.socket().close(ec);
            }
        };
        net::post(s->stream.get_executor(), std::move(closer));
    }
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
