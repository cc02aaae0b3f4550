#pragma once
// The pool's shared state. Every field below `strand_` is touched only on that strand; the
// pool is used from several I/O threads at once and leases are returned from destructors on
// whichever thread drops them.
#include "db/connection_impl.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>

#include <atomic>
#include <chrono>
#include <deque>
#include <memory>
#include <random>
#include <string>

namespace proeventa::db {

class pool_impl : public std::enable_shared_from_this<pool_impl> {
public:
    using clock = std::chrono::steady_clock;

    pool_impl(net::any_io_executor executor, pool_options options);
    ~pool_impl();

    struct lease {
        std::unique_ptr<connection_impl> conn;
        bool reused = false;  // came from the idle list (may have gone stale meanwhile)
    };
    awaitable<lease> acquire();
    /// Takes a connection back from a lessee; callable from any thread, never blocks on I/O.
    void release(std::unique_ptr<connection_impl> conn) noexcept;
    void close();
    pool::stats statistics() const;
    awaitable<void> settle();
    awaitable<bool> ping_once();
    const net::any_io_executor& executor() const { return executor_; }

private:
    struct grant {
        std::unique_ptr<connection_impl> conn;  // an idle connection, or
        bool may_connect = false;               // a reserved slot to open a new one
    };
    struct waiter;

    awaitable<grant> take(clock::time_point deadline);
    awaitable<bool> ping_body();
    void on_released(std::unique_ptr<connection_impl> conn);
    void on_connected();
    void on_connect_failed(const std::string& message);
    void on_slot_abandoned();
    void slot_freed();
    bool breaker_blocks(clock::time_point now) const;
    std::string breaker_message(clock::time_point now) const;
    void fail_waiter(waiter& w, const std::string& message);
    void publish() noexcept;

    net::any_io_executor executor_;
    pool_options options_;
    std::shared_ptr<const connect_settings> settings_;
    // libpq's connect start can block on DNS; it runs here, never on an I/O thread.
    net::thread_pool blocking_{1};
    net::strand<net::any_io_executor> strand_;

    std::deque<std::unique_ptr<connection_impl>> idle_;
    std::deque<std::shared_ptr<waiter>> waiters_;
    std::size_t open_ = 0;  // idle + leased + being opened
    bool closed_ = false;

    // Recent-failure breaker: while PostgreSQL is down, acquirers fail at once instead of
    // each waiting for its own connect to fail; one probe is let through per backoff period.
    int failures_ = 0;
    clock::time_point retry_at_{};
    bool probing_ = false;
    std::string last_error_;
    std::minstd_rand rng_;

    std::atomic<std::size_t> stat_open_{0}, stat_idle_{0}, stat_waiting_{0};
};

}  // namespace proeventa::db
