#pragma once
// Background task: marks holds that ran out as expired (the reserve path already treats them as
// free; this keeps listings and counters tidy), refreshes the events module's sold-out hint for
// events whose places changed, and forgets day-old idempotency keys.
#include "reservation_repository.hpp"
#include "reservation_service.hpp"

#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <memory>

namespace proeventa::reservations {

class sweeper {
public:
    sweeper(reservation_repository& repository, events::catalog& catalog, reservation_service& service,
            std::chrono::milliseconds interval);
    void start(net::any_io_executor ex);
    void stop();

private:
    awaitable<void> run();
    awaitable<void> sweep_once();

    reservation_repository& repository_;
    events::catalog& catalog_;
    reservation_service& service_;
    std::chrono::milliseconds interval_;
    std::shared_ptr<net::steady_timer> timer_;
    std::atomic<bool> stopped_{false};
    unsigned ticks_ = 0;
};

}  // namespace proeventa::reservations
