// The events module as main.cpp sees it: one object owning the services, wired to the identity
// service now and to reservations (seat states, lifecycle listeners) right after.
#include "catalog_service.hpp"
#include "event_service.hpp"
#include "hooks.hpp"
#include "routes.hpp"
#include "venue_service.hpp"

#include <proeventa/events/events.hpp>

namespace proeventa::events {

namespace {

class module_impl final : public module {
public:
    module_impl(db::pool& db, auth::identity& identity, options opts)
        : identity_(identity),
          lists_(opts.list_cache_ttl),
          catalog_(db),
          venues_(db, lists_),
          events_(db, venues_, hooks_, lists_) {}

    catalog& catalog_service() override { return catalog_; }
    void set_seat_states(seat_states& states) override { hooks_.states = &states; }
    void add_lifecycle_listener(lifecycle_listener& listener) override {
        hooks_.listeners.push_back(&listener);
    }
    void register_routes(router& r) override {
        register_venue_routes(r, identity_, venues_);
        register_event_routes(r, identity_, events_);
    }

private:
    auth::identity& identity_;
    module_hooks hooks_;
    list_cache lists_;
    events::catalog_service catalog_;
    venue_service venues_;
    event_service events_;
};

}  // namespace

std::unique_ptr<module> make_module(db::pool& db, auth::identity& identity, options opts) {
    return std::make_unique<module_impl>(db, identity, opts);
}

}  // namespace proeventa::events
