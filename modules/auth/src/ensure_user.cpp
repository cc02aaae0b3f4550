// Idempotent account creation for demo data: run on every start with --demo, so it must leave
// an existing account (and whatever its owner changed) alone.
#include <proeventa/auth/auth.hpp>

#include "account_rules.hpp"
#include "hashing.hpp"
#include "password.hpp"
#include "password_policy.hpp"
#include "user_repository.hpp"

#include <stdexcept>

namespace proeventa::auth {

awaitable<std::int64_t> ensure_user(db::pool& db, net::thread_pool& hashing, std::string email,
                                    std::string password, std::string full_name, std::string role) {
    email = normalize_email(email);
    if (auto problem = email_problem(email)) throw std::invalid_argument(*problem);
    if (auto problem = password_problem(password, email)) throw std::invalid_argument(*problem);
    if (!is_role(role)) throw std::invalid_argument("role must be " + std::string(role_list));

    user_repository users(db);
    if (auto existing = co_await users.find_by_email(email)) co_return existing->id;
    auto hash_job = [password] { return hash_password(password); };
    const auto hash = co_await run_on(hashing, std::move(hash_job));
    if (auto created = co_await users.create(email, hash, full_name, role)) co_return created->id;
    // Another instance starting with --demo at the same moment won the insert.
    if (auto existing = co_await users.find_by_email(email)) co_return existing->id;
    throw std::runtime_error("could not create or find the user " + email);
}

}  // namespace proeventa::auth
