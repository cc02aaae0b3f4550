#include "memory_returner.hpp"

#include <proeventa/log.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <algorithm>
#include <chrono>

#include <malloc.h>

namespace proeventa::app {

void memory_returner::start() {
    auto watch = [this]() -> awaitable<void> {
        net::steady_timer timer(ioc_);
        std::size_t peak = 0;
        std::size_t previous = 0;
        for (;;) {
            timer.expires_after(std::chrono::seconds(1));
            co_await timer.async_wait(use_awaitable);
            const auto counts = connections_();
            const auto open = counts.open;
            peak = std::max(peak, counts.peak);
            // Once the fall has stopped: trimming halfway down would leave the rest to the next
            // burst.
            const bool settled = open + burst / 8 >= previous;
            previous = open;
            if (peak - open < burst || !settled) continue;
            log::info("returning freed memory after a connection burst", {{"peak", peak}, {"open", open}});
            net::post(blocking_, [] { ::malloc_trim(0); });
            peak = open;
        }
    };
    net::co_spawn(ioc_, std::move(watch), net::detached);
}

}  // namespace proeventa::app
