#pragma once
// One HTTP/1.1 connection, written once for any stream: the plain TCP stream, a TLS stream over
// it (handshake first, under the request deadline; close_notify last), and Beast's in-memory
// test stream, which injects I/O faults in the unit tests. Whatever the stream, the session reads, handles and writes one request at
// a time, so pipelined requests are answered strictly in order (unread bytes wait in the
// buffer). Reading a request and writing its answer each get a deadline where the stream's
// lowest layer keeps time; handling is bounded by what it waits on (database deadlines, bounded
// queues). A fresh parser per request carries the header and body limits.
#include <proeventa/config.hpp>
#include <proeventa/http/event_stream.hpp>
#include <proeventa/http/pipeline.hpp>
#include <proeventa/net.hpp>

#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace proeventa::http_detail {

/// What the server needs of a live connection, whatever its stream type.
class connection_handle {
public:
    virtual ~connection_handle() = default;
    /// Closes the connection if it is waiting for its next request, or in any case when
    /// `force`. Callable from any thread: the work runs on the connection's own executor.
    virtual void close(bool force) = 0;
};

/// True for the ways a peer ends a connection; those end the session without an answer.
bool is_disconnect(const boost::system::error_code& ec);

/// RFC 9112 §6.3: a request whose Transfer-Encoding is anything but exactly `chunked` (gzip,
/// `chunked, gzip`, identity, or chunked alongside Content-Length) cannot be framed safely; a
/// proxy in front might frame it differently, so the bytes after it would be read as a second,
/// smuggled request. Such a request is refused and its connection closed.
bool acceptable_transfer_encoding(const http::request_header<>& header);

/// A parser failure as the status, code and message a client can act on (400, 413, 431).
std::tuple<http::status, const char*, const char*> classify_parse_error(const boost::system::error_code& ec);

/// Whether a stream is TLS: only then is HSTS sent, and a session begins with a handshake.
template <class Stream>
struct is_tls_stream : std::false_type {};
template <class Next>
struct is_tls_stream<beast::ssl_stream<Next>> : std::true_type {};

/// Headers that depend on the transport rather than the request.
template <class Stream>
void add_transport_headers(response& res) {
    // Over TLS only: a browser ignores HSTS over plain HTTP, and a proxy terminating TLS in
    // front adds its own (deploy/).
    if constexpr (is_tls_stream<Stream>::value)
        res.set(http::field::strict_transport_security, "max-age=31536000");
}

/// A TLS handshake failed because the client spoke plain HTTP to the TLS port.
bool is_plain_http_on_tls(const boost::system::error_code& ec);

