#pragma once
// A deadline around one awaitable, on Boost 1.81 (which has no asio::cancel_after).
#include <proeventa/net.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>

#include <chrono>
#include <exception>
#include <optional>

namespace proeventa::db::detail {

/// Runs `op` until it finishes or `deadline` passes; nullopt means the deadline won and `op` was
/// cancelled (and has finished unwinding). Errors of `op` are rethrown.
///
/// The calling coroutine must run on a strand: the parallel group delivers the cancellation from
/// whichever branch completes first, and without a strand that could run concurrently with the
/// other branch on a second I/O thread. awaitable_operators' `||` is not used because in 1.81 it
/// waits for one *success*: a failing query would then sit until its deadline.
/// `T` must be default-constructible (the group stores results before they arrive).
template <class T>
awaitable<std::optional<T>> run_until(awaitable<T> op,
                                      std::chrono::steady_clock::time_point deadline) {
    auto ex = co_await net::this_coro::executor;
    net::steady_timer timer(ex, deadline);
    auto [order, error, value, timer_ec] =
        co_await net::experimental::make_parallel_group(
            net::co_spawn(ex, std::move(op), net::deferred), timer.async_wait(net::deferred))
            .async_wait(net::experimental::wait_for_one(), use_awaitable);
    if (order[0] == 1 && !timer_ec) co_return std::nullopt;
    if (error) std::rethrow_exception(error);
    co_return std::optional<T>(std::move(value));
}

}  // namespace proeventa::db::detail
