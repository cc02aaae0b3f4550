#pragma once
// Reserve, confirm, cancel and read reservations. Every rule the client can observe lives here;
// the invariant itself is enforced by the database (see queries.hpp and the migration).
#include "reserve_request.hpp"

#include <proeventa/auth/auth.hpp>
#include <proeventa/db/pool.hpp>
#include <proeventa/events/events.hpp>
#include <proeventa/http/request_context.hpp>
#include <proeventa/reservations/reservations.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <mutex>
#include <optional>
#include <set>
#include <string>

namespace proeventa::reservations {

struct reserve_outcome {
    int status = 201;
    std::string body;  // serialized JSON, exactly what the client receives (and a replay gets)
};

/// What the catalog said about a reserve request, gathered before a connection is taken.
struct sale_plan {
    events::event_for_sale event;
    std::vector<events::seat_for_sale> seats;  // seated events: the requested seats, priced
};

struct reservation_page {
    boost::json::array items;
    std::int64_t total = 0;
};

class reservation_service {
public:
    reservation_service(db::pool& db, events::catalog& catalog, auth::directory& directory, options opts);

    awaitable<reserve_outcome> reserve(const principal& who, const reserve_request& req,
                                       std::optional<std::string> idempotency_key);
    awaitable<boost::json::object> confirm(const principal& who, std::int64_t id);
    awaitable<boost::json::object> cancel(const principal& who, std::int64_t id);
    awaitable<boost::json::object> find(const principal& who, std::int64_t id);
    awaitable<reservation_page> list_for_user(std::int64_t user_id, std::optional<std::string> status,
                                              std::int64_t limit, std::int64_t offset);
    /// Each item also names its customer (`customer`: id, email, full_name), for the organizer.
    awaitable<reservation_page> list_for_event(const principal& who, std::int64_t event_id,
                                               std::optional<std::string> status, std::int64_t limit,
                                               std::int64_t offset);

    /// Event ids whose availability changed since the last call (for the sold-out hint).
    std::set<std::int64_t> take_touched_events();

private:
    /// 404 for a missing event or someone else's draft; 409 when it is not on sale; 400 for
    /// seats of another venue or the wrong form (seats vs quantity).
    awaitable<sale_plan> make_plan(const principal& who, const reserve_request& req);
    awaitable<reserve_outcome> reserve_once(const principal& who, const sale_plan& plan,
                                            const reserve_request& req);
    /// The same inside the Idempotency-Key transaction.
    awaitable<reserve_outcome> reserve_once(const principal& who, const sale_plan& plan,
                                            const reserve_request& req, const std::string& key);
    /// `in_transaction`: the connection is inside the Idempotency-Key transaction, where a
    /// failed statement cannot be followed by another.
    awaitable<boost::json::array> execute(db::connection& conn, const principal& who, const sale_plan& plan,
                                          const reserve_request& req, bool in_transaction);
    awaitable<boost::json::array> reserve_seats(db::connection& conn, const principal& who, const sale_plan& plan,
                                                const reserve_request& req, bool in_transaction);
    awaitable<boost::json::array> reserve_places(db::connection& conn, const principal& who,
                                                 const events::event_for_sale& event,
                                                 const reserve_request& req);
    /// 404 unless `who` may see the reservation: its owner, the event's organizer, an admin.
    awaitable<void> require_access(const principal& who, const db::row& r);
    void touch(std::int64_t event_id);

    db::pool& db_;
    events::catalog& catalog_;
    auth::directory& directory_;
    options opts_;
    std::mutex touched_mutex_;
    std::set<std::int64_t> touched_;
};

}  // namespace proeventa::reservations
