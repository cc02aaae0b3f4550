#pragma once
// The reservations module's expected failures, as its services report them: a code to branch on,
// a message for people and what the client needs to act on it (the fields at fault, the seats
// someone else has, the places left). errors.cpp turns them into HTTP answers, in that one place.
#include <proeventa/http/api_error.hpp>

#include <cstdint>
#include <exception>
#include <string>
#include <vector>

namespace proeventa::reservations {

enum class errc {
    invalid_input,            // problems name the fields (seats of another venue, wrong form)
    not_found,                // also what the asker may not see: someone else's draft or reservation
    forbidden,                // signed in, but neither the event's organizer nor an admin
    not_on_sale,              // the catalog says the event is not on sale now
    sale_closed,              // the write found the sale closed after the catalog found it open
    event_cancelled,
    seat_taken,               // seat_ids: the requested seats someone holds or bought
    sold_out,                 // places_available: what is left (fewer than asked)
    hold_expired,
    not_held,                 // only a held reservation can be confirmed
    already_cancelled,
    idempotency_conflict,     // the key's first request vanished in between; retry
    idempotency_mismatch,     // the key was used before with a different request
    capacity_below_reserved,  // an events change would leave reserved places without room
    unknown_ticket,           // a code that does not verify, is stale, or belongs to another event
    ticket_cancelled,         // the code is genuine but its reservation was cancelled
    already_checked_in,       // details: when and by whom
    no_ticket,                // the reservation is not confirmed, so it has no ticket (yet)
    rate_limited,             // retry_after: seconds
};

/// A field of the request (as the client named it) and what is wrong with it.
struct field_problem {
    std::string field;
    std::string message;
};

class failure : public std::exception {
public:
    failure(errc code, std::string message, std::vector<field_problem> problems = {})
        : code_(code), message_(std::move(message)), problems_(std::move(problems)) {}

    errc code() const noexcept { return code_; }
    const char* what() const noexcept override { return message_.c_str(); }
    const std::string& message() const noexcept { return message_; }
    const std::vector<field_problem>& problems() const noexcept { return problems_; }
    /// seat_taken: which seats.
    const std::vector<std::int64_t>& seat_ids() const noexcept { return seat_ids_; }
    /// sold_out: how many places are left.
    std::int64_t places_available() const noexcept { return places_available_; }
    /// Anything else the client is told (already_checked_in: when and by whom).
    const json::object& details() const noexcept { return details_; }
    failure&& with_details(json::object details) && {
        details_ = std::move(details);
        return std::move(*this);
    }
    /// rate_limited: seconds until a retry may succeed.
    long retry_after() const noexcept { return retry_after_; }
    failure&& with_retry_after(long seconds) && {
        retry_after_ = seconds;
        return std::move(*this);
    }

    friend failure seats_taken(std::vector<std::int64_t> seat_ids);
    friend failure sold_out(std::int64_t places_available);

private:
    errc code_;
    std::string message_;
    std::vector<field_problem> problems_;
    std::vector<std::int64_t> seat_ids_;
    std::int64_t places_available_ = 0;
    json::object details_;
    long retry_after_ = 1;
};

/// seat_taken naming `seat_ids` (empty when the holder let go again before we could ask).
failure seats_taken(std::vector<std::int64_t> seat_ids);
/// sold_out with the places still free.
failure sold_out(std::int64_t places_available);
/// invalid_input: `seat_ids` names seats that are not part of the event's venue.
failure seats_elsewhere(const std::vector<std::int64_t>& seat_ids);

/// The HTTP answer for `f`: status, stable code, message and details.
api_error to_api_error(const failure& f);

}  // namespace proeventa::reservations
