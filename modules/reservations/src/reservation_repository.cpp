#include "reservation_repository.hpp"

#include "sql.hpp"

#include <proeventa/db/record.hpp>

namespace proeventa::reservations {
namespace {

std::vector<std::int64_t> seat_ids_of(const db::result& rows) {
    std::vector<std::int64_t> ids;
    for (const auto& r : db::records<seat_id_record>(rows)) ids.push_back(r.seat_id);
    return ids;
}

/// A page whose rows carry `total`; past the last page there is no row to carry it, so it is
/// counted on its own (only then: the first page of an empty list is known to be empty).
awaitable<reservation_page> page_of(db::pool& db, const db::result& rows, std::int64_t offset,
                                    const db::query& count, db::param_list count_params) {
    reservation_page page;
    page.items = db::records<reservation_record>(rows);
    if (auto first = db::first_record<list_total>(rows)) {
        page.total = first->total;
    } else if (offset > 0) {
        auto counted = co_await db.exec(count, std::move(count_params));
        page.total = db::first_record<list_total>(counted).value_or(list_total{}).total;
    }
    co_return page;
}

const char* status_of(const reservation_order& order) { return order.hold ? "held" : "confirmed"; }

}  // namespace

awaitable<std::vector<reservation_record>> reservation_repository::insert_seats(
    db::connection& conn, const reservation_order& order, const std::vector<events::seat_for_sale>& seats) {
    std::vector<std::int64_t> ids, prices;
    std::vector<std::string> labels, categories;
    for (const auto& s : seats) {
        ids.push_back(s.id);
        prices.push_back(s.price_cents);
        labels.push_back(s.label);
        categories.push_back(s.category);
    }
    auto rows = co_await conn.exec(
        sql::reserve_seats, db::params(order.event_id, ids, order.user_id, status_of(order), order.currency,
                                       order.event_name, order.event_start_time, order.hold_seconds, prices, labels,
                                       order.reference, categories));
    co_return db::records<reservation_record>(rows);
}

awaitable<std::optional<reservation_record>> reservation_repository::insert_places(
    db::connection& conn, const reservation_order& order, std::int64_t quantity, std::int64_t price_cents) {
    auto rows = co_await conn.exec(
        sql::reserve_places, db::params(order.event_id, order.user_id, quantity, status_of(order), price_cents,
                                        order.currency, order.event_name, order.event_start_time, order.hold_seconds,
                                        order.reference));
    co_return db::first_record<reservation_record>(rows);
}

awaitable<std::vector<std::int64_t>> reservation_repository::seats_taken(db::connection& conn, std::int64_t event_id,
                                                                         const std::vector<std::int64_t>& seat_ids) {
    auto rows = co_await conn.exec(sql::seats_taken, db::params(event_id, seat_ids));
    co_return seat_ids_of(rows);
}

awaitable<std::optional<inventory_record>> reservation_repository::inventory(db::connection& conn,
                                                                            std::int64_t event_id) {
    auto rows = co_await conn.exec(sql::inventory, db::params(event_id));
    co_return db::first_record<inventory_record>(rows);
}

awaitable<void> reservation_repository::create_inventory(db::connection& conn, std::int64_t event_id,
                                                         std::int64_t capacity) {
    co_await conn.exec(sql::create_inventory, db::params(event_id, capacity));
}

awaitable<void> reservation_repository::release_expired_places(db::connection& conn, std::int64_t event_id) {
    co_await conn.exec(sql::release_expired_places, db::params(event_id));
}

awaitable<bool> reservation_repository::sale_open(db::connection& conn, std::int64_t event_id) {
    auto rows = co_await conn.exec(sql::sale_open, db::params(event_id));
    co_return db::first_record<sale_state>(rows).value_or(sale_state{}).open;
}

awaitable<bool> reservation_repository::claim_key(db::connection& conn, std::int64_t user_id, const std::string& key,
                                                  const std::string& request_hash) {
    auto rows = co_await conn.exec(sql::claim_key, db::params(user_id, key, request_hash));
    co_return !rows.empty();
}

awaitable<void> reservation_repository::store_answer(db::connection& conn, std::int64_t user_id,
                                                     const std::string& key, const std::string& answer) {
    co_await conn.exec(sql::store_key, db::params(user_id, key, answer));
}

awaitable<std::vector<std::int64_t>> reservation_repository::seats_taken(std::int64_t event_id,
                                                                         const std::vector<std::int64_t>& seat_ids) {
    auto rows = co_await db_.exec(sql::seats_taken, db::params(event_id, seat_ids));
    co_return seat_ids_of(rows);
}

awaitable<std::optional<stored_answer>> reservation_repository::find_key(std::int64_t user_id,
                                                                        const std::string& key) {
    auto rows = co_await db_.exec(sql::find_key, db::params(user_id, key));
    co_return db::first_record<stored_answer>(rows);
}

awaitable<std::optional<reservation_record>> reservation_repository::find(std::int64_t id) {
    auto rows = co_await db_.exec(sql::find, db::params(id));
    co_return db::first_record<reservation_record>(rows);
}

awaitable<std::optional<reservation_record>> reservation_repository::confirm(db::connection& conn, std::int64_t id) {
    auto rows = co_await conn.exec(sql::confirm, db::params(id));
    co_return db::first_record<reservation_record>(rows);
}

awaitable<std::optional<reservation_record>> reservation_repository::cancel(db::connection& conn, std::int64_t id) {
    auto rows = co_await conn.exec(sql::cancel, db::params(id));
    co_return db::first_record<reservation_record>(rows);
}

awaitable<reservation_page> reservation_repository::list_by_user(std::int64_t user_id,
                                                                 const std::optional<std::string>& status,
                                                                 std::int64_t limit, std::int64_t offset) {
    auto rows = co_await db_.exec(sql::list_by_user, db::params(user_id, status, limit, offset));
    co_return co_await page_of(db_, rows, offset, sql::count_by_user, db::params(user_id, status));
}

awaitable<reservation_page> reservation_repository::list_by_event(std::int64_t event_id,
                                                                  const std::optional<std::string>& status,
                                                                  std::int64_t limit, std::int64_t offset) {
    auto rows = co_await db_.exec(sql::list_by_event, db::params(event_id, status, limit, offset));
    co_return co_await page_of(db_, rows, offset, sql::count_by_event, db::params(event_id, status));
}

awaitable<std::vector<seat_status_record>> reservation_repository::taken_seats(std::int64_t event_id) {
    auto rows = co_await db_.exec(sql::taken_seats, db::params(event_id));
    co_return db::records<seat_status_record>(rows);
}

awaitable<std::vector<event_places>> reservation_repository::places_taken(const std::vector<std::int64_t>& event_ids) {
    auto rows = co_await db_.exec(sql::places_taken, db::params(event_ids));
    co_return db::records<event_places>(rows);
}

awaitable<std::vector<std::int64_t>> reservation_repository::sweep_expired() {
    auto rows = co_await db_.exec(sql::sweep_expired);
    std::vector<std::int64_t> events;
    for (const auto& r : db::records<event_id_record>(rows)) events.push_back(r.event_id);
    co_return events;
}

awaitable<void> reservation_repository::forget_old_keys() { co_await db_.exec(sql::forget_old_keys); }

awaitable<std::vector<reservation_record>> reservation_repository::cancel_event(db::transaction& tx,
                                                                                std::int64_t event_id) {
    auto rows = co_await tx.exec(sql::cancel_event, db::params(event_id));
    co_return db::records<reservation_record>(rows);
}

awaitable<std::int64_t> reservation_repository::lock_places_taken(db::transaction& tx, std::int64_t event_id) {
    // General admission: the counter row lock holds new reservations back until the events
    // transaction ends. Seated events are guarded by the seat index; counting is enough.
    co_await tx.exec(sql::lock_inventory, db::params(event_id));
    auto rows = co_await tx.exec(sql::active_places, db::params(event_id));
    co_return db::first_record<places_record>(rows).value_or(places_record{}).places;
}

awaitable<void> reservation_repository::set_capacity(db::transaction& tx, std::int64_t event_id,
                                                     std::int64_t capacity) {
    co_await tx.exec(sql::set_capacity, db::params(event_id, capacity));
}

}  // namespace proeventa::reservations
