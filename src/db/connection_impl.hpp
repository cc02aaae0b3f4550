#pragma once
// One libpq connection driven through Asio. Internal to the db layer: modules see only
// db::connection. A connection_impl is used by one lessee at a time; every step of the
// protocol runs on the connection's own strand, so the deadline timer and the socket waits of
// one statement never race each other across I/O threads.
#include <proeventa/db/listener.hpp>
#include <proeventa/db/pool.hpp>

#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/strand.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

struct pg_conn;  // libpq's PGconn

namespace proeventa::db {

/// What every new connection of a pool is opened with (parsed once per pool).
struct connect_settings {
    std::vector<std::string> keywords;
    std::vector<std::string> values;
    std::chrono::milliseconds connect_timeout{3000};
    /// Client deadline of one statement (statement_timeout plus a margin); 0 = none.
    std::chrono::milliseconds statement_deadline{0};

    static std::shared_ptr<const connect_settings> from(const pool_options& options);
};

class connection_impl {
public:
    using strand_type = net::strand<net::any_io_executor>;

    connection_impl(strand_type strand, pg_conn* conn,
                    std::chrono::milliseconds statement_deadline);
    ~connection_impl();
    connection_impl(const connection_impl&) = delete;
    connection_impl& operator=(const connection_impl&) = delete;

    /// Opens a connection. `blocking` runs the part of libpq that may block (host name lookup,
    /// reading service and password files). Throws unavailable.
    static awaitable<std::unique_ptr<connection_impl>> connect(
        net::any_io_executor io, net::any_io_executor blocking,
        std::shared_ptr<const connect_settings> settings);

    /// `deadline` <= 0 disables the client deadline (migrations, advisory-lock waits).
    awaitable<result> exec(const query& q, const param_list& params,
                           std::chrono::milliseconds deadline);
    awaitable<result> exec_script(std::string sql, std::chrono::milliseconds deadline);
    std::chrono::milliseconds default_deadline() const { return statement_deadline_; }

    /// For a connection that has run LISTEN: waits until the server has sent at least one
    /// notification and returns those received, or returns empty once `idle` passes without
    /// any. Throws unavailable when the connection breaks, and the cancellation error after
    /// cancel_wait().
    awaitable<std::vector<notification>> next_notifications(std::chrono::milliseconds idle);
    /// Ends a next_notifications() in progress (any thread); `self` keeps it alive until then.
    static void cancel_wait(std::shared_ptr<connection_impl> self);

    /// Healthy, idle, and not given up on: safe to hand to the next lessee.
    bool reusable() const noexcept;
    /// Checked when an idle connection is leased again: an idle connection has nothing to say,
    /// so a readable socket means the server closed it (restart, idle kill) or sent something
    /// we do not expect. Either way it is not worth keeping.
    bool looks_stale() noexcept;
    /// True when the last failure happened before the statement was completely handed to the
    /// kernel: the server cannot have run it, so a retry on another connection is safe.
    bool failed_before_send() const noexcept { return failed_before_send_; }
    void discard() noexcept { broken_ = true; }

private:
    awaitable<result> supervise(awaitable<result> op, std::chrono::milliseconds deadline);
    awaitable<int> poll_connect();
    awaitable<result> run_prepared(const query& q, const param_list& params);
    awaitable<result> run_script(const std::string& sql);
    awaitable<void> flush();
    awaitable<result> collect(const char* tolerated_sqlstate = nullptr);
    awaitable<void> wait(net::posix::descriptor_base::wait_type type);
    awaitable<bool> wait_read_or_write();
    void attach_socket();
    void detach_socket() noexcept;
    [[noreturn]] void fail_broken(std::string_view what);
    void cancel_on_server() noexcept;

    strand_type strand_;
    net::posix::stream_descriptor socket_;
    pg_conn* conn_;
    std::chrono::milliseconds statement_deadline_;
    std::unordered_set<std::string> prepared_;
    bool broken_ = false;
    bool sent_ = false;
    bool failed_before_send_ = false;
};

}  // namespace proeventa::db
