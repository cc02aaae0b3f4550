// The read benchmark's baseline: the least an HTTP/1.1 server on the same stack can do per
// request. Beast over Asio, one io_context run by --threads threads (as ProEventa runs), one
// coroutine per connection, keep-alive, and every GET answered with the same JSON body of
// --body-bytes bytes (bench/run.sh passes the size of the real event-detail answer). No routing,
// no logging, no database: ProEventa's read paths are reported as a fraction of this.
//
// Usage: baseline_server [--port N] [--threads N] [--body-bytes N]; prints "port N" once listening.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <charconv>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

namespace {

struct options {
    unsigned short port = 0;
    unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    std::size_t body_bytes = 1024;
};

/// A JSON object of exactly `size` bytes (at least the bytes of its frame).
std::string json_body(std::size_t size) {
    const std::string head = R"({"padding":")";
    const std::string tail = R"("})";
    const auto frame = head.size() + tail.size();
    return head + std::string(size > frame ? size - frame : 0, 'x') + tail;
}

net::awaitable<void> serve(beast::tcp_stream stream, std::shared_ptr<const std::string> body) {
    beast::flat_buffer buffer;
    try {
        for (;;) {
            http::request<http::string_body> req;
            stream.expires_after(std::chrono::seconds(30));
            co_await http::async_read(stream, buffer, req, net::use_awaitable);
            http::response<http::string_body> res;
            res.version(req.version());
            res.keep_alive(req.keep_alive());
            if (req.method() == http::verb::get) {
                res.result(http::status::ok);
                res.set(http::field::content_type, "application/json");
                res.body() = *body;
            } else {
                res.result(http::status::method_not_allowed);
            }
            res.prepare_payload();
            co_await http::async_write(stream, res, net::use_awaitable);
            if (!res.keep_alive()) break;
        }
    } catch (const boost::system::system_error&) {
        // The client went away or timed out: the connection simply ends.
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

net::awaitable<void> accept(tcp::acceptor& acceptor, std::shared_ptr<const std::string> body) {
    for (;;) {
        auto socket = co_await acceptor.async_accept(net::use_awaitable);
        socket.set_option(tcp::no_delay(true));
        auto session = serve(beast::tcp_stream(std::move(socket)), body);
        net::co_spawn(acceptor.get_executor(), std::move(session), net::detached);
    }
}

template <class T>
bool parse_number(std::string_view text, T& out) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc{} && end == text.data() + text.size();
}

bool parse(int argc, char** argv, options& opts) {
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string_view flag = argv[i];
        const std::string_view value = argv[i + 1];
        bool ok = false;
        if (flag == "--port") ok = parse_number(value, opts.port);
        else if (flag == "--threads") ok = parse_number(value, opts.threads) && opts.threads > 0;
        else if (flag == "--body-bytes") ok = parse_number(value, opts.body_bytes);
        if (!ok) return false;
    }
    return argc % 2 == 1;
}

}  // namespace

int main(int argc, char** argv) {
    options opts;
    if (!parse(argc, argv, opts)) {
        std::cerr << "usage: baseline_server [--port N] [--threads N] [--body-bytes N]\n";
        return 2;
    }
    net::io_context ioc(static_cast<int>(opts.threads));
    tcp::acceptor acceptor(ioc, {net::ip::make_address("127.0.0.1"), opts.port});
    auto body = std::make_shared<const std::string>(json_body(opts.body_bytes));
    net::co_spawn(ioc, accept(acceptor, body), net::detached);

    net::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&ioc](const beast::error_code&, int) { ioc.stop(); });

    std::printf("port %u\n", static_cast<unsigned>(acceptor.local_endpoint().port()));
    std::fflush(stdout);

    std::vector<std::thread> threads;
    for (unsigned i = 1; i < opts.threads; ++i) threads.emplace_back([&ioc] { ioc.run(); });
    ioc.run();
    for (auto& t : threads) t.join();
    return 0;
}
