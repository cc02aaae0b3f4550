#pragma once
// Waiting for a condition another process or thread brings about, which a test can observe but
// is not told of. Tests wait for conditions, never for a fixed time: a sleep that is long enough
// on one machine is too short under a sanitizer on another.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <thread>
#include <type_traits>

namespace proeventa::test {

/// Asks `condition` until it returns true or `timeout` has passed, pausing `interval` between
/// asks; returns whether it held. Exceptions from `condition` propagate.
template <class Condition>
bool eventually(Condition&& condition, std::chrono::milliseconds timeout = std::chrono::seconds(10),
                std::chrono::milliseconds interval = std::chrono::milliseconds(20)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (condition()) return true;
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(interval);
    }
}

/// The same inside a coroutine: it pauses on a timer, so the rest of the coroutine's
/// io_context (often what brings the condition about) keeps running. `condition` returns bool
/// or awaitable<bool>, and is a named object: g++ 12 can destroy a lambda built in the
/// co_await expression twice.
template <class Condition>
boost::asio::awaitable<bool> eventually_async(
    Condition& condition, std::chrono::milliseconds timeout = std::chrono::seconds(10),
    std::chrono::milliseconds interval = std::chrono::milliseconds(20)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor);
    for (;;) {
        bool held = false;
        if constexpr (std::is_same_v<std::invoke_result_t<Condition&>, bool>)
            held = condition();
        else
            held = co_await condition();
        if (held) co_return true;
        if (std::chrono::steady_clock::now() >= deadline) co_return false;
        timer.expires_after(interval);
        co_await timer.async_wait(boost::asio::use_awaitable);
    }
}

}  // namespace proeventa::test
