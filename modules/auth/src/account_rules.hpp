#pragma once
// What makes an email, a password, a full name and a role acceptable. Pure, shared by the HTTP
// handlers and the `user` subcommand so both refuse the same things with the same words.
#include <optional>
#include <string>
#include <string_view>

namespace proeventa::auth {

inline constexpr std::size_t min_password_bytes = 8;
inline constexpr std::size_t max_password_bytes = 1024;
inline constexpr std::size_t max_email_bytes = 254;  // RFC 5321's path limit, minus brackets
inline constexpr std::size_t max_full_name_chars = 200;

/// Trimmed and ASCII-lower-cased: the form stored, compared and throttled on.
std::string normalize_email(std::string_view email);
/// Why a normalised email is unacceptable, or nullopt when it is fine.
std::optional<std::string> email_problem(std::string_view normalized);
/// Why a password is unacceptable (length in UTF-8 bytes), or nullopt.
std::optional<std::string> password_problem(std::string_view password);
/// Why a (trimmed) full name is unacceptable, or nullopt.
std::optional<std::string> full_name_problem(std::string_view full_name);

bool is_role(std::string_view role);
inline constexpr const char* role_list = "customer, organizer or admin";

}  // namespace proeventa::auth
