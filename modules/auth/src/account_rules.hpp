#pragma once
// What makes an email, a full name and a role acceptable (passwords: password_policy.hpp).
// Pure, shared by the HTTP handlers and the `user` subcommand so both refuse the same things
// with the same words.
#include <optional>
#include <string>
#include <string_view>

namespace proeventa::auth {

/// The longest password a login reads: accounts from before the 128-character rule may have
/// one this long, and it still has to be checked against their hash.
inline constexpr std::size_t max_password_bytes = 1024;
inline constexpr std::size_t max_email_bytes = 254;  // RFC 5321's path limit, minus brackets
inline constexpr std::size_t max_full_name_chars = 200;

/// Trimmed and ASCII-lower-cased: the form stored, compared and throttled on.
std::string normalize_email(std::string_view email);
/// Why a normalised email is unacceptable, or nullopt when it is fine.
std::optional<std::string> email_problem(std::string_view normalized);
/// Why a (trimmed) full name is unacceptable, or nullopt.
std::optional<std::string> full_name_problem(std::string_view full_name);

bool is_role(std::string_view role);
inline constexpr const char* role_list = "customer, organizer or admin";

}  // namespace proeventa::auth
