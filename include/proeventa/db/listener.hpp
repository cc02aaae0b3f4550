#pragma once
// The one LISTEN connection of an instance. Writes anywhere announce themselves with NOTIFY in
// their own transaction (migrations/0008_change_announcements.sql); the listener hands each
// notification to the subscribers of its channel, in the order PostgreSQL delivered them.
//
// What may be trusted while it is down: nothing derived from notifications. A lost connection
// sets the epoch to 0 at once; the listener reconnects with jittered backoff, LISTENs again,
// and only then takes a new epoch. Caches remember the epoch they were filled in and trust an
// entry only while the epoch is unchanged and non-zero, so a write whose notification fell in
// the gap can never be hidden by an entry that predates it.
#include <proeventa/db/pool.hpp>
#include <proeventa/net.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace proeventa::db {

struct notification {
    std::string channel;
    std::string payload;
};

struct listener_options {
    /// Connection settings (the primary's: standbys deliver no notifications).
    pool_options connection;
    std::chrono::milliseconds min_backoff{100};
    std::chrono::milliseconds max_backoff{5000};
    /// With nothing heard for this long, a `SELECT 1` checks the connection is alive.
    std::chrono::milliseconds idle_check{10000};
};

class listener {
public:
    using payload_handler = std::function<void(std::string_view payload)>;
    /// Called with false when the connection is lost, with true once listening again.
    using state_handler = std::function<void(bool listening)>;

    listener(net::any_io_executor io, listener_options options);
    ~listener();
    listener(const listener&) = delete;
    listener& operator=(const listener&) = delete;

    /// Before start(). Handlers run on the listener's own strand, one at a time: they must be
    /// quick and must not block (post longer work elsewhere).
    void subscribe(std::string channel, payload_handler handler);
    void on_state_change(state_handler handler);

    void start();
    /// Stops listening; returns at once (the connection closes on its strand).
    void stop();

    /// Non-zero while listening, and unchanged since the moment it started listening.
    std::uint64_t epoch() const noexcept;

    struct stats {
        bool listening = false;
        std::uint64_t notifications = 0;
        std::uint64_t connects = 0;
        std::uint64_t losses = 0;
    };
    stats statistics() const noexcept;

private:
    struct state;
    std::shared_ptr<state> state_;
};

}  // namespace proeventa::db
