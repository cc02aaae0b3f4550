#pragma once
// What a new password must be (sign-up, password change, `user add`, demo accounts). Pure, so
// every way of setting a password refuses the same ones with the same words. Checking a
// password at login applies none of this: accounts made under older rules must still sign in.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace proeventa::auth {

// Counted in Unicode code points, as a person counts characters: "😀😀" is 2, not 8.
inline constexpr std::size_t min_password_chars = 8;
inline constexpr std::size_t max_password_chars = 128;

/// Code points in `text`, or nullopt when it is not valid UTF-8 (overlong forms, surrogates
/// and values past U+10FFFF included).
std::optional<std::size_t> utf8_code_points(std::string_view text);

/// Why `password` may not be set for the account with (normalised) `email`, naming the rule;
/// nullopt when it is acceptable.
std::optional<std::string> password_problem(std::string_view password, std::string_view email);

}  // namespace proeventa::auth
