#pragma once
// Database failures as typed exceptions. The HTTP layer maps them in one place:
// unavailable -> 503 `database_unavailable`; query_error by SQLSTATE class
// (22 data exception, 23502/23514 and 54 -> 400; 23505 and the rest of 23 -> 409; 57014
// timeout -> 503; anything else -> 500).
// Modules catch query_error themselves where a constraint means something to the client.
#include <stdexcept>
#include <string>

namespace proeventa::db {

/// PostgreSQL could not be reached, the pool is exhausted past its wait bound, a connection
/// broke mid-query, or a query passed its deadline. Retrying later may succeed.
class unavailable : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The server rejected a statement. `what()` is PostgreSQL's message: log it, never send it.
class query_error : public std::runtime_error {
public:
    query_error(std::string sqlstate, std::string message, std::string constraint = {})
        : std::runtime_error(std::move(message)),
          sqlstate_(std::move(sqlstate)),
          constraint_(std::move(constraint)) {}
    const std::string& sqlstate() const noexcept { return sqlstate_; }
    /// Name of the violated constraint, when the server reported one.
    const std::string& constraint() const noexcept { return constraint_; }
    bool is_unique_violation() const { return sqlstate_ == "23505"; }
    bool is_retryable() const { return sqlstate_ == "40001" || sqlstate_ == "40P01"; }

private:
    std::string sqlstate_;
    std::string constraint_;
};

}  // namespace proeventa::db
