#pragma once
// Reserve, confirm, cancel and read reservations: every rule the client can observe, in domain
// terms (records in, records out, `failure` for what the client did wrong or came too late for).
// The invariant itself is the database's (sql/reserve_*.sql and the migrations).
#include "order_mail.hpp"
#include "order_mailer.hpp"
#include "order_repository.hpp"
#include "records.hpp"
#include "reservation_repository.hpp"
#include "reserve_request.hpp"
#include "sale_rules.hpp"

#include <proeventa/auth/auth.hpp>
#include <proeventa/db/pool.hpp>
#include <proeventa/events/events.hpp>
#include <proeventa/mail/mail.hpp>
#include <proeventa/reservations/reservations.hpp>

#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace proeventa::reservations {

/// An Idempotency-Key, and how the caller writes down its answer to the reservations made: that
/// text is stored with the key in the reserve's own transaction, and a repeat gets it back as it
/// was (so also its shape), whatever has happened to the reservations since.
struct idempotency_key {
    std::string key;
    std::function<std::string(const std::vector<reservation_record>&)> answer;
};

struct reserve_result {
    /// What this request reserved: one per seat in seat order, or one block of places. Empty on
    /// a replay.
    std::vector<reservation_record> reservations;
    /// A repeat of an Idempotency-Key: the first request's answer, exactly as stored.
    std::optional<std::string> replayed_answer;
};

/// A reservation in its event's list, with the account that made it (nullopt: deleted since).
struct event_reservation {
    reservation_record reservation;
    std::optional<auth::user_summary> customer;
};

struct event_reservation_page {
    std::vector<event_reservation> items;
    std::int64_t total = 0;
};

class reservation_service {
public:
    reservation_service(db::pool& db, reservation_repository& repository, events::catalog& catalog,
                        auth::directory& directory, order_mailer& mailer, options opts);

    awaitable<reserve_result> reserve(const principal& who, const reserve_request& req,
                                      std::optional<idempotency_key> key);
    awaitable<reservation_record> confirm(const principal& who, std::int64_t id);
    awaitable<reservation_record> cancel(const principal& who, std::int64_t id);
    awaitable<reservation_record> find(const principal& who, std::int64_t id);
    /// Whether `who` may list them is the caller's question (that user or an admin).
    awaitable<reservation_page> list_for_user(std::int64_t user_id, std::optional<std::string> status,
                                              std::int64_t limit, std::int64_t offset);
    /// For the event's organizer or an admin.
    awaitable<event_reservation_page> list_for_event(const principal& who, std::int64_t event_id,
                                                     std::optional<std::string> status, std::int64_t limit,
                                                     std::int64_t offset);

    /// Event ids whose availability changed since the last call (for the sold-out hint).
    std::set<std::int64_t> take_touched_events();

private:
    awaitable<std::vector<reservation_record>> reserve_now(const sale_plan& plan, const reserve_request& req,
                                                           const reservation_order& order,
                                                           const std::optional<auth::user_summary>& buyer);
    awaitable<reserve_result> reserve_with_key(const principal& who, const sale_plan& plan,
                                               const reserve_request& req, const reservation_order& order,
                                               const idempotency_key& key,
                                               const std::optional<auth::user_summary>& buyer);
    /// The order and its positions, in the caller's transaction, with the confirmation mail when
    /// they are confirmed at once. A taken seat fails the statement (db::query_error) and so the
    /// transaction.
    awaitable<std::vector<reservation_record>> write_order(db::transaction& tx, const sale_plan& plan,
                                                           const reserve_request& req, reservation_order order,
                                                           const std::optional<auth::user_summary>& buyer);
    awaitable<reservation_record> reserve_places(db::connection& conn, const sale_plan& plan,
                                                 const reservation_order& order, std::int64_t quantity);
    /// not_found unless `who` may see the reservation: its owner, the event's organizer, an admin.
    awaitable<void> require_access(const principal& who, const reservation_record& r);
    void touch(std::int64_t event_id);

    db::pool& db_;
    reservation_repository& repository_;
    events::catalog& catalog_;
    auth::directory& directory_;
    order_mailer& mailer_;
    options opts_;
    std::mutex touched_mutex_;
    std::set<std::int64_t> touched_;
};

}  // namespace proeventa::reservations
