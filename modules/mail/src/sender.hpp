#pragma once
// The outbox sender: every poll it claims the due messages (sql/outbox.sql, SKIP LOCKED, so
// several instances share the work without sending a message twice), delivers each on its own
// thread with libcurl and marks it sent, or schedules the next attempt with backoff. Without an
// SMTP URL it only reports how many messages are waiting.
#include <proeventa/db/pool.hpp>
#include <proeventa/mail/mail.hpp>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>

#include <atomic>
#include <memory>
#include <random>

namespace proeventa::mail {

struct outgoing;

class sender {
public:
    sender(db::pool& db, options opts);
    ~sender();
    void start(net::any_io_executor ex);
    void stop();

private:
    awaitable<void> run();
    awaitable<void> send_due();
    awaitable<void> report_pending();
    awaitable<void> deliver_one(const outgoing& m);

    db::pool& db_;
    options opts_;
    std::string from_address_;
    /// curl blocks; it runs here, never on an I/O thread.
    net::thread_pool smtp_thread_{1};
    std::shared_ptr<net::steady_timer> timer_;
    std::atomic<bool> stopped_{false};
    std::int64_t last_pending_ = -1;
    std::mt19937_64 jitter_{std::random_device{}()};
};

}  // namespace proeventa::mail
