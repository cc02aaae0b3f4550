// The connection pool: bounded size, bounded waiters, lazy connects, a breaker that makes
// acquirers fail fast while PostgreSQL is down, and transparent replacement of idle
// connections that a server restart killed.
#include "db/pool_impl.hpp"

#include "db/deadline.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>

#include <algorithm>

namespace proeventa::db {

namespace {
using std::chrono::milliseconds;
constexpr milliseconds breaker_first_backoff{100};
constexpr milliseconds breaker_max_backoff{2000};
constexpr milliseconds ping_deadline{1000};
}  // namespace

struct pool_impl::waiter {
    explicit waiter(const net::any_io_executor& ex) : timer(ex) {}
    enum class state { waiting, got_connection, got_slot, failed };
    net::steady_timer timer;  // a condition variable: cancelled when the waiter is served
    state st = state::waiting;
    std::unique_ptr<connection_impl> conn;
    std::string error;
};

pool_impl::pool_impl(net::any_io_executor executor, pool_options options)
    : executor_(std::move(executor)),
      options_(std::move(options)),
      settings_(connect_settings::from(options_)),
      strand_(net::make_strand(executor_)),
      rng_(std::random_device{}()) {
    if (options_.max_size == 0) throw std::invalid_argument("pool max_size must be at least 1");
}

pool_impl::~pool_impl() = default;

void pool_impl::publish() noexcept {
    stat_open_.store(open_, std::memory_order_relaxed);
    stat_idle_.store(idle_.size(), std::memory_order_relaxed);
    stat_waiting_.store(waiters_.size(), std::memory_order_relaxed);
}

pool::stats pool_impl::statistics() const {
    return {stat_open_.load(std::memory_order_relaxed), stat_idle_.load(std::memory_order_relaxed),
            stat_waiting_.load(std::memory_order_relaxed)};
}

bool pool_impl::breaker_blocks(clock::time_point now) const {
    return failures_ > 0 && (now < retry_at_ || probing_);
}

std::string pool_impl::breaker_message(clock::time_point now) const {
    if (probing_) return "database unavailable (reconnecting): " + last_error_;
    const auto wait = std::chrono::duration_cast<milliseconds>(retry_at_ - now).count();
    return "database unavailable (next attempt in " + std::to_string(wait) + " ms): " + last_error_;
}

void pool_impl::fail_waiter(waiter& w, const std::string& message) {
    w.st = waiter::state::failed;
    w.error = message;
    w.timer.cancel();
}

awaitable<pool_impl::grant> pool_impl::take(clock::time_point deadline) {
    if (closed_) throw unavailable("database pool is closed");
    if (!idle_.empty()) {
        // Most recently used first: it is the least likely to have been closed by the server,
        // and the ones at the back of the line can age out on the server side.
        auto conn = std::move(idle_.back());
        idle_.pop_back();
        publish();
        co_return grant{std::move(conn), false};
    }
    if (open_ < options_.max_size) {
        const auto now = clock::now();
        if (breaker_blocks(now)) throw unavailable(breaker_message(now));
        if (failures_ > 0) probing_ = true;  // this acquirer is the one probe of the period
        ++open_;
        publish();
        co_return grant{nullptr, true};
    }
    if (waiters_.size() >= options_.max_waiters)
        throw unavailable("database pool exhausted (too many requests waiting)");

    auto w = std::make_shared<waiter>(strand_);
    w->timer.expires_at(deadline);
    waiters_.push_back(w);
    publish();
    boost::system::error_code ec;
    co_await w->timer.async_wait(net::redirect_error(use_awaitable, ec));
    switch (w->st) {
    case waiter::state::got_connection:
        co_return grant{std::move(w->conn), false};
    case waiter::state::got_slot:
        co_return grant{nullptr, true};
    case waiter::state::failed:
        throw unavailable(w->error);
    case waiter::state::waiting:
        break;
    }
    waiters_.erase(std::find(waiters_.begin(), waiters_.end(), w));
    publish();
    if (ec == net::error::operation_aborted) throw boost::system::system_error(ec);
    throw unavailable("database pool exhausted");
}

awaitable<pool_impl::lease> pool_impl::acquire() {
    // The pool object may be destroyed while we wait or connect; its state must not be.
    auto self = shared_from_this();
    const auto deadline = clock::now() + options_.acquire_timeout;
    grant g = co_await net::co_spawn(strand_, take(deadline), use_awaitable);
    if (g.conn) {
        if (!g.conn->looks_stale()) co_return lease{std::move(g.conn), true};
        // The slot stays ours: replace the dead connection in place.
        g.conn.reset();
    }

    std::unique_ptr<connection_impl> fresh;
    std::string failure;
    try {
        fresh = co_await connection_impl::connect(executor_, blocking_.get_executor(), settings_);
    } catch (const unavailable& e) {
        failure = e.what();
    } catch (...) {
        // Cancelled while connecting: give the slot back without blaming the server.
        auto abandoned = [self] { self->on_slot_abandoned(); };
        net::post(strand_, std::move(abandoned));
        throw;
    }
    if (!fresh) {
        auto failed = [self, failure] { self->on_connect_failed(failure); };
        net::post(strand_, std::move(failed));
        throw unavailable(failure);
    }
    auto connected = [self] { self->on_connected(); };
    net::post(strand_, std::move(connected));
    co_return lease{std::move(fresh), false};
}

void pool_impl::release(std::unique_ptr<connection_impl> conn) noexcept {
    if (!conn) return;
    // A connection that cannot be reused closes here, at once: on the server that rolls back
    // whatever transaction it had open and frees its locks.
    if (!conn->reusable()) conn.reset();
    try {
        auto self = shared_from_this();
        auto back = [self, c = std::move(conn)]() mutable { self->on_released(std::move(c)); };
        net::post(strand_, std::move(back));
    } catch (...) {
        // Out of memory while posting: the slot leaks, the connection closes.
    }
}

void pool_impl::on_released(std::unique_ptr<connection_impl> conn) {
    if (closed_ || !conn || !conn->reusable()) {
        conn.reset();
        --open_;
        slot_freed();
        publish();
        return;
    }
    while (!waiters_.empty()) {
        auto w = std::move(waiters_.front());
        waiters_.pop_front();
        if (w->st != waiter::state::waiting) continue;
        w->conn = std::move(conn);
        w->st = waiter::state::got_connection;
        w->timer.cancel();
        publish();
        return;
    }
    idle_.push_back(std::move(conn));
    publish();
}

void pool_impl::slot_freed() {
    if (waiters_.empty()) return;
    const auto now = clock::now();
    if (breaker_blocks(now)) {
        // PostgreSQL is down: a waiter would only get a slot to fail a connect with. Fail one
        // per freed slot, and all once nothing is left that could come back healthy.
        const auto message = breaker_message(now);
        if (open_ == 0) {
            for (auto& w : waiters_) fail_waiter(*w, message);
            waiters_.clear();
        } else {
            fail_waiter(*waiters_.front(), message);
            waiters_.pop_front();
        }
        return;
    }
    auto w = std::move(waiters_.front());
    waiters_.pop_front();
    ++open_;
    if (failures_ > 0) probing_ = true;
    w->st = waiter::state::got_slot;
    w->timer.cancel();
}

void pool_impl::on_connected() {
    failures_ = 0;
    probing_ = false;
    retry_at_ = {};
    last_error_.clear();
}

void pool_impl::on_connect_failed(const std::string& message) {
    --open_;
    probing_ = false;
    ++failures_;
    last_error_ = message;
    // Exponential backoff with jitter, so that several instances (and this pool's own callers)
    // do not knock on a recovering server in lockstep.
    const int doublings = std::min(failures_ - 1, 10);
    auto backoff = std::min(breaker_first_backoff * (1 << doublings), breaker_max_backoff);
    std::uniform_real_distribution<double> jitter(0.75, 1.25);
    backoff = std::min(milliseconds(static_cast<long>(static_cast<double>(backoff.count()) * jitter(rng_))),
                       breaker_max_backoff);
    retry_at_ = clock::now() + backoff;
    slot_freed();
    publish();
}

void pool_impl::on_slot_abandoned() {
    --open_;
    probing_ = false;
    slot_freed();
    publish();
}

void pool_impl::close() {
    auto self = shared_from_this();
    auto shut = [self] {
        self->closed_ = true;
        self->open_ -= self->idle_.size();
        self->idle_.clear();
        for (auto& w : self->waiters_) self->fail_waiter(*w, "database pool is closed");
        self->waiters_.clear();
        self->publish();
    };
    net::post(strand_, std::move(shut));
}

awaitable<void> pool_impl::settle() {
    // The strand runs its work in order: this runs after every return posted before it.
    co_await net::post(strand_, use_awaitable);
}

awaitable<bool> pool_impl::ping_body() {
    auto l = co_await acquire();
    connection c(shared_from_this(), std::move(l.conn));
    co_await c.exec_script("SELECT 1", ping_deadline);
    co_return true;
}

awaitable<bool> pool_impl::ping_once() {
    auto self = shared_from_this();
    auto outcome = co_await detail::run_until(ping_body(), clock::now() + ping_deadline);
    co_return outcome.value_or(false);
}

// --- pool -------------------------------------------------------------------------------------

pool::pool(net::any_io_executor executor, pool_options options)
    : impl_(std::make_shared<pool_impl>(std::move(executor), std::move(options))) {}

pool::~pool() {
    if (impl_) impl_->close();
}

awaitable<connection> pool::acquire() {
    auto l = co_await impl_->acquire();
    co_return connection(impl_, std::move(l.conn));
}

awaitable<result> pool::exec(const query& q, param_list params) {
    for (int attempt = 0;; ++attempt) {
        auto l = co_await impl_->acquire();
        connection_impl& raw = *l.conn;
        connection conn(impl_, std::move(l.conn));
        try {
            co_return co_await raw.exec(q, params, raw.default_deadline());
        } catch (const unavailable&) {
            // A connection that sat idle may have died with a server restart in a way the
            // stale check could not see yet. Only if the statement never left us is it safe
            // to run it again on a fresh connection.
            if (attempt > 0 || !l.reused || !raw.failed_before_send()) throw;
        }
    }
}

awaitable<transaction> pool::begin(std::string_view begin_sql) {
    const std::string sql(begin_sql);
    for (int attempt = 0;; ++attempt) {
        auto l = co_await impl_->acquire();
        connection_impl& raw = *l.conn;
        connection conn(impl_, std::move(l.conn));
        try {
            co_await raw.exec_script(sql, raw.default_deadline());
            co_return transaction(std::move(conn));
        } catch (const unavailable&) {
            if (attempt > 0 || !l.reused || !raw.failed_before_send()) throw;
        }
    }
}

awaitable<bool> pool::ping() {
    // The deadline's parallel group needs a strand of its own (see run_until).
    auto strand = net::make_strand(impl_->executor());
    try {
        co_return co_await net::co_spawn(strand, impl_->ping_once(), use_awaitable);
    } catch (...) {
        co_return false;
    }
}

void pool::close() { impl_->close(); }

pool::stats pool::statistics() const { return impl_->statistics(); }

awaitable<void> pool::settle() { co_await impl_->settle(); }

}  // namespace proeventa::db
