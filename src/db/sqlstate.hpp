#pragma once
// The few SQLSTATEs the db layer itself acts on (the HTTP layer maps the rest).
#include <string_view>

namespace proeventa::db::sqlstate {

inline constexpr const char* duplicate_prepared_statement = "42P05";
inline constexpr const char* transaction_rollback = "40000";
inline constexpr const char* duplicate_database = "42P04";

/// Errors after which the session is gone or about to be: class 08 (connection exception) and
/// the server shutting down or not yet accepting (57P01..57P03). They surface as `unavailable`
/// rather than as a query's fault.
constexpr bool means_connection_lost(std::string_view state) {
    return state.starts_with("08") || state == "57P01" || state == "57P02" || state == "57P03";
}

}  // namespace proeventa::db::sqlstate
