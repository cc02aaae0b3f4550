#pragma once
// Gives memory back to the system after a burst of connections. Every connection's buffers and
// coroutine frame come from malloc; when thousands close together (a connection flood, the end
// of a rush) glibc keeps the freed pages in its arenas, and the process's RSS stays at the
// burst's high-water mark for good. Once the open connection count has fallen well below its
// peak, malloc_trim hands the free pages back. It runs on the blocking pool: it locks and walks
// every arena, which is no work for an I/O thread.
#include <proeventa/http/server.hpp>
#include <proeventa/net.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>

#include <cstddef>
#include <functional>

namespace proeventa::app {

class memory_returner {
public:
    /// A fall of at least this many connections from the peak is a burst worth trimming after.
    static constexpr std::size_t burst = 256;

    memory_returner(net::io_context& ioc, net::thread_pool& blocking, std::function<connection_counts()> connections)
        : ioc_(ioc), blocking_(blocking), connections_(std::move(connections)) {}

    /// Looks at the connection counts once a second until the io_context stops.
    void start();

private:
    net::io_context& ioc_;
    net::thread_pool& blocking_;
    std::function<connection_counts()> connections_;
};

}  // namespace proeventa::app
