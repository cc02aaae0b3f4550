#pragma once
// systemd's service notification protocol (sd_notify(3)), spoken directly: one datagram per
// state change to the Unix socket named by $NOTIFY_SOCKET. No libsystemd: the protocol is a
// line of text, and a missing socket (not under systemd) makes every call a no-op.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace proeventa::os {

class service_notifier {
public:
    /// Reads NOTIFY_SOCKET, WATCHDOG_USEC and WATCHDOG_PID, then removes them from the
    /// environment, so programs we start (pg_ctl, postgres) never speak for us. Call once, at
    /// the start of main, before any thread exists.
    static service_notifier from_environment();

    /// A notifier for `socket_path` ("" disables it; a leading '@' names an abstract socket).
    explicit service_notifier(std::string socket_path = {},
                              std::optional<std::chrono::microseconds> watchdog = std::nullopt);

    bool enabled() const { return !socket_path_.empty(); }
    /// Sends `state` ("READY=1", "STOPPING=1", "WATCHDOG=1", "STATUS=..."). Never blocks and
    /// never throws: a notification that cannot be delivered is dropped (systemd then acts on
    /// its own timeouts), so it cannot stall or stop the server.
    void notify(std::string_view state) const noexcept;
    /// How often to send WATCHDOG=1: half the unit's WatchdogSec, or nothing when not asked.
    std::optional<std::chrono::microseconds> watchdog_interval() const;

private:
    std::string socket_path_;
    std::optional<std::chrono::microseconds> watchdog_;
};

}  // namespace proeventa::os
