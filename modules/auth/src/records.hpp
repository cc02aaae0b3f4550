#pragma once
// Rows of the auth module's statements (modules/auth/sql/), each filled by column name: a
// statement selects columns named like the members of the record it is read as.
#include <proeventa/auth/auth.hpp>

#include <boost/describe/class.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace proeventa::auth {

/// A users row; never sent as it is (to_json leaves the hash out).
struct user_record {
    std::int64_t id = 0;
    std::string email;
    std::string full_name;
    std::string role;
    std::string created_at;  // RFC 3339
    std::string password_hash;
    std::int64_t token_generation = 0;  // see migrations/0004_auth_token_generation.sql
};
BOOST_DESCRIBE_STRUCT(user_record, (), (id, email, full_name, role, created_at, password_hash,
                                        token_generation))

/// What authenticating a request needs to know about its account.
struct account_access {
    std::string role;
    std::int64_t token_generation = 0;
    bool deleted = false;
};
BOOST_DESCRIBE_STRUCT(account_access, (), (role, token_generation, deleted))

// The public summary (auth.hpp) is read straight from user_summaries.sql.
BOOST_DESCRIBE_STRUCT(user_summary, (), (id, email, full_name))

/// The part of a list_users.sql row that is there even past the last page; the user's own
/// columns (read as user_record) are NULL then.
struct user_list_row {
    std::int64_t total = 0;
    std::optional<std::int64_t> id;
};
BOOST_DESCRIBE_STRUCT(user_list_row, (), (total, id))

/// throttle_check_and_record.sql: how long the keys stay blocked (nullopt: not blocked, and the
/// attempt was recorded), and the rows recorded for the first and second key.
struct attempt_check {
    std::optional<std::int64_t> wait_seconds;
    std::optional<std::int64_t> first_key_row;
    std::optional<std::int64_t> second_key_row;
};
BOOST_DESCRIBE_STRUCT(attempt_check, (), (wait_seconds, first_key_row, second_key_row))

}  // namespace proeventa::auth
