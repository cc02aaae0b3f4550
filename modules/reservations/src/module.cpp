// The reservations module as main.cpp sees it: it owns the repository, the service, the events
// module's two hooks and the sweeper, and registers the routes.
#include "event_hooks.hpp"
#include "reservation_repository.hpp"
#include "reservation_service.hpp"
#include "routes.hpp"
#include "sweeper.hpp"

#include <proeventa/reservations/reservations.hpp>

namespace proeventa::reservations {
namespace {

class reservations_module final : public module {
public:
    reservations_module(db::pool& db, auth::identity& identity, auth::directory& directory,
                        events::catalog& catalog, options opts)
        : identity_(identity),
          repository_(db),
          service_(db, repository_, catalog, directory, opts),
          seat_states_(repository_),
          sweeper_(repository_, catalog, service_, opts.sweep_interval) {}

    events::seat_states& seat_states_service() override { return seat_states_; }
    events::lifecycle_listener& lifecycle_service() override { return lifecycle_; }
    void register_routes(router& r) override { reservations::register_routes(r, service_, identity_); }
    void start(net::any_io_executor ex) override { sweeper_.start(ex); }
    void stop() override { sweeper_.stop(); }

private:
    auth::identity& identity_;
    reservation_repository repository_;
    reservation_service service_;
    seat_state_reader seat_states_;
    event_lifecycle lifecycle_;
    sweeper sweeper_;
};

}  // namespace

std::unique_ptr<module> make_module(db::pool& db, auth::identity& identity, auth::directory& directory,
                                    events::catalog& catalog, options opts) {
    return std::make_unique<reservations_module>(db, identity, directory, catalog, opts);
}

}  // namespace proeventa::reservations
