#pragma once
// Admission to the hashing pool. Each Argon2id costs tens of milliseconds of a core, so a
// flood of logins queued without bound would make every later login wait seconds and hold its
// request memory meanwhile. Past `max_pending` jobs, new ones are refused at once (failure
// `busy`, answered 503 with Retry-After): the flood costs its senders, and the queue wait stays bounded.
#include "hashing.hpp"

#include <proeventa/metrics.hpp>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace proeventa::auth {

class hashing_queue {
public:
    hashing_queue(net::thread_pool& pool, std::size_t max_pending) : pool_(pool), max_pending_(max_pending) {}

    /// Runs `work` on the hashing pool; failure `busy` when the queue is full.
    template <class F>
    awaitable<std::invoke_result_t<F&>> run(F work) {
        const admission slot(*this);
        auto result = co_await run_on(pool_, std::move(work));
        ++completed_;
        co_return result;
    }

    std::vector<metric_sample> metrics() const;
    /// For work that must not be refused (warming up at start).
    net::thread_pool& pool() { return pool_; }

private:
    /// Holds one place in the queue for the lifetime of a job (also if the job throws).
    class admission {
    public:
        explicit admission(hashing_queue& q);
        ~admission() { --queue_.pending_; }
        admission(const admission&) = delete;
        admission& operator=(const admission&) = delete;

    private:
        hashing_queue& queue_;
    };

    net::thread_pool& pool_;
    const std::size_t max_pending_;
    std::atomic<std::size_t> pending_{0};
    std::atomic<std::uint64_t> completed_{0};
    std::atomic<std::uint64_t> refused_{0};
};

}  // namespace proeventa::auth
