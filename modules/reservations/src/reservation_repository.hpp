#pragma once
// Runs the module's statements (sql/*.sql) and returns records. Writes of a reserve run on the
// caller's connection, so the caller decides whether they autocommit or share a transaction
// (the Idempotency-Key's); everything else takes a pooled connection of its own.
#include "records.hpp"

#include <proeventa/db/pool.hpp>
#include <proeventa/events/events.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace proeventa::reservations {

/// What every row of one reserve shares.
struct reservation_order {
    std::int64_t event_id = 0;
    std::int64_t user_id = 0;
    bool hold = false;                // held (until now + hold_seconds) or confirmed at once
    std::int64_t hold_seconds = 0;
    std::string currency;
    std::string event_name;           // snapshots, so listings never read the events tables
    std::string event_start_time;
    std::string reference;            // the order the rows belong to (inserted first, same transaction)
};

/// One page of a list, and the size of the whole list.
struct reservation_page {
    std::vector<reservation_record> items;
    std::int64_t total = 0;
};

class reservation_repository {
public:
    explicit reservation_repository(db::pool& db) : db_(db) {}

    // --- reserve, on the caller's connection ---------------------------------------------------
    /// One row per seat, in seat order; none when the event was not on sale at the write. A taken
    /// seat fails the statement (db::query_error, a unique violation) and reserves nothing.
    static awaitable<std::vector<reservation_record>> insert_seats(db::connection& conn,
                                                                   const reservation_order& order,
                                                                   const std::vector<events::seat_for_sale>& seats);
    /// nullopt when the event has no counter yet, the places do not fit, or it is not on sale.
    static awaitable<std::optional<reservation_record>> insert_places(db::connection& conn,
                                                                      const reservation_order& order,
                                                                      std::int64_t quantity, std::int64_t price_cents);
    static awaitable<std::vector<std::int64_t>> seats_taken(db::connection& conn, std::int64_t event_id,
                                                            const std::vector<std::int64_t>& seat_ids);
    static awaitable<std::optional<inventory_record>> inventory(db::connection& conn, std::int64_t event_id);
    static awaitable<void> create_inventory(db::connection& conn, std::int64_t event_id, std::int64_t capacity);
    /// Gives back the places of the event's general-admission holds that have run out.
    static awaitable<void> release_expired_places(db::connection& conn, std::int64_t event_id);
    /// Whether the event is on sale (and, in a transaction, locks it as a write would).
    static awaitable<bool> sale_open(db::connection& conn, std::int64_t event_id);
    /// False when the user's key exists already (after waiting for a concurrent claim to end).
    static awaitable<bool> claim_key(db::connection& conn, std::int64_t user_id, const std::string& key,
                                     const std::string& request_hash);
    static awaitable<void> store_answer(db::connection& conn, std::int64_t user_id, const std::string& key,
                                        const std::string& answer);
    /// confirm / cancel inside the caller's transaction (with the order's mail).
    static awaitable<std::optional<reservation_record>> confirm(db::connection& conn, std::int64_t id);
    static awaitable<std::optional<reservation_record>> cancel(db::connection& conn, std::int64_t id);

    // --- on a pooled connection --------------------------------------------------------------
    awaitable<std::vector<std::int64_t>> seats_taken(std::int64_t event_id, const std::vector<std::int64_t>& seat_ids);
    awaitable<std::optional<stored_answer>> find_key(std::int64_t user_id, const std::string& key);
    awaitable<std::optional<reservation_record>> find(std::int64_t id);
    /// `status`: only reservations whose effective status it is.
    awaitable<reservation_page> list_by_user(std::int64_t user_id, const std::optional<std::string>& status,
                                             std::int64_t limit, std::int64_t offset);
    awaitable<reservation_page> list_by_event(std::int64_t event_id, const std::optional<std::string>& status,
                                              std::int64_t limit, std::int64_t offset);
    /// Seats of the event someone holds or bought.
    awaitable<std::vector<seat_status_record>> taken_seats(std::int64_t event_id);
    /// Places held or bought per event (events with none are absent).
    awaitable<std::vector<event_places>> places_taken(const std::vector<std::int64_t>& event_ids);
    /// Marks a batch of run-out holds expired; the events they belonged to.
    awaitable<std::vector<std::int64_t>> sweep_expired();
    awaitable<void> forget_old_keys();

    // --- inside the events module's transactions ---------------------------------------------
    /// Cancels the event's active reservations; the ones it cancelled.
    static awaitable<std::vector<reservation_record>> cancel_event(db::transaction& tx, std::int64_t event_id);
    /// Places held or bought, with the general-admission counter locked until the transaction ends.
    static awaitable<std::int64_t> lock_places_taken(db::transaction& tx, std::int64_t event_id);
    /// Fails (check violation on ga_inventory_within_capacity) below the places taken.
    static awaitable<void> set_capacity(db::transaction& tx, std::int64_t event_id, std::int64_t capacity);

private:
    db::pool& db_;
};

}  // namespace proeventa::reservations
