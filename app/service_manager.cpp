#include "service_manager.hpp"

#include <proeventa/log.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>

#include <string>

namespace proeventa::app {

void service_manager::ready(std::string_view status) const {
    notifier_.notify("READY=1\nSTATUS=" + std::string(status));
}

void service_manager::stopping() const { notifier_.notify("STOPPING=1\nSTATUS=draining connections"); }

void service_manager::start_watchdog(net::io_context& ioc) const {
    const auto interval = notifier_.watchdog_interval();
    if (!interval) return;
    log::info("systemd watchdog on", {{"interval_ms", std::chrono::duration_cast<std::chrono::milliseconds>(*interval).count()}});
    // The heartbeat runs on the I/O threads on purpose: if they stop turning, systemd hears
    // nothing and restarts us.
    auto heartbeat = [notifier = notifier_, every = *interval, &ioc]() -> awaitable<void> {
        net::steady_timer timer(ioc);
        for (;;) {
            notifier.notify("WATCHDOG=1");
            timer.expires_after(every);
            co_await timer.async_wait(use_awaitable);
        }
    };
    net::co_spawn(ioc, std::move(heartbeat), net::detached);
}

}  // namespace proeventa::app