template <class Stream>
class http_session final : public connection_handle,
                           public std::enable_shared_from_this<http_session<Stream>> {
public:
    /// `limits` and `pipeline` are the server's and outlive every session it starts.
    http_session(Stream stream, const http_limits& limits, request_pipeline& pipeline, std::string remote)
        : stream_(std::move(stream)), limits_(limits), pipeline_(pipeline), remote_(std::move(remote)) {}

    /// Serves requests until the peer leaves, a request asks to close, an error or shutdown;
    /// `self` keeps the session alive meanwhile.
    static awaitable<void> run(std::shared_ptr<http_session> self) {
        if constexpr (is_tls_stream<Stream>::value) {
            const bool secured = co_await self->handshake();
            if (!secured) {
                self->end();
                co_return;
            }
        }
        for (;;) {
            // Awaited into a named local: g++ 12 at -O2 mis-compiles `while (co_await ...)` in
            // this static member of a class template (the coroutine dies on SIGILL).
            const bool keep_open = co_await self->serve_one();
            if (!keep_open) break;
        }
        if constexpr (is_tls_stream<Stream>::value) co_await self->say_goodbye();
        self->end();
    }

    void close(bool force) override {
        // `idle_` is only written on the session's executor, so it is only read there too.
        auto closer = [self = this->shared_from_this(), force] {
            if (force || self->idle_) self->end();
        };
        net::post(stream_.get_executor(), std::move(closer));
    }

    Stream& stream() { return stream_; }

private:
    // The TLS handshake, under the same deadline as reading a request, so a client that opens a
    // connection and stalls (or trickles its hello) is cut off like a slow request. A client
    // speaking plain HTTP gets a plain-text 400 telling it to use https, then the close.
    awaitable<bool> handshake() {
        boost::system::error_code ec;
        arm_deadline(limits_.request_timeout);
        co_await stream_.async_handshake(net::ssl::stream_base::server, net::redirect_error(use_awaitable, ec));
        if (!ec) co_return true;
        if (is_plain_http_on_tls(ec)) {
            auto res = pipeline_.reject(http::status::bad_request, "https_required",
                                        "this port speaks HTTPS only; use an https:// URL", "", "", remote_);
            res.keep_alive(false);
            arm_deadline(limits_.write_timeout);
            co_await http::async_write(beast::get_lowest_layer(stream_), res,
                                       net::redirect_error(use_awaitable, ec));
        }
        co_return false;
    }

    // TLS close_notify before the TCP close, so the client can tell the end from a truncation.
    // Bounded: a peer that never answers it costs at most a couple of seconds.
    awaitable<void> say_goodbye() {
        boost::system::error_code ec;
        arm_deadline(std::min<std::chrono::milliseconds>(limits_.write_timeout, std::chrono::seconds(2)));
        co_await stream_.async_shutdown(net::redirect_error(use_awaitable, ec));
    }

    // Serves one request; returns whether the connection stays open for another.
    awaitable<bool> serve_one() {
        boost::system::error_code ec;

        // The idle keep-alive wait has a bound of its own, so a quiet connection costs little.
        if (buffer_.size() == 0) {
            if (pipeline_.draining()) co_return false;
            idle_ = true;
            arm_deadline(limits_.keepalive_timeout);
            const auto n = co_await stream_.async_read_some(buffer_.prepare(4096),
                                                            net::redirect_error(use_awaitable, ec));
            idle_ = false;
            if (ec) co_return false;
            buffer_.commit(n);
        }
        idle_ = false;

        // One deadline for the whole request (header and body): trickling bytes do not extend it.
        arm_deadline(limits_.request_timeout);
        http::request_parser<http::string_body> parser;
        parser.header_limit(static_cast<std::uint32_t>(limits_.header_limit));
        parser.body_limit(limits_.body_limit);
        co_await http::async_read_header(stream_, buffer_, parser, net::redirect_error(use_awaitable, ec));
        if (!ec) ec = co_await read_body(parser);
        if (ec) {
            if (is_disconnect(ec) || ec == http::error::partial_message) co_return false;
            co_await reject(parser, ec);
            co_return false;
        }

        auto req = parser.release();
        const bool head = req.method() == http::verb::head;
        std::shared_ptr<event_stream> stream;
        auto res = co_await pipeline_.handle(req, remote_, head ? nullptr : &stream);
        if (stream) co_return co_await serve_stream(std::move(res), std::move(stream));
        res.keep_alive(req.keep_alive() && res.keep_alive() && !pipeline_.draining());
        add_transport_headers<Stream>(res);
        if (head) {
            // HEAD: the headers a GET would send, with no body.
            const auto size = res.body().size();
            res.body().clear();
            res.content_length(size);
        }
        arm_deadline(limits_.write_timeout);
        co_await http::async_write(stream_, res, net::redirect_error(use_awaitable, ec));
        if (ec) co_return false;
        co_return res.keep_alive();
    }

    // A long-lived answer (event_stream.hpp): the head, then the stream's bytes as they come,
    // each write under the write deadline (a reader that stalls is cut off), until the stream
    // ends, the peer leaves or the server drains; close() treats a streaming session as idle.
    // The connection closes afterwards: the body had no length.
    awaitable<bool> serve_stream(response head, std::shared_ptr<event_stream> stream) {
        boost::system::error_code ec;
        head.keep_alive(false);
        add_transport_headers<Stream>(head);
        http::response_serializer<http::string_body> serializer(head);
        arm_deadline(limits_.write_timeout);
        co_await http::async_write_header(stream_, serializer, net::redirect_error(use_awaitable, ec));
        streaming_ = stream;
        idle_ = true;
        while (!ec && !pipeline_.draining()) {
            disarm_deadline();
            const auto bytes = co_await stream->next();
            if (bytes.empty()) break;
            arm_deadline(limits_.write_timeout);
            co_await net::async_write(stream_, net::buffer(bytes), net::redirect_error(use_awaitable, ec));
        }
        stream->stop();
        streaming_.reset();
        co_return false;
    }

    // After the header: refuse a declared body over the limit before reading it, answer
    // `Expect: 100-continue`, then read the body.
    awaitable<boost::system::error_code> read_body(http::request_parser<http::string_body>& parser) {
        boost::system::error_code ec;
        const auto& header = parser.get();
        if (!acceptable_transfer_encoding(header)) co_return http::error::bad_transfer_encoding;
        if (auto len = parser.content_length(); len && *len > limits_.body_limit) co_return http::error::body_limit;
        if (!header.target().starts_with("/")) co_return http::error::bad_target;
        auto expect = header[http::field::expect];
        if (!expect.empty() && beast::iequals(expect, "100-continue")) {
            http::response<http::empty_body> go_on{http::status::continue_, 11};
            co_await http::async_write(stream_, go_on, net::redirect_error(use_awaitable, ec));
            if (ec) co_return ec;
        }
        co_await http::async_read(stream_, buffer_, parser, net::redirect_error(use_awaitable, ec));
        co_return ec;
    }

    // A request that could not be parsed gets the same JSON error body as everything else,
    // and the connection closes: what follows it in the buffer cannot be trusted.
    awaitable<void> reject(const http::request_parser<http::string_body>& parser,
                           const boost::system::error_code& why) {
        auto [status, code, message] = classify_parse_error(why);
        std::string_view method, target;
        if (parser.is_header_done()) {
            method = parser.get().method_string();
            target = parser.get().target();
        }
        auto res = pipeline_.reject(status, code, message, method, target, remote_);
        add_transport_headers<Stream>(res);
        arm_deadline(limits_.write_timeout);
        boost::system::error_code ec;
        co_await http::async_write(stream_, res, net::redirect_error(use_awaitable, ec));
    }

    // Streams whose lowest layer keeps time (beast::tcp_stream) get a deadline; the in-memory
    // test stream has none, and its tests never wait.
    void arm_deadline(std::chrono::milliseconds d) {
        if constexpr (requires(Stream& s) { beast::get_lowest_layer(s).expires_after(d); })
            beast::get_lowest_layer(stream_).expires_after(d);
    }

    void disarm_deadline() {
        if constexpr (requires(Stream& s) { beast::get_lowest_layer(s).expires_never(); })
            beast::get_lowest_layer(stream_).expires_never();
    }

    // Ends the connection: a TCP peer is told no more data follows, then the stream closes
    // (which also cancels a pending read, so close(force) ends a session stuck in one).
    void end() {
        if (streaming_) streaming_->stop();
        auto& lowest = beast::get_lowest_layer(stream_);
        boost::system::error_code ec;
        if constexpr (requires(Stream& s) { beast::get_lowest_layer(s).socket(); }) {
            lowest.socket().shutdown(net::socket_base::shutdown_send, ec);
        }
        lowest.close();
    }

    Stream stream_;
    beast::flat_buffer buffer_;
    const http_limits& limits_;
    request_pipeline& pipeline_;
    std::string remote_;
    bool idle_ = true;  // waiting for the first byte of a request
    std::shared_ptr<event_stream> streaming_;  // the long-lived answer being sent, if any
};

}  // namespace proeventa::http_detail
