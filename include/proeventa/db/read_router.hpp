#pragma once
// Where public reads go: a streaming replica when one is configured, reachable and close
// enough behind the primary, otherwise the primary. Writes, transactions and a user's own data
// never come here; they use the primary pool directly (docs/scale-out.md has the rule).
//
// Lag is measured as time, not bytes, and without trusting the replica's clock or its idea of
// the primary: every check notes the primary's WAL position with the time it was read; the lag
// is the age of the oldest noted position the replica has not replayed yet (0 when it has
// replayed them all). An idle primary writes nothing, so an idle replica is not "behind".
//
// Caches are a stricter case: an entry is kept until a change notification removes it, so an
// entry filled from a replica that has not replayed the change it follows would stay stale.
// cache_fill() therefore uses the replica only once it is known to have replayed everything
// the primary had when the last change notification arrived (note_change(), subscribed before
// the caches' own handlers); otherwise the fill reads the primary.
#include <proeventa/db/errors.hpp>
#include <proeventa/db/pool.hpp>
#include <proeventa/net.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <type_traits>

namespace proeventa::db {

struct read_router_options {
    std::chrono::milliseconds max_lag{2000};          // further behind: left out until it catches up
    std::chrono::milliseconds check_interval{250};    // how often positions are compared
};

class read_router {
public:
    /// Without a replica: every public read goes to `primary`.
    explicit read_router(pool& primary);
    /// With one: `replica` is a pool on the standby; start() begins the checks.
    read_router(net::any_io_executor executor, pool& primary, pool& replica, read_router_options options);
    ~read_router();
    read_router(const read_router&) = delete;
    read_router& operator=(const read_router&) = delete;

    void start();
    void stop();

    /// Runs `read` (a coroutine taking `pool&`; pass a named lambda) on the replica when it is
    /// in service, else on the primary. A replica that fails mid-read (stopped, restarting, a
    /// query cancelled by recovery) is taken out of service at once and the read is repeated on
    /// the primary, so losing the replica never fails a request.
    template <class Read>
    auto public_read(Read& read) -> std::invoke_result_t<Read&, pool&> {
        return read_on(replica_in_service(false), read);
    }
    /// The same for a read whose answer is cached until a change notification: the replica
    /// only when it has replayed every change announced so far.
    template <class Read>
    auto cache_fill(Read& read) -> std::invoke_result_t<Read&, pool&> {
        return read_on(replica_in_service(true), read);
    }
    /// A change was announced (a notification arrived, or the listener reconnected after a gap
    /// in which changes may have been missed). Cheap; callable from any thread.
    void note_change();

    pool& primary() { return primary_; }
    bool has_replica() const { return replica_ != nullptr; }

    struct stats {
        bool configured = false;
        bool in_service = false;
        std::uint64_t lag_ms = 0;
        std::uint64_t replica_reads = 0;   // public reads answered by the replica
        std::uint64_t primary_reads = 0;   // public reads the primary answered instead
        std::uint64_t replica_failures = 0;
        std::uint64_t fills_held_back = 0;  // cache fills sent to the primary: replica not past a change
    };
    stats statistics() const;

private:
    struct monitor;
    template <class Read>
    auto read_on(pool* replica, Read& read) -> std::invoke_result_t<Read&, pool&>;
    pool* replica_in_service(bool for_cache_fill);
    void replica_failed();
    static bool replica_trouble(const query_error& e);

    pool& primary_;
    pool* replica_ = nullptr;
    std::shared_ptr<monitor> monitor_;
    std::atomic<std::uint64_t> replica_reads_{0}, primary_reads_{0}, replica_failures_{0}, fills_held_back_{0};
};

template <class Read>
auto read_router::read_on(pool* replica, Read& read) -> std::invoke_result_t<Read&, pool&> {
    if (replica) {
        bool failed = false;
        try {
            auto answer = co_await read(*replica);
            ++replica_reads_;
            co_return answer;
        } catch (const unavailable&) {
            failed = true;
        } catch (const query_error& e) {
            if (!replica_trouble(e)) throw;
            failed = true;
        }
        if (failed) replica_failed();
    }
    ++primary_reads_;
    co_return co_await read(primary_);
}

}  // namespace proeventa::db
