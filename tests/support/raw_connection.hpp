#pragma once
// A raw client connection, for what a well-behaved client library would never send: half a
// request, a request in pieces, bytes after a signal. Every read is bounded (15 s without data),
// so a server that never answers or never closes fails the test instead of hanging it.
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>

#include <cerrno>
#include <string>
#include <utility>

#include <sys/socket.h>
#include <sys/time.h>

namespace proeventa::test {

struct raw_connection {
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::socket socket{ioc};
    bool closed_by_server = false;

    explicit raw_connection(unsigned short port) {
        socket.connect({boost::asio::ip::make_address("127.0.0.1"), port});
    }
    void send(const std::string& bytes) { boost::asio::write(socket, boost::asio::buffer(bytes)); }

    /// Reads until the server closes the connection.
    std::string read_all() {
        std::string out = std::exchange(unread_, {});
        while (read_some(out)) {
        }
        return out;
    }
    /// Reads up to and including `marker` (what follows stays for the next read). Returns what
    /// was read, without the marker if the connection ended first.
    std::string read_until(const std::string& marker) {
        std::string out = std::exchange(unread_, {});
        while (out.find(marker) == std::string::npos && read_some(out)) {
        }
        const auto at = out.find(marker);
        if (at == std::string::npos) return out;
        unread_ = out.substr(at + marker.size());
        return out.substr(0, at + marker.size());
    }

private:
    std::string unread_;
    bool read_some(std::string& out) {
        timeval tv{15, 0};
        ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        char buf[4096];
        const auto n = ::recv(socket.native_handle(), buf, sizeof buf, 0);
        if (n > 0) {
            out.append(buf, static_cast<std::size_t>(n));
            return true;
        }
        closed_by_server = n == 0 || errno == ECONNRESET;
        return false;
    }
};

}  // namespace proeventa::test
