#pragma once
// Asynchronous PostgreSQL access over libpq's non-blocking API. No call here ever blocks an
// I/O thread: sockets are waited on through Asio, PQcancel runs on a helper thread.
#include <proeventa/db/errors.hpp>
#include <proeventa/db/query.hpp>
#include <proeventa/db/result.hpp>
#include <proeventa/net.hpp>

#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <exception>
#include <memory>
#include <optional>
#include <type_traits>
#include <string>
#include <string_view>

namespace proeventa::db {

struct pool_options {
    std::string conninfo;              // libpq connection string or URI
    std::size_t max_size = 12;         // connections
    std::size_t max_waiters = 1024;    // acquirers queued past this get `unavailable` at once
    std::chrono::milliseconds acquire_timeout{3000};
    std::chrono::milliseconds connect_timeout{3000};
    std::chrono::milliseconds query_timeout{5000};  // client deadline; also the server's statement_timeout
    std::string application_name = "proeventa";
};

class pool_impl;
class connection_impl;

/// A leased connection. Returned to the pool when destroyed, but only if it is healthy and
/// idle (no open transaction); otherwise it is closed, which rolls back on the server.
class connection {
public:
    connection(std::shared_ptr<pool_impl> pool, std::unique_ptr<connection_impl> impl);
    connection(connection&&) noexcept;
    connection& operator=(connection&&) noexcept;
    ~connection();

    /// Runs a named statement (prepared on this connection on first use).
    awaitable<result> exec(const query& q, param_list params = {});
    /// Runs SQL text with no parameters over the simple protocol (may hold several statements).
    /// For BEGIN/COMMIT, migrations and administration only — never with user input.
    awaitable<result> exec_script(std::string_view sql);
    /// Same with an explicit client deadline; zero or less means none (migrations, lock waits).
    /// The server's statement_timeout still applies unless the session changes it.
    awaitable<result> exec_script(std::string_view sql, std::chrono::milliseconds deadline);
    /// Closes the connection instead of returning it to the pool when the lease ends (after
    /// changing session state such as SET or advisory locks on a path that did not undo it).
    void discard() noexcept;

private:
    std::shared_ptr<pool_impl> pool_;
    std::unique_ptr<connection_impl> impl_;
};

/// A transaction on a leased connection. Destroyed without commit(): the connection is
/// dropped, so the server rolls back. Call rollback() on expected failures to keep it.
class transaction {
public:
    explicit transaction(connection conn) : conn_(std::move(conn)) {}
    awaitable<result> exec(const query& q, param_list params = {}) {
        return conn_.exec(q, std::move(params));
    }
    awaitable<void> commit();
    awaitable<void> rollback();
    /// Rolls back after a failure without throwing: a connection that cannot roll back (it broke)
    /// is discarded instead, so the pool keeps only healthy ones.
    awaitable<void> abandon() noexcept;
    connection& conn() { return conn_; }

private:
    connection conn_;
    bool open_ = true;
};

class pool {
public:
    pool(net::any_io_executor executor, pool_options options);
    ~pool();
    pool(const pool&) = delete;
    pool& operator=(const pool&) = delete;

    /// Waits for a free connection (bounded by acquire_timeout and max_waiters).
    awaitable<connection> acquire();
    /// acquire + exec + release.
    awaitable<result> exec(const query& q, param_list params = {});
    /// acquire + BEGIN.
    awaitable<transaction> begin(std::string_view begin_sql = "BEGIN");

    /// Runs `body(tx)` (a coroutine taking `transaction&`) in a transaction: commits when it
    /// returns, rolls back and rethrows when it throws. Its result is the body's. Pass a named
    /// lambda: g++ 12 can destroy a lambda twice when it is built in the co_await expression.
    template <class Body>
    auto in_transaction(Body body) -> std::invoke_result_t<Body&, transaction&>;

    /// `SELECT 1` with a short deadline; false when PostgreSQL is unreachable.
    awaitable<bool> ping();
    /// Closes idle connections and refuses new acquisitions.
    void close();

    struct stats {
        std::size_t open = 0, idle = 0, waiting = 0;
    };
    stats statistics() const;
    /// Resumes once the pool has taken back every lease returned before the call. Leases go
    /// back through the pool's strand, so statistics() can lag a return by a moment: await this
    /// first to read them with the return counted.
    awaitable<void> settle();

private:
    std::shared_ptr<pool_impl> impl_;
};

template <class Body>
auto pool::in_transaction(Body body) -> std::invoke_result_t<Body&, transaction&> {
    using value_type = typename std::invoke_result_t<Body&, transaction&>::value_type;
    constexpr bool returns_nothing = std::is_void_v<value_type>;
    auto tx = co_await begin();
    std::conditional_t<returns_nothing, bool, std::optional<value_type>> out{};
    std::exception_ptr failure;
    try {
        if constexpr (returns_nothing) co_await body(tx);
        else out.emplace(co_await body(tx));
    } catch (...) {
        failure = std::current_exception();
    }
    if (failure) {
        co_await tx.abandon();
        std::rethrow_exception(failure);
    }
    co_await tx.commit();
    if constexpr (!returns_nothing) co_return std::move(*out);
}

}  // namespace proeventa::db
