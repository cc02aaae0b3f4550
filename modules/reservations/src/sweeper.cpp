#include "sweeper.hpp"

#include <proeventa/log.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>

#include <unordered_map>

namespace proeventa::reservations {

sweeper::sweeper(reservation_repository& repository, events::catalog& catalog, reservation_service& service,
                 std::chrono::milliseconds interval)
    : repository_(repository), catalog_(catalog), service_(service), interval_(interval) {}

void sweeper::start(net::any_io_executor ex) {
    timer_ = std::make_shared<net::steady_timer>(ex);
    auto task = run();
    net::co_spawn(ex, std::move(task), net::detached);
}

void sweeper::stop() {
    stopped_ = true;
    if (auto t = timer_) {
        auto cancel = [t] { t->cancel(); };
        net::post(t->get_executor(), std::move(cancel));
    }
}

awaitable<void> sweeper::run() {
    auto timer = timer_;
    while (!stopped_) {
        timer->expires_after(interval_);
        boost::system::error_code ec;
        co_await timer->async_wait(net::redirect_error(use_awaitable, ec));
        if (stopped_) break;
        try {
            co_await sweep_once();
        } catch (const std::exception& e) {
            // The database may be down for a while; the next tick tries again.
            log::warn("reservation sweep failed", {{"error", e.what()}});
        }
    }
}

awaitable<void> sweeper::sweep_once() {
    const auto expired = co_await repository_.sweep_expired();
    auto touched = service_.take_touched_events();
    touched.insert(expired.begin(), expired.end());
    if (++ticks_ % 720 == 0) co_await repository_.forget_old_keys();
    if (touched.empty()) co_return;

    // Refresh the events module's sold-out hint for events whose places changed.
    const std::vector<std::int64_t> ids(touched.begin(), touched.end());
    const auto places = co_await repository_.places_taken(ids);
    std::unordered_map<std::int64_t, std::int64_t> taken;
    for (const auto& p : places) taken.emplace(p.event_id, p.places);
    for (auto id : ids) {
        auto event = co_await catalog_.find_event(id);
        if (!event) continue;
        co_await catalog_.set_sold_out(id, taken[id] >= event->capacity);
    }
}

}  // namespace proeventa::reservations
