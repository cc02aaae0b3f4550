#include "ticket_service.hpp"

#include "errors.hpp"
#include "sale_rules.hpp"

#include <boost/json/object.hpp>

namespace proeventa::reservations {
namespace {

failure unknown_ticket(std::string why) { return failure(errc::unknown_ticket, std::move(why)); }

}  // namespace

ticket_service::ticket_service(ticket_repository& repository, events::catalog& catalog,
                               auth::directory& directory, const options& opts)
    : repository_(repository), catalog_(catalog), directory_(directory), limiter_(opts.checkins_per_minute) {}

awaitable<std::optional<ticket_keys>> ticket_service::existing_keys(std::int64_t event_id) {
    {
        std::lock_guard lock(keys_mutex_);
        if (auto it = keys_.find(event_id); it != keys_.end()) co_return it->second;
    }
    const auto row = co_await repository_.find_key(event_id);
    if (!row) co_return std::nullopt;
    const auto pub = key_from_hex(row->public_key);
    const auto priv = key_from_hex(row->private_key);
    if (!pub || !priv) throw std::runtime_error("malformed ticket key of event " + std::to_string(event_id));
    ticket_keys keys{*pub, *priv};
    std::lock_guard lock(keys_mutex_);
    keys_.emplace(event_id, keys);
    co_return keys;
}

awaitable<ticket_keys> ticket_service::keys_for(std::int64_t event_id) {
    if (auto keys = co_await existing_keys(event_id)) co_return *keys;
    // Two instances may both get here for a new event: both insert, the first one's pair stays,
    // and both read it back.
    const auto fresh = generate_ticket_keys();
    co_await repository_.insert_key(event_id, to_hex(fresh.public_key), to_hex(fresh.private_key));
    auto stored = co_await existing_keys(event_id);
    if (!stored) throw std::runtime_error("ticket key of event " + std::to_string(event_id) + " vanished");
    co_return *stored;
}

awaitable<void> ticket_service::require_manager(const principal& who, std::int64_t event_id) {
    const auto event = co_await catalog_.find_event(event_id);
    if (!event || (event->status == "draft" && !manages(who, *event)))
        throw failure(errc::not_found, "event not found");
    if (!manages(who, *event))
        throw failure(errc::forbidden, "only the event's organizer or an admin can do this");
}

awaitable<ticket_record> ticket_service::visible_ticket(const principal& who, std::int64_t reservation_id) {
    auto found = co_await repository_.find_ticket(reservation_id);
    if (!found) throw failure(errc::not_found, "reservation not found");
    if (!who.is_admin() && found->user_id != who.user_id) {
        const auto event = co_await catalog_.find_event(found->event_id);
        // Not forbidden: other people's reservations are not acknowledged to exist.
        if (!event || event->organizer_id != who.user_id)
            throw failure(errc::not_found, "reservation not found");
    }
    if (found->status != "confirmed")
        throw failure(errc::no_ticket,
                      "only a confirmed reservation has a ticket; this one is " + found->status);
    co_return std::move(*found);
}

awaitable<std::string> ticket_service::name_of(std::int64_t user_id) {
    std::vector<std::int64_t> ids{user_id};
    const auto found = co_await directory_.find_users(std::move(ids));
    co_return found.empty() ? std::string() : found.front().full_name;
}

awaitable<issued_ticket> ticket_service::issue(ticket_record ticket) {
    const auto keys = co_await keys_for(ticket.event_id);
    issued_ticket out;
    out.code = sign_ticket({ticket.event_id, ticket.id, ticket.ticket_version}, keys.private_key);
    out.holder_name = co_await name_of(ticket.user_id);
    out.ticket = std::move(ticket);
    co_return out;
}

awaitable<event_ticket_key> ticket_service::ticket_key(const principal& who, std::int64_t event_id) {
    co_await require_manager(who, event_id);
    const auto keys = co_await keys_for(event_id);
    co_return event_ticket_key{event_id, keys.public_key};
}

awaitable<issued_ticket> ticket_service::ticket(const principal& who, std::int64_t reservation_id) {
    auto found = co_await visible_ticket(who, reservation_id);
    co_return co_await issue(std::move(found));
}

awaitable<issued_ticket> ticket_service::reissue(const principal& who, std::int64_t reservation_id) {
    auto found = co_await visible_ticket(who, reservation_id);
    const auto version = co_await repository_.reissue(reservation_id);
    if (!version) throw failure(errc::no_ticket, "this reservation is no longer confirmed");
    found.ticket_version = *version;
    co_return co_await issue(std::move(found));
}

awaitable<checkin_result> ticket_service::check_in(const principal& who, std::int64_t event_id,
                                                   const std::string& code) {
    co_await require_manager(who, event_id);
    if (auto wait = limiter_.admit(who.user_id, std::chrono::steady_clock::now()))
        throw failure(errc::rate_limited, "too many scans; slow down").with_retry_after(*wait);

    const auto claim = parse_ticket_code(code);
    if (!claim) throw unknown_ticket("this is not a ProEventa ticket code");
    if (claim->event_id != event_id) throw unknown_ticket("this ticket is not for this event");
    const auto keys = co_await existing_keys(event_id);
    if (!keys || !verify_ticket(code, keys->public_key))
        throw unknown_ticket("this ticket's signature is not valid");

    if (auto at =
            co_await repository_.check_in(claim->reservation_id, event_id, claim->version, who.user_id)) {
        auto ticket = co_await repository_.find_ticket(claim->reservation_id);
        if (!ticket) throw unknown_ticket("this ticket no longer exists");
        checkin_result out{std::move(*ticket), std::move(*at), {}};
        out.holder_name = co_await name_of(out.ticket.user_id);
        co_return out;
    }
    // Not let in: say why.
    const auto ticket = co_await repository_.find_ticket(claim->reservation_id);
    if (!ticket || ticket->event_id != event_id) throw unknown_ticket("this ticket does not exist");
    if (ticket->ticket_version != claim->version)
        throw unknown_ticket("this ticket was re-issued; the code shown is no longer valid");
    if (ticket->checked_in_at) {
        const auto by = ticket->checked_in_by.value_or(0);
        const auto by_name = co_await name_of(by);
        throw failure(errc::already_checked_in, "this ticket was checked in already")
            .with_details({{"checked_in_at", *ticket->checked_in_at},
                           {"checked_in_by", json::object{{"id", by}, {"full_name", by_name}}},
                           {"reservation_id", ticket->id},
                           {"seat_label",
                            ticket->seat_label ? json::value(*ticket->seat_label) : json::value(nullptr)}});
    }
    if (ticket->status == "cancelled") throw failure(errc::ticket_cancelled, "this ticket was cancelled");
    throw unknown_ticket("this reservation has no valid ticket (it is " + ticket->status + ")");
}

awaitable<checkin_summary> ticket_service::summary(const principal& who, std::int64_t event_id) {
    co_await require_manager(who, event_id);
    checkin_summary out;
    out.event_id = event_id;
    out.categories = co_await repository_.summary(event_id);
    co_return out;
}

}  // namespace proeventa::reservations
