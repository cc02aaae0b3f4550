#pragma once
// The reservations module's one public header: its factory. It implements the events module's
// seat_states and lifecycle_listener interfaces, which main.cpp wires into events, and the auth
// module's account_deletion_listener.
#include <proeventa/http/router.hpp>
#include <proeventa/net.hpp>
#include <proeventa/settings.hpp>

#include <chrono>
#include <memory>
#include <string>

namespace proeventa::db {
class pool;
}
namespace proeventa::auth {
class identity;
class directory;
class account_deletion_listener;
}
namespace proeventa::mail {
class outbox;
}
namespace proeventa::events {
class catalog;
class seat_states;
class lifecycle_listener;
}  // namespace proeventa::events

namespace proeventa::reservations {

struct options {
    std::chrono::seconds hold_ttl{600};
    std::chrono::milliseconds sweep_interval{5000};
    /// Where people reach the app: order mail links to the tickets under it.
    std::string public_url = "http://127.0.0.1:8000";
    /// Door scans one organizer (or admin) may send per minute, across their devices.
    std::size_t checkins_per_minute = 600;
};

/// The module's flags and environment variables (the hold time), bound to `opts`, whose values
/// are the defaults.
std::vector<setting> settings(options& opts);

class module {
public:
    virtual ~module() = default;
    virtual events::seat_states& seat_states_service() = 0;
    virtual events::lifecycle_listener& lifecycle_service() = 0;
    /// Cancels a deleted account's future bookings (main.cpp hands it to the auth module).
    virtual auth::account_deletion_listener& account_deletion_hook() = 0;
    virtual void register_routes(router& r) = 0;
    /// Starts the background sweeper that marks expired holds (runs until stop()).
    virtual void start(net::any_io_executor ex) = 0;
    virtual void stop() = 0;
};

/// `directory` names the customers in an organizer's reservation list and the buyers order mail
/// goes to; `outbox` takes that mail in the transactions that confirm and cancel.
std::unique_ptr<module> make_module(db::pool& db, auth::identity& identity, auth::directory& directory,
                                    events::catalog& catalog, mail::outbox& outbox, options opts);

}  // namespace proeventa::reservations
