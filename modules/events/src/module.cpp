// The events module as main.cpp sees it: one object owning the services, wired to the identity
// service now and to reservations (seat states, lifecycle listeners) right after.
#include "catalog_service.hpp"
#include "event_service.hpp"
#include "hooks.hpp"
#include "public_answers.hpp"
#include "public_reads.hpp"
#include "seat_feeds.hpp"
#include "routes.hpp"
#include "venue_service.hpp"

#include <proeventa/db/listener.hpp>
#include <proeventa/events/events.hpp>

namespace proeventa::events {

namespace {

class module_impl final : public module {
public:
    module_impl(db::pool& db, auth::identity& identity, options opts, db::listener& changes)
        : identity_(identity),
          answers_(opts.cache_bytes, [&changes] { return changes.epoch(); }, opts.list_cache_ttl),
          catalog_(db, answers_),
          venues_(db, answers_),
          events_(db, venues_, hooks_, answers_),
          reads_(events_, answers_),
          feeds_(events_, seat_feed_options{opts.max_streams}) {
        changes.subscribe("proeventa_catalog", [this](std::string_view p) { answers_.on_catalog_notification(p); });
        changes.subscribe("proeventa_seats", [this](std::string_view p) {
            answers_.on_seats_notification(p);
            feeds_.on_seats_notification(p);
        });
        changes.on_state_change([this](bool listening) {
            answers_.on_listening(listening);
            feeds_.on_listening(listening);
        });
        events_.read_public_from(opts.public_reads);
        answers_.announce_changes_to(opts.public_reads);
    }

    catalog& catalog_service() override { return catalog_; }
    void set_seat_states(seat_states& states) override { hooks_.states = &states; }
    void add_lifecycle_listener(lifecycle_listener& listener) override {
        hooks_.listeners.push_back(&listener);
    }
    void register_routes(router& r) override {
        register_venue_routes(r, identity_, venues_);
        register_event_routes(r, identity_, events_, reads_, feeds_);
    }
    std::vector<metric_sample> metrics() const override {
        const auto s = answers_.statistics();
        return {{"proeventa_cache_hits_total", "counter", "answers served from the cache", s.hits},
                {"proeventa_cache_misses_total", "counter", "answers loaded from the database", s.misses},
                {"proeventa_cache_evictions_total", "counter", "answers evicted for room", s.evictions},
                {"proeventa_cache_entries", "gauge", "answers cached", s.entries},
                {"proeventa_cache_bytes", "gauge", "memory held by cached answers", s.bytes},
                {"proeventa_seat_streams", "gauge", "live seat-map streams open", feeds_.open_streams()}};
    }

private:
    auth::identity& identity_;
    module_hooks hooks_;
    public_answers answers_;
    events::catalog_service catalog_;
    venue_service venues_;
    event_service events_;
    public_reads reads_;
    seat_feeds feeds_;
};

}  // namespace

std::unique_ptr<module> make_module(db::pool& db, auth::identity& identity, options opts, db::listener& changes) {
    return std::make_unique<module_impl>(db, identity, opts, changes);
}

}  // namespace proeventa::events
