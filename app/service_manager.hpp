#pragma once
// What the service manager (systemd, Type=notify) hears from us: READY=1 once we listen with
// the schema migrated, STOPPING=1 when draining starts, and WATCHDOG=1 at half the unit's
// WatchdogSec for as long as the I/O threads keep running timers.
#include <proeventa/net.hpp>
#include <proeventa/os/sd_notify.hpp>

#include <boost/asio/io_context.hpp>

#include <memory>
#include <string_view>

namespace proeventa::app {

class service_manager {
public:
    explicit service_manager(os::service_notifier notifier) : notifier_(std::move(notifier)) {}

    void ready(std::string_view status) const;
    void stopping() const;
    /// Starts the WATCHDOG=1 heartbeat on `ioc` (nothing when the unit asked for none); it stops
    /// with the io_context.
    void start_watchdog(net::io_context& ioc) const;

private:
    os::service_notifier notifier_;
};

}  // namespace proeventa::app
