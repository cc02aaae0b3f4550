#include "reservation_service.hpp"

#include "queries.hpp"
#include "reservation_json.hpp"

#include <proeventa/http/api_error.hpp>
#include <proeventa/log.hpp>

#include <boost/json/serialize.hpp>

#include <stdexcept>
#include <unordered_map>

namespace proeventa::reservations {
namespace {

std::string join_ids(const std::vector<std::int64_t>& ids) {
    std::string out;
    for (auto id : ids) {
        if (!out.empty()) out += ", ";
        out += std::to_string(id);
    }
    return out;
}

boost::json::array to_array(const db::result& rows) {
    boost::json::array out;
    for (auto r : rows) out.push_back(reservation_to_json(r));
    return out;
}

/// Adds `customer` to each item; null when the account has been deleted since.
void name_customers(boost::json::array& items, const std::vector<auth::user_summary>& customers) {
    std::unordered_map<std::int64_t, const auth::user_summary*> by_id;
    for (const auto& c : customers) by_id.emplace(c.id, &c);
    for (auto& item : items) {
        auto& o = item.as_object();
        const auto it = by_id.find(o.at("user_id").as_int64());
        if (it == by_id.end()) {
            o["customer"] = nullptr;
            continue;
        }
        o["customer"] = boost::json::object{
            {"id", it->second->id}, {"email", it->second->email}, {"full_name", it->second->full_name}};
    }
}

constexpr int max_attempts = 3;

/// Thrown out of a transaction whose seat insert hit a taken seat.
struct seats_conflict {
    std::vector<std::int64_t> seat_ids;
};

/// The write found the event no longer on sale (cancelled, unpublished, sales closed) after the
/// plan had found it on sale: the database's word, which wins over the plan's.
struct sale_closed : std::runtime_error {
    sale_closed() : std::runtime_error("the event stopped being on sale during the reservation") {}
};

/// What the client reads: the original API answered the reservation itself for one seat or one
/// block of places; the `seat_ids` form answers them as a list.
std::string answer_body(const boost::json::array& items, const reserve_request& req) {
    if (req.form == reserve_form::seat_list)
        return boost::json::serialize(boost::json::object{{"reservations", items}});
    return boost::json::serialize(items.at(0));
}

/// Whether the event's organizer or an admin is asking: they see its drafts.
bool manages(const principal& who, const events::event_for_sale& event) {
    return who.is_admin() || event.organizer_id == who.user_id;
}

api_error seat_taken_error(const db::result& taken_rows) {
    boost::json::array taken;
    std::vector<std::int64_t> ids;
    for (auto r : taken_rows) {
        taken.push_back(r.int64(0));
        ids.push_back(r.int64(0));
    }
    std::string message = "a seat was just taken";
    if (ids.size() == 1) message = "seat " + join_ids(ids) + " was just taken";
    if (ids.size() > 1) message = "seats " + join_ids(ids) + " were just taken";
    return errors::conflict("seat_taken", message, {{"seat_ids", taken}});
}

}  // namespace

reservation_service::reservation_service(db::pool& db, events::catalog& catalog, auth::directory& directory,
                                         options opts)
    : db_(db), catalog_(catalog), directory_(directory), opts_(opts) {}

void reservation_service::touch(std::int64_t event_id) {
    std::lock_guard lock(touched_mutex_);
    touched_.insert(event_id);
}

std::set<std::int64_t> reservation_service::take_touched_events() {
    std::lock_guard lock(touched_mutex_);
    return std::exchange(touched_, {});
}

awaitable<reserve_outcome> reservation_service::reserve(const principal& who, const reserve_request& req,
                                                        std::optional<std::string> key) {
    // Everything the catalog has to say is asked before a connection is taken: holding one
    // while the catalog waits for another would let a burst of requests starve the pool.
    const auto plan = co_await make_plan(who, req);
    bool closed = false;
    try {
        if (key) co_return co_await reserve_once(who, plan, req, *key);
        co_return co_await reserve_once(who, plan, req);
    } catch (const sale_closed&) {
        closed = true;
    }
    // The sale changed between the plan and the write: ask again to say why. The write took
    // nothing, so this answer is as true as any.
    if (closed) co_await make_plan(who, req);
    throw errors::conflict("not_on_sale", "the event stopped being on sale; please reload it");
}

awaitable<reserve_outcome> reservation_service::reserve_once(const principal& who, const sale_plan& plan,
                                                             const reserve_request& req) {
    auto conn = co_await db_.acquire();
    const auto items = co_await execute(conn, who, plan, req, false);
    co_return reserve_outcome{201, answer_body(items, req)};
}

awaitable<reserve_outcome> reservation_service::reserve_once(const principal& who, const sale_plan& plan,
                                                             const reserve_request& req, const std::string& key) {
    // With an Idempotency-Key, the key is claimed in the same transaction as the reservations:
    // a concurrent duplicate blocks on the key until this one commits (and then replays it) or
    // rolls back (and then goes ahead itself). Only successes are remembered; a failed attempt
    // leaves no trace, so retrying it is safe. A replay answers exactly the stored body, so it
    // keeps the shape of the first answer.
    const auto fingerprint = req.fingerprint();
    auto tx = co_await db_.begin();
    auto claimed = co_await tx.exec(sql::claim_key, db::params(who.user_id, key, fingerprint));
    if (claimed.empty()) {
        co_await tx.rollback();
        auto stored = co_await db_.exec(sql::find_key, db::params(who.user_id, key));
        if (stored.empty()) throw errors::conflict("idempotency_conflict", "please retry the request");
        if (stored[0].text(0) != fingerprint)
            throw errors::unprocessable("idempotency_mismatch",
                                        "this Idempotency-Key was used with a different request");
        co_return reserve_outcome{static_cast<int>(stored[0].int64(1)), stored[0].string(2)};
    }
    std::exception_ptr failure;
    std::optional<seats_conflict> conflict;
    reserve_outcome outcome;
    try {
        const auto items = co_await execute(tx.conn(), who, plan, req, true);
        outcome = {201, answer_body(items, req)};
        co_await tx.exec(sql::store_key, db::params(who.user_id, key, outcome.status, outcome.body));
    } catch (const seats_conflict& c) {
        conflict = c;
    } catch (...) {
        failure = std::current_exception();
    }
    if (failure || conflict) co_await tx.rollback();
    if (failure) std::rethrow_exception(failure);
    if (conflict) {
        auto taken = co_await tx.conn().exec(sql::seats_taken, db::params(plan.event.id, conflict->seat_ids));
        throw seat_taken_error(taken);
    }
    co_await tx.commit();
    co_return outcome;
}

awaitable<sale_plan> reservation_service::make_plan(const principal& who, const reserve_request& req) {
    auto event = co_await catalog_.find_event(req.event_id);
    // Someone else's draft is reported exactly like a missing event, as the events routes do.
    if (!event || (event->status == "draft" && !manages(who, *event)))
        throw errors::not_found("event " + std::to_string(req.event_id) + " does not exist");
    if (!event->not_on_sale_code.empty())
        throw errors::conflict(event->not_on_sale_code, event->not_on_sale_reason);
    if (event->seated && req.seat_ids.empty())
        throw errors::validation({{"seat_ids", "this event has numbered seats: choose seat_ids"}},
                                 "choose seats for this event");
    if (!event->seated && !req.seat_ids.empty())
        throw errors::validation({{"quantity", "this event is general admission: give a quantity"}},
                                 "choose a quantity for this event");
    sale_plan plan{std::move(*event), {}};
    if (plan.event.seated) {
        plan.seats = co_await catalog_.find_seats(plan.event.id, req.seat_ids);
        if (plan.seats.size() != req.seat_ids.size()) {
            std::vector<std::int64_t> foreign;
            for (auto id : req.seat_ids) {
                bool found = false;
                for (const auto& seat : plan.seats) found = found || seat.id == id;
                if (!found) foreign.push_back(id);
            }
            throw errors::validation({{"seat_ids", "not seats of this event's venue: " + join_ids(foreign)}},
                                     "some seats are not part of this event's venue");
        }
    }
    co_return plan;
}

awaitable<boost::json::array> reservation_service::execute(db::connection& conn, const principal& who,
                                                           const sale_plan& plan, const reserve_request& req,
                                                           bool in_transaction) {
    // Not a ?: with co_await in both arms: g++ 12 destroys that result twice.
    boost::json::array items;
    if (plan.event.seated) items = co_await reserve_seats(conn, who, plan, req, in_transaction);
    else items = co_await reserve_places(conn, who, plan.event, req);
    touch(req.event_id);
    co_return items;
}

awaitable<boost::json::array> reservation_service::reserve_seats(db::connection& conn, const principal& who,
                                                                 const sale_plan& plan, const reserve_request& req,
                                                                 bool in_transaction) {
    const auto& event = plan.event;
    const auto& seats = plan.seats;
    std::vector<std::int64_t> ids, prices;
    for (const auto& s : seats) {
        ids.push_back(s.id);
        prices.push_back(s.price_cents);
    }
    // Text array literal for the labels: quoted and escaped for PostgreSQL's array syntax.
    std::string labels = "{";
    for (std::size_t i = 0; i < seats.size(); ++i) {
        if (i) labels += ',';
        labels += '"';
        for (char c : seats[i].label) {
            if (c == '"' || c == '\\') labels += '\\';
            labels += c;
        }
        labels += '"';
    }
    labels += '}';
    const std::string status = req.hold ? "held" : "confirmed";
    const auto hold_secs = static_cast<std::int64_t>(opts_.hold_ttl.count());

    for (int attempt = 1;; ++attempt) {
        std::optional<db::query_error> conflict;
        try {
            auto rows = co_await conn.exec(
                sql::reserve_seats, db::params(event.id, ids, who.user_id, status, event.currency, event.name,
                                               event.start_time, hold_secs, prices, labels));
            // Every requested seat or none: none means the event's sale closed.
            if (rows.empty()) throw sale_closed();
            co_return to_array(rows);
        } catch (const db::query_error& e) {
            if (!e.is_unique_violation() && !e.is_retryable()) throw;
            conflict = e;
        }
        // Inside a transaction the failed statement has aborted it: the caller rolls back first
        // and then asks which seats were taken.
        if (in_transaction) throw seats_conflict{ids};
        if (conflict->is_unique_violation()) {
            auto taken = co_await conn.exec(sql::seats_taken, db::params(event.id, ids));
            // Empty: whoever held the seat let go in between; try again.
            if (!taken.empty() || attempt >= max_attempts) throw seat_taken_error(taken);
        } else if (attempt >= max_attempts) {
            throw db::unavailable("reservation kept deadlocking");
        }
    }
}

awaitable<boost::json::array> reservation_service::reserve_places(db::connection& conn, const principal& who,
                                                                  const events::event_for_sale& event,
                                                                  const reserve_request& req) {
    const std::string status = req.hold ? "held" : "confirmed";
    const auto hold_secs = static_cast<std::int64_t>(opts_.hold_ttl.count());
    auto attempt_insert = [&]() {
        return conn.exec(sql::reserve_places,
                         db::params(event.id, who.user_id, req.quantity, status, event.general_price_cents,
                                    event.currency, event.name, event.start_time, hold_secs));
    };
    auto rows = co_await attempt_insert();
    if (rows.empty()) {
        // Either no counter exists yet for this event, or it is full: create it / give back
        // run-out holds, then try once more.
        auto inv = co_await conn.exec(sql::inventory, db::params(event.id));
        if (inv.empty())
            co_await conn.exec(sql::create_inventory, db::params(event.id, event.capacity));
        else
            co_await conn.exec(sql::release_expired_places, db::params(event.id));
        rows = co_await attempt_insert();
    }
    if (rows.empty()) {
        auto open = co_await conn.exec(sql::sale_open, db::params(event.id));
        if (!open[0].boolean(0)) throw sale_closed();
        auto inv = co_await conn.exec(sql::inventory, db::params(event.id));
        const auto left = inv.empty() ? 0 : inv[0].int64(0) - inv[0].int64(1);
        throw errors::conflict("sold_out",
                               left <= 0 ? "this event is sold out"
                                         : "only " + std::to_string(left) + " places are left",
                               {{"places_available", left}});
    }
    co_return to_array(rows);
}

awaitable<void> reservation_service::require_access(const principal& who, const db::row& r) {
    if (who.is_admin() || r.int64(col::user_id) == who.user_id) co_return;
    auto event = co_await catalog_.find_event(r.int64(col::event_id));
    if (event && event->organizer_id == who.user_id) co_return;
    // 404, not 403: other people's reservations are not acknowledged to exist.
    throw errors::not_found("reservation not found");
}

awaitable<boost::json::object> reservation_service::find(const principal& who, std::int64_t id) {
    auto rows = co_await db_.exec(sql::find, db::params(id));
    if (rows.empty()) throw errors::not_found("reservation not found");
    co_await require_access(who, rows[0]);
    co_return reservation_to_json(rows[0]);
}

awaitable<boost::json::object> reservation_service::confirm(const principal& who, std::int64_t id) {
    auto current = co_await db_.exec(sql::find, db::params(id));
    if (current.empty() || (current[0].int64(col::user_id) != who.user_id && !who.is_admin()))
        throw errors::not_found("reservation not found");
    auto rows = co_await db_.exec(sql::confirm, db::params(id));
    if (!rows.empty()) co_return reservation_to_json(rows[0]);
    auto now = co_await db_.exec(sql::find, db::params(id));
    const auto status = now[0].string(col::status);
    if (status == "expired") throw errors::conflict("hold_expired", "the hold on this reservation has expired");
    throw errors::conflict("not_held", "only a held reservation can be confirmed; this one is " + status);
}

awaitable<boost::json::object> reservation_service::cancel(const principal& who, std::int64_t id) {
    auto current = co_await db_.exec(sql::find, db::params(id));
    if (current.empty()) throw errors::not_found("reservation not found");
    co_await require_access(who, current[0]);
    auto rows = co_await db_.exec(sql::cancel, db::params(id));
    if (rows.empty())
        throw errors::conflict("already_cancelled",
                               "this reservation is already " + current[0].string(col::status));
    touch(rows[0].int64(col::event_id));
    co_return reservation_to_json(rows[0]);
}

awaitable<reservation_page> reservation_service::list_for_user(std::int64_t user_id,
                                                               std::optional<std::string> status,
                                                               std::int64_t limit, std::int64_t offset) {
    auto rows = co_await db_.exec(sql::list_by_user, db::params(user_id, status, limit, offset));
    reservation_page page;
    page.items = to_array(rows);
    if (!rows.empty()) page.total = rows[0].int64(col::count);
    else if (offset > 0) page.total = (co_await db_.exec(sql::count_by_user, db::params(user_id, status)))[0].int64(0);
    co_return page;
}

awaitable<reservation_page> reservation_service::list_for_event(const principal& who, std::int64_t event_id,
                                                                std::optional<std::string> status,
                                                                std::int64_t limit, std::int64_t offset) {
    auto event = co_await catalog_.find_event(event_id);
    if (!event || (event->status == "draft" && !manages(who, *event)))
        throw errors::not_found("event not found");
    if (!manages(who, *event))
        throw errors::forbidden("only the event's organizer or an admin can list its reservations");
    auto rows = co_await db_.exec(sql::list_by_event, db::params(event_id, status, limit, offset));
    reservation_page page;
    page.items = to_array(rows);
    std::vector<std::int64_t> user_ids;
    for (auto r : rows) user_ids.push_back(r.int64(col::user_id));
    const auto customers = co_await directory_.find_users(std::move(user_ids));
    name_customers(page.items, customers);
    if (!rows.empty()) page.total = rows[0].int64(col::count);
    else if (offset > 0) page.total = (co_await db_.exec(sql::count_by_event, db::params(event_id, status)))[0].int64(0);
    co_return page;
}

}  // namespace proeventa::reservations
