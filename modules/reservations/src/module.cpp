// The reservations module as main.cpp sees it: it owns the repository, the service, the events
// module's two hooks and the sweeper, and registers the routes.
#include "event_hooks.hpp"
#include "order_repository.hpp"
#include "order_service.hpp"
#include "reservation_repository.hpp"
#include "reservation_service.hpp"
#include "routes.hpp"
#include "sweeper.hpp"
#include "ticket_repository.hpp"
#include "ticket_service.hpp"

#include <proeventa/reservations/reservations.hpp>

namespace proeventa::reservations {
namespace {

class reservations_module final : public module {
public:
    reservations_module(db::pool& db, auth::identity& identity, auth::directory& directory,
                        events::catalog& catalog, mail::outbox& outbox, options opts)
        : identity_(identity),
          repository_(db),
          orders_(db),
          tickets_(db),
          mailer_(directory, outbox, opts.public_url),
          service_(db, repository_, catalog, directory, mailer_, opts),
          order_service_(orders_, catalog),
          ticket_service_(tickets_, catalog, directory, opts),
          seat_states_(repository_),
          lifecycle_(mailer_),
          sweeper_(repository_, catalog, service_, opts.sweep_interval) {}

    events::seat_states& seat_states_service() override { return seat_states_; }
    events::lifecycle_listener& lifecycle_service() override { return lifecycle_; }
    auth::account_deletion_listener& account_deletion_hook() override { return accounts_; }
    void register_routes(router& r) override {
        reservations::register_routes(r, service_, identity_);
        register_ticket_routes(r, order_service_, ticket_service_, identity_);
    }
    void start(net::any_io_executor ex) override { sweeper_.start(ex); }
    void stop() override { sweeper_.stop(); }

private:
    auth::identity& identity_;
    reservation_repository repository_;
    order_repository orders_;
    ticket_repository tickets_;
    order_mailer mailer_;
    reservation_service service_;
    order_service order_service_;
    ticket_service ticket_service_;
    seat_state_reader seat_states_;
    event_lifecycle lifecycle_;
    account_lifecycle accounts_;
    sweeper sweeper_;
};

}  // namespace

std::unique_ptr<module> make_module(db::pool& db, auth::identity& identity, auth::directory& directory,
                                    events::catalog& catalog, mail::outbox& outbox, options opts) {
    return std::make_unique<reservations_module>(db, identity, directory, catalog, outbox, opts);
}

}  // namespace proeventa::reservations
