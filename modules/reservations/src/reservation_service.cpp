#include "reservation_service.hpp"

#include "booking_reference.hpp"
#include "errors.hpp"

#include <unordered_map>
#include <utility>

namespace proeventa::reservations {
namespace {

constexpr int max_attempts = 3;

/// The write found the event no longer on sale (cancelled, unpublished, sales closed) after the
/// plan had found it on sale: the database's word, which wins over the plan's.
failure sale_closed() {
    return failure(errc::sale_closed, "the event stopped being on sale; please reload it");
}

failure reservation_not_found() { return failure(errc::not_found, "reservation not found"); }

}  // namespace

reservation_service::reservation_service(db::pool& db, reservation_repository& repository,
                                         events::catalog& catalog, auth::directory& directory,
                                         order_mailer& mailer, options opts)
    : db_(db), repository_(repository), catalog_(catalog), directory_(directory), mailer_(mailer), opts_(opts) {}

void reservation_service::touch(std::int64_t event_id) {
    std::lock_guard lock(touched_mutex_);
    touched_.insert(event_id);
}

std::set<std::int64_t> reservation_service::take_touched_events() {
    std::lock_guard lock(touched_mutex_);
    return std::exchange(touched_, {});
}

awaitable<reserve_result> reservation_service::reserve(const principal& who, const reserve_request& req,
                                                       std::optional<idempotency_key> key) {
    // Everything the catalog and the directory have to say is asked before a connection is
    // taken: holding one while they wait for another would let a burst of requests starve the pool.
    const auto plan = co_await plan_sale(catalog_, who, req);
    std::optional<auth::user_summary> buyer;
    if (!req.hold) buyer = co_await mailer_.buyer_of(who.user_id);  // confirmed at once: the mail goes out now
    const reservation_order order{plan.event.id,       who.user_id,     req.hold,
                                  static_cast<std::int64_t>(opts_.hold_ttl.count()),
                                  plan.event.currency, plan.event.name, plan.event.start_time, {}};
    try {
        reserve_result made;
        if (key) made = co_await reserve_with_key(who, plan, req, order, *key, buyer);
        else made.reservations = co_await reserve_now(plan, req, order, buyer);
        // This instance drops its cached seat map and page of the event now; others hear of the
        // change by NOTIFY from the same commit.
        catalog_.availability_changed(plan.event.id);
        co_return made;
    } catch (const failure& f) {
        if (f.code() != errc::sale_closed) throw;
    }
    // The sale changed between the plan and the write: ask again to say why. The write took
    // nothing, so this answer is as true as any.
    co_await plan_sale(catalog_, who, req);
    throw sale_closed();
}

awaitable<std::vector<reservation_record>> reservation_service::write_order(
    db::transaction& tx, const sale_plan& plan, const reserve_request& req, reservation_order order,
    const std::optional<auth::user_summary>& buyer) {
    for (int draw = 1;; ++draw) {
        order.reference = new_booking_reference();
        if (co_await order_repository::create(tx.conn(), order.reference, order.user_id, order.event_id,
                                              order.currency))
            break;
        // 25^8 references: a repeat is rare, five in a row means something else is wrong.
        if (draw >= 5) throw std::runtime_error("no free booking reference after five draws");
    }
    std::vector<reservation_record> made;
    if (plan.event.seated) {
        made = co_await repository_.insert_seats(tx.conn(), order, plan.seats);
        // Every requested seat or none: none means the event's sale closed.
        if (made.empty()) throw sale_closed();
    } else {
        made.push_back(co_await reserve_places(tx.conn(), plan, order, req.quantity));
    }
    if (!order.hold) co_await mailer_.queue(tx, order_mail_kind::confirmed, made, buyer);
    co_return made;
}

awaitable<std::vector<reservation_record>> reservation_service::reserve_now(
    const sale_plan& plan, const reserve_request& req, const reservation_order& order,
    const std::optional<auth::user_summary>& buyer) {
    // The order, its positions and the mail commit together. A seat someone else took fails the
    // transaction; then the seats taken are asked for, and if their holder let go in between,
    // the order is tried again.
    auto body = [&](db::transaction& tx) { return write_order(tx, plan, req, order, buyer); };
    for (int attempt = 1;; ++attempt) {
        std::optional<db::query_error> clash;
        try {
            auto made = co_await db_.in_transaction(body);
            touch(order.event_id);
            co_return made;
        } catch (const db::query_error& e) {
            if (!e.is_unique_violation() && !e.is_retryable()) throw;
            clash = e;
        }
        if (clash->is_unique_violation()) {
            auto taken = co_await repository_.seats_taken(order.event_id, req.seat_ids);
            // Empty: whoever held the seat let go in between; try again.
            if (!taken.empty() || attempt >= max_attempts) throw seats_taken(std::move(taken));
        } else if (attempt >= max_attempts) {
            throw db::unavailable("reservation kept deadlocking");
        }
    }
}

awaitable<reserve_result> reservation_service::reserve_with_key(const principal& who, const sale_plan& plan,
                                                                const reserve_request& req,
                                                                const reservation_order& order,
                                                                const idempotency_key& key,
                                                                const std::optional<auth::user_summary>& buyer) {
    // The key is claimed in the same transaction as the order: a concurrent duplicate blocks on
    // the key until this one commits (and then replays it) or rolls back (and then goes ahead
    // itself). Only successes are remembered; a failed attempt leaves no trace, so retrying it
    // is safe.
    const auto fingerprint = req.fingerprint();
    auto attempt = [&](db::transaction& tx) -> awaitable<std::optional<std::vector<reservation_record>>> {
        if (!co_await repository_.claim_key(tx.conn(), who.user_id, key.key, fingerprint)) co_return std::nullopt;
        auto reserved = co_await write_order(tx, plan, req, order, buyer);
        co_await repository_.store_answer(tx.conn(), who.user_id, key.key, key.answer(reserved));
        co_return reserved;
    };
    std::optional<std::vector<reservation_record>> made;
    bool seat_taken = false;
    try {
        made = co_await db_.in_transaction(attempt);
    } catch (const db::query_error& e) {
        if (!e.is_unique_violation() && !e.is_retryable()) throw;
        seat_taken = true;
    }
    if (seat_taken) {
        // Rolled back: now the seats someone else has can be asked for.
        auto taken = co_await repository_.seats_taken(plan.event.id, req.seat_ids);
        throw seats_taken(std::move(taken));
    }
    if (made) {
        touch(order.event_id);
        reserve_result result;
        result.reservations = std::move(*made);
        co_return result;
    }
    auto stored = co_await repository_.find_key(who.user_id, key.key);
    // Claimed by a request that then rolled back, and gone again before we could read it.
    if (!stored) throw failure(errc::idempotency_conflict, "please retry the request");
    if (stored->request_hash != fingerprint)
        throw failure(errc::idempotency_mismatch, "this Idempotency-Key was used with a different request");
    reserve_result replay;
    replay.replayed_answer = std::move(stored->answer);
    co_return replay;
}

awaitable<reservation_record> reservation_service::reserve_places(db::connection& conn, const sale_plan& plan,
                                                                  const reservation_order& order,
                                                                  std::int64_t quantity) {
    const auto& event = plan.event;
    auto made = co_await repository_.insert_places(conn, order, quantity, event.general_price_cents);
    if (!made) {
        // Either no counter exists yet for this event, or it is full: create it / give back
        // run-out holds, then try once more.
        const auto counter = co_await repository_.inventory(conn, event.id);
        if (!counter) co_await repository_.create_inventory(conn, event.id, event.capacity);
        else co_await repository_.release_expired_places(conn, event.id);
        made = co_await repository_.insert_places(conn, order, quantity, event.general_price_cents);
    }
    if (made) co_return std::move(*made);
    const bool open = co_await repository_.sale_open(conn, event.id);
    if (!open) throw sale_closed();
    const auto counter = co_await repository_.inventory(conn, event.id);
    throw sold_out(counter ? counter->capacity - counter->taken : 0);
}

awaitable<void> reservation_service::require_access(const principal& who, const reservation_record& r) {
    if (who.is_admin() || r.user_id == who.user_id) co_return;
    auto event = co_await catalog_.find_event(r.event_id);
    if (event && event->organizer_id == who.user_id) co_return;
    // Not forbidden: other people's reservations are not acknowledged to exist.
    throw reservation_not_found();
}

awaitable<reservation_record> reservation_service::find(const principal& who, std::int64_t id) {
    auto found = co_await repository_.find(id);
    if (!found) throw reservation_not_found();
    co_await require_access(who, *found);
    co_return std::move(*found);
}

awaitable<reservation_record> reservation_service::confirm(const principal& who, std::int64_t id) {
    const auto current = co_await repository_.find(id);
    // Only the holder (or an admin) confirms; to anyone else the reservation does not exist.
    if (!current || (current->user_id != who.user_id && !who.is_admin())) throw reservation_not_found();
    const auto buyer = co_await mailer_.buyer_of(current->user_id);
    const auto& reference = current->order_reference;
    // The order is locked first, so of several confirmations of one order's positions exactly one
    // sees the last hold go, and that one writes the confirmation mail, in its own transaction.
    auto body = [&](db::transaction& tx) -> awaitable<std::optional<reservation_record>> {
        if (reference) co_await order_repository::lock(tx, *reference);
        auto confirmed = co_await reservation_repository::confirm(tx.conn(), id);
        if (!confirmed || !reference) co_return confirmed;
        if (co_await order_repository::holds_left(tx, *reference) == 0) {
            const std::vector<std::string> refs{*reference};
            auto positions = co_await order_repository::positions(tx.conn(), refs);
            std::erase_if(positions, [](const reservation_record& p) { return p.status != "confirmed"; });
            co_await mailer_.queue(tx, order_mail_kind::confirmed, positions, buyer);
        }
        co_return confirmed;
    };
    auto confirmed = co_await db_.in_transaction(body);
    if (confirmed) {
        catalog_.availability_changed(confirmed->event_id);
        co_return std::move(*confirmed);
    }
    const auto now = co_await repository_.find(id);
    if (!now) throw reservation_not_found();
    if (now->status == "expired") throw failure(errc::hold_expired, "the hold on this reservation has expired");
    throw failure(errc::not_held, "only a held reservation can be confirmed; this one is " + now->status);
}

awaitable<reservation_record> reservation_service::cancel(const principal& who, std::int64_t id) {
    const auto current = co_await repository_.find(id);
    if (!current) throw reservation_not_found();
    co_await require_access(who, *current);
    std::optional<auth::user_summary> buyer;
    if (current->status == "confirmed") buyer = co_await mailer_.buyer_of(current->user_id);
    // A bought ticket given back is worth a mail (a hold let go is not); it commits with the cancel.
    auto body = [&](db::transaction& tx) -> awaitable<std::optional<reservation_record>> {
        auto cancelled = co_await reservation_repository::cancel(tx.conn(), id);
        if (cancelled && buyer) {
            const std::vector<reservation_record> gone{*cancelled};
            co_await mailer_.queue(tx, order_mail_kind::cancelled, gone, buyer);
        }
        co_return cancelled;
    };
    auto cancelled = co_await db_.in_transaction(body);
    if (!cancelled) throw failure(errc::already_cancelled, "this reservation is already " + current->status);
    touch(cancelled->event_id);
    catalog_.availability_changed(cancelled->event_id);
    co_return std::move(*cancelled);
}

awaitable<reservation_page> reservation_service::list_for_user(std::int64_t user_id,
                                                               std::optional<std::string> status,
                                                               std::int64_t limit, std::int64_t offset) {
    co_return co_await repository_.list_by_user(user_id, status, limit, offset);
}

awaitable<event_reservation_page> reservation_service::list_for_event(const principal& who, std::int64_t event_id,
                                                                      std::optional<std::string> status,
                                                                      std::int64_t limit, std::int64_t offset) {
    auto event = co_await catalog_.find_event(event_id);
    if (!event || (event->status == "draft" && !manages(who, *event)))
        throw failure(errc::not_found, "event not found");
    if (!manages(who, *event))
        throw failure(errc::forbidden, "only the event's organizer or an admin can list its reservations");
    auto page = co_await repository_.list_by_event(event_id, status, limit, offset);

    std::vector<std::int64_t> user_ids;
    for (const auto& r : page.items) user_ids.push_back(r.user_id);
    const auto customers = co_await directory_.find_users(std::move(user_ids));
    std::unordered_map<std::int64_t, const auth::user_summary*> by_id;
    for (const auto& c : customers) by_id.emplace(c.id, &c);

    event_reservation_page out;
    out.total = page.total;
    out.items.reserve(page.items.size());
    for (auto& r : page.items) {
        const auto it = by_id.find(r.user_id);
        std::optional<auth::user_summary> customer;
        if (it != by_id.end()) customer = *it->second;
        out.items.push_back({std::move(r), std::move(customer)});
    }
    co_return out;
}

}  // namespace proeventa::reservations
