#pragma once
// Runs CPU-heavy work (password hashing) on the dedicated pool and resumes the caller on its
// own executor, so an I/O thread never spends tens of milliseconds inside Argon2.
#include <proeventa/net.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>

#include <type_traits>
#include <utility>

namespace proeventa::auth {

/// Lowers the calling thread's CPU priority once (Linux per-thread nice). Hashing threads
/// call it so that, when every core is busy, I/O threads win the CPU and a burst of logins
/// slows other logins rather than every request.
void deprioritize_this_thread() noexcept;

template <class F>
awaitable<std::invoke_result_t<F&>> run_on(net::thread_pool& pool, F work) {
    using result_type = std::invoke_result_t<F&>;
    // Named local, not a temporary in the co_await expression: GCC 12 (bug 107288) can destroy
    // a capturing lambda twice when it is.
    auto task = [work = std::move(work)]() mutable -> awaitable<result_type> {
        deprioritize_this_thread();
        co_return work();
    };
    co_return co_await net::co_spawn(pool.get_executor(), std::move(task), use_awaitable);
}

}  // namespace proeventa::auth
