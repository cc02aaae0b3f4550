#pragma once
// Booking references: eight characters people can read over the phone, from an alphabet without
// look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B), drawn from OpenSSL's CSPRNG so that one order's
// reference says nothing about another's. 25^8 ≈ 1.5·10^11 references; the database's primary
// key catches the rare repeat and the caller draws again.
#include <optional>
#include <string>
#include <string_view>

namespace proeventa::reservations {

inline constexpr std::string_view reference_alphabet = "ACDEFGHJKMNPQRTUVWXY34679";
inline constexpr std::size_t reference_length = 8;

/// A fresh random reference.
std::string new_booking_reference();

/// The reference a person typed, upper-cased, if it can be one (length and alphabet);
/// nullopt otherwise, so a lookup never reaches the database with junk.
std::optional<std::string> parse_booking_reference(std::string_view typed);

}  // namespace proeventa::reservations
