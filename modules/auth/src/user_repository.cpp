#include "user_repository.hpp"

#include <proeventa/db/errors.hpp>

namespace proeventa::auth {
namespace {

#define PROEVENTA_AUTH_USER_COLUMNS "id, email, full_name, role, created_at, password_hash, token_generation"

inline constexpr db::query find_by_id_q{
    "auth.find_user_by_id",
    "SELECT " PROEVENTA_AUTH_USER_COLUMNS " FROM users WHERE id = $1"};
inline constexpr db::query find_by_email_q{
    "auth.find_user_by_email",
    "SELECT " PROEVENTA_AUTH_USER_COLUMNS " FROM users WHERE lower(email) = lower($1)"};
inline constexpr db::query access_of_q{"auth.access_of", "SELECT role, token_generation FROM users WHERE id = $1"};
inline constexpr db::query summaries_q{
    "auth.user_summaries", "SELECT id, email, full_name FROM users WHERE id = ANY($1::bigint[])"};
inline constexpr db::query create_q{
    "auth.create_user",
    "INSERT INTO users (email, password_hash, full_name, role) VALUES ($1, $2, $3, $4) "
    "RETURNING " PROEVENTA_AUTH_USER_COLUMNS};
inline constexpr db::query update_profile_q{
    "auth.update_profile",
    "UPDATE users SET full_name = COALESCE($2, full_name), "
    "password_hash = COALESCE($3, password_hash), "
    "token_generation = token_generation + CASE WHEN $3::text IS NULL THEN 0 ELSE 1 END, "
    "updated_at = now() WHERE id = $1 "
    "RETURNING " PROEVENTA_AUTH_USER_COLUMNS};
// updated_at stays: an upgrade of the hash is not a change the user made.
inline constexpr db::query upgrade_hash_q{
    "auth.upgrade_password_hash",
    "UPDATE users SET password_hash = $3 WHERE id = $1 AND password_hash = $2"};
inline constexpr db::query set_role_q{
    "auth.set_role",
    "UPDATE users SET role = $2, updated_at = now() WHERE id = $1 "
    "RETURNING " PROEVENTA_AUTH_USER_COLUMNS};
inline constexpr db::query set_role_by_email_q{
    "auth.set_role_by_email",
    "UPDATE users SET role = $2, updated_at = now() WHERE lower(email) = lower($1) "
    "RETURNING " PROEVENTA_AUTH_USER_COLUMNS};
// One round trip for the page and its total; the LEFT JOIN keeps the total when the page is
// past the end. `$1` is a LIKE pattern already escaped by the caller.
inline constexpr db::query list_q{
    "auth.list_users",
    "SELECT u.id, u.email, u.full_name, u.role, u.created_at, u.password_hash, u.token_generation, c.total "
    "FROM (SELECT count(*) AS total FROM users "
    "      WHERE $1::text IS NULL OR email ILIKE $1 OR full_name ILIKE $1) c "
    "LEFT JOIN LATERAL (SELECT " PROEVENTA_AUTH_USER_COLUMNS " FROM users "
    "      WHERE $1::text IS NULL OR email ILIKE $1 OR full_name ILIKE $1 "
    "      ORDER BY id LIMIT $2 OFFSET $3) u ON true "
    "ORDER BY u.id"};

#undef PROEVENTA_AUTH_USER_COLUMNS

user_record read_user(const db::row& row) {
    user_record u;
    u.id = row.int64(0);
    u.email = row.string(1);
    u.full_name = row.string(2);
    u.role = row.string(3);
    u.created_at = row.timestamp(4);
    u.password_hash = row.string(5);
    u.token_generation = row.int64(6);
    return u;
}

std::optional<user_record> first_user(const db::result& res) {
    if (res.empty()) return std::nullopt;
    return read_user(res[0]);
}

std::string like_pattern(const std::string& search) {
    std::string out = "%";
    for (char c : search) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    out += '%';
    return out;
}

}  // namespace

json::object to_json(const user_record& user) {
    return json::object{
        {"id", user.id},
        {"email", user.email},
        {"full_name", user.full_name},
        {"role", user.role},
        {"created_at", user.created_at},
    };
}

awaitable<std::optional<user_record>> user_repository::find_by_id(std::int64_t id) {
    co_return first_user(co_await db_.exec(find_by_id_q, db::params(id)));
}

awaitable<std::optional<user_record>> user_repository::find_by_email(const std::string& email) {
    co_return first_user(co_await db_.exec(find_by_email_q, db::params(email)));
}

awaitable<std::optional<account_access>> user_repository::access_of(std::int64_t id) {
    auto res = co_await db_.exec(access_of_q, db::params(id));
    if (res.empty()) co_return std::nullopt;
    co_return account_access{res[0].string(0), res[0].int64(1)};
}

awaitable<std::vector<user_summary>> user_repository::summaries(const std::vector<std::int64_t>& ids) {
    auto res = co_await db_.exec(summaries_q, db::params(ids));
    std::vector<user_summary> out;
    out.reserve(res.size());
    for (auto row : res) out.push_back({row.int64(0), row.string(1), row.string(2)});
    co_return out;
}

awaitable<user_record> user_repository::create(const std::string& email,
                                               const std::string& password_hash,
                                               const std::string& full_name,
                                               const std::string& role) {
    try {
        auto res = co_await db_.exec(create_q, db::params(email, password_hash, full_name, role));
        co_return read_user(res[0]);
    } catch (const db::query_error& e) {
        if (e.is_unique_violation()) throw email_taken();
        throw;
    }
}

awaitable<std::optional<user_record>> user_repository::update_profile(
    std::int64_t id, const std::optional<std::string>& full_name,
    const std::optional<std::string>& password_hash) {
    co_return first_user(
        co_await db_.exec(update_profile_q, db::params(id, full_name, password_hash)));
}

awaitable<bool> user_repository::upgrade_password_hash(std::int64_t id, const std::string& old_hash,
                                                       const std::string& new_hash) {
    auto res = co_await db_.exec(upgrade_hash_q, db::params(id, old_hash, new_hash));
    co_return res.affected_rows() == 1;
}

awaitable<std::optional<user_record>> user_repository::set_role(std::int64_t id, const std::string& role) {
    co_return first_user(co_await db_.exec(set_role_q, db::params(id, role)));
}

awaitable<std::optional<user_record>> user_repository::set_role_by_email(const std::string& email,
                                                                         const std::string& role) {
    co_return first_user(co_await db_.exec(set_role_by_email_q, db::params(email, role)));
}

awaitable<user_page> user_repository::list(const std::optional<std::string>& search,
                                           std::int64_t limit, std::int64_t offset) {
    std::optional<std::string> pattern;
    if (search && !search->empty()) pattern = like_pattern(*search);
    auto res = co_await db_.exec(list_q, db::params(pattern, limit, offset));
    user_page page;
    for (auto row : res) {
        page.total = row.int64(7);
        if (!row.is_null(0)) page.users.push_back(read_user(row));
    }
    co_return page;
}

}  // namespace proeventa::auth
