#pragma once
// The users table: runs the module's statements on it (modules/auth/sql/) and returns records.
#include "records.hpp"

#include <proeventa/db/pool.hpp>
#include <proeventa/net.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace proeventa::auth {

struct user_page {
    std::vector<user_record> users;
    std::int64_t total = 0;
};

class user_repository {
public:
    explicit user_repository(db::pool& db) : db_(db) {}

    awaitable<std::optional<user_record>> find_by_id(std::int64_t id);
    /// `email` normalised (see normalize_email); the match ignores letter case.
    awaitable<std::optional<user_record>> find_by_email(const std::string& email);
    /// Role and token generation, for authenticating a request with one primary-key lookup.
    awaitable<std::optional<account_access>> access_of(std::int64_t id);
    /// Id, email and name of the accounts among `ids` that exist.
    awaitable<std::vector<user_summary>> summaries(const std::vector<std::int64_t>& ids);

    /// The new account; nullopt when the email is registered already (in any letter case).
    awaitable<std::optional<user_record>> create(const std::string& email, const std::string& password_hash,
                                                 const std::string& full_name, const std::string& role);
    /// Changes whichever of the two is given; a new password hash also moves the token
    /// generation on. nullopt when the user is gone.
    awaitable<std::optional<user_record>> update_profile(std::int64_t id,
                                                         const std::optional<std::string>& full_name,
                                                         const std::optional<std::string>& password_hash);
    /// Replaces the hash only if it is still `old_hash`, so an upgrade on login never undoes a
    /// password change that landed meanwhile. True when it replaced it.
    awaitable<bool> upgrade_password_hash(std::int64_t id, const std::string& old_hash,
                                          const std::string& new_hash);
    awaitable<std::optional<user_record>> set_role(std::int64_t id, const std::string& role);
    awaitable<std::optional<user_record>> set_role_by_email(const std::string& email, const std::string& role);

    /// Ordered by id; `search` matches a substring of the email or the full name, any case.
    awaitable<user_page> list(const std::optional<std::string>& search, std::int64_t limit,
                              std::int64_t offset);

private:
    db::pool& db_;
};

}  // namespace proeventa::auth
