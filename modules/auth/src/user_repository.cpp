#include "user_repository.hpp"

#include "sql.hpp"

#include <proeventa/db/errors.hpp>
#include <proeventa/db/record.hpp>

namespace proeventa::auth {
namespace {

/// `search` as a LIKE pattern matching it anywhere, its own % _ and \ taken literally.
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

awaitable<std::optional<user_record>> user_repository::find_by_id(std::int64_t id) {
    co_return db::first_record<user_record>(co_await db_.exec(sql::find_user_by_id, db::params(id)));
}

awaitable<std::optional<user_record>> user_repository::find_by_email(const std::string& email) {
    co_return db::first_record<user_record>(co_await db_.exec(sql::find_user_by_email, db::params(email)));
}

awaitable<std::optional<account_access>> user_repository::access_of(std::int64_t id) {
    co_return db::first_record<account_access>(co_await db_.exec(sql::access_of, db::params(id)));
}

awaitable<std::vector<user_summary>> user_repository::summaries(const std::vector<std::int64_t>& ids) {
    co_return db::records<user_summary>(co_await db_.exec(sql::user_summaries, db::params(ids)));
}

awaitable<std::optional<user_record>> user_repository::create(const std::string& email,
                                                              const std::string& password_hash,
                                                              const std::string& full_name,
                                                              const std::string& role) {
    std::optional<db::result> res;
    try {
        res = co_await db_.exec(sql::create_user, db::params(email, password_hash, full_name, role));
    } catch (const db::query_error& e) {
        if (!e.is_unique_violation()) throw;
    }
    if (!res) co_return std::nullopt;
    co_return db::first_record<user_record>(*res);
}

awaitable<std::optional<user_record>> user_repository::update_profile(
    std::int64_t id, const std::optional<std::string>& full_name,
    const std::optional<std::string>& password_hash) {
    co_return db::first_record<user_record>(
        co_await db_.exec(sql::update_profile, db::params(id, full_name, password_hash)));
}

awaitable<bool> user_repository::upgrade_password_hash(std::int64_t id, const std::string& old_hash,
                                                       const std::string& new_hash) {
    auto res = co_await db_.exec(sql::upgrade_password_hash, db::params(id, old_hash, new_hash));
    co_return res.affected_rows() == 1;
}

awaitable<std::optional<user_record>> user_repository::set_role(std::int64_t id, const std::string& role) {
    co_return db::first_record<user_record>(co_await db_.exec(sql::set_role, db::params(id, role)));
}

awaitable<std::optional<user_record>> user_repository::set_role_by_email(const std::string& email,
                                                                         const std::string& role) {
    co_return db::first_record<user_record>(
        co_await db_.exec(sql::set_role_by_email, db::params(email, role)));
}

awaitable<user_page> user_repository::list(const std::optional<std::string>& search,
                                           std::int64_t limit, std::int64_t offset) {
    std::optional<std::string> pattern;
    if (search && !search->empty()) pattern = like_pattern(*search);
    const auto res = co_await db_.exec(sql::list_users, db::params(pattern, limit, offset));
    const db::record_reader<user_list_row> read_row(res);
    const db::record_reader<user_record> read_user(res);
    user_page page;
    for (auto row : res) {
        const auto listed = read_row(row);
        page.total = listed.total;
        if (listed.id) page.users.push_back(read_user(row));
    }
    co_return page;
}

}  // namespace proeventa::auth
