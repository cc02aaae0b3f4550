#pragma once
// Tickets and the door: each event's key pair (made on first use, kept in the database, see
// migrations/0010_tickets.sql), the signed code of a confirmed reservation, its QR code, and
// check-ins that let a ticket in once.
#include "records.hpp"
#include "scan_limiter.hpp"
#include "ticket_codes.hpp"
#include "ticket_repository.hpp"

#include <proeventa/auth/auth.hpp>
#include <proeventa/events/events.hpp>
#include <proeventa/reservations/reservations.hpp>

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace proeventa::reservations {

struct issued_ticket {
    ticket_record ticket;
    std::string code;
    std::string holder_name;  // empty once the account is gone
};

struct event_ticket_key {
    std::int64_t event_id = 0;
    std::array<unsigned char, 32> public_key{};
};

struct checkin_result {
    ticket_record ticket;
    std::string checked_in_at;
    std::string holder_name;
};

struct checkin_summary {
    std::int64_t event_id = 0;
    std::vector<category_count> categories;
};

class ticket_service {
public:
    ticket_service(ticket_repository& repository, events::catalog& catalog, auth::directory& directory,
                   const options& opts);

    /// The event's public key, for its organizer or an admin.
    awaitable<event_ticket_key> ticket_key(const principal& who, std::int64_t event_id);
    /// The ticket of a confirmed reservation, for its holder, the event's organizer or an admin.
    awaitable<issued_ticket> ticket(const principal& who, std::int64_t reservation_id);
    /// A new version of the ticket (the old code stops working); same people as ticket().
    awaitable<issued_ticket> reissue(const principal& who, std::int64_t reservation_id);
    /// Lets the ticket in once: unknown_ticket, ticket_cancelled or already_checked_in otherwise.
    awaitable<checkin_result> check_in(const principal& who, std::int64_t event_id, const std::string& code);
    awaitable<checkin_summary> summary(const principal& who, std::int64_t event_id);

private:
    /// The event's keys, made and stored on first use; cached, as they never change.
    awaitable<ticket_keys> keys_for(std::int64_t event_id);
    /// The keys if the event has any (no keys: no ticket was ever issued).
    awaitable<std::optional<ticket_keys>> existing_keys(std::int64_t event_id);
    /// not_found for a missing event or someone else's draft, forbidden for anyone else who
    /// does not manage it.
    awaitable<void> require_manager(const principal& who, std::int64_t event_id);
    /// The ticket if `who` may see it (else not_found) and it is confirmed (else no_ticket).
    awaitable<ticket_record> visible_ticket(const principal& who, std::int64_t reservation_id);
    awaitable<std::string> name_of(std::int64_t user_id);
    awaitable<issued_ticket> issue(ticket_record ticket);

    ticket_repository& repository_;
    events::catalog& catalog_;
    auth::directory& directory_;
    scan_limiter limiter_;
    std::mutex keys_mutex_;
    std::unordered_map<std::int64_t, ticket_keys> keys_;
};

}  // namespace proeventa::reservations
