#pragma once
// The events module's expected failures, as its services report them: a code to branch on, a
// message for people and, for input problems, the fields concerned. errors.cpp turns them into
// HTTP answers, in that one place.
#include <proeventa/http/api_error.hpp>

#include <exception>
#include <string>
#include <vector>

namespace proeventa::events {

enum class errc {
    invalid_input,            // details name the fields
    event_not_found,          // also a draft the asker may not see
    venue_not_found,
    not_allowed,              // signed in, but neither the owner nor an admin
    event_cancelled,          // a cancelled event cannot be changed
    already_cancelled,
    has_reservations,         // the change would strand places already reserved
    capacity_below_reserved,
    too_many_streams,         // this instance watches as many live seat maps as it may
};

/// A field (as the client named it: `prices[1].category`) and what is wrong with it.
struct field_problem {
    std::string field;
    std::string message;
};
using field_problems = std::vector<field_problem>;

class failure : public std::exception {
public:
    failure(errc code, std::string message, field_problems details = {})
        : code_(code), message_(std::move(message)), details_(std::move(details)) {}

    errc code() const noexcept { return code_; }
    const char* what() const noexcept override { return message_.c_str(); }
    const std::string& message() const noexcept { return message_; }
    const field_problems& details() const noexcept { return details_; }

private:
    errc code_;
    std::string message_;
    field_problems details_;
};

/// invalid_input naming every field of `problems` (which must not be empty).
failure invalid_input(field_problems problems);

/// The HTTP answer for `f`: status, stable code, message and details.
api_error to_api_error(const failure& f);

}  // namespace proeventa::events
